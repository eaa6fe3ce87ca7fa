// Cubic B-spline resampling as ITK's BSplineDecompositionImageFilter + BSplineInterpolateImageFunction
// (SimpleITK's sitkBSpline, pyradiomics' default interpolator), reproducing ITK's order of operations:
// the coefficients kernel, and splineValue, which resample.ts's grid loop evaluates per output voxel.

// Per-axis support offsets (4 x usize, 8 bytes each) and weights (4 x f64) of the current evaluation.
const splineIdx = memory.data(3 * 4 * 8);
const splineW = memory.data(3 * 4 * 8);

// Cubic B-spline coefficients (Unser 1999, Box 2): one causal + one anticausal pass per axis with the
// pole z = sqrt(3) - 2, gain (1 - z)(1 - 1/z) = 6, mirror boundaries; ITK truncates the causal
// initial sum at the horizon ceil(ln(1e-10) / ln|z|) when the line is longer than that.

const SPLINE_TOLERANCE: f64 = 1e-10;

/** Scales a line by the gain and replaces its first sample by the causal initial value c+(0). */
function splineLineStart(base: usize, stride: usize, n: i32, z: f64, horizon: i32): void {
  const gain = 1.0 * (1.0 - z) * (1.0 - 1.0 / z);
  for (let i = 0; i < n; i++) {
    const p = base + <usize>i * stride;
    store<f64>(p, load<f64>(p) * gain);
  }
  // causal initial value c+(0) = Σ z^k s(k) (mirror-extended)
  let zn = z;
  if (horizon < n) {
    let sum = load<f64>(base);
    for (let i = 1; i < horizon; i++) {
      sum += zn * load<f64>(base + <usize>i * stride);
      zn *= z;
    }
    store<f64>(base, sum);
  } else {
    const iz = 1.0 / z;
    let z2n = Math.pow(z, <f64>(n - 1));
    let sum = load<f64>(base) + z2n * load<f64>(base + <usize>(n - 1) * stride);
    z2n *= z2n * iz;
    for (let i = 1; i <= n - 2; i++) {
      sum += (zn + z2n) * load<f64>(base + <usize>i * stride);
      zn *= z;
      z2n *= iz;
    }
    store<f64>(base, sum / (1.0 - zn * zn));
  }
}

/** Anticausal initial value c-(n-1) = z/(z²-1) (z c+(n-2) + c+(n-1)), stored and returned. */
@inline function anticausalStart(base: usize, stride: usize, n: i32, z: f64): f64 {
  const last = base + <usize>(n - 1) * stride;
  const c = (z / (z * z - 1.0)) * (z * load<f64>(last - stride) + load<f64>(last));
  store<f64>(last, c);
  return c;
}

// The recursions carry the previous coefficient in a local (the value just stored) rather than
// reloading it: the same arithmetic, without a store-to-load wait on every step.

function splineLine(base: usize, stride: usize, n: i32, z: f64, horizon: i32): void {
  if (n == 1) return; // a single sample is its own coefficient (ITK skips such lines)
  splineLineStart(base, stride, n, z, horizon);
  // causal recursion c+(k) = s(k) + z c+(k-1)
  let c = load<f64>(base);
  for (let i = 1; i < n; i++) {
    const p = base + <usize>i * stride;
    c = load<f64>(p) + z * c;
    store<f64>(p, c);
  }
  // anticausal recursion c-(k) = z (c-(k+1) - c+(k))
  c = anticausalStart(base, stride, n, z);
  for (let i = n - 2; i >= 0; i--) {
    const p = base + <usize>i * stride;
    c = z * (c - load<f64>(p));
    store<f64>(p, c);
  }
}

