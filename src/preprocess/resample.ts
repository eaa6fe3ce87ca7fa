// pyradiomics' resampling step (imageoperations.resampleImage) and its preCrop alternative:
// the output grid covers the ROI bounding box plus padDistance (in new voxels), clipped to the mask's
// extent, aligned so that the grid's first voxel corner sits on the mask's first voxel corner.
import { arena as sharedArena, type WasmArena } from '../wasm/arena.js';
import { voxelCount, type Vec3, type Volume } from '../volume.js';
import type { Interpolator, Settings } from '../settings/types.js';
import { indexToPointMatrix, pointToIndexMatrix, sampleOnGrid, type Grid } from './resample-grid.js';
import { applyNormalization, type Normalization } from './normalize.js';
import { float64Block, SCAN_BLOCK } from './scan.js';
import { extendBox, type BoundingBox } from './roi.js';

export { sampleOnGrid, castLike, type Grid } from './resample-grid.js';

export type ResampleSettings = Pick<Settings, 'resampledPixelSpacing' | 'interpolator' | 'padDistance' | 'label'> & Partial<Pick<Settings, 'preCrop'>>;


const INTERPOLATORS: readonly Interpolator[] = ['sitkNearestNeighbor', 'sitkLinear', 'sitkBSpline'];
/** SimpleITK's enum values, which pyradiomics also accepts in parameter files. */
const INTERPOLATOR_CODES: Record<number, Interpolator> = { 1: 'sitkNearestNeighbor', 2: 'sitkLinear', 3: 'sitkBSpline' };

/**
 * The extractor's geometry step: resample when `resampledPixelSpacing` is set, else crop to the ROI
 * bounding box plus padDistance when `preCrop` is set, else return the inputs unchanged.
 */
export function resampleOrPreCrop(image: Volume, mask: Volume, settings: ResampleSettings, arena?: WasmArena, normalization?: Normalization, maskBox?: BoundingBox): { image: Volume; mask: Volume } {
  if (settings.resampledPixelSpacing != null) return resampleImageAndMask(image, mask, settings, arena, normalization, maskBox);
  if (!settings.preCrop || !sameGrid(image, mask)) return { image: normalization ? applyNormalization(image, normalization) : image, mask };
  const box = requireBoundingBox(mask, settings.label, maskBox);
  return normalizedCrop(cropBoth(image, mask, box, checkPadDistance(settings.padDistance)), normalization);
}

function normalizedCrop(v: { image: Volume; mask: Volume }, normalization?: Normalization): { image: Volume; mask: Volume } {
  return normalization ? { image: applyNormalization(v.image, normalization), mask: v.mask } : v;
}

/**
 * Resamples image (with `interpolator`, kept in its pixel type) and mask (nearest neighbour) to
 * `resampledPixelSpacing`, as pyradiomics does: 0 keeps the mask's spacing on that axis, and so does an
 * axis where the ROI is one voxel thick. When the new spacing equals the image's, only the mask is
 * brought onto the image grid and both are cropped to the ROI box plus padDistance.
 */
export function resampleImageAndMask(image: Volume, mask: Volume, settings: ResampleSettings, arena: WasmArena = sharedArena(), normalization?: Normalization, maskBox?: BoundingBox): { image: Volume; mask: Volume } {
  const requested = checkSpacing(settings.resampledPixelSpacing);
  const interpolator = checkInterpolator(settings.interpolator);
  const pad = checkPadDistance(settings.padDistance);
  const box = requireBoundingBox(mask, settings.label, maskBox);
  checkRoiInsideImage(image, mask, box);

  const spacing = requested.map((s, a) => (s === 0 || box.size[a] === 1 ? mask.spacing[a] : s)) as Vec3;
  if (allClose(image.spacing, spacing)) {
    const onImageGrid = sameGrid(image, mask) ? mask : sampleOnGrid(mask, image, 'sitkNearestNeighbor', arena, 'mask');
    return normalizedCrop(cropBoth(image, onImageGrid, onImageGrid === mask ? box : requireBoundingBox(onImageGrid, settings.label), pad), normalization);
  }
  const grid = resamplingGrid(mask, box, spacing, pad);
  return {
    image: sampleOnGrid(image, grid, interpolator, arena, 'image', normalization),
    mask: sampleOnGrid(mask, grid, 'sitkNearestNeighbor', arena, 'mask'),
  };
}

