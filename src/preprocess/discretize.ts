// pyradiomics' binImage over the ROI: edges from getBinEdges (fixed width anchored at multiples of
// binWidth, or np.histogram's binCount edges with the last edge + 1), bins from numpy.digitize, computed
// by the assembly/discretize.ts kernels on the ROI's bounding box.
import { voxelCount, type Vec3, type Volume } from '../volume.js';
import type { DiscretizedRoi } from '../features/types.js';
import { InputError } from '../io/errors.js';
import type { Settings } from '../settings/types.js';
import { MAX_BINS } from '../settings/schema.js';
import { kernel } from '../wasm/module.js';
import type { WasmArena } from '../wasm/arena.js';
import { indexText } from './mask.js';
import type { BoundingBox, RoiMask } from './roi.js';

export { MAX_BINS };

export type BinEdges = { kind: 'width'; low: number; width: number; count: number } | { kind: 'edges'; edges: Float64Array };

/** pyradiomics' getBinEdges for ROI values with the given minimum and maximum. */
export function binEdges(min: number, max: number, settings: Pick<Settings, 'binWidth' | 'binCount'>): BinEdges {
  if (settings.binCount != null) {
    const n = settings.binCount;
    let first = min, last = max;
    if (first === last) {
      first -= 0.5;
      last += 0.5;
    }
    // np.linspace(first, last, n + 1): i·step + first, the last edge exactly `last`; then + 1
    const step = (last - first) / n;
    const edges = new Float64Array(n + 1);
    for (let i = 0; i <= n; i++) edges[i] = i * step + first;
    edges[n] = last + 1;
    return { kind: 'edges', edges };
  }
  const width = settings.binWidth;
  let mod = min % width; // Python's floor modulo: the sign of the divisor
  if (mod !== 0 && mod < 0 !== width < 0) mod += width;
  const low = min - mod;
  const count = Math.ceil((max + 2 * width - low) / width);
  if (!(count <= MAX_BINS)) {
    throw new InputError('settings', `binWidth ${width} gives ${count} bins over the ROI range [${min}, ${max}] (limit ${MAX_BINS}); use a larger binWidth or binCount`);
  }
  if (count === 1) return { kind: 'edges', edges: Float64Array.of(low - 0.5, low + 0.5) }; // flat region
  return { kind: 'width', low, width, count };
}

function edgeCount(e: BinEdges): number {
  return e.kind === 'width' ? e.count : e.edges.length;
}

type FixedWidthKernel = (values: number, mask: number, n: number, low: number, width: number, edgeCount: number, bins: number, counts: number) => number;
type EdgesKernel = (values: number, mask: number, n: number, edges: number, edgeCount: number, bins: number, counts: number) => number;

/**
 * Crops `image` to the ROI's bounding box and discretises the ROI voxels into the arena. NaN or
 * infinite ROI voxels are an error (pyradiomics would carry NaN into every feature).
 */
export function discretizeRoi(image: Volume, roi: RoiMask, settings: Pick<Settings, 'binWidth' | 'binCount'>, arena: WasmArena, name = 'image'): DiscretizedRoi {
  const box = roi.bbox;
  const n = voxelCount(box.size);
  const values = new Float64Array(roi.voxelCount);
  const boxValues = new Float64Array(n);
  const boxMask = new Uint8Array(n);
  let min = Infinity, max = -Infinity, k = 0;
  forEachBoxRow(roi.size, box, (row, d) => {
    for (let x = 0; x < box.size[0]; x++) {
      if (!roi.mask[row + x]) continue;
      const v = Number(image.data[row + x]);
      if (!Number.isFinite(v)) throw new InputError(name, `ROI voxel ${indexText(roi.size, row + x)} is ${v}; NaN or infinite values in the ROI are not supported (exclude them from the mask)`);
      boxValues[d + x] = v;
      boxMask[d + x] = 1;
      values[k++] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  });
  const edges = binEdges(min, max, settings);
  const ne = edgeCount(edges);
  arena.check(n * 13 + (ne + 1) * 4 + (edges.kind === 'edges' ? ne * 8 : 0) + 256, `discretising ${roi.voxelCount} ROI voxels into ${ne} bins`);
  const valuesPtr = arena.put(boxValues, 'ROI values');
  const maskPtr = arena.put(boxMask, 'ROI mask');
  const binsPtr = arena.allocArray(Int32Array, n, 'ROI bins');
  const countsPtr = arena.allocArray(Int32Array, ne + 1, 'bin histogram');
  let ng: number;
  if (edges.kind === 'width') {
    ng = kernel<FixedWidthKernel>('discretizeFixedWidth')(valuesPtr, maskPtr, n, edges.low, edges.width, ne, binsPtr, countsPtr);
  } else {
    const edgesPtr = arena.put(edges.edges, 'bin edges');
    ng = kernel<EdgesKernel>('discretizeByEdges')(valuesPtr, maskPtr, n, edgesPtr, ne, binsPtr, countsPtr);
  }
  const counts = arena.view(Int32Array, countsPtr, ne + 1);
  const grayLevels: number[] = [];
  for (let b = 1; b <= ng; b++) if (counts[b] > 0) grayLevels.push(b);
  return {
    size: [...box.size] as Vec3,
    spacing: [...image.spacing] as Vec3,
    binsPtr,
    bins: arena.view(Int32Array, binsPtr, n),
    values,
    voxelCount: roi.voxelCount,
    ng,
    grayLevels,
  };
}

/** Calls fn(row start in the full grid, row start in the box) for every x-row of the box. */
export function forEachBoxRow(size: readonly number[], box: BoundingBox, fn: (row: number, boxRow: number) => void): void {
  const [nx, ny] = size;
  let d = 0;
  for (let z = 0; z < box.size[2]; z++) {
    for (let y = 0; y < box.size[1]; y++) {
      fn(box.lo[0] + nx * (box.lo[1] + y + ny * (box.lo[2] + z)), d);
      d += box.size[0];
    }
  }
}
