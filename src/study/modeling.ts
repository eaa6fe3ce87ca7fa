// Step 7: gradient-boosted models (clinical, radiomics, combined) with k-fold CV on the training set
// choosing the number of trees, refitted on all training rows; and the nomogram, a logistic regression
// of the Rad-score and the selected clinical factors drawn as rms draws it.
import { crossValidateGbdt, stratifiedFolds } from '../models/gbdt-cv.js';
import { trainGbdt } from '../models/gbdt-boost.js';
import { saveLightgbmModel } from '../models/lightgbm-text.js';
import { logisticRegression, type LogisticFit } from '../models/logistic.js';
import { nomogram, type Nomogram } from '../models/nomogram.js';
import { predictEnsemble } from '../models/trees.js';
import type { StudyConfig } from './config.js';

export type Design = Record<string, number[]>;

export interface TreeModelResult {
  columns: string[];
  foldAuc: number[];
  meanAuc: number;
  iterations: number;
  lightgbm: string;
  /** Probability for every patient (training and test). */
  prob: number[];
}

const rowsOf = (design: Design, columns: string[], idx: number[]) => idx.map((i) => columns.map((c) => design[c][i]));

/** k-fold CV on training rows picks the iteration count (joint early stopping); then one refit on all of them. */
export function treeModel(columns: string[], design: Design, y: number[], train: number[], cfg: StudyConfig): TreeModelResult {
  const Xtrain = rowsOf(design, columns, train);
  const ytrain = train.map((i) => y[i]);
  const params = { objective: 'binary', seed: cfg.gbdt.seed, ...cfg.gbdt.params, verbosity: -1 };
  const foldid = stratifiedFolds(ytrain, cfg.gbdt.nfolds, cfg.gbdt.seed);
  const cv = crossValidateGbdt(Xtrain, ytrain, params, { foldid, featureNames: columns });
  const final = trainGbdt(Xtrain, ytrain, { ...params, num_iterations: cv.bestIteration, early_stopping_round: 0 }, { featureNames: columns });
  const all = rowsOf(design, columns, y.map((_, i) => i));
  const prob = Array.from(predictEnsemble(final.model, all));
  return { columns, foldAuc: cv.foldAuc, meanAuc: cv.meanAuc, iterations: cv.bestIteration, lightgbm: saveLightgbmModel(final.model), prob };
}

export interface NomogramResult {
  fit: LogisticFit;
  chart: Nomogram;
  columns: string[];
  prob: number[];
  firth: boolean;
}

/** Logistic nomogram; under complete separation the Firth-penalized fit is used (and reported). */
export function nomogramModel(columns: string[], design: Design, y: number[], train: number[]): NomogramResult {
  const X = rowsOf(design, columns, train);
  const ytrain = train.map((i) => y[i]);
  let fit: LogisticFit;
  let firth = false;
  try {
    fit = logisticRegression(X, ytrain, columns);
  } catch (err) {
    if (!/separat/i.test((err as Error).message)) throw err;
    fit = logisticRegression(X, ytrain, columns, { firth: true });
    firth = true;
  }
  // Binary columns (0/1 factors and level indicators) get just their two values on the nomogram.
  const axes = Object.fromEntries(columns.filter((c) => train.every((i) => design[c][i] === 0 || design[c][i] === 1)).map((c) => [c, [0, 1]]));
  // Risk ticks from 1% to 99%: near-separable models compress 10-90% into a few points.
  const chart = nomogram(fit, { maxScale: 100, axes, riskAt: [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] });
  const prob = y.map((_, i) => {
    const lp = columns.reduce((s, c) => s + fit.coefficients[c] * design[c][i], fit.intercept);
    return 1 / (1 + Math.exp(-lp));
  });
  return { fit, chart, columns, prob, firth };
}
