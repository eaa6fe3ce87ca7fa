// The ROI as pyradiomics' checkMask defines it: voxels equal to `label`, their bounding box, and the
// checks on its dimensionality and size. The ROI is kept as a 0/1 label map over the image grid.
import { indexToPoint, voxelCount, type Vec3, type Volume } from '../volume.js';
import { InputError } from '../io/errors.js';
import type { Settings } from '../settings/types.js';
import { checkLabelValue, maskLabels, pointToContinuousIndex } from './mask.js';
import { float64Block, SCAN_BLOCK } from './scan.js';

/** Lower corner and size (voxels) of the ROI's bounding box, x, y, z. */
export interface BoundingBox {
  lo: Vec3;
  size: Vec3;
}

/** A binary ROI over the image grid (1 = in the ROI). */
export interface RoiMask {
  mask: Uint8Array;
  size: Vec3;
  bbox: BoundingBox;
  voxelCount: number;
}

/** The label map of `label` (mask == label), or an error listing the labels that are present. */
export function selectLabel(mask: Volume, label: number, name = 'mask'): Uint8Array {
  return labelRoi(mask, label, name).mask;
}

/**
 * The ROI of `label` from one pass over the label map: its 0/1 map, bounding box and voxel count, with
 * maskLabels' checks (fractional or negative labels) and an error listing the labels when it is absent.
 */
export function labelRoi(mask: Volume, label: number, name = 'mask'): RoiMask {
  const data = mask.data;
  const [nx, ny, nz] = mask.size;
  const isFloat = data instanceof Float32Array || data instanceof Float64Array;
  const out = new Uint8Array(data.length);
  const rowsPerBlock = Math.max(1, Math.floor(SCAN_BLOCK / nx));
  const scratch = new Float64Array(Math.min(rowsPerBlock * nx, data.length));
  const lo: Vec3 = [nx, ny, nz];
  const hi: Vec3 = [-1, -1, -1];
  let count = 0;
  // the last non-zero value checked: a run of one label is checked once, as maskLabels does
  let run = 0;
  // a uint8 mask is mostly zero rows: test 4 voxels per 32-bit word to skip them
  const words = data instanceof Uint8Array && data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : undefined;
  for (let row0 = 0, rows = ny * nz; row0 < rows; row0 += rowsPerBlock) {
    const blockRows = Math.min(rowsPerBlock, rows - row0);
    // uint8 masks (the usual kind) are read as they are; other types as float64 blocks
    const block = data instanceof Uint8Array ? data.subarray(row0 * nx, (row0 + blockRows) * nx) : float64Block(data, row0 * nx, blockRows * nx, scratch);
    for (let r = 0, b = 0; r < blockRows; r++) {
      const row = (row0 + r) * nx;
      if (words && zeroBytes(words, row, row + nx)) {
        b += nx;
        continue;
      }
      let first = -1, last = -1;
      for (let x = 0; x < nx; x++, b++) {
        const v = block[b];
        if (v === 0) continue;
        if (v !== run) {
          checkLabelValue(v, isFloat, mask.size, row + x, name);
          run = v;
        }
        if (v !== label) continue;
        out[row + x] = 1;
        count++;
        if (first < 0) first = x;
        last = x;
      }
      if (first < 0) continue;
      extendBox(lo, hi, first, last, (row0 + r) % ny, Math.floor((row0 + r) / ny));
    }
  }
  if (!count) {
    const present = [...maskLabels(mask, name).keys()].sort((a, b) => a - b);
    const list = present.length === 0 ? 'the mask is empty (all voxels are 0)' : `labels present: ${present.slice(0, 20).join(', ')}${present.length > 20 ? `, … (${present.length} in all)` : ''}`;
    throw new InputError(name, `label ${label} is not present; ${list}`);
  }
  return { mask: out, size: [...mask.size], bbox: { lo, size: [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1] }, voxelCount: count };
}

/** Widens the box corners lo/hi to take in voxels first..last of row (y, z); rows come in increasing z. */
export function extendBox(lo: Vec3, hi: Vec3, first: number, last: number, y: number, z: number): void {
  if (first < lo[0]) lo[0] = first;
  if (last > hi[0]) hi[0] = last;
  if (y < lo[1]) lo[1] = y;
  if (y > hi[1]) hi[1] = y;
  if (z < lo[2]) lo[2] = z;
  hi[2] = z;
}

/** True when the 32-bit words covering bytes [from, to) are all 0 (false when they do not reach `to`). */
function zeroBytes(words: Uint32Array, from: number, to: number): boolean {
  const end = (to + 3) >> 2;
  if (end > words.length) return false;
  for (let w = from >> 2; w < end; w++) if (words[w] !== 0) return false;
  return true;
}

