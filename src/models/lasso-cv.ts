// K-fold cross-validation of the lasso path as R cv.glmnet 4.1 does it: the full-data fit fixes the
// lambda grid; each fold is fitted on its own automatic lambda sequence (or the user's lambdas) and
// predicted at the full-data lambdas by linear interpolation (alignment = "lambda"); the measure is
// averaged within folds, then across folds weighted by fold size; lambda.min and lambda.1se follow
// getOptcv.glmnet.
import { fitPrepared, lassoCoefAt, lassoCoefficients, prepareLasso, type LassoCoefficients, type LassoOptions, type LassoPath } from './lasso.js';
import { extent, type MatrixInput } from './linalg.js';
import { foldMeasure, rowLoss, type LassoMeasure } from './lasso-measures.js';
import { seededRandom, shuffle } from '../random.js';

export type { LassoMeasure } from './lasso-measures.js';

export interface LassoCvOptions extends LassoOptions {
  /** Number of folds when foldid is not given (default 10, at least 3). */
  nfolds?: number;
  /** Fold of each row, 1..K (cv.glmnet foldid). */
  foldid?: ArrayLike<number>;
  /** Default 'deviance' (binomial) or 'mse' (gaussian); 'class' and 'auc' are binomial only. */
  measure?: LassoMeasure;
  /** Seed of the random fold assignment when foldid is not given (default 1). */
  seed?: number;
}

export interface LassoCvResult {
  path: LassoPath;
  measure: LassoMeasure;
  foldid: number[];
  lambda: number[];
  /** Cross-validated mean of the measure at each lambda, and its standard error. */
  cvm: number[];
  cvsd: number[];
  cvup: number[];
  cvlo: number[];
  nzero: number[];
  lambdaMin: number;
  lambda1se: number;
  /** 0-based indices into lambda. */
  indexMin: number;
  index1se: number;
  coefMin: LassoCoefficients;
  coef1se: LassoCoefficients;
}

/** cv.glmnet(x, y, family, alpha = 1, foldid, type.measure, ...). */
export function lassoCv(X: MatrixInput, y: ArrayLike<number | boolean>, opts: LassoCvOptions = {}): LassoCvResult {
  const prep = prepareLasso(X, y, opts);
  const { n, p, family } = prep.input;
  const measure: LassoMeasure = opts.measure ?? (family === 'binomial' ? 'deviance' : 'mse');
  if (!['deviance', 'class', 'auc', 'mse', 'mae'].includes(measure)) throw new Error(`measure: "${measure}" is not one of deviance, class, auc, mse, mae`);
  if (family === 'gaussian' && (measure === 'class' || measure === 'auc')) throw new Error(`measure: "${measure}" needs the binomial family`);
  const foldid = resolveFolds(n, opts);
  const nfolds = extent(foldid)[1];
  if (measure === 'auc' && n / nfolds < 10) throw new Error(`measure: auc needs at least 10 rows per fold (${n} rows, ${nfolds} folds)`);

  const path = fitPrepared(prep);
  const lambda = path.lambda;
  const nlam = lambda.length;
  // predmat[i * nlam + k]: prediction (link) for held-out row i at full-data lambda k.
  const predmat = new Float64Array(n * nlam);
  const x = prep.input.x, yy = prep.input.y;
  for (let f = 1; f <= nfolds; f++) {
    const train: number[] = [], test: number[] = [];
    for (let i = 0; i < n; i++) (foldid[i] === f ? test : train).push(i);
    const sub = subsetRows(x, n, p, train);
    const foldPrep = {
      ...prep,
      input: {
        ...prep.input,
        x: sub,
        n: train.length,
        y: Float64Array.from(train, (i) => yy[i]),
        lambdaMinRatio: prep.lambdaMinRatioGiven ? prep.input.lambdaMinRatio : train.length < p ? 1e-2 : 1e-4,
      },
    };
    let fit: LassoPath;
    try {
      fit = fitPrepared(foldPrep);
    } catch (err) {
      throw new Error(`lassoCv fold ${f}: ${(err as Error).message}`);
    }
    for (let k = 0; k < nlam; k++) {
      const { intercept, beta } = lassoCoefAt(fit, lambda[k]);
      for (const i of test) {
        let eta = intercept;
        for (let j = 0; j < p; j++) if (beta[j] !== 0) eta += beta[j] * x[i + n * j];
        predmat[i * nlam + k] = eta;
      }
    }
  }

  const foldRows = Array.from({ length: nfolds }, () => [] as number[]);
  foldid.forEach((f, i) => foldRows[f - 1].push(i));
  const cvm: number[] = [], cvsd: number[] = [];
  for (let k = 0; k < nlam; k++) {
    const { mean, se } = cvStatistic(measure, family, yy, foldRows, (i) => predmat[i * nlam + k]);
    cvm.push(mean);
    cvsd.push(se);
  }
  const { indexMin, index1se } = chooseLambda(lambda, cvm, cvsd, measure === 'auc');
  return {
    path,
    measure,
    foldid,
    lambda,
    cvm,
    cvsd,
    cvup: cvm.map((m, k) => m + cvsd[k]),
    cvlo: cvm.map((m, k) => m - cvsd[k]),
    nzero: path.nzero,
    lambdaMin: lambda[indexMin],
    lambda1se: lambda[index1se],
    indexMin,
    index1se,
    coefMin: lassoCoefficients(path, indexMin),
    coef1se: lassoCoefficients(path, index1se),
  };
}

