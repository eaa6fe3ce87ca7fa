// Principal axes of the ROI: eigenvalues of the covariance of voxel-centre physical coordinates.
// The kernel sums integer voxel indices exactly; the covariance is formed in exact integer arithmetic
// (BigInt) and rounded once, then diagonalised by cyclic Jacobi rotations.

/** Index moments as the kernels write them: N, Σa_i (d values), then Σa_i·a_j for i <= j in row order. */
export function covarianceFromMoments(moments: Float64Array, spacing: number[], sample: boolean): number[][] {
  const d = spacing.length;
  const n = BigInt(moments[0]);
  const sums = Array.from({ length: d }, (_, i) => BigInt(moments[1 + i]));
  // Kernel order: diagonal squares first, then the mixed products (z·y, z·x, y·x in 3D; r·c in 2D).
  const products: bigint[][] = Array.from({ length: d }, () => new Array<bigint>(d).fill(0n));
  let k = 1 + d;
  for (let i = 0; i < d; i++) products[i][i] = BigInt(moments[k++]);
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) products[i][j] = products[j][i] = BigInt(moments[k++]);
  const denominator = Number(n) * (sample ? Number(n) - 1 : Number(n));
  return products.map((row, i) =>
    row.map((sij, j) => (Number(n * sij - sums[i] * sums[j]) / denominator) * spacing[i] * spacing[j]),
  );
}

/** Eigenvalues of a symmetric matrix, ascending (cyclic Jacobi; exact zeros stay zero). */
export function symmetricEigenvalues(matrix: number[][]): number[] {
  const a = matrix.map((row) => row.slice());
  const n = a.length;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, diag = 0;
    for (let p = 0; p < n; p++) {
      diag += a[p][p] * a[p][p];
      for (let q = p + 1; q < n; q++) off += a[p][q] * a[p][q];
    }
    if (off <= 1e-40 * diag) break; // off-diagonal norm below 1e-20 of the diagonal's
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (a[p][q] === 0) continue;
        // Rotation angle that zeroes a[p][q]: t = tan θ, the smaller root of t² + 2τt − 1 = 0.
        const tau = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p], akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k], aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        a[p][q] = a[q][p] = 0;
      }
    }
  }
  return a.map((row, i) => row[i]).sort((x, y) => x - y);
}

/** pyradiomics rounds eigenvalues in (−1e-10, 0) to 0 (machine error on flat ROIs). */
export function roundNegligibleNegatives(eigenvalues: number[]): number[] {
  return eigenvalues.map((v) => (v < 0 && v > -1e-10 ? 0 : v));
}

/** Axis length 4√λ; NaN for a negative eigenvalue, as pyradiomics. */
export const axisLength = (lambda: number) => (lambda < 0 ? NaN : Math.sqrt(lambda) * 4);

/** √(λsmall/λlarge); NaN when either is negative. */
export const axisRatio = (small: number, large: number) => (small < 0 || large < 0 ? NaN : Math.sqrt(small / large));
