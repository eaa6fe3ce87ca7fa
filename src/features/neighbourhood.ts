// Full neighbourhoods for GLSZM, GLDM and NGTDM, and the zero-padded copy of the ROI bins their
// kernels scan. Padding with 0 (= outside the ROI) lets a kernel read every neighbour without
// bounds checks, and a right margin of >= 3 voxels lets it read 4 centres at once (SIMD).
import type { Vec3 } from '../volume.js';
import type { Settings } from '../settings/types.js';
import type { WasmArena } from '../wasm/arena.js';
import type { DiscretizedRoi } from './types.js';

/** Offsets as (dx, dy, dz) triples, x fastest, and the padding each axis needs. */
export interface Neighbourhood {
  offsets: Int32Array;
  count: number;
  pad: Vec3;
}

// Above this many (offset × voxel) visits a kernel would run for minutes: refuse instead.
const MAX_NEIGHBOUR_VISITS = 5e9;

/** Validated `distances`: non-empty, positive integers (pyradiomics casts them to int). */
export function checkDistances(distances: unknown, what: string): number[] {
  if (!Array.isArray(distances) || distances.length === 0) throw new Error(`${what}: setting "distances" must be a non-empty list of positive integers`);
  for (const d of distances) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) throw new Error(`${what}: setting "distances" contains ${String(d)}; distances must be positive integers`);
  }
  return distances as number[];
}

/** Our axis (0 = x, 1 = y, 2 = z) that force2D keeps fixed; pyradiomics counts axes in numpy order (z, y, x). */
export function outOfPlaneAxis(settings: Pick<Settings, 'force2D' | 'force2Ddimension'>, what: string): number {
  if (!settings.force2D) return -1;
  const d = settings.force2Ddimension;
  if (d !== 0 && d !== 1 && d !== 2) throw new Error(`${what}: setting "force2Ddimension" must be 0, 1 or 2 (got ${String(d)})`);
  return 2 - d;
}

/**
 * All offsets whose Chebyshev norm is one of `distances`, with no move along `fixedAxis` (-1: none).
 * As in pyradiomics, a component must be smaller than the box extent on its axis (others never hit a voxel).
 */
export function neighbourOffsets(size: Vec3, distances: readonly number[], fixedAxis: number, voxelCount: number, what: string): Neighbourhood {
  const wanted = new Set(distances);
  const maxDistance = Math.max(...distances);
  const reach = [0, 1, 2].map((a) => (a === fixedAxis ? 0 : Math.min(maxDistance, size[a] - 1))) as Vec3;
  const candidates = (2 * reach[0] + 1) * (2 * reach[1] + 1) * (2 * reach[2] + 1);
  if (candidates * Math.max(1, voxelCount) > MAX_NEIGHBOUR_VISITS) {
    throw new Error(`${what}: distances up to ${maxDistance} give ${candidates} neighbours per voxel for ${voxelCount} voxels, too many to compute`);
  }
  const list: number[] = [];
  for (let dz = -reach[2]; dz <= reach[2]; dz++) {
    for (let dy = -reach[1]; dy <= reach[1]; dy++) {
      for (let dx = -reach[0]; dx <= reach[0]; dx++) {
        const norm = Math.max(Math.abs(dx), Math.abs(dy), Math.abs(dz));
        if (norm > 0 && wanted.has(norm)) list.push(dx, dy, dz);
      }
    }
  }
  const offsets = Int32Array.from(list);
  const pad: Vec3 = [0, 0, 0];
  for (let k = 0; k < offsets.length; k++) pad[k % 3] = Math.max(pad[k % 3], Math.abs(offsets[k]));
  return { offsets, count: offsets.length / 3, pad };
}

/** A zero-padded copy of the bins in the arena, and where the ROI box starts in it. */
export interface PaddedBins {
  ptr: number;
  /** Padded extents (x, y, z). */
  dims: Vec3;
  /** Linear index (in elements) of box voxel (0, 0, 0). */
  origin: number;
  /** Number of Int32 elements reserved, including the trailing slack. */
  length: number;
}

/** Gray-level tables of a kernel run (putLevels): sorted levels, and a bin -> rank table or 0. */
export interface LevelTables {
  levelsPtr: number;
  lutPtr: number;
}

/**
 * Runs `scan` on the padded bins and level tables of `roi`, after checking their bytes plus `extraBytes`
 * (the class's own buffers) against the memory budget; what `scan` allocates is released with them.
 */