/** Bounding box and voxel count of the non-zero voxels of a 0/1 map; null when empty. */
export function binaryBoundingBox(mask: Uint8Array, size: Vec3): { bbox: BoundingBox; voxelCount: number } | null {
  const [nx, ny, nz] = size;
  const lo: Vec3 = [nx, ny, nz];
  const hi: Vec3 = [-1, -1, -1];
  let count = 0;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let first = -1, last = -1;
      for (let x = 0; x < nx; x++, i++) {
        if (!mask[i]) continue;
        count++;
        if (first < 0) first = x;
        last = x;
      }
      if (first >= 0) extendBox(lo, hi, first, last, y, z);
    }
  }
  if (!count) return null;
  return { bbox: { lo, size: [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1] }, voxelCount: count };
}

/**
 * pyradiomics' ROI checks: at least 2 voxels spanning >= minimumROIDimensions axes (axes where the box
 * is longer than 1), and more than minimumROISize voxels when that is set.
 */
export function checkRoi(mask: Uint8Array, size: Vec3, settings: Pick<Settings, 'label' | 'minimumROIDimensions' | 'minimumROISize'>, name = 'mask'): RoiMask {
  const found = binaryBoundingBox(mask, size);
  if (!found) throw new InputError(name, `label ${settings.label} is not present (no ROI voxels left)`);
  return checkRoiExtent({ mask, size: [...size], ...found }, settings, name);
}

/** checkRoi's dimensionality and size checks on an ROI whose box and count are known. */
export function checkRoiExtent(found: RoiMask, settings: Pick<Settings, 'label' | 'minimumROIDimensions' | 'minimumROISize'>, name = 'mask'): RoiMask {
  const dims = found.bbox.size.filter((s) => s > 1).length;
  if (dims === 0) throw new InputError(name, `label ${settings.label} has a single voxel; features cannot be computed from one voxel`);
  if (dims < settings.minimumROIDimensions) {
    throw new InputError(name, `the ROI spans ${dims} dimension(s) (bounding box ${found.bbox.size.join('x')}), fewer than minimumROIDimensions = ${settings.minimumROIDimensions}`);
  }
  if (settings.minimumROISize != null && found.voxelCount <= settings.minimumROISize) {
    throw new InputError(name, `the ROI has ${found.voxelCount} voxels, not more than minimumROISize = ${settings.minimumROISize}`);
  }
  return found;
}

/** pyradiomics' _checkROI before correcting a mask: the ROI box (voxel corners) must lie inside the image, within 1e-3 voxel. */
export function checkRoiInsideImage(image: Volume, mask: Volume, bbox: BoundingBox, name = 'mask'): void {
  const a = pointToContinuousIndex(image, indexToPoint(mask, bbox.lo.map((x) => x - 0.5)));
  const b = pointToContinuousIndex(image, indexToPoint(mask, bbox.lo.map((x, i) => x + bbox.size[i] - 0.5)));
  for (let i = 0; i < 3; i++) {
    const lo = Math.min(a[i], b[i]), hi = Math.max(a[i], b[i]);
    if (lo < -0.5 - 1e-3 || hi > image.size[i] - 0.5 + 1e-3) {
      throw new InputError(name, `cannot correct the mask: the ROI extends outside the image on axis ${'xyz'[i]} (image index ${lo.toFixed(2)} to ${hi.toFixed(2)}, image size ${image.size[i]})`);
    }
  }
}

/** Crops a 0/1 map to a box (x fastest). */
export function cropBinary(mask: Uint8Array, size: Vec3, bbox: BoundingBox): Uint8Array {
  const out = new Uint8Array(voxelCount(bbox.size));
  const [nx, ny] = size;
  let d = 0;
  for (let z = 0; z < bbox.size[2]; z++) {
    for (let y = 0; y < bbox.size[1]; y++) {
      const row = bbox.lo[0] + nx * (bbox.lo[1] + y + ny * (bbox.lo[2] + z));
      out.set(mask.subarray(row, row + bbox.size[0]), d);
      d += bbox.size[0];
    }
  }
  return out;
}

/** Policy: NaN or infinite intensities inside the ROI are an error naming the first voxel and the count. */
export function checkFiniteRoi(image: Volume, roi: RoiMask, name = 'image'): void {
  const { lo, size } = roi.bbox;
  const [nx, ny] = roi.size;
  let first = -1, count = 0;
  for (let z = lo[2]; z < lo[2] + size[2]; z++) {
    for (let y = lo[1]; y < lo[1] + size[1]; y++) {
      for (let i = lo[0] + nx * (y + ny * z), end = i + size[0]; i < end; i++) {
        if (roi.mask[i] && !Number.isFinite(Number(image.data[i]))) {
          if (first < 0) first = i;
          count++;
        }
      }
    }
  }
  if (count) {
    const [x, y, z] = [first % nx, Math.floor(first / nx) % ny, Math.floor(first / (nx * ny))];
    throw new InputError(name, `${count} ROI voxel(s) are NaN or infinite (first at index (${x}, ${y}, ${z}), value ${Number(image.data[first])}); exclude them from the mask`);
  }
}
