// Samples a volume onto an output grid with the assembly/resample.ts kernels, as SimpleITK's
// ResampleImageFilter does (identity transform, default value 0 outside the input, output cast back to
// the input's pixel type: clamped to the type's range, then truncated toward zero).
import { kernel } from '../wasm/module.js';
import type { WasmArena } from '../wasm/arena.js';
import { voxelCount, type Vec3, type Volume, type VoxelArray } from '../volume.js';
import type { Interpolator } from '../settings/types.js';
import { normalizeInPlace, normalizeValue, type Normalization } from './normalize.js';
import { SCAN_BLOCK } from './scan.js';

/** Where to sample: an image geometry without data. */
export interface Grid {
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: number[];
}

type SampleKernel = (
  data: number, bx: number, by: number, bz: number, offX: number, offY: number, offZ: number,
  fullX: number, fullY: number, fullZ: number, geom: number, out: number, ox: number, oy: number, oz: number, outside: number,
) => void;

/** B-spline coefficients decay as |z|^n, z = sqrt(3) - 2: 32 voxels past the last needed one changes a value by < 1e-18 of the image range. */
const SPLINE_MARGIN = 32;
/** Input voxels beyond the sample positions' range that cubic B-spline evaluation may read (support -1..+2, f32 rounding of the base index, and 1 spare). */
const SPLINE_READ_REACH = 4;
/** Largest grid (voxels) we sample onto; Int32 indices and Float64 output must stay addressable. */
const MAX_GRID_VOXELS = 2 ** 31 - 1;

/**
 * Samples `input` at the voxel centres of `grid`. `what` names the input in error messages. With
 * `normalization`, the input is read as pyradiomics' normalised (float64) image without normalising all
 * of it: only the voxels the kernels read are normalised, with the same arithmetic.
 */
export function sampleOnGrid(input: Volume, grid: Grid, interpolator: Interpolator, arena: WasmArena, what = 'image', normalization?: Normalization): Volume {
  const outCount = checkGrid(grid, what);
  const geometry = geometryBlock(input, grid);
  const mark = arena.mark();
  try {
    const data = interpolator === 'sitkNearestNeighbor'
      ? nearest(input, grid, outCount, geometry, arena, what, normalization)
      : interpolated(input, grid, outCount, geometry, interpolator, arena, what, normalization);
    return { data, size: [...grid.size], spacing: [...grid.spacing], origin: [...grid.origin], direction: grid.direction.slice() };
  } finally {
    arena.release(mark);
  }
}

function checkGrid(grid: Grid, what: string): number {
  for (let a = 0; a < 3; a++) {
    if (!Number.isSafeInteger(grid.size[a]) || grid.size[a] < 1) throw new Error(`${what}: resampling grid size ${grid.size.join('x')} is not 3 positive integers`);
    if (!(grid.spacing[a] > 0) || !Number.isFinite(grid.spacing[a])) throw new Error(`${what}: resampling spacing ${grid.spacing.join(', ')} must be positive`);
  }
  const count = voxelCount(grid.size);
  if (count > MAX_GRID_VOXELS) throw new Error(`${what}: resampling grid ${grid.size.join('x')} has ${count} voxels, above the limit of ${MAX_GRID_VOXELS}`);
  return count;
}

/** The kernels' f64[30] geometry block (layout in assembly/resample.ts). */
function geometryBlock(input: Volume, grid: Grid): Float64Array {
  const g = new Float64Array(30);
  g.set(grid.origin, 0);
  g.set(indexToPointMatrix(grid.direction, grid.spacing), 3);
  g.set(input.origin, 12);
  g.set(pointToIndexMatrix(input.direction, input.spacing), 15);
  for (let a = 0; a < 3; a++) {
    g[24 + a] = -0.5;
    g[27 + a] = input.size[a] - 0.5;
  }
  if (g.some((v) => !Number.isFinite(v))) throw new Error('resampling: image geometry is degenerate (direction matrix not invertible)');
  return g;
}

