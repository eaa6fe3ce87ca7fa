// Binary logistic regression by Newton-Raphson / IRLS (R glm(family = binomial), rms lrm): maximum
// likelihood, Wald statistics from the inverse information, odds ratios, deviance, AIC, and lrm's
// discrimination indexes. Optional Firth penalization (Firth 1993) gives finite estimates under
// separation, which otherwise is reported as an error.
import { cholesky, choleskyInverse, choleskyLogDet, choleskySolve, extent, SingularMatrixError, toColumnMajor, type MatrixInput } from './linalg.js';
import { chiSquareSf, normalQuantile, normalTwoSidedP } from '../stats/distributions.js';
import { aucWithTies } from './lasso-measures.js';

export interface LogisticOptions {
  /** Maximise the Firth-penalized likelihood l(b) + log|I(b)|/2 instead (finite under separation). */
  firth?: boolean;
  /** Newton iterations allowed (default 100). */
  maxit?: number;
  /** Confidence level of the odds-ratio intervals (default 0.95). */
  confLevel?: number;
}

export interface LogisticTerm {
  name: string;
  estimate: number;
  se: number;
  /** Wald z = estimate / se and its two-sided normal p-value. */
  z: number;
  p: number;
  oddsRatio: number;
  orLower: number;
  orUpper: number;
}

export interface LogisticFit {
  /** '(Intercept)' first, then the columns of X. */
  terms: LogisticTerm[];
  intercept: number;
  coefficients: Record<string, number>;
  /** Inverse information (variance-covariance of the estimates), in terms order. */
  covariance: number[][];
  n: number;
  deviance: number;
  nullDeviance: number;
  logLik: number;
  aic: number;
  /** Likelihood-ratio test of all predictors: chi2 = nullDeviance - deviance on p df. */
  lrChi2: number;
  lrDf: number;
  lrP: number;
  /** lrm indexes: C (= AUC of fitted values, ties count 1/2), Somers' Dxy = 2C - 1, Nagelkerke R2, Brier score. */
  c: number;
  dxy: number;
  r2: number;
  brier: number;
  linearPredictor: number[];
  fitted: number[];
  /** Observed [min, max] of each predictor (default nomogram axes). */
  ranges: Record<string, [number, number]>;
  iterations: number;
  firth: boolean;
}

const MAX_VALUES = 20_000_000;