function resolveFolds(n: number, opts: LassoCvOptions): number[] {
  if (opts.foldid != null) {
    if (opts.foldid.length !== n) throw new Error(`foldid: length ${opts.foldid.length} does not match the ${n} rows of X`);
    const ids = Array.from(opts.foldid, Number);
    const bad = ids.findIndex((f) => !Number.isInteger(f) || f < 1);
    if (bad >= 0) throw new Error(`foldid: value ${ids[bad]} at row ${bad} is not a fold number 1..K`);
    const k = extent(ids)[1];
    if (k > n) throw new Error(`foldid: fold number ${k} exceeds the ${n} rows (folds are numbered 1..K)`);
    const seen = new Set(ids);
    for (let f = 1; f <= k; f++) if (!seen.has(f)) throw new Error(`foldid: fold ${f} of 1..${k} has no rows`);
    if (k < 3) throw new Error(`foldid: ${k} folds; cross-validation needs at least 3`);
    return ids;
  }
  const nfolds = opts.nfolds ?? 10;
  if (!Number.isInteger(nfolds) || nfolds < 3 || nfolds > n) throw new Error(`nfolds: ${nfolds} must be an integer from 3 to the number of rows (${n})`);
  // sample(rep(1:K, length = n)) with a seeded generator (not R's RNG: pass foldid to match R).
  return shuffle(Array.from({ length: n }, (_, i) => (i % nfolds) + 1), seededRandom(opts.seed ?? 1));
}

function subsetRows(x: Float64Array, n: number, p: number, rows: number[]): Float64Array {
  const m = rows.length;
  const out = new Float64Array(m * p);
  for (let j = 0; j < p; j++) for (let r = 0; r < m; r++) out[r + m * j] = x[rows[r] + n * j];
  return out;
}

/**
 * cvm and cvsd at one lambda. Grouped (the default when folds hold >= 3 rows): per-fold means, then
 * their fold-size-weighted mean and sqrt(weighted variance / (K - 1)); AUC is per fold by nature.
 */
function cvStatistic(measure: LassoMeasure, family: string, y: Float64Array, foldRows: number[][], pred: (i: number) => number): { mean: number; se: number } {
  const n = y.length;
  const values: number[] = [], weights: number[] = [];
  if (measure === 'auc' || n / foldRows.length >= 3) {
    for (const rows of foldRows) {
      values.push(foldMeasure(measure, family, rows.map((i) => y[i]), rows.map(pred)));
      weights.push(rows.length);
    }
  } else {
    for (let i = 0; i < n; i++) {
      values.push(rowLoss(measure, family, y[i], pred(i)));
      weights.push(1);
    }
  }
  // Weighted means skip undefined entries (a fold whose test rows hold one class has no AUC).
  let sw = 0, s = 0;
  values.forEach((v, i) => {
    if (Number.isNaN(v)) return;
    sw += weights[i];
    s += weights[i] * v;
  });
  const mean = s / sw;
  let ss = 0;
  values.forEach((v, i) => {
    if (!Number.isNaN(v)) ss += weights[i] * (v - mean) ** 2;
  });
  return { mean, se: Math.sqrt(ss / sw / (values.length - 1)) };
}

/** getOptcv.glmnet: the largest lambda at the minimum; the largest lambda within one SE of it. */
export function chooseLambda(lambda: number[], cvm: number[], cvsd: number[], maximize: boolean): { indexMin: number; index1se: number } {
  const score = maximize ? cvm.map((m) => -m) : cvm;
  const finite = score.filter((v) => !Number.isNaN(v));
  if (!finite.length) throw new Error('lassoCv: the cross-validated measure is undefined at every lambda');
  const best = Math.min(...finite);
  const largest = (ok: (k: number) => boolean): number => {
    let idx = -1;
    for (let k = 0; k < lambda.length; k++) if (ok(k) && (idx < 0 || lambda[k] > lambda[idx])) idx = k;
    return idx;
  };
  const indexMin = largest((k) => score[k] <= best);
  const bound = score[indexMin] + cvsd[indexMin];
  const index1se = largest((k) => score[k] <= bound);
  return { indexMin, index1se };
}