/** splineLine on 4 contiguous lines `rowStride` bytes apart: 4 independent recursions overlap in the FPU. */
function splineLines4(base: usize, rowStride: usize, n: i32, z: f64, horizon: i32): void {
  if (n == 1) return;
  const a = base, b = base + rowStride, c = base + 2 * rowStride, d = base + 3 * rowStride;
  splineLineStart(a, 8, n, z, horizon);
  splineLineStart(b, 8, n, z, horizon);
  splineLineStart(c, 8, n, z, horizon);
  splineLineStart(d, 8, n, z, horizon);
  let ca = load<f64>(a), cb = load<f64>(b), cc = load<f64>(c), cd = load<f64>(d);
  for (let i = 1; i < n; i++) {
    const o = <usize>i << 3;
    ca = load<f64>(a + o) + z * ca;
    cb = load<f64>(b + o) + z * cb;
    cc = load<f64>(c + o) + z * cc;
    cd = load<f64>(d + o) + z * cd;
    store<f64>(a + o, ca);
    store<f64>(b + o, cb);
    store<f64>(c + o, cc);
    store<f64>(d + o, cd);
  }
  ca = anticausalStart(a, 8, n, z);
  cb = anticausalStart(b, 8, n, z);
  cc = anticausalStart(c, 8, n, z);
  cd = anticausalStart(d, 8, n, z);
  for (let i = n - 2; i >= 0; i--) {
    const o = <usize>i << 3;
    ca = z * (ca - load<f64>(a + o));
    cb = z * (cb - load<f64>(b + o));
    cc = z * (cc - load<f64>(c + o));
    cd = z * (cd - load<f64>(d + o));
    store<f64>(a + o, ca);
    store<f64>(b + o, cb);
    store<f64>(c + o, cc);
    store<f64>(d + o, cd);
  }
}

// Row operations for filtering `width` neighbouring lines at once (y and z passes): each lane gets
// exactly the scalar line's arithmetic, two lanes per SIMD op, so results are bit-identical.

/** dst[i] = dst[i] * a */
function rowScale(dst: usize, width: i32, a: f64): void {
  const va = f64x2.splat(a);
  let i = 0;
  for (; i + 2 <= width; i += 2) v128.store(dst + (<usize>i << 3), f64x2.mul(v128.load(dst + (<usize>i << 3)), va));
  if (i < width) store<f64>(dst + (<usize>i << 3), load<f64>(dst + (<usize>i << 3)) * a);
}

/** dst[i] = dst[i] + a * src[i] */
function rowAxpy(dst: usize, src: usize, width: i32, a: f64): void {
  const va = f64x2.splat(a);
  let i = 0;
  for (; i + 2 <= width; i += 2) {
    const o = <usize>i << 3;
    v128.store(dst + o, f64x2.add(v128.load(dst + o), f64x2.mul(va, v128.load(src + o))));
  }
  if (i < width) store<f64>(dst + (<usize>i << 3), load<f64>(dst + (<usize>i << 3)) + a * load<f64>(src + (<usize>i << 3)));
}

/** dst[i] = dst[i] / d */
function rowDivide(dst: usize, width: i32, d: f64): void {
  const vd = f64x2.splat(d);
  let i = 0;
  for (; i + 2 <= width; i += 2) v128.store(dst + (<usize>i << 3), f64x2.div(v128.load(dst + (<usize>i << 3)), vd));
  if (i < width) store<f64>(dst + (<usize>i << 3), load<f64>(dst + (<usize>i << 3)) / d);
}

/** last[i] = k * (z * prev[i] + last[i]) (anticausal initial value) */
function rowAntiCausalInit(last: usize, prev: usize, width: i32, k: f64, z: f64): void {
  const vk = f64x2.splat(k), vz = f64x2.splat(z);
  let i = 0;
  for (; i + 2 <= width; i += 2) {
    const o = <usize>i << 3;
    v128.store(last + o, f64x2.mul(vk, f64x2.add(f64x2.mul(vz, v128.load(prev + o)), v128.load(last + o))));
  }
  if (i < width) store<f64>(last + (<usize>i << 3), k * (z * load<f64>(prev + (<usize>i << 3)) + load<f64>(last + (<usize>i << 3))));
}

