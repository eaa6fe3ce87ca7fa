// trainGbdt against LightGBM: the WDBC training rows with train.conf must give LightGBM's own model
// (../shared/data/lightgbm/model.txt), bin boundaries must contain LightGBM's thresholds, and the
// closed-form stump on a tiny data set; plus bagging, feature sampling, early stopping, missing values
// and parameter errors.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dataPath, readCsv } from '../helpers.js';
import { trainGbdt } from '../../src/models/gbdt-boost.js';
import { findBins, nextUp } from '../../src/models/gbdt-binning.js';
import { parseLightgbmConfig, resolveGbdtParams } from '../../src/models/gbdt-params.js';
import { loadLightgbmModel, saveLightgbmModel } from '../../src/models/lightgbm-text.js';
import { predictEnsemble } from '../../src/models/trees.js';
import { auc } from '../../src/stats/roc.js';

const refText = readFileSync(dataPath('lightgbm', 'model.txt'), 'utf8');
const ref = loadLightgbmModel(refText, 'model.txt');
const names = ref.featureNames;
const conf = parseLightgbmConfig(readFileSync(dataPath('lightgbm', 'train.conf'), 'utf8'));
const table = (file: string) => {
  const rows = readCsv('lightgbm', file);
  return { X: rows.map((r) => names.map((f) => Number(r[f]))), y: rows.map((r) => Number(r.y)) };
};
const train = table('wdbc_train_lgb.csv');
const test = table('wdbc_test_lgb.csv');

const upToParameters = (text: string) => text.slice(0, text.indexOf('\nparameters:'));

describe('trainGbdt reproduces LightGBM on WDBC (train.conf)', () => {
  const result = trainGbdt(train.X, train.y, conf, { featureNames: names });
  const text = saveLightgbmModel(result.model);

  it('writes the same model text as the LightGBM CLI (header, 50 trees, importances)', () => {
    expect(result.model.trees).toHaveLength(50);
    expect(upToParameters(text)).toBe(upToParameters(refText));
  });

  it('reaches LightGBM test AUC (0.979) and its test probabilities', () => {
    const lgbProb = readFileSync(dataPath('lightgbm', 'pred_test_prob.txt'), 'utf8').trim().split('\n').map(Number);
    const lgbAuc = auc(test.y, lgbProb);
    expect(lgbAuc).toBeCloseTo(0.979, 3);
    const prob = predictEnsemble(result.model, test.X);
    expect(Math.abs(auc(test.y, prob) - lgbAuc)).toBeLessThan(0.01);
    prob.forEach((v, i) => expect(Math.abs(v - lgbProb[i])).toBeLessThan(1e-12));
  });

  it('a saved model loads back with identical predictions', () => {
    const back = loadLightgbmModel(text, 'ours.txt');
    expect(predictEnsemble(back, test.X, { output: 'raw' })).toEqual(predictEnsemble(result.model, test.X, { output: 'raw' }));
    expect(predictEnsemble(back, train.X, { output: 'leaf' })).toEqual(predictEnsemble(result.model, train.X, { output: 'leaf', engine: 'ts' }));
  });
});

describe('binning', () => {
  it("every LightGBM threshold of a feature is one of our bin boundaries", () => {
    const p = resolveGbdtParams(conf);
    names.forEach((_, f) => {
      const bounds = new Set(findBins(train.X.map((r) => r[f]), p, p.min_data_in_leaf).upperBounds);
      for (const t of ref.trees) t.splitFeature.forEach((sf, node) => sf === f && expect(bounds.has(t.threshold[node])).toBe(true));
    });
  });
  it('zero gets its own bin, NaN the last, boundaries just above midpoints', () => {
    const m = findBins([-2, -1, 0, 0, 1, 2, NaN], { max_bin: 255, min_data_in_bin: 1, use_missing: true, feature_pre_filter: false }, 1);
    expect(Array.from(m.upperBounds.slice(0, -1))).toEqual([nextUp(-1.5), -Math.fround(1e-35), Math.fround(1e-35), nextUp(1.5), Infinity]);
    expect(m.upperBounds[5]).toBeNaN();
    expect(m.missingType).toBe(2);
  });
});

describe('closed-form stump', () => {
  // x = 1..8, y below: one tree with two leaves; split and leaf values follow from the formulas.
  const x = [1, 2, 3, 4, 5, 6, 7, 8].map((v) => [v]);
  const y = [0, 0, 0, 0, 1, 0, 1, 1];
  it('splits at the best gain G_L²/(H_L+λ) + G_R²/(H_R+λ) with leaves init - lr·G/(H+λ)', () => {
    const lambda = 1, lr = 0.5;
    const { model } = trainGbdt(x, y, { num_iterations: 1, num_leaves: 2, min_data_in_leaf: 1, min_data_in_bin: 1, learning_rate: lr, lambda_l2: lambda });
    const init = Math.log(3 / 8 / (5 / 8));
    const p0 = 1 / (1 + Math.exp(-init));
    const g = y.map((v) => Math.fround(p0 - v)), h = y.map(() => Math.fround(p0 * (1 - p0)));
    const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
    const gains = [1, 2, 3, 4, 5, 6, 7].map((k) => sum(g.slice(0, k)) ** 2 / (sum(h.slice(0, k)) + lambda) + sum(g.slice(k)) ** 2 / (sum(h.slice(k)) + lambda));
    const k = gains.indexOf(Math.max(...gains)) + 1;
    const tree = model.trees[0];
    expect(tree.numLeaves).toBe(2);
    expect(tree.threshold[0]).toBe(nextUp((k + k + 1) / 2));
    const leaf = (a: number[], b: number[]) => init - (lr * sum(a)) / (sum(b) + lambda);
    expect(tree.leafValue[0]).toBeCloseTo(leaf(g.slice(0, k), h.slice(0, k)), 12);
    expect(tree.leafValue[1]).toBeCloseTo(leaf(g.slice(k), h.slice(k)), 12);
  });
  it('max_depth, min_gain_to_split and min_data_in_leaf limit the trees', () => {
    const shallow = trainGbdt(train.X, train.y, { ...conf, num_iterations: 5, max_depth: 2 }).model;
    for (const t of shallow.trees) expect(t.numLeaves).toBeLessThanOrEqual(4);
    const stingy = trainGbdt(train.X, train.y, { ...conf, num_iterations: 5, min_gain_to_split: 5 }).model;
    for (const t of stingy.trees) for (const gain of t.splitGain) expect(gain).toBeGreaterThan(5);
    const big = trainGbdt(train.X, train.y, { ...conf, num_iterations: 5, min_data_in_leaf: 60 }).model;
    for (const t of big.trees) for (const c of t.leafCount) expect(c).toBeGreaterThanOrEqual(60);
  });
});

