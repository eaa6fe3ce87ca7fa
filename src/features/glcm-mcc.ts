// GLCM Maximal Correlation Coefficient: sqrt of the second-largest eigenvalue of
//   Q(i, j) = Σ_k p(i,k) p(j,k) / (p_x(i) p_y(k) + ε)
// (pyradiomics' definition, ε = np.spacing(1) inside the sum). Q is D⁻¹·(symmetric) for ε = 0, so we
// take its eigenvalues from the symmetrised S = (D^½ Q D^-½ + transpose)/2: ε breaks the symmetry only
// slightly and a skew-symmetric perturbation moves eigenvalues only at second order. Work is O(n³) on an
// n×n matrix (n = gray levels present in this angle), never n³ memory.
import { EPS } from './common.js';

/** Above this many active gray levels the O(n³) eigenvalue work is refused (MCC becomes NaN). */
export const MCC_MAX_LEVELS = 512;

/**
 * MCC of one normalised n×n GLCM `p` (row-major) with marginals px (rows) and py (columns).
 * Returns NaN (with a warning) when n is above MCC_MAX_LEVELS.
 */
export function maximalCorrelation(p: Float64Array, n: number, px: Float64Array, py: Float64Array): number {
  const active: number[] = [];
  for (let i = 0; i < n; i++) if (px[i] > 0) active.push(i);
  const m = active.length;
  if (m < 2) return 0; // one level with neighbours: eigenvalues {≈1, 0, …}
  if (m > MCC_MAX_LEVELS) {
    console.warn(`glcm MCC: ${m} gray levels in one angle exceed the limit of ${MCC_MAX_LEVELS} for the O(n³) eigenvalue computation; MCC set to NaN`);
    return NaN;
  }
  const q = correlationMatrix(p, n, px, py, active);
  const s = symmetrise(q, m, active.map((i) => px[i]));
  const { diagonal, offDiagonal } = tridiagonalise(s, m);
  const lambda2 = kthLargestEigenvalue(diagonal, offDiagonal, 2);
  return Math.sqrt(Math.max(0, lambda2));
}

// Q restricted to the active rows/columns (inactive ones are all zero), m×m row-major.
function correlationMatrix(p: Float64Array, n: number, px: Float64Array, py: Float64Array, active: number[]): Float64Array {
  const m = active.length;
  const q = new Float64Array(m * m);
  const rows = new Int32Array(m);
  const values = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    if (!(py[k] > 0)) continue;
    let count = 0;
    for (let a = 0; a < m; a++) {
      const v = p[active[a] * n + k];
      if (v !== 0) {
        rows[count] = a;
        values[count++] = v;
      }
    }
    for (let x = 0; x < count; x++) {
      const a = rows[x];
      const scaled = values[x] / (px[active[a]] * py[k] + EPS); // p(i,k)/(p_x(i)p_y(k) + ε)
      const qRow = a * m;
      for (let y = 0; y < count; y++) q[qRow + rows[y]] += scaled * values[y];
    }
  }
  return q;
}

// (D^½ Q D^-½ + (D^½ Q D^-½)ᵀ) / 2 with D = diag(p_x), in place.
function symmetrise(q: Float64Array, m: number, pxActive: number[]): Float64Array {
  const root = pxActive.map(Math.sqrt);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const sij = (q[i * m + j] * root[i]) / root[j];
      const sji = (q[j * m + i] * root[j]) / root[i];
      q[i * m + j] = q[j * m + i] = 0.5 * (sij + sji);
    }
  }
  return q;
}

/**
 * Householder reduction of a symmetric m×m matrix (destroyed) to tridiagonal form with the same
 * eigenvalues: diagonal d[0..m-1], off-diagonal e[0..m-2].
 */
export function tridiagonalise(a: Float64Array, m: number): { diagonal: Float64Array; offDiagonal: Float64Array } {
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  const offDiagonal = new Float64Array(Math.max(0, m - 1));
  for (let k = 0; k < m - 2; k++) {
    // Householder vector for column k below the diagonal: (I - β v vᵀ) x = ∓|x| e₁.
    let norm = 0;
    for (let i = k + 1; i < m; i++) norm += a[i * m + k] * a[i * m + k];
    norm = Math.sqrt(norm);
    const x0 = a[(k + 1) * m + k];
    if (norm === 0) {
      offDiagonal[k] = 0;
      continue;
    }
    const alpha = x0 > 0 ? -norm : norm;
    for (let i = k + 1; i < m; i++) v[i] = a[i * m + k];
    v[k + 1] -= alpha;
    let vNorm2 = 0;
    for (let i = k + 1; i < m; i++) vNorm2 += v[i] * v[i];
    offDiagonal[k] = alpha;
    if (vNorm2 === 0) continue;
    const beta = 2 / vNorm2;
    // w = β A v; then w -= (β/2)(wᵀv) v; A -= v wᵀ + w vᵀ on the trailing block.
    for (let i = k + 1; i < m; i++) {
      let sum = 0;
      for (let j = k + 1; j < m; j++) sum += a[i * m + j] * v[j];
      w[i] = beta * sum;
    }
    let wv = 0;
    for (let i = k + 1; i < m; i++) wv += w[i] * v[i];
    const correction = 0.5 * beta * wv;
    for (let i = k + 1; i < m; i++) w[i] -= correction * v[i];
    for (let i = k + 1; i < m; i++) {
      for (let j = k + 1; j < m; j++) a[i * m + j] -= v[i] * w[j] + w[i] * v[j];
    }
  }
  if (m >= 2) offDiagonal[m - 2] = a[(m - 1) * m + (m - 2)];
  const diagonal = new Float64Array(m);
  for (let i = 0; i < m; i++) diagonal[i] = a[i * m + i];
  return { diagonal, offDiagonal };
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
