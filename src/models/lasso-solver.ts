// Pathwise coordinate descent for the lasso, step for step as glmnet 4.1 does it (Friedman, Hastie &
// Tibshirani 2010, J Stat Softw 33(1)): lambda sequence from the null-model gradient, strong-rule
// screening with KKT checks, warm starts, and for the binomial family an IRLS outer loop (exact Hessian
// diagonal, unpenalized intercept) around weighted coordinate descent. Alpha is 1 (pure lasso).
// Sweeps over the coordinates run in a WebAssembly kernel (lasso-workspace.ts).
import { candidateDots, dotColumn, finish, linearPredictor, listStrong, newOutput, storePoint, sweep, weightStrongColumns, withWorkspace, type SolverInput, type SolverOutput, type Workspace } from './lasso-workspace.js';

export type { SolverInput, SolverOutput } from './lasso-workspace.js';

/** glmnet.control() defaults. */
const SML = 1e-5; // stop when the deviance ratio grows by less than this (fraction, gaussian)
const EPS = 1e-6; // smallest lambda.min.ratio honoured
const BIG = 9.9e35; // "infinite" first lambda
const MNLAM = 5; // never stop before this many lambdas
const DEVMAX = 0.999; // stop when the deviance ratio exceeds this
const PMIN = 1e-9; // probabilities are clipped at this distance from 0 and 1

/** glmnet's geometric ratio between successive automatic lambdas. */
function lambdaRatio(inp: SolverInput): number {
  return inp.lambda ? 1 : Math.pow(Math.max(EPS, inp.lambdaMinRatio), 1 / (inp.nlambda - 1));
}

/** The m-th lambda (glmnet: "infinity" first, then lambda_max * ratio, ...); returns [alm, alm0]. */
function nextLambda(inp: SolverInput, m: number, alm: number, alf: number, ga: Float64Array, ju: Uint8Array): [number, number] {
  if (inp.lambda) return [inp.lambda[m], alm];
  if (m > 1) return [alm * alf, alm];
  if (m === 0) return [BIG, alm];
  let lambdaMax = 0;
  for (let j = 0; j < ga.length; j++) if (ju[j]) lambdaMax = Math.max(lambdaMax, ga[j]);
  return [lambdaMax * alf, lambdaMax];
}

/** Sequential strong rule: a column joins when its |gradient| exceeds 2 lambda - previous lambda. */
function screen(strong: Uint8Array, ga: Float64Array, ju: Uint8Array, tlam: number): void {
  for (let k = 0; k < strong.length; k++) if (!strong[k] && ju[k] && ga[k] > tlam) strong[k] = 1;
}

/** KKT check outside the strong set: columns with |gradient| > lambda join it; true when none did. */
function kktHolds(ws: Workspace, strong: Uint8Array, ga: Float64Array, alm: number): boolean {
  let count = 0;
  for (let k = 0; k < ws.p; k++) if (!strong[k] && ws.ju[k]) ws.candidates[count++] = k;
  candidateDots(ws, count);
  let holds = true;
  for (let c = 0; c < count; c++) {
    const k = ws.candidates[c];
    ga[k] = Math.abs(ws.dots[c]);
    if (ga[k] > alm) { strong[k] = 1; holds = false; }
  }
  return holds;
}

export function binomialPath(inp: SolverInput): SolverOutput {
  return withWorkspace(inp, false, (ws) => binomialOnWorkspace(inp, ws));
}

