// crossValidateGbdt on the WDBC training rows: 3 stratified folds (the paper's setting) and the fixed
// 10-fold ids of wdbc_split.csv; out-of-fold predictions must equal a model trained without the fold.
import { describe, expect, it } from 'vitest';
import { readCsv } from '../helpers.js';
import { crossValidateGbdt, stratifiedFolds } from '../../src/models/gbdt-cv.js';
import { trainGbdt } from '../../src/models/gbdt-boost.js';
import { predictEnsemble } from '../../src/models/trees.js';

const split = readCsv('tabular', 'wdbc_split.csv');
const wdbc = readCsv('tabular', 'wdbc.csv');
const featureNames = Object.keys(wdbc[0]).filter((k) => !['row', 'diagnosis', 'y'].includes(k));
const trainRows = split.filter((r) => r.set === 'train').map((r) => Number(r.row));
const X = trainRows.map((i) => featureNames.map((f) => Number(wdbc[i][f])));
const y = trainRows.map((i) => Number(wdbc[i].y));
const params = { num_leaves: 15, learning_rate: 0.1, num_iterations: 50, min_data_in_leaf: 5, max_bin: 63 };

describe('crossValidateGbdt', () => {
  it('3 stratified folds: balanced, deterministic, out-of-fold predictions from held-out models', () => {
    const cv = crossValidateGbdt(X, y, params, { nfolds: 3, seed: 1, featureNames });
    expect(cv.oof).toHaveLength(X.length);
    for (let k = 0; k < 3; k++) {
      const inFold = y.filter((_, i) => cv.fold[i] === k);
      expect(Math.abs(inFold.length - X.length / 3)).toBeLessThanOrEqual(1);
      expect(Math.abs(inFold.filter((v) => v === 1).length - y.filter((v) => v === 1).length / 3)).toBeLessThanOrEqual(1);
    }
    for (const a of cv.foldAuc) expect(a).toBeGreaterThan(0.95);
    expect(cv.meanAuc).toBeCloseTo(cv.foldAuc.reduce((s, v) => s + v, 0) / 3, 15);
    // fold 0's predictions come from a model that never saw fold 0
    const tr = X.filter((_, i) => cv.fold[i] !== 0), ty = y.filter((_, i) => cv.fold[i] !== 0);
    const held = X.filter((_, i) => cv.fold[i] === 0);
    const prob = predictEnsemble(trainGbdt(tr, ty, params, { featureNames }).model, held);
    expect(Array.from(prob)).toEqual(Array.from(cv.oof).filter((_, i) => cv.fold[i] === 0));
    expect(Array.from(crossValidateGbdt(X, y, params, { nfolds: 3, seed: 1 }).oof)).toEqual(Array.from(cv.oof));
  });

  it('uses given fold ids (wdbc_split.csv fold10) and stops all folds at the best mean iteration', () => {
    const foldid = trainRows.map((i) => Number(split.find((r) => Number(r.row) === i)!.fold10));
    const cv = crossValidateGbdt(X, y, { ...params, num_iterations: 300, early_stopping_round: 10 }, { foldid });
    expect(cv.foldAuc).toHaveLength(10);
    expect(Array.from(cv.fold)).toEqual(foldid.map((f) => f - 1));
    expect(cv.bestIteration).toBeLessThan(300);
    for (const m of cv.models) expect(m.trees).toHaveLength(cv.bestIteration);
    expect(cv.pooledAuc).toBeGreaterThan(0.95);
  });

  it('stratifiedFolds deals each class round-robin', () => {
    const f = stratifiedFolds([1, 1, 1, 0, 0, 0], 3, 0);
    expect([0, 1, 2].map((k) => [0, 1, 2].filter((i) => f[i] === k).length)).toEqual([1, 1, 1]);
  });

  it('rejects bad fold settings', () => {
    expect(() => crossValidateGbdt(X, y, params, { nfolds: 1 })).toThrow(/nfolds 1 must be an integer/);
    expect(() => crossValidateGbdt(X, y, params, { foldid: [1, 2] })).toThrow(/foldid has 2 entries/);
  });
});
