// Working memory of the lasso solver, in the WebAssembly arena so that coordinate-descent passes run in
// the lassoCoordinatePass kernel (assembly/lasso.ts, SIMD); the path logic stays in TypeScript.
import { arena } from '../wasm/arena.js';
import { kernel } from '../wasm/module.js';

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
  /** Lambdas as solved (an automatic sequence's first one is still "infinite"; lasso.ts fixes it). */
  lambda: Float64Array;
  intercept: Float64Array;
  /** Coefficients on the original scale, lambda-major: beta[k * p + j]. */
  beta: Float64Array;
  devRatio: Float64Array;
  nullDeviance: number;
  passes: number;
}

export interface Workspace {
  n: number;
  p: number;
  /** Centred (binomial) or sqrt(1/n)-weighted centred (gaussian) columns, scaled when standardizing. */
  x: Float64Array;
  /** Columns the residual moves along: IRLS weights times x (binomial); x itself (gaussian). */
  w: Float64Array;
  r: Float64Array;
  /** IRLS weights w_i p_i (1 - p_i) and linear predictor (binomial). */
  v: Float64Array;
  eta: Float64Array;
  beta: Float64Array;
  xv: Float64Array;
  isActive: Uint8Array;
  active: Int32Array;
  strongList: Int32Array;
  /** Scratch column list and its dot products (KKT checks). */
  candidates: Int32Array;
  dots: Float64Array;
  /** [0]: active count (i32); as f64 [1]: accumulated least-squares R^2 gain. */
  stateI32: Int32Array;
  stateF64: Float64Array;
  ptr: { x: number; w: number; r: number; v: number; eta: number; beta: number; xv: number; flags: number; active: number; strong: number; candidates: number; dots: number; state: number };
  xm: Float64Array;
  xsd: Float64Array;
  /** 1 for non-constant columns (glmnet ju). */
  ju: Uint8Array;
}

type PassKernel = (x: number, w: number, r: number, n: number, cols: number, count: number, beta: number, xv: number, l1: number, flags: number, active: number, state: number, activate: number) => number;
type DotsKernel = (x: number, r: number, n: number, cols: number, count: number, out: number) => void;
type WeightKernel = (x: number, v: number, w: number, n: number, cols: number, count: number, xv: number) => void;
let passKernel: PassKernel | undefined;
let dotsKernel: DotsKernel | undefined;
let weightKernel: WeightKernel | undefined;
type LinearKernel = (x: number, n: number, cols: number, count: number, beta: number, b0: number, eta: number) => void;
let linearKernel: LinearKernel | undefined;

/**
 * Runs `body` with a workspace whose x holds the centred columns; arena memory is released afterwards.
 * sqrtWeights: gaussian scaling by sqrt(1/n), so that x'x is the 1/n covariance.
 */
export function withWorkspace<T>(inp: SolverInput, sqrtWeights: boolean, body: (ws: Workspace) => T): T {
  const { n, p } = inp;
  const a = arena();
  const mark = a.mark();
  try {
    const f8 = 8;
    const ptrX = a.alloc(n * p * f8, `lasso design copy (${n} x ${p})`);
    const ptrW = sqrtWeights ? ptrX : a.alloc(n * p * f8, `lasso weighted design (${n} x ${p})`);
    const ptr = {
      x: ptrX,
      w: ptrW,
      r: a.alloc(n * f8),
      v: a.alloc(n * f8),
      eta: a.alloc(n * f8),
      beta: a.alloc(p * f8),
      xv: a.alloc(p * f8),
      flags: a.alloc(p),
      active: a.alloc(p * 4),
      strong: a.alloc(p * 4),
      candidates: a.alloc(p * 4),
      dots: a.alloc(p * f8),
      state: a.alloc(16),
    };
    // Views last: an allocation may grow (and detach) the memory.
    const ws: Workspace = {
      n,
      p,
      x: a.view(Float64Array, ptr.x, n * p),
      w: a.view(Float64Array, ptr.w, n * p),
      r: a.view(Float64Array, ptr.r, n),
      v: a.view(Float64Array, ptr.v, n),
      eta: a.view(Float64Array, ptr.eta, n),
      beta: a.view(Float64Array, ptr.beta, p),
      xv: a.view(Float64Array, ptr.xv, p),
      isActive: a.view(Uint8Array, ptr.flags, p),
      active: a.view(Int32Array, ptr.active, p),
      strongList: a.view(Int32Array, ptr.strong, p),
      candidates: a.view(Int32Array, ptr.candidates, p),
      dots: a.view(Float64Array, ptr.dots, p),
      stateI32: a.view(Int32Array, ptr.state, 4),
      stateF64: a.view(Float64Array, ptr.state, 2),
      ptr,
      xm: new Float64Array(p),
      xsd: new Float64Array(p).fill(1),
      ju: new Uint8Array(p),
    };
    centreColumns(inp, ws, sqrtWeights);
    return body(ws);
  } finally {
    a.release(mark);
  }
}