export function withPaddedRoi<T>(
  roi: DiscretizedRoi, arena: WasmArena, pad: Vec3, extraBytes: number, what: string, request: string,
  scan: (padded: PaddedBins, levels: LevelTables) => T,
): T {
  arena.check(paddedBytes(roi.size, pad) + rankTableBytes(roi) + 4 * roi.grayLevels.length + extraBytes, request);
  const mark = arena.mark();
  try {
    const padded = padBins(roi, arena, pad, what);
    return scan(padded, putLevels(roi, arena, what));
  } finally {
    arena.release(mark);
  }
}

/** Bytes `padBins` will reserve: used for the up-front budget estimate. */
function paddedBytes(size: Vec3, pad: Vec3): number {
  const dims = paddedDims(size, pad);
  return (dims[0] * dims[1] * dims[2] + slack(dims, pad)) * 4;
}

/** Copies the ROI bins into a zero-filled box grown by `pad` on each side (right x side by >= 3). */
function padBins(roi: DiscretizedRoi, arena: WasmArena, pad: Vec3, what: string): PaddedBins {
  const [nx, ny, nz] = roi.size;
  const dims = paddedDims(roi.size, pad);
  const length = dims[0] * dims[1] * dims[2] + slack(dims, pad);
  const ptr = arena.alloc(length * 4, `${what} padded ROI (${dims.join('x')} voxels)`);
  const heap = new Int32Array(arena.wasm.memory.buffer);
  const origin = pad[0] + dims[0] * (pad[1] + dims[1] * pad[2]);
  const src0 = roi.binsPtr >> 2;
  const dst0 = (ptr >> 2) + origin;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const src = src0 + nx * (y + ny * z);
      heap.copyWithin(dst0 + dims[0] * (y + dims[1] * z), src, src + nx);
    }
  }
  return { ptr, dims, origin, length };
}

/** Linear (element) offsets of the neighbourhood in a padded box. */
export function linearOffsets(nb: Neighbourhood, dims: Vec3): Int32Array {
  const out = new Int32Array(nb.count);
  for (let k = 0; k < nb.count; k++) out[k] = nb.offsets[3 * k] + dims[0] * (nb.offsets[3 * k + 1] + dims[1] * nb.offsets[3 * k + 2]);
  return out;
}

function paddedDims(size: Vec3, pad: Vec3): Vec3 {
  return [size[0] + pad[0] + Math.max(pad[0], 3), size[1] + 2 * pad[1], size[2] + 2 * pad[2]];
}

// 4-wide reads at the last centres may reach one padded row plus one padded slice past the end.
function slack(dims: Vec3, pad: Vec3): number {
  return 8 + dims[0] * (1 + pad[1]) + dims[0] * dims[1] * pad[2];
}

/** Bin -> rank lookup (Int32, length ng + 1) when it is small enough; 0 means "binary-search `levels`". */
function rankTableBytes(roi: DiscretizedRoi): number {
  return useRankTable(roi) ? (roi.ng + 1) * 4 : 0;
}

function useRankTable(roi: DiscretizedRoi): boolean {
  return roi.ng + 1 <= 4 * roi.voxelCount + 65536;
}

/** Puts the sorted levels and (when affordable) a bin -> rank table in the arena for a kernel. */
function putLevels(roi: DiscretizedRoi, arena: WasmArena, what: string): LevelTables {
  const levels = Int32Array.from(roi.grayLevels);
  const levelsPtr = arena.put(levels, `${what} gray levels`);
  let lutPtr = 0;
  if (useRankTable(roi)) {
    lutPtr = arena.alloc((roi.ng + 1) * 4, `${what} gray-level table (${roi.ng + 1} bins)`);
    const lut = arena.view(Int32Array, lutPtr, roi.ng + 1);
    for (let r = 0; r < levels.length; r++) lut[levels[r]] = r;
  }
  return { levelsPtr, lutPtr };
}

/** Basic checks every texture class needs on its input, with a message naming the class. */
export function checkTextureRoi(roi: DiscretizedRoi, what: string): void {
  if (!roi || !(roi.voxelCount > 0)) throw new Error(`${what}: the ROI is empty (no voxels to compute texture on)`);
  const [nx, ny, nz] = roi.size;
  if (![nx, ny, nz].every((n) => Number.isInteger(n) && n > 0)) throw new Error(`${what}: invalid ROI box size ${roi.size.join('x')}`);
  if (!roi.grayLevels?.length || roi.grayLevels[roi.grayLevels.length - 1] !== roi.ng || roi.grayLevels[0] < 1) {
    throw new Error(`${what}: gray levels of the discretised ROI are inconsistent (ng = ${roi.ng})`);
  }
  if (roi.ng > 0x7fffffff) throw new Error(`${what}: ${roi.ng} gray levels exceed the 32-bit bin range; increase binWidth`);
}
