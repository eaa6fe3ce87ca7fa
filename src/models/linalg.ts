// Small dense linear algebra for IRLS-sized problems (p up to a few hundred): symmetric positive
// definite systems by Cholesky. Matrices are row-major Float64Array of n*n.

/** Thrown when a matrix is not (numerically) positive definite; `column` is the offending pivot. */
export class SingularMatrixError extends Error {
  constructor(readonly column: number, message: string) {
    super(message);
  }
}

/**
 * Lower-triangular L with A = L L^T (A row-major n x n, only its lower triangle is read).
 * A pivot below `relTol` times its own diagonal entry (for a Gram matrix: column j has R^2 > 1 - relTol
 * on the earlier columns, whatever its scale) throws SingularMatrixError naming that column.
 */
export function cholesky(a: Float64Array, n: number, relTol = 1e-10): Float64Array {
  if (a.length !== n * n) throw new Error(`cholesky: matrix has ${a.length} entries, expected ${n}x${n}`);
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > relTol * a[j * n + j])) {
      throw new SingularMatrixError(j, `matrix is singular or not positive definite at column ${j} (pivot ${d.toExponential(2)})`);
    }
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** Solves (L L^T) x = b for x, given the Cholesky factor L. */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * x[k];
    x[i] = s / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}

/** (L L^T)^{-1} as a full row-major matrix, column by column. */
export function choleskyInverse(l: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, n, e);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i];
  }
  return inv;
}

/** log det(L L^T) = 2 sum log L_ii. */
export function choleskyLogDet(l: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[i * n + i]);
  return 2 * s;
}

/** Solves the SPD system A x = b (A row-major n x n). */
export function solveSpd(a: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  return choleskySolve(cholesky(a, n), n, b);
}

/** A dense matrix stored column by column: entry (i, j) is data[i + rows * j]. */
export interface ColumnMajorMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

/** A design matrix as an array of rows (number[][] or typed rows) or already column-major. */
export type MatrixInput = ArrayLike<ArrayLike<number>> | ColumnMajorMatrix;

function isColumnMajor(x: unknown): x is ColumnMajorMatrix {
  return !!x && typeof x === 'object' && 'data' in x && 'rows' in x && 'cols' in x;
}

/**
 * Validates a design matrix (rectangular, finite, non-empty, at most maxValues entries) and returns a
 * column-major copy.
 */
export function toColumnMajor(x: MatrixInput, what = 'X', maxValues = 50_000_000): ColumnMajorMatrix {
  const tooLarge = (rows: number, cols: number) => {
    if (rows * cols > maxValues) throw new Error(`${what}: ${rows} x ${cols} is too large (limit ${maxValues} values)`);
  };
  if (isColumnMajor(x)) {
    const { rows, cols } = x;
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) throw new Error(`${what}: rows and cols must be positive integers (got ${rows} x ${cols})`);
    tooLarge(rows, cols);
    if (x.data.length !== rows * cols) throw new Error(`${what}: data has ${x.data.length} values but ${rows} x ${cols} needs ${rows * cols}`);
    const data = Float64Array.from(x.data);
    const bad = data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`${what}: value at row ${bad % rows}, column ${Math.floor(bad / rows)} is ${data[bad]} (finite numbers only)`);
    return { data, rows, cols };
  }
  if (!x || typeof x !== 'object' || typeof (x as ArrayLike<unknown>).length !== 'number') throw new Error(`${what}: expected an array of rows or {data, rows, cols}`);
  const rows = x.length;
  if (rows < 1) throw new Error(`${what}: no rows`);
  const first = x[0];
  if (!first || typeof first.length !== 'number') throw new Error(`${what}: row 0 is not an array`);
  const cols = first.length;
  if (cols < 1) throw new Error(`${what}: no columns`);
  tooLarge(rows, cols);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = x[i];
    if (!row || row.length !== cols) throw new Error(`${what}: row ${i} has ${row?.length ?? 0} values, expected ${cols}`);
    for (let j = 0; j < cols; j++) {
      const v = Number(row[j]);
      if (!Number.isFinite(v)) throw new Error(`${what}: value at row ${i}, column ${j} is ${row[j]} (finite numbers only)`);
      data[i + rows * j] = v;
    }
  }
  return { data, rows, cols };
}

/** [min, max] of a list by a loop (spreading a long array into Math.min overflows the stack). */
export function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  return [lo, hi];
}
