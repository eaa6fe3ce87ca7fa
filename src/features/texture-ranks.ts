// Gray-level rank coding shared by the GLCM and GLRLM classes: matrices are built over the gray levels
// present in the ROI only (rank r = index in roi.grayLevels + 1, 0 outside), so their size follows the
// number of levels actually present, not the maximum bin.
import { kernel } from '../wasm/module.js';
import type { WasmArena } from '../wasm/arena.js';
import type { DiscretizedRoi } from './types.js';

type RankBins = (binsPtr: number, count: number, lutPtr: number, maxBin: number, outPtr: number) => void;
type RowSpans = (ranksPtr: number, sx: number, rows: number, spansPtr: number) => void;

/** Checks the parts of a DiscretizedRoi a texture kernel relies on; returns the box voxel count. */
export function checkRoi(roi: DiscretizedRoi, what: string): number {
  const [sx, sy, sz] = roi.size;
  for (const s of roi.size) if (!Number.isInteger(s) || s < 1) throw new Error(`${what}: ROI box size ${roi.size.join('x')} is invalid`);
  const count = sx * sy * sz;
  const levels = roi.grayLevels;
  if (levels.length === 0) throw new Error(`${what}: the ROI has no gray levels (empty ROI)`);
  for (let i = 0; i < levels.length; i++) {
    const g = levels[i];
    if (!Number.isInteger(g) || g < 1 || g > roi.ng || (i > 0 && g <= levels[i - 1])) {
      throw new Error(`${what}: grayLevels must be increasing integers in 1..ng=${roi.ng}, found ${g}`);
    }
  }
  return count;
}

/** Arena bytes rankCode needs (rank image, lookup table, row spans), for the budget estimate. */
export function rankCodeBytes(roi: DiscretizedRoi): number {
  return roi.size[0] * roi.size[1] * roi.size[2] * 4 + (roi.ng + 1) * 4 + roi.size[1] * roi.size[2] * 8 + 192;
}

/**
 * Writes the rank image (i32, x fastest over the box) and the ROI span of every row (glcmRowSpans) into
 * the arena and returns their offsets.
 */
export function rankCode(roi: DiscretizedRoi, arena: WasmArena, what: string): { ranksPtr: number; spansPtr: number } {
  const count = roi.size[0] * roi.size[1] * roi.size[2];
  // Kernels read the arena copy at binsPtr (roi.bins may have been detached by a later memory.grow).
  if (!Number.isInteger(roi.binsPtr) || roi.binsPtr <= 0 || roi.binsPtr + count * 4 > arena.wasm.memory.buffer.byteLength) {
    throw new Error(`${what}: ROI bins pointer ${roi.binsPtr} does not hold the ${count} voxels of the box ${roi.size.join('x')}`);
  }
  const lutPtr = arena.allocArray(Int32Array, roi.ng + 1, `${what} gray-level lookup`);
  const ranksPtr = arena.allocArray(Int32Array, count, `${what} rank image`);
  const lut = arena.view(Int32Array, lutPtr, roi.ng + 1);
  roi.grayLevels.forEach((g, r) => (lut[g] = r + 1));
  kernel<RankBins>('glcmRankBins')(roi.binsPtr, count, lutPtr, roi.ng, ranksPtr);
  const rows = roi.size[1] * roi.size[2];
  const spansPtr = arena.allocArray(Int32Array, 2 * rows, `${what} row spans`);
  kernel<RowSpans>('glcmRowSpans')(ranksPtr, roi.size[0], rows, spansPtr);
  return { ranksPtr, spansPtr };
}