/** logisticRegression(X, y, names): y 0/1 (or boolean); X without an intercept column. */
export function logisticRegression(X: MatrixInput, y: ArrayLike<number | boolean>, names?: string[], opts: LogisticOptions = {}): LogisticFit {
  const xm = toColumnMajor(X, 'X', MAX_VALUES);
  const n = xm.rows, p = xm.cols;
  const labels = names ? [...names] : Array.from({ length: p }, (_, j) => `x${j + 1}`);
  if (labels.length !== p) throw new Error(`names: ${labels.length} names for ${p} columns of X`);
  if (!y || y.length !== n) throw new Error(`y: length ${y?.length ?? 0} does not match the ${n} rows of X`);
  const yy = Float64Array.from({ length: n }, (_, i) => {
    const v = Number(y[i]);
    if (v !== 0 && v !== 1) throw new Error(`y: value ${String(y[i])} at row ${i} is not 0/1`);
    return v;
  });
  const events = yy.reduce((a, b) => a + b, 0);
  if (events === 0 || events === n) throw new Error(`y: only one class present (${events} events in ${n} rows)`);
  const k = p + 1;
  if (n < k) throw new Error(`X: ${n} rows cannot estimate ${k} coefficients`);
  const maxit = opts.maxit ?? 100;
  if (!Number.isInteger(maxit) || maxit < 1) throw new Error(`maxit: ${maxit} must be a positive integer`);
  const confLevel = opts.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw new Error(`confLevel: ${confLevel} must be in (0, 1)`);
  const firth = !!opts.firth;
  const allNames = ['(Intercept)', ...labels];
  const design = new Float64Array(n * k); // column-major with a leading column of ones
  design.fill(1, 0, n);
  design.set(xm.data, n);

  const state = newtonFit(design, n, k, yy, firth, maxit, allNames);
  const { beta, eta, prob, info } = state;
  let chol: Float64Array;
  try {
    chol = cholesky(info, k);
  } catch (err) {
    throw err instanceof SingularMatrixError ? separationError(beta, design, n, allNames) : err;
  }
  const cov = choleskyInverse(chol, k);
  const zCrit = normalQuantile(0.5 + confLevel / 2);
  const terms: LogisticTerm[] = allNames.map((name, j) => {
    const se = Math.sqrt(cov[j * k + j]);
    const z = beta[j] / se;
    return { name, estimate: beta[j], se, z, p: normalTwoSidedP(z), oddsRatio: Math.exp(beta[j]), orLower: Math.exp(beta[j] - zCrit * se), orUpper: Math.exp(beta[j] + zCrit * se) };
  });
  const deviance = binomialDeviance(yy, prob);
  const ybar = events / n;
  const nullDeviance = -2 * (events * Math.log(ybar) + (n - events) * Math.log(1 - ybar));
  const lrChi2 = nullDeviance - deviance;
  const c = aucWithTies(Array.from(yy), Array.from(prob));
  const coefficients: Record<string, number> = {};
  labels.forEach((name, j) => (coefficients[name] = beta[j + 1]));
  const ranges: Record<string, [number, number]> = {};
  labels.forEach((name, j) => {
    ranges[name] = extent(xm.data.subarray(j * n, (j + 1) * n));
  });
  return {
    terms,
    intercept: beta[0],
    coefficients,
    covariance: Array.from({ length: k }, (_, i) => Array.from(cov.subarray(i * k, (i + 1) * k))),
    n,
    deviance,
    nullDeviance,
    logLik: -deviance / 2,
    aic: deviance + 2 * k,
    lrChi2,
    lrDf: p,
    lrP: chiSquareSf(Math.max(lrChi2, 0), p),
    c,
    dxy: 2 * c - 1,
    r2: (1 - Math.exp(-lrChi2 / n)) / (1 - Math.exp(-nullDeviance / n)), // Nagelkerke
    brier: prob.reduce((a, pi, i) => a + (pi - yy[i]) ** 2, 0) / n,
    linearPredictor: Array.from(eta),
    fitted: Array.from(prob),
    ranges,
    iterations: state.iterations,
    firth,
  };
}

/** -2 log-likelihood of 0/1 outcomes at probabilities prob. */
function binomialDeviance(y: Float64Array, prob: Float64Array): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) d -= 2 * (y[i] ? Math.log(prob[i]) : Math.log1p(-prob[i]));
  return d;
}

interface NewtonState {
  beta: Float64Array;
  eta: Float64Array;
  prob: Float64Array;
  /** Fisher information X'WX, row-major k x k. */
  info: Float64Array;
  iterations: number;
}

/** Linear predictor, probabilities, information and the (penalized) log-likelihood at beta. */
function evaluate(design: Float64Array, n: number, k: number, y: Float64Array, beta: Float64Array, firth: boolean) {
  const eta = new Float64Array(n);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) eta[i] += design[j * n + i] * beta[j];
  const prob = eta.map((e) => 1 / (1 + Math.exp(-e)));
  const info = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += design[a * n + i] * design[b * n + i] * prob[i] * (1 - prob[i]);
      info[a * k + b] = info[b * k + a] = s;
    }
  }
  // log-likelihood from eta directly: y eta - log(1 + e^eta), stable for large |eta|
  let ll = 0;
  for (let i = 0; i < n; i++) ll += y[i] * eta[i] - (eta[i] > 0 ? eta[i] + Math.log1p(Math.exp(-eta[i])) : Math.log1p(Math.exp(eta[i])));
  return { eta, prob, info, ll };
}

