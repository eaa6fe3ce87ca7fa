// Lasso paths compatible with R glmnet 4.1 (alpha = 1): same lambda sequence, same solver steps, same
// coefficients. Objective, with n rows and x standardized or not:
//   gaussian: 1/(2n) sum (y - b0 - x b)^2 + lambda |b|_1      (= scikit-learn Lasso with alpha = lambda)
//   binomial: -1/n loglik(b0, b) + lambda |b|_1                (intercept unpenalized)
import { toColumnMajor, type MatrixInput } from './linalg.js';
import { binomialPath, gaussianPath, type SolverInput } from './lasso-solver.js';

export type LassoFamily = 'binomial' | 'gaussian';

export interface LassoOptions {
  /** Default 'binomial'. */
  family?: LassoFamily;
  /** Length of the automatic lambda sequence (glmnet nlambda, default 100). */
  nlambda?: number;
  /** Smallest lambda as a fraction of lambda_max (default 1e-4 when n > p, else 1e-2). */
  lambdaMinRatio?: number;
  /** An explicit lambda sequence (sorted decreasing, as glmnet does); overrides nlambda/lambdaMinRatio. */
  lambda?: ArrayLike<number>;
  /** Scale columns to unit variance (1/n) before fitting; coefficients are reported on the original scale. Default true. */
  standardize?: boolean;
  /** Convergence threshold: max weighted squared coefficient change, relative to the null deviance (default 1e-7). */
  thresh?: number;
  /** Maximum coordinate-descent passes over the data, all lambdas together (default 1e5). */
  maxit?: number;
  /** Column names (default V1..Vp as glmnet). */
  names?: string[];
}

export interface LassoPath {
  family: LassoFamily;
  names: string[];
  /** Decreasing lambdas; the first is lambda_max extrapolated one step up, as glmnet reports it. */
  lambda: number[];
  intercept: number[];
  /** beta[k][j]: coefficient of column j at lambda[k], original scale. */
  beta: number[][];
  /** Non-zero coefficients at each lambda (glmnet df). */
  nzero: number[];
  /** Fraction of null deviance explained (glmnet dev.ratio). */
  devRatio: number[];
  nullDeviance: number;
  /** Coordinate-descent passes used (glmnet npasses). */
  passes: number;
}

/** Intercept and named coefficients at one lambda. */
export interface LassoCoefficients {
  lambda: number;
  intercept: number;
  coefficients: Record<string, number>;
  /** Names of the non-zero coefficients, in column order. */
  selected: string[];
}

const MAX_CELLS = 20_000_000; // n * p limit: the solver's few copies of X stay under ~0.5 GB

export interface PreparedLasso {
  input: SolverInput;
  names: string[];
  lambdaMinRatioGiven: boolean;
}

/** Validates X, y and options once (lassoCv reuses the result for its folds). */
export function prepareLasso(X: MatrixInput, y: ArrayLike<number | boolean>, opts: LassoOptions = {}): PreparedLasso {
  const family = opts.family ?? 'binomial';
  if (family !== 'binomial' && family !== 'gaussian') throw new Error(`family: "${family}" is not supported (binomial or gaussian)`);
  const xm = toColumnMajor(X, 'X', MAX_CELLS);
  const n = xm.rows, p = xm.cols;
  if (n < 2) throw new Error(`X: ${n} row(s); the lasso needs at least 2`);
  if (!y || y.length !== n) throw new Error(`y: length ${y?.length ?? 0} does not match the ${n} rows of X`);
  const yy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = Number(y[i]);
    if (family === 'binomial' && v !== 0 && v !== 1) throw new Error(`y: value ${String(y[i])} at row ${i} is not 0/1 (binomial family)`);
    if (!Number.isFinite(v)) throw new Error(`y: value ${String(y[i])} at row ${i} is not a finite number`);
    yy[i] = v;
  }
  const nlambda = opts.nlambda ?? 100;
  if (!Number.isInteger(nlambda) || nlambda < 2 || nlambda > 10000) throw new Error(`nlambda: ${nlambda} must be an integer from 2 to 10000`);
  const lambdaMinRatio = opts.lambdaMinRatio ?? (n < p ? 1e-2 : 1e-4);
  if (!(lambdaMinRatio > 0 && lambdaMinRatio < 1)) throw new Error(`lambdaMinRatio: ${lambdaMinRatio} must be in (0, 1)`);
  let lambda: Float64Array | null = null;
  if (opts.lambda != null) {
    lambda = Float64Array.from(opts.lambda, Number).sort().reverse();
    if (lambda.length < 1 || lambda.length > 10000) throw new Error(`lambda: ${lambda.length} values (1 to 10000 allowed)`);
    if (lambda.some((l) => !(l >= 0) || !Number.isFinite(l))) throw new Error('lambda: values must be finite and >= 0');
  }
  const thresh = opts.thresh ?? 1e-7;
  if (!(thresh > 0) || !Number.isFinite(thresh)) throw new Error(`thresh: ${thresh} must be a positive number`);
  const maxit = opts.maxit ?? 1e5;
  if (!Number.isInteger(maxit) || maxit < 1) throw new Error(`maxit: ${maxit} must be a positive integer`);
  let varying = false;
  for (let j = 0; j < p && !varying; j++) for (let i = 1; i < n && !varying; i++) varying = xm.data[j * n + i] !== xm.data[j * n];
  if (!varying) throw new Error('X: every column is constant; the lasso has nothing to select');
  const names = opts.names ? [...opts.names] : Array.from({ length: p }, (_, j) => `V${j + 1}`);
  if (names.length !== p) throw new Error(`names: ${names.length} names for ${p} columns of X`);
  const standardize = opts.standardize ?? true;
  return {
    input: { family, x: xm.data, n, p, y: yy, nlambda, lambdaMinRatio, lambda, standardize, thresh, maxit },
    names,
    lambdaMinRatioGiven: opts.lambdaMinRatio != null,
  };
}

