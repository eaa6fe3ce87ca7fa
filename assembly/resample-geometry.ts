// Output index -> continuous input index, as itk::ResampleImageFilter's linear fast path computes it, for
// the kernels of resample.ts and resample-spline.ts.
//
// Geometry block (f64[30] at geomPtr), shared by all evaluation kernels:
//   [0..2]   output origin                      [3..11]  output index->point matrix (direction * spacing), row-major
//   [12..14] input origin                       [15..23] input point->index matrix, row-major
//   [24..26] input buffer lower bound (start - 0.5, full input index space)
//   [27..29] input buffer upper bound (end + 0.5, exclusive)
// The input data handed to the image kernels may be a block cut out of the input: `offX/Y/Z` is its
// position in the full input index space (the continuous index is computed in full-image space, as ITK does).

const GEOM_IN_ORIGIN = 12;
const GEOM_IN_MATRIX = 15;
const GEOM_LOWER = 24;
const GEOM_UPPER = 27;

// Scratch for one scanline's continuous index endpoints (start, end) - static, so kernels need no allocation.
const lineEnds = memory.data(6 * 8);

@inline export function geom(g: usize, i: i32): f64 {
  return load<f64>(g + (<usize>i << 3));
}

/** Continuous input index of output index (i, j, k): point = O_out + M_out·idx; cidx = M_in·(point - O_in). */
export function continuousIndex(g: usize, i: f64, j: f64, k: f64, dst: usize): void {
  // summed left to right from the origin, as itk::ImageBase::TransformIndexToPhysicalPoint
  const p0 = geom(g, 0) + geom(g, 3) * i + geom(g, 4) * j + geom(g, 5) * k;
  const p1 = geom(g, 1) + geom(g, 6) * i + geom(g, 7) * j + geom(g, 8) * k;
  const p2 = geom(g, 2) + geom(g, 9) * i + geom(g, 10) * j + geom(g, 11) * k;
  const v0 = p0 - geom(g, GEOM_IN_ORIGIN);
  const v1 = p1 - geom(g, GEOM_IN_ORIGIN + 1);
  const v2 = p2 - geom(g, GEOM_IN_ORIGIN + 2);
  const m = GEOM_IN_MATRIX;
  store<f64>(dst, 0.0 + geom(g, m) * v0 + geom(g, m + 1) * v1 + geom(g, m + 2) * v2);
  store<f64>(dst + 8, 0.0 + geom(g, m + 3) * v0 + geom(g, m + 4) * v1 + geom(g, m + 5) * v2);
  store<f64>(dst + 16, 0.0 + geom(g, m + 6) * v0 + geom(g, m + 7) * v1 + geom(g, m + 8) * v2);
}

/** Endpoints of output scanline (j, k): index 0 and index nx (one past the end), as ITK's linear fast path. */
@inline export function scanline(g: usize, nx: i32, j: i32, k: i32): void {
  continuousIndex(g, 0.0, <f64>j, <f64>k, lineEnds);
  continuousIndex(g, <f64>nx, <f64>j, <f64>k, lineEnds + 24);
}

/** Continuous index along axis `a` of output column i: start·(1 - α) + end·α, α = i / nx. */
@inline export function lineIndex(a: i32, alpha: f64, oneMinusAlpha: f64): f64 {
  return load<f64>(lineEnds + (<usize>a << 3)) * oneMinusAlpha + load<f64>(lineEnds + 24 + (<usize>a << 3)) * alpha;
}

/** ITK's IsInsideBuffer: start - 0.5 <= c < end + 0.5 on every axis (NaN is outside). */
@inline export function inside(g: usize, c0: f64, c1: f64, c2: f64): bool {
  return c0 >= geom(g, GEOM_LOWER) && c0 < geom(g, GEOM_UPPER)
    && c1 >= geom(g, GEOM_LOWER + 1) && c1 < geom(g, GEOM_UPPER + 1)
    && c2 >= geom(g, GEOM_LOWER + 2) && c2 < geom(g, GEOM_UPPER + 2);
}
