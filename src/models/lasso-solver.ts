// Pathwise coordinate descent for the lasso, step for step as glmnet 4.1 does it (Friedman, Hastie &
// Tibshirani 2010, J Stat Softw 33(1)): lambda sequence from the null-model gradient, strong-rule
// screening with KKT checks, warm starts, and for the binomial family an IRLS outer loop (exact Hessian
// diagonal, unpenalized intercept) around weighted coordinate descent. Alpha is 1 (pure lasso).

/** glmnet.control() defaults. */
const SML = 1e-5; // stop when the deviance ratio grows by less than this (fraction, gaussian)
const EPS = 1e-6; // smallest lambda.min.ratio honoured
const BIG = 9.9e35; // "infinite" first lambda
const MNLAM = 5; // never stop before this many lambdas
const DEVMAX = 0.999; // stop when the deviance ratio exceeds this
const PMIN = 1e-9; // probabilities are clipped at this distance from 0 and 1

export interface SolverInput {
  family: 'binomial' | 'gaussian';
  /** Column-major n x p; not modified. */
  x: Float64Array;
  n: number;
  p: number;
  y: Float64Array;
  nlambda: number;
  lambdaMinRatio: number;
  /** User lambdas (decreasing); when given, nlambda/lambdaMinRatio are ignored and no early stop. */
  lambda: Float64Array | null;
  standardize: boolean;
  thresh: number;
  maxit: number;
}

export interface SolverOutput {
  /** Lambdas as glmnet reports them (first one of an automatic sequence still "infinite": see fixLambda). */
  lambda: Float64Array;
  intercept: Float64Array;
  /** Coefficients on the original scale, lambda-major: beta[k * p + j]. */
  beta: Float64Array;
  devRatio: Float64Array;
  nullDeviance: number;
  passes: number;
}

interface Prepared {
  xs: Float64Array; // centred (and scaled) columns
  xm: Float64Array;
  xsd: Float64Array;
  w: Float64Array; // weights summing to 1
  ju: Uint8Array; // 1 for non-constant columns
}

/** Centres each column by its weighted mean (and scales to unit 1/n variance when standardizing). */
function prepare(inp: SolverInput, sqrtWeights: boolean): Prepared {
  const { x, n, p, standardize } = inp;
  const xs = new Float64Array(x);
  const xm = new Float64Array(p);
  const xsd = new Float64Array(p).fill(1);
  const w = new Float64Array(n).fill(1 / n);
  const ju = new Uint8Array(p);
  const sw = Math.sqrt(1 / n);
  for (let j = 0; j < p; j++) {
    const o = j * n;
    for (let i = 1; i < n; i++) if (x[o + i] !== x[o]) { ju[j] = 1; break; }
    if (!ju[j]) continue;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += w[i] * x[o + i];
    xm[j] = mean;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const c = x[o + i] - mean;
      xs[o + i] = sqrtWeights ? sw * c : c;
      ss += sqrtWeights ? xs[o + i] * xs[o + i] : w[i] * c * c;
    }
    if (standardize) {
      const sd = Math.sqrt(ss);
      xsd[j] = sd;
      for (let i = 0; i < n; i++) xs[o + i] /= sd;
    }
  }
  return { xs, xm, xsd, w, ju };
}

/** glmnet's geometric ratio between successive automatic lambdas. */
function lambdaRatio(inp: SolverInput): number {
  return inp.lambda ? 1 : Math.pow(Math.max(EPS, inp.lambdaMinRatio), 1 / (inp.nlambda - 1));
}

function dotColumn(r: Float64Array, x: Float64Array, o: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += r[i] * x[o + i];
  return s;
}

/** Soft-thresholded coordinate minimiser: sign(u) max(|u| - l1, 0) / xv. */
function softThreshold(u: number, l1: number, xv: number): number {
  const au = Math.abs(u) - l1;
  return au > 0 ? (u < 0 ? -au : au) / xv : 0;
}