/** Runs the solver on prepared input and shapes the result like a glmnet fit. */
export function fitPrepared(prep: PreparedLasso): LassoPath {
  const inp = prep.input;
  const raw = inp.family === 'binomial' ? binomialPath(inp) : gaussianPath(inp);
  const p = inp.p;
  const lambda = Array.from(raw.lambda);
  // glmnet fix.lam: the first lambda (solved as "infinity") is reported one log-step above the second.
  if (!inp.lambda && lambda.length > 2) lambda[0] = Math.exp(2 * Math.log(lambda[1]) - Math.log(lambda[2]));
  const beta: number[][] = [];
  const nzero: number[] = [];
  for (let k = 0; k < lambda.length; k++) {
    const row = Array.from(raw.beta.subarray(k * p, (k + 1) * p));
    beta.push(row);
    nzero.push(row.reduce((c, b) => c + (b !== 0 ? 1 : 0), 0));
  }
  return {
    family: inp.family,
    names: prep.names,
    lambda,
    intercept: Array.from(raw.intercept),
    beta,
    nzero,
    devRatio: Array.from(raw.devRatio),
    nullDeviance: raw.nullDeviance,
    passes: raw.passes,
  };
}

/** The whole lasso path (glmnet(x, y, family, alpha = 1, ...)). */
export function lassoPath(X: MatrixInput, y: ArrayLike<number | boolean>, opts: LassoOptions = {}): LassoPath {
  return fitPrepared(prepareLasso(X, y, opts));
}

/**
 * Coefficients at any lambda: exact at path lambdas, linear in lambda between them, clamped to the
 * path's ends (glmnet predict(s = lambda), lambda.interp).
 */
export function lassoCoefAt(path: LassoPath, s: number): { intercept: number; beta: Float64Array } {
  const lam = path.lambda;
  const k = lam.length;
  const p = path.names.length;
  const beta = new Float64Array(p);
  if (k === 1 || s >= lam[0] || s <= lam[k - 1]) {
    const idx = k === 1 || s >= lam[0] ? 0 : k - 1;
    beta.set(path.beta[idx]);
    return { intercept: path.intercept[idx], beta };
  }
  let left = 0;
  while (lam[left + 1] > s) left++;
  const right = left + 1;
  const frac = lam[left] === lam[right] ? 1 : (s - lam[right]) / (lam[left] - lam[right]);
  for (let j = 0; j < p; j++) beta[j] = frac * path.beta[left][j] + (1 - frac) * path.beta[right][j];
  return { intercept: frac * path.intercept[left] + (1 - frac) * path.intercept[right], beta };
}

/** Named coefficients at path index k. */
export function lassoCoefficients(path: LassoPath, k: number): LassoCoefficients {
  if (!Number.isInteger(k) || k < 0 || k >= path.lambda.length) throw new Error(`lambda index ${k} is outside the path (0..${path.lambda.length - 1})`);
  const coefficients: Record<string, number> = {};
  const selected: string[] = [];
  path.names.forEach((name, j) => {
    coefficients[name] = path.beta[k][j];
    if (path.beta[k][j] !== 0) selected.push(name);
  });
  return { lambda: path.lambda[k], intercept: path.intercept[k], coefficients, selected };
}

/**
 * Linear predictor (binomial: log-odds, the Rad-score) or response (probability / fitted value) at
 * lambda s for new rows.
 */
export function lassoPredict(path: LassoPath, X: MatrixInput, s: number, type: 'link' | 'response' = 'link'): Float64Array {
  const xm = toColumnMajor(X, 'X');
  const p = path.names.length;
  if (xm.cols !== p) throw new Error(`X: ${xm.cols} columns but the lasso was fitted on ${p}`);
  const { intercept, beta } = lassoCoefAt(path, s);
  const out = new Float64Array(xm.rows).fill(intercept);
  for (let j = 0; j < p; j++) {
    if (beta[j] === 0) continue;
    for (let i = 0; i < xm.rows; i++) out[i] += beta[j] * xm.data[i + xm.rows * j];
  }
  if (type === 'response' && path.family === 'binomial') for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-out[i]));
  return out;
}