describe('sampling, early stopping, missing values', () => {
  const sampled = { ...conf, bagging_fraction: 0.7, bagging_freq: 1, feature_fraction: 0.6, seed: 7 };
  it('bagging and feature_fraction are deterministic given the seed and still predict well', () => {
    const a = saveLightgbmModel(trainGbdt(train.X, train.y, sampled, { featureNames: names }).model);
    const b = trainGbdt(train.X, train.y, sampled, { featureNames: names }).model;
    expect(saveLightgbmModel(b)).toBe(a);
    expect(saveLightgbmModel(trainGbdt(train.X, train.y, { ...sampled, seed: 8 }, { featureNames: names }).model)).not.toBe(a);
    expect(auc(test.y, predictEnsemble(b, test.X))).toBeGreaterThan(0.95);
  });
  it('early stopping keeps the best validation iteration', () => {
    const r = trainGbdt(train.X, train.y, { ...conf, num_iterations: 400, early_stopping_round: 10 }, { valid: { X: test.X, y: test.y } });
    const best = r.validMetric.indexOf(Math.min(...r.validMetric)) + 1;
    expect(r.bestIteration).toBe(best);
    expect(r.model.trees).toHaveLength(best);
    expect(r.validMetric).toHaveLength(best + 10);
  });
  it('learns a default direction for missing values', () => {
    const X = train.X.map((row, i) => row.map((v, f) => (f === 7 && i % 5 === 0 ? NaN : v)));
    const { model } = trainGbdt(X, train.y, conf, { featureNames: names });
    const nanSplits = model.trees.flatMap((t) => Array.from(t.decisionType)).filter((d) => (d >> 2) === 2);
    expect(nanSplits.length).toBeGreaterThan(0);
    const Xt = test.X.map((row, i) => row.map((v, f) => (f === 7 && i % 5 === 0 ? NaN : v)));
    expect(predictEnsemble(model, Xt, { engine: 'ts' })).toEqual(predictEnsemble(model, Xt));
    expect(auc(test.y, predictEnsemble(model, Xt))).toBeGreaterThan(0.95);
    const back = loadLightgbmModel(saveLightgbmModel(model));
    expect(predictEnsemble(back, Xt)).toEqual(predictEnsemble(model, Xt));
  });
});

describe('bad input gives one clear error', () => {
  const X = [[1], [2], [3]];
  const cases: [string, () => unknown, RegExp][] = [
    ['unknown parameter', () => trainGbdt(X, [0, 1, 0], { num_leafs: 3 }), /"num_leafs" is unknown/],
    ['bad value', () => trainGbdt(X, [0, 1, 0], { learning_rate: -1 }), /learning_rate: -1 must be positive/],
    ['not a number', () => trainGbdt(X, [0, 1, 0], { num_leaves: 'many' }), /num_leaves: "many" is not a finite number/],
    ['alias twice', () => trainGbdt(X, [0, 1, 0], { eta: 0.1, learning_rate: 0.2 }), /learning_rate is given twice/],
    ['objective', () => trainGbdt(X, [0, 1, 0], { objective: 'lambdarank' }), /only "binary" is supported/],
    ['labels', () => trainGbdt(X, [0, 2, 0]), /label 1 is 2, the binary objective needs 0 or 1/],
    ['label count', () => trainGbdt(X, [0, 1]), /2 labels for 3 rows/],
    ['infinite', () => trainGbdt([[1], [Infinity], [3]], [0, 1, 0]), /row 1 column 0 is infinite/],
    ['ragged rows', () => trainGbdt([[1, 2], [3]], [0, 1]), /row 1 has 1 values, expected 2/],
    ['early stopping', () => trainGbdt(X, [0, 1, 0], { early_stopping_round: 3 }), /needs options.valid/],
    ['valid columns', () => trainGbdt(X, [0, 1, 0], {}, { valid: { X: [[1, 2]], y: [1] } }), /validation rows have 2 columns/],
    ['names', () => trainGbdt(X, [0, 1, 0], {}, { featureNames: ['a b'] }), /feature name "a b"/],
    ['empty', () => trainGbdt([], []), /no training rows/],
  ];
  for (const [what, run, message] of cases) it(what, () => expect(run).toThrow(message));
  it('one class gives a constant model', () => {
    const { model } = trainGbdt(X, [1, 1, 1]);
    expect(model.trees).toHaveLength(1);
    expect(model.trees[0].numLeaves).toBe(1);
    expect(predictEnsemble(model, X)[0]).toBeGreaterThan(0.999);
  });
});