export function binomialPath(inp: SolverInput): SolverOutput {
  const { n, p, y, maxit } = inp;
  const { xs: x, xm, xsd, w, ju } = prepare(inp, false);
  const nlam = inp.lambda ? inp.lambda.length : inp.nlambda;
  const vmin = (1 + PMIN) * PMIN * (1 - PMIN);
  const fmax = Math.log(1 / PMIN - 1);
  let q0 = 0;
  for (let i = 0; i < n; i++) q0 += w[i] * y[i];
  if (q0 <= PMIN || q0 >= 1 - PMIN) throw new Error('y: only one class present (binomial lasso needs both 0 and 1)');
  const beta = new Float64Array(p), bs = new Float64Array(p), xv = new Float64Array(p), ga = new Float64Array(p);
  const strong = new Uint8Array(p), isActive = new Uint8Array(p), active = new Int32Array(p);
  const q = new Float64Array(n).fill(q0), v = new Float64Array(n), r = new Float64Array(n);
  let b0 = Math.log(q0 / (1 - q0));
  let xmz = q0 * (1 - q0);
  for (let i = 0; i < n; i++) {
    v[i] = xmz * w[i];
    r[i] = w[i] * (y[i] - q0);
  }
  const dev1 = -(b0 * q0 + Math.log(1 - q0));
  let dev0 = dev1;
  for (let i = 0; i < n; i++) {
    if (y[i] > 0) dev0 += w[i] * y[i] * Math.log(y[i]);
    if (y[i] < 1) dev0 += w[i] * (1 - y[i]) * Math.log(1 - y[i]);
  }
  const thr = inp.thresh * dev0;
  for (let j = 0; j < p; j++) if (ju[j]) ga[j] = Math.abs(dotColumn(r, x, j * n, n));

  const out = newOutput(nlam, p);
  const alf = lambdaRatio(inp);
  const mnl = Math.min(MNLAM, nlam);
  let nin = 0, nlp = 0, lmu = 0, alm = 0, dlx = 0;

  // One coordinate step on feature k for the current quadratic approximation.
  const update = (k: number, l1: number, full: boolean): void => {
    const o = k * n;
    const bk = beta[k];
    const gk = dotColumn(r, x, o, n);
    beta[k] = softThreshold(gk + xv[k] * bk, l1, xv[k]);
    if (beta[k] === bk) return;
    if (full && !isActive[k]) { isActive[k] = 1; active[nin++] = k; }
    const d = beta[k] - bk;
    dlx = Math.max(dlx, xv[k] * d * d);
    for (let i = 0; i < n; i++) r[i] -= d * v[i] * x[o + i];
  };
  const updateIntercept = (): void => {
    let s = 0;
    for (let i = 0; i < n; i++) s += r[i];
    const d = s / xmz;
    if (d === 0) return;
    b0 += d;
    dlx = Math.max(dlx, xmz * d * d);
    for (let i = 0; i < n; i++) r[i] -= d * v[i];
  };
  const countPass = (m: number): void => {
    if (++nlp > maxit) throw new Error(`lasso: no convergence within maxit = ${maxit} passes at lambda #${m + 1} (raise maxit or thresh)`);
  };

  for (let m = 0; m < nlam; m++) {
    let alm0 = alm;
    if (inp.lambda) alm = inp.lambda[m];
    else if (m > 1) alm *= alf;
    else if (m === 0) alm = BIG;
    else {
      alm0 = 0;
      for (let j = 0; j < p; j++) if (ju[j]) alm0 = Math.max(alm0, ga[j]);
      alm = alm0 * alf;
    }
    const tlam = 2 * alm - alm0; // sequential strong rule
    for (let k = 0; k < p; k++) if (!strong[k] && ju[k] && ga[k] > tlam) strong[k] = 1;
    let tooSmall = false;
    for (;;) {
      // IRLS: fix the quadratic approximation at the current fit.
      const bs0 = b0;
      for (let l = 0; l < nin; l++) bs[active[l]] = beta[active[l]];
      for (let j = 0; j < p; j++) {
        if (!strong[j]) continue;
        const o = j * n;
        let s = 0;
        for (let i = 0; i < n; i++) s += v[i] * x[o + i] * x[o + i];
        xv[j] = s;
      }
      for (;;) {
        countPass(m);
        dlx = 0;
        for (let k = 0; k < p; k++) if (strong[k]) update(k, alm, true);
        updateIntercept();
        if (dlx < thr) break;
        for (;;) {
          countPass(m);
          dlx = 0;
          for (let l = 0; l < nin; l++) update(active[l], alm, false);
          updateIntercept();
          if (dlx < thr) break;
        }
      }
      for (let i = 0; i < n; i++) {
        let f = b0;
        for (let l = 0; l < nin; l++) f += beta[active[l]] * x[active[l] * n + i];
        q[i] = f < -fmax ? 0 : f > fmax ? 1 : 1 / (1 + Math.exp(-f));
      }
      xmz = 0;
      for (let i = 0; i < n; i++) {
        v[i] = w[i] * q[i] * (1 - q[i]);
        xmz += v[i];
      }
      if (xmz <= vmin) { tooSmall = true; break; }
      for (let i = 0; i < n; i++) r[i] = w[i] * (y[i] - q[i]);
      let moved = xmz * (b0 - bs0) * (b0 - bs0) >= thr;
      for (let l = 0; l < nin && !moved; l++) {
        const d = beta[active[l]] - bs[active[l]];
        moved = xv[active[l]] * d * d >= thr;
      }
      if (moved) continue;
      let kktPassed = true; // features outside the strong set must satisfy |gradient| <= lambda
      for (let k = 0; k < p; k++) {
        if (strong[k] || !ju[k]) continue;
        ga[k] = Math.abs(dotColumn(r, x, k * n, n));
        if (ga[k] > alm) { strong[k] = 1; kktPassed = false; }
      }
      if (kktPassed) break;
    }
    let devi = 0;
    for (let i = 0; i < n; i++) {
      const pi = Math.min(Math.max(PMIN, q[i]), 1 - PMIN);
      devi -= w[i] * (y[i] * Math.log(pi) + (1 - y[i]) * Math.log(1 - pi));
    }
    storePoint(out, m, p, alm, b0, beta, (dev1 - devi) / dev0);
    lmu = m + 1;
    if (lmu < mnl || inp.lambda) continue;
    if (out.devRatio[m] - (m === 0 ? 0 : out.devRatio[m - 1]) < SML || out.devRatio[m] > DEVMAX) break;
    if (tooSmall) break;
  }
  return finish(out, lmu, p, xm, xsd, 1, 0, 2 * n * dev0, nlp);
}

