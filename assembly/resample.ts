// Resampling kernels: cubic B-spline (coefficients + evaluation), trilinear and nearest neighbour,
// following ITK's ResampleImageFilter / BSplineInterpolateImageFunction as SimpleITK runs them
// (pyradiomics' `sitkBSpline`, `sitkLinear`, `sitkNearestNeighbor`), so results match to rounding.
//
// Geometry (the f64[30] block every kernel takes) is documented in resample-geometry.ts.
import { inside, lineIndex, scanline } from './resample-geometry';
import { splineValue } from './resample-spline';

export { resampleSplineCoefficients } from './resample-spline';

const SPLINE = 0;
const LINEAR = 1;
const NEAREST = 2;

/**
 * Cubic B-spline resampling. coefPtr: coefficients of a block (bx*by*bz) at offset (offX, offY, offZ)
 * of an input of size (fullX, fullY, fullZ); writes ox*oy*oz f64 values to outPtr (`outside` where the
 * point falls outside the input buffer).
 */
export function resampleBSpline(
  coefPtr: usize, bx: i32, by: i32, bz: i32, offX: i32, offY: i32, offZ: i32, fullX: i32, fullY: i32, fullZ: i32,
  geomPtr: usize, outPtr: usize, ox: i32, oy: i32, oz: i32, outside: f64,
): void {
  resampleGrid(SPLINE, coefPtr, bx, by, offX, offY, offZ, fullX, fullY, fullZ, geomPtr, outPtr, ox, oy, oz, outside);
}

/**
 * Trilinear resampling of an f64 block (as resampleBSpline, on samples instead of coefficients).
 * Neighbours beyond the last sample reuse the edge sample (ITK's LinearInterpolateImageFunction).
 */
export function resampleLinear(
  dataPtr: usize, bx: i32, by: i32, bz: i32, offX: i32, offY: i32, offZ: i32, fullX: i32, fullY: i32, fullZ: i32,
  geomPtr: usize, outPtr: usize, ox: i32, oy: i32, oz: i32, outside: f64,
): void {
  resampleGrid(LINEAR, dataPtr, bx, by, offX, offY, offZ, fullX, fullY, fullZ, geomPtr, outPtr, ox, oy, oz, outside);
}

/**
 * Nearest neighbour as a gather map: for every output voxel, the linear index (x fastest) of the input
 * voxel nearest to it (ITK rounds half up: floor(c + 0.5)), or -1 outside the input buffer.
 * Callers copy values of any pixel type through this map, so labels and integers stay exact.
 */
export function resampleNearestIndex(geomPtr: usize, fullX: i32, fullY: i32, fullZ: i32, outPtr: usize, ox: i32, oy: i32, oz: i32): void {
  resampleGrid(NEAREST, 0, 0, 0, 0, 0, 0, fullX, fullY, fullZ, geomPtr, outPtr, ox, oy, oz, 0.0);
}

/**
 * The output grid walked as ITK does (scanline endpoints, then each column's continuous index), with
 * `mode` a constant at every call: inlining leaves one loop per kernel with no per-voxel mode branch.
 */
@inline function resampleGrid(
  mode: i32, dataPtr: usize, bx: i32, by: i32, offX: i32, offY: i32, offZ: i32, fullX: i32, fullY: i32, fullZ: i32,
  geomPtr: usize, outPtr: usize, ox: i32, oy: i32, oz: i32, outside: f64,
): void {
  let out = outPtr;
  for (let k = 0; k < oz; k++) {
    for (let j = 0; j < oy; j++) {
      scanline(geomPtr, ox, j, k);
      for (let i = 0; i < ox; i++) {
        const alpha = <f64>i / <f64>ox;
        const beta = 1.0 - alpha;
        const c0 = lineIndex(0, alpha, beta), c1 = lineIndex(1, alpha, beta), c2 = lineIndex(2, alpha, beta);
        const within = inside(geomPtr, c0, c1, c2);
        if (mode == NEAREST) {
          store<i32>(out, within ? nearestIndex(c0, c1, c2, fullX, fullY, fullZ) : -1);
          out += 4;
          continue;
        }
        let value = outside;
        if (within) {
          value = mode == SPLINE
            ? splineValue(dataPtr, bx, by, c0, c1, c2, offX, offY, offZ, fullX, fullY, fullZ)
            : trilinear(dataPtr, bx, by, c0, c1, c2, offX, offY, offZ, fullX, fullY, fullZ);
        }
        store<f64>(out, value);
        out += 8;
      }
    }
  }
}

/** Linear index of the input voxel nearest to (c0, c1, c2), clamped to the input. */
@inline function nearestIndex(c0: f64, c1: f64, c2: f64, fullX: i32, fullY: i32, fullZ: i32): i32 {
  const x = min(max(<i32>Math.floor(c0 + 0.5), 0), fullX - 1);
  const y = min(max(<i32>Math.floor(c1 + 0.5), 0), fullY - 1);
  const z = min(max(<i32>Math.floor(c2 + 0.5), 0), fullZ - 1);
  return x + fullX * (y + fullY * z);
}

/** Lower sample index on one axis, clamped to the first sample (points in [-0.5, 0) use sample 0). */
@inline function lowerSample(c: f64): i32 {
  const base = <i32>Math.floor(c);
  return base < 0 ? 0 : base;
}

function trilinear(
  data: usize, bx: i32, by: i32, c0: f64, c1: f64, c2: f64, offX: i32, offY: i32, offZ: i32, fullX: i32, fullY: i32, fullZ: i32,
): f64 {
  const x0 = lowerSample(c0), y0 = lowerSample(c1), z0 = lowerSample(c2);
  // the upper neighbour beyond the last sample is the last sample itself
  const x1 = min(x0 + 1, fullX - 1), y1 = min(y0 + 1, fullY - 1), z1 = min(z0 + 1, fullZ - 1);
  const dx = max(c0 - <f64>x0, 0.0), dy = max(c1 - <f64>y0, 0.0), dz = max(c2 - <f64>z0, 0.0);
  const sx = <usize>bx, sxy = <usize>bx * <usize>by;
  const lx0 = <usize>(x0 - offX), lx1 = <usize>(x1 - offX);
  const ly0 = <usize>(y0 - offY) * sx, ly1 = <usize>(y1 - offY) * sx;
  const lz0 = <usize>(z0 - offZ) * sxy, lz1 = <usize>(z1 - offZ) * sxy;
  const v000 = load<f64>(data + ((lz0 + ly0 + lx0) << 3));
  const v100 = load<f64>(data + ((lz0 + ly0 + lx1) << 3));
  const v010 = load<f64>(data + ((lz0 + ly1 + lx0) << 3));
  const v110 = load<f64>(data + ((lz0 + ly1 + lx1) << 3));
  const v001 = load<f64>(data + ((lz1 + ly0 + lx0) << 3));
  const v101 = load<f64>(data + ((lz1 + ly0 + lx1) << 3));
  const v011 = load<f64>(data + ((lz1 + ly1 + lx0) << 3));
  const v111 = load<f64>(data + ((lz1 + ly1 + lx1) << 3));
  const v00 = v000 + (v100 - v000) * dx;
  const v10 = v010 + (v110 - v010) * dx;
  const v01 = v001 + (v101 - v001) * dx;
  const v11 = v011 + (v111 - v011) * dx;
  const v0 = v00 + (v10 - v00) * dy;
  const v1 = v01 + (v11 - v01) * dy;
  return v0 + (v1 - v0) * dz;
}