/** The output grid of pyradiomics' resampleImage, computed in the same order of operations. */
export function resamplingGrid(mask: Volume, box: BoundingBox, spacing: Vec3, padDistance: number): Grid {
  const size: Vec3 = [0, 0, 0];
  const originIndex: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const ratio = mask.spacing[a] / spacing[a];
    // outward rounding plus half a voxel keeps the whole ROI; then clip to the mask's extent
    let lower = Math.floor((box.lo[a] - 0.5) * ratio - padDistance);
    let upper = Math.ceil((box.lo[a] + box.size[a] - 0.5) * ratio + padDistance);
    const maxUpper = Math.ceil(mask.size[a] * ratio) - 1;
    if (lower < 0) lower = 0;
    if (upper > maxUpper) upper = maxUpper;
    size[a] = Math.trunc(upper - lower + 1);
    // first new voxel centre, in old continuous index: corner alignment plus the cropped start
    originIndex[a] = (0.5 * (spacing[a] - mask.spacing[a])) / mask.spacing[a] + lower / ratio;
  }
  return { size, spacing: [...spacing], origin: continuousIndexToPoint(mask, originIndex), direction: mask.direction.slice() };
}

/** ITK's TransformContinuousIndexToPhysicalPoint: origin + (direction · spacing) · index, summed left to right. */
function continuousIndexToPoint(v: Pick<Volume, 'origin' | 'spacing' | 'direction'>, index: Vec3): Vec3 {
  const m = indexToPointMatrix(v.direction, v.spacing);
  return [0, 1, 2].map((r) => v.origin[r] + m[3 * r] * index[0] + m[3 * r + 1] * index[1] + m[3 * r + 2] * index[2]) as Vec3;
}

/** Bounding box of voxels equal to `label`, or null when there are none. */
export function labelBoundingBox(mask: Volume, label: number): BoundingBox | null {
  const [nx, ny, nz] = mask.size;
  const lo: Vec3 = [nx, ny, nz];
  const hi: Vec3 = [-1, -1, -1];
  // rows of float64 blocks: one element type in the loop whatever the mask's pixel type
  const rowsPerBlock = Math.max(1, Math.floor(SCAN_BLOCK / nx));
  const scratch = new Float64Array(Math.min(rowsPerBlock * nx, mask.data.length));
  for (let row0 = 0, rows = ny * nz; row0 < rows; row0 += rowsPerBlock) {
    const blockRows = Math.min(rowsPerBlock, rows - row0);
    const block = float64Block(mask.data, row0 * nx, blockRows * nx, scratch);
    for (let r = 0, b = 0; r < blockRows; r++, b += nx) {
      let first = -1, last = -1;
      for (let i = 0; i < nx; i++) {
        if (block[b + i] !== label) continue;
        if (first < 0) first = i;
        last = i;
      }
      if (first < 0) continue;
      extendBox(lo, hi, first, last, (row0 + r) % ny, Math.floor((row0 + r) / ny));
    }
  }
  return hi[0] >= 0 ? { lo, size: [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1] } : null;
}

/** The label's box (`known`: already computed for this mask and label, not scanned again). */
function requireBoundingBox(mask: Volume, label: number, known?: BoundingBox): BoundingBox {
  if (!Number.isFinite(label)) throw new Error(`label: ${label} is not a number`);
  const box = known ?? labelBoundingBox(mask, label);
  if (!box) throw new Error(`mask: label ${label} not present`);
  return box;
}