/** M = direction · diag(spacing), row-major (ITK's m_IndexToPhysicalPoint). */
export function indexToPointMatrix(direction: readonly number[], spacing: readonly number[]): number[] {
  const m = new Array<number>(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m[3 * r + c] = direction[3 * r + c] * spacing[c];
  return m;
}

/** M⁻¹: diag(1/spacing) · directionᵀ when the direction is orthonormal (exact for axis-aligned images), else a general inverse. */
export function pointToIndexMatrix(direction: readonly number[], spacing: readonly number[]): number[] {
  const d = direction;
  let orthonormal = true;
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      const dot = d[r] * d[c] + d[3 + r] * d[3 + c] + d[6 + r] * d[6 + c];
      if (Math.abs(dot - (r === c ? 1 : 0)) > 1e-9) orthonormal = false;
    }
  }
  if (orthonormal) {
    const inv = new Array<number>(9);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) inv[3 * r + c] = d[3 * c + r] / spacing[r];
    return inv;
  }
  const m = indexToPointMatrix(direction, spacing);
  const cof = (r0: number, r1: number, c0: number, c1: number) => m[3 * r0 + c0] * m[3 * r1 + c1] - m[3 * r0 + c1] * m[3 * r1 + c0];
  const adj = [cof(1, 2, 1, 2), -cof(0, 2, 1, 2), cof(0, 1, 1, 2), -cof(1, 2, 0, 2), cof(0, 2, 0, 2), -cof(0, 1, 0, 2), cof(1, 2, 0, 1), -cof(0, 2, 0, 1), cof(0, 1, 0, 1)];
  const det = m[0] * adj[0] + m[1] * adj[3] + m[2] * adj[6];
  return adj.map((v) => v / det);
}

/** Continuous input index of a continuous output index (for block bounds only; kernels recompute exactly). */
function toInputIndex(g: Float64Array, i: number, j: number, k: number): Vec3 {
  const p = [0, 1, 2].map((r) => g[r] + g[3 + 3 * r] * i + g[4 + 3 * r] * j + g[5 + 3 * r] * k - g[12 + r]);
  return [0, 1, 2].map((r) => g[15 + 3 * r] * p[0] + g[16 + 3 * r] * p[1] + g[17 + 3 * r] * p[2]) as Vec3;
}

/** Input index box [lo, hi] (inclusive) the kernels may read for this grid, widened by `reach` and clipped. */
function inputBlock(input: Volume, grid: Grid, g: Float64Array, reach: number): { lo: Vec3; size: Vec3 } {
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let corner = 0; corner < 8; corner++) {
    const c = toInputIndex(g, corner & 1 ? grid.size[0] - 1 : 0, corner & 2 ? grid.size[1] - 1 : 0, corner & 4 ? grid.size[2] - 1 : 0);
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], c[a]);
      hi[a] = Math.max(hi[a], c[a]);
    }
  }
  const size: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const n = input.size[a];
    const first = Math.min(Math.max(Math.floor(lo[a]) - reach, 0), n - 1);
    const last = Math.min(Math.max(Math.ceil(hi[a]) + reach, first), n - 1);
    lo[a] = first;
    size[a] = last - first + 1;
  }
  return { lo, size };
}

function nearest(input: Volume, grid: Grid, outCount: number, g: Float64Array, arena: WasmArena, what: string, normalization?: Normalization): VoxelArray {
  arena.check(g.byteLength + outCount * 4 + 64, `resampling ${what} to ${grid.size.join('x')}`);
  const geomPtr = arena.put(g);
  const mapPtr = arena.allocArray(Int32Array, outCount, `resampling ${what}`);
  kernel<(geom: number, fx: number, fy: number, fz: number, out: number, ox: number, oy: number, oz: number) => void>('resampleNearestIndex')(
    geomPtr, input.size[0], input.size[1], input.size[2], mapPtr, grid.size[0], grid.size[1], grid.size[2]);
  const map = arena.view(Int32Array, mapPtr, outCount);
  const src = input.data;
  if (normalization) {
    const out = new Float64Array(outCount);
    for (let i = 0; i < outCount; i++) out[i] = map[i] < 0 ? 0 : normalizeValue(Number(src[map[i]]), normalization);
    return out;
  }
  const out = newLike(src, outCount);
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    const s = src as BigInt64Array | BigUint64Array;
    for (let i = 0; i < outCount; i++) out[i] = map[i] < 0 ? 0n : s[map[i]];
  } else {
    const s = src as Exclude<VoxelArray, BigInt64Array | BigUint64Array>;
    for (let i = 0; i < outCount; i++) out[i] = map[i] < 0 ? 0 : s[map[i]];
  }
  return out;
}

