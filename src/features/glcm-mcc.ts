// GLCM Maximal Correlation Coefficient: sqrt of the second-largest eigenvalue of
//   Q(i, j) = Σ_k p(i,k) p(j,k) / (p_x(i) p_y(k) + ε)
// (pyradiomics' definition, ε = np.spacing(1) inside the sum). Q is D⁻¹·(symmetric) for ε = 0, so we
// take its eigenvalues from the symmetrised S = (D^½ Q D^-½ + transpose)/2: ε breaks the symmetry only
// slightly and a skew-symmetric perturbation moves eigenvalues only at second order. The O(n³) work (S and
// its Householder tridiagonalisation) runs in WebAssembly (assembly/glcm-mcc.ts) on O(n²) arena memory;
// the eigenvalue itself comes from Sturm bisection on the tridiagonal matrix.
import { kernel } from '../wasm/module.js';
import type { WasmArena } from '../wasm/arena.js';

/** Above this many active gray levels the O(n³) eigenvalue work (seconds) is refused: MCC becomes NaN. */
export const MCC_MAX_LEVELS = 512;

type MccMatrix = (pPtr: number, n: number, pxPtr: number, pyPtr: number, activePtr: number, m: number, scratchPtr: number, sPtr: number) => void;
type Tridiagonalise = (aPtr: number, m: number, vPtr: number, wPtr: number, dPtr: number, ePtr: number) => void;

/** Arena bytes maximalCorrelation needs for n levels. */
export function mccBytes(n: number): number {
  return (4 * n * n + 8 * n) * 8 + 512;
}

/**
 * MCC of one normalised n×n GLCM `p` (row-major) with marginals px (rows) and py (columns).
 * Returns NaN (with a warning) when more than MCC_MAX_LEVELS levels have neighbours in this angle.
 */
export function maximalCorrelation(p: Float64Array, n: number, px: Float64Array, py: Float64Array, arena: WasmArena): number {
  const active: number[] = [];
  for (let i = 0; i < n; i++) if (px[i] > 0) active.push(i);
  const m = active.length;
  if (m < 2) return 0; // one level with neighbours: eigenvalues {≈1, 0, …}
  if (m > MCC_MAX_LEVELS) {
    console.warn(`glcm MCC: ${m} gray levels in one angle exceed the limit of ${MCC_MAX_LEVELS} for the O(n³) eigenvalue computation; MCC set to NaN`);
    return NaN;
  }
  arena.check(mccBytes(n), `GLCM MCC work (${m} gray levels)`);
  const mark = arena.mark();
  try {
    const pPtr = arena.put(p, 'glcm MCC matrix');
    const pxPtr = arena.put(px, 'glcm MCC marginals');
    const pyPtr = arena.put(py, 'glcm MCC marginals');
    const activePtr = arena.put(Int32Array.from(active), 'glcm MCC levels');
    const scratchPtr = arena.allocArray(Float64Array, 2 * m * n, 'glcm MCC scratch');
    const sPtr = arena.allocArray(Float64Array, m * m, 'glcm MCC correlation matrix');
    kernel<MccMatrix>('glcmMccMatrix')(pPtr, n, pxPtr, pyPtr, activePtr, m, scratchPtr, sPtr);
    const { diagonal, offDiagonal } = tridiagonaliseInArena(sPtr, m, arena);
    return Math.sqrt(Math.max(0, kthLargestEigenvalue(diagonal, offDiagonal, 2)));
  } finally {
    arena.release(mark);
  }
}

/**
 * Householder reduction of a symmetric m×m matrix to tridiagonal form with the same eigenvalues:
 * diagonal d[0..m-1], off-diagonal e[0..m-2].
 */
export function tridiagonalise(a: Float64Array, m: number, arena: WasmArena): { diagonal: Float64Array; offDiagonal: Float64Array } {
  const mark = arena.mark();
  try {
    return tridiagonaliseInArena(arena.put(a, 'tridiagonalisation input'), m, arena);
  } finally {
    arena.release(mark);
  }
}

function tridiagonaliseInArena(aPtr: number, m: number, arena: WasmArena): { diagonal: Float64Array; offDiagonal: Float64Array } {
  const vPtr = arena.allocArray(Float64Array, m, 'tridiagonalisation scratch');
  const wPtr = arena.allocArray(Float64Array, m, 'tridiagonalisation scratch');
  const dPtr = arena.allocArray(Float64Array, m, 'tridiagonal diagonal');
  const ePtr = arena.allocArray(Float64Array, Math.max(1, m - 1), 'tridiagonal off-diagonal');
  kernel<Tridiagonalise>('glcmTridiagonalise')(aPtr, m, vPtr, wPtr, dPtr, ePtr);
  return { diagonal: arena.view(Float64Array, dPtr, m).slice(), offDiagonal: arena.view(Float64Array, ePtr, Math.max(0, m - 1)).slice() };
}

/** The k-th largest eigenvalue (k = 1: largest) of a symmetric tridiagonal matrix, by Sturm bisection. */
export function kthLargestEigenvalue(d: Float64Array, e: Float64Array, k: number): number {
  const m = d.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < m; i++) {
    const radius = (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < m - 1 ? Math.abs(e[i]) : 0);
    lo = Math.min(lo, d[i] - radius);
    hi = Math.max(hi, d[i] + radius);
  }
  const scale = Math.max(Math.abs(lo), Math.abs(hi), Number.MIN_VALUE);
  const pivotMin = 1e-290 * Math.max(1, scale * scale); // keeps the Sturm recurrence away from 0/0
  const target = m - k; // the eigenvalue with exactly `target` eigenvalues below it
  lo -= 2 * Number.EPSILON * scale;
  hi += 2 * Number.EPSILON * scale;
  for (let iteration = 0; iteration < 200; iteration++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (countBelow(d, e, mid, pivotMin) > target) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

// Number of eigenvalues below x (Sturm sequence from the LDLᵀ factorisation of T - xI).
function countBelow(d: Float64Array, e: Float64Array, x: number, pivotMin: number): number {
  let count = 0;
  let q = d[0] - x;
  for (let i = 0; ; i++) {
    if (Math.abs(q) < pivotMin) q = -pivotMin;
    if (q < 0) count++;
    if (i + 1 >= d.length) break;
    q = d[i + 1] - x - (e[i] * e[i]) / q;
  }
  return count;
}
