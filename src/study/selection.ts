// Steps 3-5: robustness (ICC over repeated or perturbed segmentations), z-scoring with training
// parameters, the Spearman redundancy filter, and LASSO with k-fold CV giving the Rad-score.
import { icc, type IccForm } from '../stats/icc.js';
import { redundancyFilter, spearmanMatrix, type CorrelationMatrix, type RedundancyResult } from '../stats/correlation.js';
import { lassoCv, type LassoCvResult } from '../models/lasso-cv.js';
import type { StudyConfig } from './config.js';
import type { FeatureTable } from './extraction.js';

export interface IccAnalysis {
  /** e.g. Mask_retest, or "perturbation" (erosion/dilation/translation). */
  name: string;
  subjects: number;
  raters: number;
  values: Record<string, number>;
}

export interface RobustnessResult {
  form: IccForm;
  threshold: number;
  analyses: IccAnalysis[];
  /** Smallest ICC over the analyses, per feature. */
  minIcc: Record<string, number>;
  robust: string[];
  dropped: string[];
}

/**
 * ICC per feature for each analysis: subjects x raters tables with the main segmentation first and
 * each repeated segmentation as another rater. A feature is robust when every analysis gives ICC > threshold.
 */
export function robustness(features: string[], main: FeatureTable, repeats: { name: string; tables: FeatureTable[] }[], form: IccForm, threshold: number): RobustnessResult {
  const analyses: IccAnalysis[] = repeats.map(({ name, tables }) => {
    const subjects = [...tables[0].keys()].filter((id) => main.has(id) && tables.every((t) => t.has(id)));
    const values: Record<string, number> = {};
    for (const f of features) {
      const table = subjects.map((id) => [main.get(id)![f], ...tables.map((t) => t.get(id)![f])]);
      values[f] = table.every((r) => r.every(Number.isFinite)) && subjects.length >= 2 ? safeIcc(table, form) : NaN;
    }
    return { name, subjects: subjects.length, raters: tables.length + 1, values };
  });
  const minIcc: Record<string, number> = {};
  for (const f of features) minIcc[f] = Math.min(...analyses.map((a) => (Number.isNaN(a.values[f]) ? -Infinity : a.values[f])));
  const robust = features.filter((f) => minIcc[f] > threshold);
  return { form, threshold, analyses, minIcc, robust, dropped: features.filter((f) => !(minIcc[f] > threshold)) };
}

/** ICC of a table; a feature with no variance at all (every rater, every subject) has no ICC. */
function safeIcc(table: number[][], form: IccForm): number {
  try {
    return icc(table, form).icc;
  } catch {
    return NaN;
  }
}

/** Features that can be modelled on training rows: finite everywhere and not constant. */
export function usableFeatures(names: string[], columns: Record<string, number[]>, train: number[]): { usable: string[]; excluded: { feature: string; reason: string }[] } {
  const usable: string[] = [];
  const excluded: { feature: string; reason: string }[] = [];
  for (const f of names) {
    const col = columns[f];
    if (col.some((v) => !Number.isFinite(v))) excluded.push({ feature: f, reason: 'missing or non-finite values' });
    else if (train.every((i) => col[i] === col[train[0]])) excluded.push({ feature: f, reason: 'constant on training rows' });
    else usable.push(f);
  }
  return { usable, excluded };
}

export interface RedundancyOutput extends RedundancyResult {
  correlation: CorrelationMatrix;
}

/** Spearman |rho| redundancy filter on training rows (the recursive rule of stats-definitions.md). */
export function redundancyStep(features: string[], z: Record<string, Float64Array>, train: number[], threshold: number): RedundancyOutput {
  const cols = Object.fromEntries(features.map((f) => [f, train.map((i) => z[f][i])]));
  const correlation = spearmanMatrix(cols);
  return { ...redundancyFilter(correlation, threshold), correlation };
}

export interface RadscoreModel {
  cv: LassoCvResult;
  lambda: number;
  intercept: number;
  coefficients: Record<string, number>;
  selected: string[];
}

/** LASSO logistic regression with k-fold CV on z-scored training features (glmnet semantics). */
export function lassoStep(features: string[], z: Record<string, Float64Array>, y: number[], train: number[], cfg: StudyConfig, folds?: number[]): RadscoreModel {
  const X = train.map((i) => features.map((f) => z[f][i]));
  const cv = lassoCv(X, train.map((i) => y[i]), {
    family: 'binomial',
    names: features,
    standardize: false,
    nlambda: cfg.lasso.nlambda,
    thresh: cfg.lasso.thresh,
    maxit: 1e7,
    measure: 'deviance',
    ...(folds ? { foldid: train.map((i) => folds[i]) } : { nfolds: cfg.lasso.nfolds, seed: cfg.lasso.seed }),
  });
  const coef = cfg.lasso.lambda === 'min' ? cv.coefMin : cv.coef1se;
  const coefficients = Object.fromEntries(coef.selected.map((f) => [f, coef.coefficients[f]]));
  return { cv, lambda: coef.lambda, intercept: coef.intercept, coefficients, selected: coef.selected };
}

/** Rad-score (LASSO linear predictor) of every patient. */
export function radscores(model: RadscoreModel, z: Record<string, Float64Array>, n: number): number[] {
  return Array.from({ length: n }, (_, i) => model.selected.reduce((s, f) => s + model.coefficients[f] * z[f][i], model.intercept));
}
