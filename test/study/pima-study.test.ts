// The study pipeline on a precomputed feature table (MASS Pima, with its split and folds) must give
// glmnet's LASSO and pROC's AUC/DeLong CI for the Rad-score (../shared/data/stats-reference/pima).
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { loadStudyConfig } from '../../src/study/config.js';
import { runStudy } from '../../src/study/run.js';
import { writeStudy } from '../../src/study/write.js';
import { parseModelFile } from '../../src/study/model-file.js';
import { predictFromFeatures } from '../../src/study/predict.js';
import { expectClose, readCsv, readJson } from '../helpers.js';

const parseCsvFile = (path: string) => parse(readFileSync(path), { columns: true }) as Record<string, string>[];
const FEATURES = ['npreg', 'glu', 'bp', 'skin', 'bmi', 'ped', 'age'];

describe('study on Pima (precomputed features, fixed split and folds)', () => {
  let dir: string;
  let metrics: any;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pima-study-'));
    const pima = readCsv('tabular', 'pima.csv');
    const folds = readCsv('stats-reference', 'pima', 'pima_foldid.csv');
    const foldOf = new Map(folds.map((f) => [f.row, f.fold10]));
    const rows = pima.map((r) => ({ ID: `p${r.row}`, type: r.type, split: r.set, fold: r.set === 'train' ? foldOf.get(r.row) : '', ...Object.fromEntries(FEATURES.map((f) => [f, r[f]])) }));
    writeFileSync(join(dir, 'features.csv'), stringify(rows, { header: true }));
    writeFileSync(join(dir, 'study.yaml'), 'data: {features: features.csv, outcome: type, positive: "Yes"}\nsplit: {column: split}\nlasso: {foldColumn: fold, thresh: 1e-12}\n');
    const cfg = loadStudyConfig(join(dir, 'study.yaml'));
    const result = await runStudy(cfg, join(dir, 'out'));
    writeStudy(result, join(dir, 'out'));
    metrics = JSON.parse(readFileSync(join(dir, 'out', 'metrics.json'), 'utf8'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('LASSO lambdas and coefficients equal glmnet (cv.glmnet, thresh 1e-12)', () => {
    const ref = readJson('stats-reference', 'pima', 'glmnet_cv.json');
    expectClose(metrics.lasso.lambda_min, ref.lambda_min, 1e-6, 'lambda.min');
    expectClose(metrics.lasso.lambda_1se, ref.lambda_1se, 1e-6, 'lambda.1se');
    const coef = ref.coef_lambda_min as Record<string, number>;
    expectClose(metrics.lasso.intercept, coef['(Intercept)'], 1e-6, 'intercept');
    for (const f of FEATURES) {
      if (coef[f] === 0) expect(metrics.lasso.coefficients[f]).toBeUndefined();
      else expectClose(metrics.lasso.coefficients[f], coef[f], 1e-6, `beta ${f}`);
    }
    ref.path.cvm.forEach((cvm: number, k: number) => expectClose(metrics.lasso.cv.cvm[k], cvm, 1e-6, `cvm[${k}]`));
    ref.path.cvsd.forEach((cvsd: number, k: number) => expectClose(metrics.lasso.cv.cvsd[k], cvsd, 1e-6, `cvsd[${k}]`));
  });

  it('Rad-score AUC and DeLong CI on train and test equal pROC', () => {
    const ref = readJson('stats-reference', 'pima', 'roc_delong.json');
    for (const split of ['train', 'test']) {
      const r = ref[split].auc.radscore;
      const m = metrics.models.radscore[split];
      expectClose(m.auc, r.auc, 1e-6, `${split} AUC`);
      expectClose(m.auc_ci[0], r.ci_lower, 1e-6, `${split} CI lower`);
      expectClose(m.auc_ci[1], r.ci_upper, 1e-6, `${split} CI upper`);
    }
    // Youden threshold chosen on training (pROC): the same cut, so the same confusion counts.
    const yt = ref.train.youden;
    expect(metrics.models.radscore.train.counts).toEqual({ tp: yt.TP, fp: yt.FP, tn: yt.TN, fn: yt.FN });
    expectClose(metrics.models.radscore.train.sensitivity, yt.sensitivity, 1e-12, 'sensitivity');
    expectClose(metrics.models.radscore.train.npv, yt.npv, 1e-12, 'npv');
  });

  it('the Rad-score per patient equals glmnet\'s linear predictor', () => {
    const preds = parseCsvFile(join(dir, 'out', 'predictions.csv'));
    expect(preds.length).toBe(532);
    const ref = readCsv('stats-reference', 'pima', 'scores_test.csv');
    const byId = new Map(preds.map((p) => [p.ID, p]));
    const pimaTest = readCsv('tabular', 'pima.csv').filter((r) => r.set === 'test');
    ref.forEach((r, k) => expectClose(Number(byId.get(`p${pimaTest[k].row}`)!.radscore), Number(r.radscore), 1e-6, `radscore test ${k}`));
  });

  it('writes every output, and model.json scores a patient as predictions.csv does', () => {
    for (const f of ['report.html', 'metrics.json', 'model.json', 'predictions.csv', 'features.csv', 'table1.csv', 'figures/roc_test.svg', 'figures/nomogram.svg', 'figures/lasso_cv.svg']) {
      expect(existsSync(join(dir, 'out', f)), f).toBe(true);
    }
    const model = parseModelFile(readFileSync(join(dir, 'out', 'model.json'), 'utf8'));
    const pima = readCsv('tabular', 'pima.csv');
    const row = pima[3];
    const p = predictFromFeatures(model, Object.fromEntries(FEATURES.map((f) => [f, Number(row[f])])), {});
    const stored = readFileSync(join(dir, 'out', 'predictions.csv'), 'utf8').split('\n').find((l) => l.startsWith(`p${row.row},`))!.split(',');
    expect(p.radscore).toBeCloseTo(Number(stored[3]), 12);
    expect(p.probabilities.nomogram).toBeCloseTo(Number(stored[stored.length - 1]), 12);
  });
});