/** dst[i] = z * (next[i] - dst[i]) (anticausal recursion) */
function rowAntiCausal(dst: usize, next: usize, width: i32, z: f64): void {
  const vz = f64x2.splat(z);
  let i = 0;
  for (; i + 2 <= width; i += 2) {
    const o = <usize>i << 3;
    v128.store(dst + o, f64x2.mul(vz, f64x2.sub(v128.load(next + o), v128.load(dst + o))));
  }
  if (i < width) store<f64>(dst + (<usize>i << 3), z * (load<f64>(next + (<usize>i << 3)) - load<f64>(dst + (<usize>i << 3))));
}

@inline function rowAt(base: usize, stride: usize, k: i32): usize {
  return base + <usize>k * stride;
}

/** splineLine over `width` contiguous lanes whose samples are rows `stride` bytes apart. */
function splineRows(base: usize, stride: usize, n: i32, width: i32, z: f64, horizon: i32): void {
  if (n == 1) return;
  for (let k = 0; k < n; k++) rowScale(rowAt(base, stride, k), width, 1.0 * (1.0 - z) * (1.0 - 1.0 / z));
  let zn = z;
  if (horizon < n) {
    for (let k = 1; k < horizon; k++) {
      rowAxpy(rowAt(base, stride, 0), rowAt(base, stride, k), width, zn);
      zn *= z;
    }
  } else {
    const iz = 1.0 / z;
    let z2n = Math.pow(z, <f64>(n - 1));
    rowAxpy(rowAt(base, stride, 0), rowAt(base, stride, n - 1), width, z2n);
    z2n *= z2n * iz;
    for (let k = 1; k <= n - 2; k++) {
      rowAxpy(rowAt(base, stride, 0), rowAt(base, stride, k), width, zn + z2n);
      zn *= z;
      z2n *= iz;
    }
    rowDivide(rowAt(base, stride, 0), width, 1.0 - zn * zn);
  }
  for (let k = 1; k < n; k++) rowAxpy(rowAt(base, stride, k), rowAt(base, stride, k - 1), width, z);
  rowAntiCausalInit(rowAt(base, stride, n - 1), rowAt(base, stride, n - 2), width, z / (z * z - 1.0), z);
  for (let k = n - 2; k >= 0; k--) rowAntiCausal(rowAt(base, stride, k), rowAt(base, stride, k + 1), width, z);
}

/**
 * Replaces the f64 samples at dataPtr (nx*ny*nz, x fastest) by their cubic B-spline coefficients,
 * axis x, then y, then z, as itk::BSplineDecompositionImageFilter does, where they are read: columns
 * x0 <= x < x1 and rows y0 <= y < y1 (all z). Each line's arithmetic needs only its own line, so x
 * lines are filtered everywhere, y lines only in the columns read and z lines only where read; the
 * coefficients there are the same as from filtering every line.
 */
export function resampleSplineCoefficients(dataPtr: usize, nx: i32, ny: i32, nz: i32, x0: i32, x1: i32, y0: i32, y1: i32): void {
  const z = Math.sqrt(3.0) - 2.0;
  const horizon = <i32>Math.ceil(Math.log(SPLINE_TOLERANCE) / Math.log(Math.abs(z)));
  const sy: usize = <usize>nx * 8, sz: usize = <usize>nx * <usize>ny * 8;
  // x lines (consecutive rows: row r starts at r * sy), four at a time
  const rows = ny * nz;
  let r = 0;
  for (; r + 4 <= rows; r += 4) splineLines4(dataPtr + <usize>r * sy, sy, nx, z, horizon);
  for (; r < rows; r++) splineLine(dataPtr + <usize>r * sy, 8, nx, z, horizon);
  // y lines a row of the read columns at a time, walking memory contiguously
  const xOff = <usize>x0 << 3;
  for (let k = 0; k < nz; k++) splineRows(dataPtr + <usize>k * sz + xOff, sy, ny, x1 - x0, z, horizon);
  // z lines a row segment at a time (x1 - x0 lanes by nz samples: in cache for all the passes)
  for (let j = y0; j < y1; j++) splineRows(dataPtr + <usize>j * sy + xOff, sz, nz, x1 - x0, z, horizon);
}


