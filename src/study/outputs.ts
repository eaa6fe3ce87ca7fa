// The study's machine-readable outputs: metrics.json, model.json, predictions.csv, features.csv, table1.csv.
import { stringify } from 'csv-stringify/sync';
import { VERSION } from '../version.js';
import { MODEL_FORMAT, MODEL_NAMES, MODEL_VERSION, type StudyModelFile, type TreeModelName } from './model-file.js';
import type { StudyResult } from './run.js';

/** JSON with NaN/Infinity as null (JSON has neither). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

export function metricsJson(r: StudyResult): unknown {
  const models: Record<string, unknown> = {};
  for (const name of MODEL_NAMES) if (r.evaluation[name]) models[name] = r.evaluation[name]!.metrics;
  const chosen = r.lasso;
  return {
    engine: `radiomics-wasm ${VERSION}`,
    study: r.cfg.file,
    outcome: { column: r.cfg.data.outcome, positive: r.cfg.data.positive, negative: r.data.negative },
    patients: {
      train: { n: r.splits.train.length, positive: r.splits.train.filter((i) => r.data.y[i]).length },
      test: { n: r.splits.test.length, positive: r.splits.test.filter((i) => r.data.y[i]).length },
    },
    features: { extracted: r.featureNames.length, excluded: r.excluded, candidates_after_redundancy: r.candidates.length },
    models,
    lasso: {
      rule: r.cfg.lasso.lambda,
      lambda_min: chosen.cv.lambdaMin,
      lambda_1se: chosen.cv.lambda1se,
      lambda: chosen.lambda,
      intercept: chosen.intercept,
      coefficients: chosen.coefficients,
      cv: { measure: chosen.cv.measure, lambda: chosen.cv.lambda, cvm: chosen.cv.cvm, cvsd: chosen.cv.cvsd, nzero: chosen.cv.nzero },
    },
    icc: r.robustness
      ? { form: r.robustness.form, threshold: r.robustness.threshold, analyses: r.robustness.analyses.map((a) => ({ name: a.name, subjects: a.subjects, raters: a.raters })), values: r.robustness.minIcc, robust: r.robustness.robust, dropped: r.robustness.dropped }
      : null,
    redundancy: r.redundancy ? { threshold: r.cfg.redundancy.threshold, kept: r.redundancy.kept, dropped: r.redundancy.dropped } : null,
    clinical_factors: r.clinical.factors,
    trees: Object.fromEntries(Object.entries(r.trees).map(([k, t]) => [k, { columns: t.columns, cv_fold_auc: t.foldAuc, cv_mean_auc: t.meanAuc, iterations: t.iterations }])),
    nomogram: { intercept: r.nomogram.fit.intercept, coefficients: r.nomogram.fit.coefficients, terms: r.nomogram.fit.terms, firth: r.nomogram.firth },
    delong: r.delong,
    seconds: r.seconds,
  };
}

export function modelJson(r: StudyResult, opts: { title: string; simulated: boolean }): StudyModelFile {
  const zscore = Object.fromEntries(r.lasso.selected.map((f) => [f, { mean: r.zscore.mean[f], sd: r.zscore.sd[f] }]));
  const trees: StudyModelFile['trees'] = {};
  for (const name of ['clinical', 'radiomics', 'combined'] as TreeModelName[]) {
    const t = r.trees[name];
    if (t) trees[name] = { columns: t.columns, lightgbm: t.lightgbm };
  }
  const thresholds: StudyModelFile['thresholds'] = {};
  for (const name of MODEL_NAMES) if (r.evaluation[name]) thresholds[name] = r.evaluation[name]!.metrics.train.threshold;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    created: new Date().toISOString(),
    engine: `radiomics-wasm ${VERSION}`,
    title: opts.title,
    simulated: opts.simulated,
    outcome: { column: r.cfg.data.outcome, positive: r.cfg.data.positive, negative: r.data.negative },
    extraction: { params: r.params ?? { setting: {} as never, imageType: { Original: {} }, featureClass: {}, voxelSetting: {} } },
    radiomics: { features: r.lasso.selected, zscore },
    radscore: { intercept: r.lasso.intercept, coefficients: r.lasso.coefficients, lambda: r.lasso.lambda, rule: r.cfg.lasso.lambda },
    clinical: { variables: r.clinical.variables },
    nomogram: { intercept: r.nomogram.fit.intercept, coefficients: r.nomogram.fit.coefficients, chart: r.nomogram.chart },
    trees,
    thresholds,
  };
}

export function predictionsCsv(r: StudyResult): string {
  const names = MODEL_NAMES.filter((m) => r.probabilities[m]);
  const rows = r.data.ids.map((id, i) => [id, r.data.split[i], r.data.y[i] ? r.cfg.data.positive : r.data.negative, r.radscore[i], ...names.map((m) => r.probabilities[m]![i])]);
  return stringify([['ID', 'split', r.cfg.data.outcome, 'radscore', ...names.map((m) => `prob_${m}`)], ...rows]);
}

export function featuresCsv(r: StudyResult): string {
  const rows = r.data.ids.map((id, i) => [id, r.data.split[i], r.data.y[i] ? r.cfg.data.positive : r.data.negative, ...r.featureNames.map((f) => r.features[f][i])]);
  return stringify([['ID', 'split', r.cfg.data.outcome, ...r.featureNames], ...rows]);
}

export function table1Csv(r: StudyResult): string {
  const t = r.clinical.table;
  const header = ['variable', 'level', `total (n=${t.n})`, ...t.groups.map((g) => `${r.cfg.data.outcome}=${g.level} (n=${g.n})`), 'test', 'statistic', 'p', 'reason'];
  const lines: (string | number)[][] = [];
  const fmt = (m: number, s: number) => `${m.toFixed(2)} ± ${s.toFixed(2)}`;
  for (const row of t.rows) {
    const test = [row.test?.name ?? row.note ?? '', row.test?.statistic ?? '', row.test?.pValue ?? '', row.test?.reason ?? ''];
    if (row.type === 'continuous') lines.push([row.label, '', fmt(row.total!.mean, row.total!.sd), ...row.groups!.map((g) => fmt(g.mean, g.sd)), ...test]);
    else row.levels!.forEach((l, k) => lines.push([row.label, l.level, `${l.total.n} (${l.total.proportion.toFixed(4)})`, ...l.groups.map((g) => `${g.n} (${g.proportion.toFixed(4)})`), ...(k === 0 ? test : ['', '', '', ''])]));
  }
  return stringify([header, ...lines]);
}