function interpolated(input: Volume, grid: Grid, outCount: number, g: Float64Array, interpolator: Interpolator, arena: WasmArena, what: string, normalization?: Normalization): VoxelArray {
  const spline = interpolator === 'sitkBSpline';
  if (!spline && interpolator !== 'sitkLinear') throw new Error(`interpolator: "${interpolator}" is not supported (sitkBSpline, sitkLinear or sitkNearestNeighbor)`);
  const block = inputBlock(input, grid, g, spline ? 3 + SPLINE_MARGIN : 2);
  const blockCount = voxelCount(block.size);
  arena.check(g.byteLength + (blockCount + outCount) * 8 + 128, `resampling ${what} (${block.size.join('x')} input voxels) to ${grid.size.join('x')}`);
  const geomPtr = arena.put(g);
  const blockPtr = arena.allocArray(Float64Array, blockCount, `resampling ${what}`);
  const outPtr = arena.allocArray(Float64Array, outCount, `resampling ${what}`);
  const blockValues = arena.view(Float64Array, blockPtr, blockCount);
  copyBlock(input, block, blockValues, normalization);
  if (spline) {
    // coefficients are needed only where the sampling kernel reads (its 4-voxel support, plus 1 for rounding)
    const read = inputBlock(input, grid, g, SPLINE_READ_REACH);
    const x0 = read.lo[0] - block.lo[0], y0 = read.lo[1] - block.lo[1];
    kernel<(p: number, nx: number, ny: number, nz: number, x0: number, x1: number, y0: number, y1: number) => void>('resampleSplineCoefficients')(
      blockPtr, ...block.size, x0, x0 + read.size[0], y0, y0 + read.size[1]);
  }
  kernel<SampleKernel>(spline ? 'resampleBSpline' : 'resampleLinear')(
    blockPtr, ...block.size, ...block.lo, ...input.size, geomPtr, outPtr, ...grid.size, 0);
  const values = arena.view(Float64Array, outPtr, outCount);
  return normalization ? values.slice() : castLike(input.data, values);
}

/** Copies the block's voxels into `dst` as float64, normalised span by span while the span is in cache. */
function copyBlock(input: Volume, block: { lo: Vec3; size: Vec3 }, dst: Float64Array, normalization?: Normalization): void {
  const [nx, ny] = input.size;
  const [bx, by, bz] = block.size;
  const [x0, y0, z0] = block.lo;
  const src = input.data;
  const big = src instanceof BigInt64Array || src instanceof BigUint64Array;
  // whole image rows follow each other in memory: copy up to SCAN_BLOCK voxels of them at once
  const rowsPerSpan = bx === nx ? Math.max(1, Math.floor(SCAN_BLOCK / bx)) : 1;
  let d = 0;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j += rowsPerSpan) {
      const start = x0 + nx * (y0 + j + ny * (z0 + k));
      const n = Math.min(rowsPerSpan, by - j) * bx;
      if (big) for (let i = 0; i < n; i++) dst[d + i] = Number(src[start + i]);
      else dst.set((src as Float64Array).subarray(start, start + n), d);
      if (normalization) normalizeInPlace(dst, d, d + n, normalization);
      d += n;
    }
  }
}

function newLike(src: VoxelArray, length: number): VoxelArray {
  return new (src.constructor as new (n: number) => VoxelArray)(length);
}

const INTEGER_RANGE = new Map<Function, [number, number]>([
  [Int8Array, [-128, 127]], [Uint8Array, [0, 255]], [Int16Array, [-32768, 32767]], [Uint16Array, [0, 65535]],
  [Int32Array, [-2147483648, 2147483647]], [Uint32Array, [0, 4294967295]],
]);

/** Interpolated doubles into the input's pixel type, as itk::ResampleImageFilter::CastPixelWithBoundsChecking. */
export function castLike(src: VoxelArray, values: Float64Array): VoxelArray {
  const out = newLike(src, values.length);
  if (out instanceof Float64Array || out instanceof Float32Array) {
    out.set(values); // float32: round to nearest, as static_cast<float>
    return out;
  }
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    const [lo, hi] = out instanceof BigInt64Array ? [-(2 ** 63), 2 ** 63 - 1024] : [0, 2 ** 64 - 2048];
    for (let i = 0; i < values.length; i++) out[i] = BigInt(Math.trunc(Math.min(Math.max(values[i] || 0, lo), hi)));
    return out;
  }
  const [lo, hi] = INTEGER_RANGE.get(out.constructor)!;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v < lo ? lo : v > hi ? hi : Math.trunc(v);
  }
  return out;
}