/** Mirror-reflects a support index into [0, n-1] (period 2n - 2), ITK's boundary rule. */
@inline function mirror(idx: i32, n: i32): i32 {
  if (n == 1) return 0;
  const period = 2 * n - 2;
  let m = idx < 0 ? -idx : idx;
  m = m % period;
  return m >= n ? period - m : m;
}

/**
 * Support and cubic weights of continuous index c on axis `a`: 4 weights, and the 4 mirrored support
 * indices as byte offsets into the block (index - block offset) * stride. The base index is
 * floor((f32)c) - 1 in full-image space, as ITK computes it.
 */
@inline function splineAxis(a: i32, c: f64, off: i32, full: i32, stride: usize): void {
  const first = <i32>Math.floor(<f64>(<f32>c)) - 1;
  const w = c - <f64>(first + 1);
  const w3 = (1.0 / 6.0) * w * w * w;
  const w0 = (1.0 / 6.0) + 0.5 * w * (w - 1.0) - w3;
  const w2 = w + w0 - 2.0 * w3;
  const w1 = 1.0 - w0 - w2 - w3;
  const wp = splineW + (<usize>a << 5);
  store<f64>(wp, w0);
  store<f64>(wp + 8, w1);
  store<f64>(wp + 16, w2);
  store<f64>(wp + 24, w3);
  // mirror in full-image space, then shift into the block (the block reaches every mirrored index)
  const ip = splineIdx + (<usize>a << 5);
  if (first >= 0 && first + 3 < full) {
    const o = <usize>(first - off) * stride;
    store<usize>(ip, o);
    store<usize>(ip + 8, o + stride);
    store<usize>(ip + 16, o + 2 * stride);
    store<usize>(ip + 24, o + 3 * stride);
  } else {
    for (let t = 0; t < 4; t++) store<usize>(ip + (<usize>t << 3), <usize>(mirror(first + t, full) - off) * stride);
  }
}

/** Σ over the 4x4x4 support of ((wx·wy)·wz)·coefficient, summed x fastest as ITK does (same rounding). */
@inline function splineSum(coef: usize): f64 {
  const wx0 = load<f64>(splineW), wx1 = load<f64>(splineW + 8), wx2 = load<f64>(splineW + 16), wx3 = load<f64>(splineW + 24);
  const x0 = load<usize>(splineIdx), x1 = load<usize>(splineIdx + 8), x2 = load<usize>(splineIdx + 16), x3 = load<usize>(splineIdx + 24);
  let value = 0.0;
  for (let t2: usize = 0; t2 < 4; t2++) {
    const wz = load<f64>(splineW + 64 + (t2 << 3));
    const plane = coef + load<usize>(splineIdx + 64 + (t2 << 3));
    for (let t1: usize = 0; t1 < 4; t1++) {
      const wy = load<f64>(splineW + 32 + (t1 << 3));
      const row = plane + load<usize>(splineIdx + 32 + (t1 << 3));
      value += wx0 * wy * wz * load<f64>(row + x0);
      value += wx1 * wy * wz * load<f64>(row + x1);
      value += wx2 * wy * wz * load<f64>(row + x2);
      value += wx3 * wy * wz * load<f64>(row + x3);
    }
  }
  return value;
}

/** Cubic B-spline value at continuous index (c0, c1, c2) from the coefficient block at coef (as trilinear's arguments). */
@inline export function splineValue(
  coef: usize, bx: i32, by: i32, c0: f64, c1: f64, c2: f64, offX: i32, offY: i32, offZ: i32, fullX: i32, fullY: i32, fullZ: i32,
): f64 {
  splineAxis(0, c0, offX, fullX, 8);
  splineAxis(1, c1, offY, fullY, <usize>bx << 3);
  splineAxis(2, c2, offZ, fullZ, (<usize>bx * <usize>by) << 3);
  return splineSum(coef);
}