export function gaussianPath(inp: SolverInput): SolverOutput {
  const { n, p, maxit } = inp;
  const { xs: x, xm, xsd, ju } = prepare(inp, true);
  const nlam = inp.lambda ? inp.lambda.length : inp.nlambda;
  const xv = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (!ju[j]) continue;
    let s = 0;
    for (let i = 0; i < n; i++) s += x[j * n + i] * x[j * n + i];
    xv[j] = s; // 1 after standardization
  }
  let ym = 0;
  for (let i = 0; i < n; i++) ym += inp.y[i] / n;
  const r = new Float64Array(n);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    r[i] = Math.sqrt(1 / n) * (inp.y[i] - ym);
    ss += r[i] * r[i];
  }
  const ys = Math.sqrt(ss);
  if (!(ys > 0)) throw new Error('y: constant response (gaussian lasso needs variation in y)');
  for (let i = 0; i < n; i++) r[i] /= ys;
  const beta = new Float64Array(p), ga = new Float64Array(p);
  const strong = new Uint8Array(p), isActive = new Uint8Array(p), active = new Int32Array(p);
  for (let j = 0; j < p; j++) if (ju[j]) ga[j] = Math.abs(dotColumn(r, x, j * n, n));
  const out = newOutput(nlam, p);
  const alf = lambdaRatio(inp);
  const mnl = Math.min(MNLAM, nlam);
  const thr = inp.thresh;
  let nin = 0, nlp = 0, lmu = 0, alm = 0, dlx = 0, rsq = 0, polished = false;

  const update = (k: number, l1: number, full: boolean): void => {
    const o = k * n;
    const ak = beta[k];
    const gk = dotColumn(r, x, o, n);
    beta[k] = softThreshold(gk + ak * xv[k], l1, xv[k]);
    if (beta[k] === ak) return;
    if (full && !isActive[k]) { isActive[k] = 1; active[nin++] = k; }
    const d = beta[k] - ak;
    rsq += d * (2 * gk - d * xv[k]);
    for (let i = 0; i < n; i++) r[i] -= d * x[o + i];
    dlx = Math.max(dlx, xv[k] * d * d);
  };
  const countPass = (m: number): void => {
    if (++nlp > maxit) throw new Error(`lasso: no convergence within maxit = ${maxit} passes at lambda #${m + 1} (raise maxit or thresh)`);
  };

  for (let m = 0; m < nlam; m++) {
    let alm0 = alm;
    if (inp.lambda) alm = inp.lambda[m] / ys;
    else if (m > 1) alm *= alf;
    else if (m === 0) alm = BIG;
    else {
      alm0 = 0;
      for (let j = 0; j < p; j++) if (ju[j]) alm0 = Math.max(alm0, ga[j]);
      alm = alm0 * alf;
    }
    const rsq0 = rsq;
    const tlam = 2 * alm - alm0;
    for (let k = 0; k < p; k++) if (!strong[k] && ju[k] && ga[k] > tlam) strong[k] = 1;
    // As glmnet's naive solver: once an active set exists, a new lambda starts by polishing it.
    let activeFirst = polished;
    for (;;) {
      if (!activeFirst) {
        countPass(m);
        dlx = 0;
        for (let k = 0; k < p; k++) if (strong[k]) update(k, alm, true);
        if (dlx < thr) {
          let added = false;
          for (let k = 0; k < p; k++) {
            if (strong[k] || !ju[k]) continue;
            ga[k] = Math.abs(dotColumn(r, x, k * n, n));
            if (ga[k] > alm) { strong[k] = 1; added = true; }
          }
          if (added) continue;
          break;
        }
      }
      activeFirst = false;
      polished = true;
      for (;;) {
        countPass(m);
        dlx = 0;
        for (let l = 0; l < nin; l++) update(active[l], alm, false);
        if (dlx < thr) break;
      }
    }
    storePoint(out, m, p, alm, 0, beta, rsq);
    lmu = m + 1;
    if (lmu < mnl || inp.lambda) continue;
    const change = rsq === 0 ? Infinity : (rsq - rsq0) / rsq;
    if (change < SML || rsq > DEVMAX) break;
  }
  return finish(out, lmu, p, xm, xsd, ys, ym, n * ss, nlp);
}