function binomialOnWorkspace(inp: SolverInput, ws: Workspace): SolverOutput {
  const { n, p, y, maxit } = inp;
  const { x, r, v, eta, beta, xv, active, ju } = ws;
  const wt = 1 / n;
  const nlam = inp.lambda ? inp.lambda.length : inp.nlambda;
  const vmin = (1 + PMIN) * PMIN * (1 - PMIN);
  const fmax = Math.log(1 / PMIN - 1);
  let q0 = 0;
  for (let i = 0; i < n; i++) q0 += wt * y[i];
  if (q0 <= PMIN || q0 >= 1 - PMIN) throw new Error('y: only one class present (binomial lasso needs both 0 and 1)');
  const bs = new Float64Array(p), ga = new Float64Array(p), strong = new Uint8Array(p);
  const q = new Float64Array(n);
  let b0 = Math.log(q0 / (1 - q0));
  let xmz = q0 * (1 - q0);
  for (let i = 0; i < n; i++) {
    v[i] = xmz * wt;
    r[i] = wt * (y[i] - q0);
  }
  const dev1 = -(b0 * q0 + Math.log(1 - q0)); // null deviance / 2n (the saturated term is 0 for 0/1 y)
  const thr = inp.thresh * dev1;
  for (let j = 0; j < p; j++) if (ju[j]) ga[j] = Math.abs(dotColumn(r, x, j * n, n));

  const out = newOutput(nlam, p);
  const alf = lambdaRatio(inp);
  const mnl = Math.min(MNLAM, nlam);
  let nlp = 0, lmu = 0, alm = 0;
  const countPass = (m: number): void => {
    if (++nlp > maxit) throw new Error(`lasso: no convergence within maxit = ${maxit} passes at lambda #${m + 1} (raise maxit or thresh)`);
  };
  // Unpenalized intercept step; returns the updated dlx.
  const updateIntercept = (dlx: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += r[i];
    const d = s / xmz;
    if (d === 0) return dlx;
    b0 += d;
    for (let i = 0; i < n; i++) r[i] -= d * v[i];
    return Math.max(dlx, xmz * d * d);
  };

  for (let m = 0; m < nlam; m++) {
    let alm0: number;
    [alm, alm0] = nextLambda(inp, m, alm, alf, ga, ju);
    screen(strong, ga, ju, 2 * alm - alm0);
    let tooSmall = false;
    for (;;) {
      // IRLS: fix the quadratic approximation (weights v) at the current fit.
      const nStrong = listStrong(ws, strong);
      const bs0 = b0;
      for (let l = 0; l < ws.stateI32[0]; l++) bs[active[l]] = beta[active[l]];
      weightStrongColumns(ws, nStrong);
      for (;;) {
        countPass(m);
        if (updateIntercept(sweep(ws, 'strong', nStrong, alm)) < thr) break;
        for (;;) {
          countPass(m);
          if (updateIntercept(sweep(ws, 'active', ws.stateI32[0], alm)) < thr) break;
        }
      }
      const nin = ws.stateI32[0];
      linearPredictor(ws, b0);
      xmz = 0;
      for (let i = 0; i < n; i++) {
        const f = eta[i];
        q[i] = f < -fmax ? 0 : f > fmax ? 1 : 1 / (1 + Math.exp(-f));
        v[i] = wt * q[i] * (1 - q[i]);
        xmz += v[i];
      }
      if (xmz <= vmin) { tooSmall = true; break; }
      for (let i = 0; i < n; i++) r[i] = wt * (y[i] - q[i]);
      let moved = xmz * (b0 - bs0) * (b0 - bs0) >= thr;
      for (let l = 0; l < nin && !moved; l++) {
        const d = beta[active[l]] - bs[active[l]];
        moved = xv[active[l]] * d * d >= thr;
      }
      if (!moved && kktHolds(ws, strong, ga, alm)) break;
    }
    let devi = 0;
    for (let i = 0; i < n; i++) {
      const pi = Math.min(Math.max(PMIN, q[i]), 1 - PMIN);
      devi -= wt * (y[i] * Math.log(pi) + (1 - y[i]) * Math.log(1 - pi));
    }
    storePoint(out, m, alm, b0, beta, (dev1 - devi) / dev1);
    lmu = m + 1;
    if (lmu < mnl || inp.lambda) continue;
    if (out.devRatio[m] - (m === 0 ? 0 : out.devRatio[m - 1]) < SML || out.devRatio[m] > DEVMAX) break;
    if (tooSmall) break;
  }
  return finish(out, lmu, ws, 1, 0, 2 * n * dev1, nlp);
}

export function gaussianPath(inp: SolverInput): SolverOutput {
  return withWorkspace(inp, true, (ws) => gaussianOnWorkspace(inp, ws));
}

function gaussianOnWorkspace(inp: SolverInput, ws: Workspace): SolverOutput {
  const { n, p, maxit } = inp;
  const { x, r, xv, ju } = ws;
  const nlam = inp.lambda ? inp.lambda.length : inp.nlambda;
  for (let j = 0; j < p; j++) {
    if (!ju[j]) continue;
    let s = 0;
    for (let i = 0; i < n; i++) s += x[j * n + i] * x[j * n + i];
    xv[j] = s; // 1 once standardized
  }
  let ym = 0;
  for (let i = 0; i < n; i++) ym += inp.y[i] / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    r[i] = Math.sqrt(1 / n) * (inp.y[i] - ym);
    ss += r[i] * r[i];
  }
  const ys = Math.sqrt(ss);
  if (!(ys > 0)) throw new Error('y: constant response (gaussian lasso needs variation in y)');
  for (let i = 0; i < n; i++) r[i] /= ys;
  const ga = new Float64Array(p), strong = new Uint8Array(p);
  for (let j = 0; j < p; j++) if (ju[j]) ga[j] = Math.abs(dotColumn(r, x, j * n, n));
  const out = newOutput(nlam, p);
  const alf = lambdaRatio(inp);
  const mnl = Math.min(MNLAM, nlam);
  const thr = inp.thresh;
  let nlp = 0, lmu = 0, alm = 0, polished = false;
  const countPass = (m: number): void => {
    if (++nlp > maxit) throw new Error(`lasso: no convergence within maxit = ${maxit} passes at lambda #${m + 1} (raise maxit or thresh)`);
  };

  for (let m = 0; m < nlam; m++) {
    let alm0: number;
    [alm, alm0] = nextLambda(inp, m, alm, alf, ga, ju);
    if (inp.lambda) alm /= ys; // user lambdas are on the scale of y; the solver works on y / sd(y)
    const rsq0 = ws.stateF64[1];
    screen(strong, ga, ju, 2 * alm - alm0);
    // As glmnet's naive solver: once an active set exists, a new lambda starts by polishing it.
    let activeFirst = polished;
    for (;;) {
      if (!activeFirst) {
        countPass(m);
        if (sweep(ws, 'strong', listStrong(ws, strong), alm) < thr) {
          if (kktHolds(ws, strong, ga, alm)) break;
          continue;
        }
      }
      activeFirst = false;
      polished = true;
      for (;;) {
        countPass(m);
        if (sweep(ws, 'active', ws.stateI32[0], alm) < thr) break;
      }
    }
    const rsq = ws.stateF64[1];
    storePoint(out, m, alm, 0, ws.beta, rsq);
    lmu = m + 1;
    if (lmu < mnl || inp.lambda) continue;
    const change = rsq === 0 ? Infinity : (rsq - rsq0) / rsq;
    if (change < SML || rsq > DEVMAX) break;
  }
  return finish(out, lmu, ws, ys, ym, n * ss, nlp);
}