/** Newton-Raphson with step halving; converged when every step is below 1e-10 (1 + |b|). */
function newtonFit(design: Float64Array, n: number, k: number, y: Float64Array, firth: boolean, maxit: number, names: string[]): NewtonState {
  const beta = new Float64Array(k);
  const ybar = y.reduce((a, b) => a + b, 0) / n;
  beta[0] = Math.log(ybar / (1 - ybar));
  let cur = evaluate(design, n, k, y, beta, firth);
  let objective = cur.ll;
  let chol: Float64Array;
  for (let iter = 1; iter <= maxit; iter++) {
    try {
      chol = cholesky(cur.info, k);
    } catch (err) {
      if (!(err instanceof SingularMatrixError)) throw err;
      // At the start all weights are equal, so singularity is the design's own; later it comes from
      // weights p(1 - p) collapsing to 0, i.e. separation.
      throw iter === 1 ? singularDesignError(err.column, names) : separationError(beta, design, n, names);
    }
    if (firth) objective = cur.ll + 0.5 * choleskyLogDet(chol, k);
    const score = new Float64Array(k);
    const adj = firth ? hatDiagonal(design, n, k, cur.prob, chol) : null;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += design[j * n + i] * (y[i] - cur.prob[i] + (adj ? adj[i] * (0.5 - cur.prob[i]) : 0));
      score[j] = s;
    }
    const step = choleskySolve(chol, k, score);
    let scale = 1;
    for (let half = 0; half < 40; half++, scale /= 2) {
      const trial = beta.map((b, j) => b + scale * step[j]);
      const next = evaluate(design, n, k, y, trial, firth);
      let nextObjective = next.ll;
      if (firth) {
        try {
          nextObjective += 0.5 * choleskyLogDet(cholesky(next.info, k), k);
        } catch {
          continue;
        }
      }
      if (nextObjective >= objective - 1e-12 * Math.abs(objective) || half === 39) {
        beta.set(trial);
        cur = next;
        objective = nextObjective;
        break;
      }
    }
    const small = step.every((s, j) => Math.abs(scale * s) <= 1e-10 * (1 + Math.abs(beta[j])));
    if (small) return { beta, eta: cur.eta, prob: cur.prob, info: cur.info, iterations: iter };
  }
  if (cur.prob.some((pr) => pr < 1e-8 || pr > 1 - 1e-8)) throw separationError(beta, design, n, names);
  throw new Error(`logisticRegression: no convergence in ${maxit} Newton iterations`);
}

/** h_i = w_i x_i' I^{-1} x_i, the leverages Firth's score adjustment uses. */
function hatDiagonal(design: Float64Array, n: number, k: number, prob: Float64Array, chol: Float64Array): Float64Array {
  const h = new Float64Array(n);
  const xi = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) xi[j] = design[j * n + i];
    const sol = choleskySolve(chol, k, xi);
    let s = 0;
    for (let j = 0; j < k; j++) s += xi[j] * sol[j];
    h[i] = prob[i] * (1 - prob[i]) * s;
  }
  return h;
}

function separationError(beta: Float64Array, design: Float64Array, n: number, names: string[]): Error {
  // Name the predictor whose standardized coefficient has run away furthest.
  let worst = 1, size = -1;
  for (let j = 1; j < beta.length; j++) {
    const col = design.subarray(j * n, (j + 1) * n);
    const mean = col.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    if (Math.abs(beta[j]) * sd > size) { size = Math.abs(beta[j]) * sd; worst = j; }
  }
  return new Error(`logisticRegression: complete or quasi-complete separation (fitted probabilities of 0 or 1, coefficients diverge; largest: "${names[worst]}"); remove or merge the separating predictor, or use {firth: true}`);
}

function singularDesignError(column: number, names: string[]): Error {
  return new Error(`logisticRegression: singular design: "${names[column]}" is constant or a linear combination of ${column > 1 ? 'earlier columns' : 'the intercept'}`);
}