/** pyradiomics' _checkROI: the ROI box (voxel corners) must lie inside the image, within 1e-3 voxel. */
function checkRoiInsideImage(image: Volume, mask: Volume, box: BoundingBox): void {
  if (sameGrid(image, mask)) return;
  const inverse = pointToIndexMatrix(image.direction, image.spacing);
  const toImageIndex = (maskIndex: Vec3): Vec3 => {
    const p = continuousIndexToPoint(mask, maskIndex).map((x, r) => x - image.origin[r]);
    return [0, 1, 2].map((r) => inverse[3 * r] * p[0] + inverse[3 * r + 1] * p[1] + inverse[3 * r + 2] * p[2]) as Vec3;
  };
  const a = toImageIndex(box.lo.map((x) => x - 0.5) as Vec3);
  const b = toImageIndex(box.lo.map((x, i) => x + box.size[i] - 0.5) as Vec3);
  const tolerance = 1e-3;
  for (let i = 0; i < 3; i++) {
    if (Math.min(a[i], b[i]) < -0.5 - tolerance || Math.max(a[i], b[i]) > image.size[i] - 0.5 + tolerance) {
      throw new Error(`mask: the ROI bounding box extends outside the image (axis ${'xyz'[i]}: image index ${Math.min(a[i], b[i]).toFixed(2)} to ${Math.max(a[i], b[i]).toFixed(2)}, image size ${image.size[i]})`);
    }
  }
}

/** Crops image and mask (same grid) to the box widened by `pad` voxels, clipped to the volume. */
function cropBoth(image: Volume, mask: Volume, box: BoundingBox, pad: number): { image: Volume; mask: Volume } {
  const lo = box.lo.map((x) => Math.max(x - pad, 0)) as Vec3;
  const size = box.lo.map((x, a) => Math.min(x + box.size[a] - 1 + pad, mask.size[a] - 1) - lo[a] + 1) as Vec3;
  return { image: cropVolume(image, lo, size), mask: cropVolume(mask, lo, size) };
}

/** A sub-volume starting at index `lo` with `size` voxels; the origin moves to the first kept voxel. */
export function cropVolume(v: Volume, lo: Vec3, size: Vec3): Volume {
  const data = new (v.data.constructor as new (n: number) => typeof v.data)(voxelCount(size));
  const [nx, ny] = v.size;
  let d = 0;
  for (let k = 0; k < size[2]; k++) {
    for (let j = 0; j < size[1]; j++) {
      const row = lo[0] + nx * (lo[1] + j + ny * (lo[2] + k));
      (data as Float64Array).set((v.data as Float64Array).subarray(row, row + size[0]), d);
      d += size[0];
    }
  }
  return { data, size: [...size], spacing: [...v.spacing], origin: continuousIndexToPoint(v, lo), direction: v.direction.slice() };
}

function sameGrid(a: Volume, b: Volume): boolean {
  const eq = (x: readonly number[], y: readonly number[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return eq(a.size, b.size) && eq(a.spacing, b.spacing) && eq(a.origin, b.origin) && eq(a.direction, b.direction);
}

/** numpy.allclose(a, b): |a - b| <= 1e-8 + 1e-5·|b| on every axis. */
function allClose(a: readonly number[], b: readonly number[]): boolean {
  return a.every((x, i) => Math.abs(x - b[i]) <= 1e-8 + 1e-5 * Math.abs(b[i]));
}

function checkSpacing(value: unknown): Vec3 {
  const ok = Array.isArray(value) && value.length === 3 && value.every((s) => typeof s === 'number' && Number.isFinite(s) && s >= 0);
  if (!ok) throw new Error(`resampledPixelSpacing: expected 3 numbers >= 0 (0 keeps an axis), got ${JSON.stringify(value)}`);
  return value as Vec3;
}

function checkInterpolator(value: unknown): Interpolator {
  if (typeof value === 'number' && INTERPOLATOR_CODES[value]) return INTERPOLATOR_CODES[value];
  if (INTERPOLATORS.includes(value as Interpolator)) return value as Interpolator;
  throw new Error(`interpolator: ${JSON.stringify(value)} is not supported (sitkBSpline, sitkLinear or sitkNearestNeighbor)`);
}

function checkPadDistance(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`padDistance: expected an integer >= 0, got ${JSON.stringify(value)}`);
  return value;
}
