// k-fold cross-validation of trainGbdt (the paper uses 3 folds): stratified seeded folds or the
// caller's fold ids, out-of-fold probabilities and per-fold AUC. With early_stopping_round, folds stop
// together as in LightGBM's cv(): at the best iteration of the mean held-out metric.
import type { WasmArena } from '../wasm/arena.js';
import { trainGbdt } from './gbdt-boost.js';
import { rocAuc } from './gbdt-metrics.js';
import { resolveGbdtParams } from './gbdt-params.js';
import { seededRandom, shuffle } from '../random.js';
import { predictEnsemble, toRowMajor, type Ensemble, type FeatureRows } from './trees.js';

export interface CrossValidateOptions {
  /** Number of folds (default 3); ignored when foldid is given. */
  nfolds?: number;
  /** Fold of each row (any integers; folds are their distinct values in ascending order). */
  foldid?: ArrayLike<number>;
  /** Seed of the stratified fold assignment (default 0). */
  seed?: number;
  featureNames?: string[];
  arena?: WasmArena;
}

export interface CrossValidateResult {
  /** Out-of-fold probability of each row. */
  oof: Float64Array;
  /** Fold index (0-based) of each row. */
  fold: Int32Array;
  foldAuc: number[];
  meanAuc: number;
  /** AUC of the pooled out-of-fold probabilities. */
  pooledAuc: number;
  /** Iterations used by every fold's model. */
  bestIteration: number;
  models: Ensemble[];
}

/** Stratified folds: each class shuffled with the seed, then dealt round-robin. */
export function stratifiedFolds(y: ArrayLike<number>, nfolds: number, seed = 0): Int32Array {
  const fold = new Int32Array(y.length);
  const random = seededRandom(seed);
  for (const cls of [0, 1]) {
    const idx = shuffle(Array.from({ length: y.length }, (_, i) => i).filter((i) => (y[i] > 0 ? 1 : 0) === cls), random);
    idx.forEach((row, k) => (fold[row] = k % nfolds));
  }
  return fold;
}

/** Cross-validates trainGbdt with LightGBM parameters; returns out-of-fold predictions and fold AUCs. */
export function crossValidateGbdt(X: FeatureRows, y: ArrayLike<number>, params: Record<string, unknown> = {}, options: CrossValidateOptions = {}): CrossValidateResult {
  const m = toRowMajor(X, 1, 'crossValidateGbdt features');
  if (y.length !== m.rows) throw new Error(`crossValidateGbdt: ${y.length} labels for ${m.rows} rows`);
  let fold: Int32Array;
  if (options.foldid) {
    if (options.foldid.length !== m.rows) throw new Error(`crossValidateGbdt: foldid has ${options.foldid.length} entries for ${m.rows} rows`);
    const ids = [...new Set(Array.from(options.foldid))].sort((a, b) => a - b);
    fold = Int32Array.from(options.foldid, (v) => ids.indexOf(v));
  } else {
    const k = options.nfolds ?? 3;
    if (!Number.isInteger(k) || k < 2 || k > m.rows) throw new Error(`crossValidateGbdt: nfolds ${k} must be an integer from 2 to the number of rows`);
    fold = stratifiedFolds(y, k, options.seed ?? 0);
  }
  const nfolds = Math.max(...fold) + 1;
  if (nfolds < 2) throw new Error('crossValidateGbdt: foldid must name at least 2 folds');
  const p = resolveGbdtParams(params);
  const pick = (rows: number[]) => ({ data: Float64Array.from(rows.flatMap((r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)))), rows: rows.length, cols: m.cols });
  const folds = Array.from({ length: nfolds }, (_, k) => {
    const test: number[] = [], train: number[] = [];
    for (let i = 0; i < m.rows; i++) (fold[i] === k ? test : train).push(i);
    return { test, train };
  });
  // Train every fold without stopping, recording its held-out metric, then stop all at the best mean.
  const trainParams = { ...params, early_stopping_round: 0 };
  const runs = folds.map(({ train, test }) => trainGbdt(pick(train), train.map((i) => y[i]), trainParams, {
    featureNames: options.featureNames, arena: options.arena,
    valid: { X: pick(test), y: test.map((i) => y[i]) },
  }));
  let bestIteration = Math.min(...runs.map((r) => r.model.trees.length));
  if (p.early_stopping_round > 0) {
    const sign = p.metric === 'auc' ? 1 : -1;
    let best = -Infinity, bestAt = 0;
    for (let it = 0; it < bestIteration; it++) {
      const mean = runs.reduce((s, r) => s + r.validMetric[it], 0) / runs.length;
      if (sign * mean > best) [best, bestAt] = [sign * mean, it + 1];
      else if (it + 1 - bestAt >= p.early_stopping_round) break;
    }
    bestIteration = Math.max(1, bestAt);
  }
  const oof = new Float64Array(m.rows);
  const models = runs.map((r) => ({ ...r.model, trees: r.model.trees.slice(0, bestIteration) }));
  const foldAuc = folds.map(({ test }, k) => {
    const prob = predictEnsemble(models[k], pick(test), { arena: options.arena });
    test.forEach((row, j) => (oof[row] = prob[j]));
    return rocAuc(test.map((i) => y[i]), prob);
  });
  return {
    oof, fold, foldAuc, meanAuc: foldAuc.reduce((s, v) => s + v, 0) / nfolds, pooledAuc: rocAuc(y, oof), bestIteration, models,
  };
}