function newOutput(nlam: number, p: number): SolverOutput {
  return {
    lambda: new Float64Array(nlam),
    intercept: new Float64Array(nlam),
    beta: new Float64Array(nlam * p),
    devRatio: new Float64Array(nlam),
    nullDeviance: 0,
    passes: 0,
  };
}

function storePoint(out: SolverOutput, m: number, p: number, alm: number, b0: number, beta: Float64Array, dev: number): void {
  out.lambda[m] = alm;
  out.intercept[m] = b0;
  out.beta.set(beta, m * p);
  out.devRatio[m] = dev;
}

/** Back to the original scale: beta * ys / sd, intercept ym + b0 - sum beta * mean. */
function finish(out: SolverOutput, lmu: number, p: number, xm: Float64Array, xsd: Float64Array, ys: number, ym: number, nullDeviance: number, passes: number): SolverOutput {
  const res: SolverOutput = {
    lambda: out.lambda.slice(0, lmu).map((l) => l * ys),
    intercept: out.intercept.slice(0, lmu),
    beta: out.beta.slice(0, lmu * p),
    devRatio: out.devRatio.slice(0, lmu),
    nullDeviance,
    passes,
  };
  for (let k = 0; k < lmu; k++) {
    let a0 = ym + res.intercept[k];
    for (let j = 0; j < p; j++) {
      const b = (res.beta[k * p + j] * ys) / xsd[j];
      res.beta[k * p + j] = b;
      a0 -= b * xm[j];
    }
    res.intercept[k] = a0;
  }
  return res;
}