/** Centres each column by its mean (weights 1/n) and scales to unit 1/n variance when standardizing. */
function centreColumns(inp: SolverInput, ws: Workspace, sqrtWeights: boolean): void {
  const { x, n, p, standardize } = inp;
  const w = 1 / n, sw = Math.sqrt(w);
  for (let j = 0; j < p; j++) {
    const o = j * n;
    for (let i = 1; i < n; i++) if (x[o + i] !== x[o]) { ws.ju[j] = 1; break; }
    if (!ws.ju[j]) continue;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += w * x[o + i];
    ws.xm[j] = mean;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const c = x[o + i] - mean;
      ws.x[o + i] = sqrtWeights ? sw * c : c;
      ss += sqrtWeights ? ws.x[o + i] * ws.x[o + i] : w * c * c;
    }
    if (standardize) {
      const sd = Math.sqrt(ss);
      ws.xsd[j] = sd;
      for (let i = 0; i < n; i++) ws.x[o + i] /= sd;
    }
  }
}

/** The strong set as a column-ordered list (glmnet sweeps it in column order); returns its length. */
export function listStrong(ws: Workspace, strong: Uint8Array): number {
  let count = 0;
  for (let k = 0; k < ws.p; k++) if (strong[k]) ws.strongList[count++] = k;
  return count;
}

/**
 * One coordinate-descent sweep at penalty l1: over the strong list (new movers join the active set) or
 * over the active set. Returns the largest xv_k d^2 (glmnet's dlx).
 */
export function sweep(ws: Workspace, over: 'strong' | 'active', count: number, l1: number): number {
  passKernel ??= kernel<PassKernel>('lassoCoordinatePass');
  const p = ws.ptr;
  const cols = over === 'strong' ? p.strong : p.active;
  return passKernel(p.x, p.w, p.r, ws.n, cols, count, p.beta, p.xv, l1, p.flags, p.active, p.state, over === 'strong' ? 1 : 0);
}

/** dots[c] = r . x_k for k = candidates[c], c < count. */
export function candidateDots(ws: Workspace, count: number): void {
  dotsKernel ??= kernel<DotsKernel>('lassoColumnDots');
  dotsKernel(ws.ptr.x, ws.ptr.r, ws.n, ws.ptr.candidates, count, ws.ptr.dots);
}

/** For the first `count` strong columns: w_k = v x_k and xv_k = sum v x_k^2 (the IRLS quadratic). */
export function weightStrongColumns(ws: Workspace, count: number): void {
  weightKernel ??= kernel<WeightKernel>('lassoWeightColumns');
  weightKernel(ws.ptr.x, ws.ptr.v, ws.ptr.w, ws.n, ws.ptr.strong, count, ws.ptr.xv);
}

/** eta = b0 + sum over the active set of beta_k x_k (glmnet's order of additions). */
export function linearPredictor(ws: Workspace, b0: number): void {
  linearKernel ??= kernel<LinearKernel>('lassoLinearPredictor');
  linearKernel(ws.ptr.x, ws.n, ws.ptr.active, ws.stateI32[0], ws.ptr.beta, b0, ws.ptr.eta);
}

/** sum_i r[i] x[o + i]. */
export function dotColumn(r: Float64Array, x: Float64Array, o: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += r[i] * x[o + i];
  return s;
}

export function newOutput(nlam: number, p: number): SolverOutput {
  return { lambda: new Float64Array(nlam), intercept: new Float64Array(nlam), beta: new Float64Array(nlam * p), devRatio: new Float64Array(nlam), nullDeviance: 0, passes: 0 };
}

export function storePoint(out: SolverOutput, m: number, alm: number, b0: number, beta: Float64Array, dev: number): void {
  out.lambda[m] = alm;
  out.intercept[m] = b0;
  out.beta.set(beta, m * beta.length);
  out.devRatio[m] = dev;
}

/** Back to the original scale: beta * ys / sd, intercept ym + b0 - sum beta * mean. */
export function finish(out: SolverOutput, lmu: number, ws: Workspace, ys: number, ym: number, nullDeviance: number, passes: number): SolverOutput {
  const p = ws.p;
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
      const b = (res.beta[k * p + j] * ys) / ws.xsd[j];
      res.beta[k * p + j] = b;
      a0 -= b * ws.xm[j];
    }
    res.intercept[k] = a0;
  }
  return res;
}
