// GLDM: gray level dependence matrix P(i, j) = number of ROI voxels with gray level i and j − 1 dependent
// neighbours (ROI neighbours at a Chebyshev distance in `distances` whose bin differs by <= gldm_a),
// and its 14 pyradiomics features.
import { kernel } from '../wasm/module.js';
import type { Settings } from '../settings/types.js';
import type { WasmArena } from '../wasm/arena.js';
import type { DiscretizedRoi, FeatureClass } from './types.js';
import { checkDistances, checkTextureRoi, linearOffsets, neighbourOffsets, outOfPlaneAxis, withPaddedRoi } from './neighbourhood.js';
import {
  type SizeMatrix, type SizeStats, sizeStats, smallEmphasis, largeEmphasis, grayNonUniformity,
  sizeNonUniformity, sizeNonUniformityNormalized, grayVariance, sizeVariance, entropy, lowGrayEmphasis, highGrayEmphasis,
  smallLowGrayEmphasis, smallHighGrayEmphasis, largeLowGrayEmphasis, largeHighGrayEmphasis,
} from './glszm.js';
import { evaluate } from './common.js';

type GldmKernel = (img: number, rowStride: number, sliceStride: number, origin: number, nx: number, ny: number, nz: number,
  offsets: number, nOffsets: number, alpha: number, lut: number, levels: number, nLevels: number, counts: number, nCols: number) => void;

/** gldm_a as the kernel's integer cutoff: bins are integers, so |i − j| <= a  ⇔  |i − j| <= floor(a). */
function dependenceCutoff(a: unknown): number {
  if (typeof a !== 'number' || Number.isNaN(a)) throw new Error(`GLDM: setting "gldm_a" must be a number (got ${String(a)})`);
  return Math.max(-1, Math.min(0x7fffffff, Math.floor(a)));
}

/** The GLDM of a discretised ROI, with empty dependence columns removed (as pyradiomics). */
export function gldmMatrix(roi: DiscretizedRoi, settings: Settings, arena: WasmArena): SizeMatrix {
  const what = 'GLDM';
  checkTextureRoi(roi, what);
  const alpha = dependenceCutoff(settings.gldm_a);
  const distances = checkDistances(settings.distances, what);
  const nb = neighbourOffsets(roi.size, distances, outOfPlaneAxis(settings, what), roi.voxelCount, what);
  const rows = roi.grayLevels.length;
  const allCols = nb.count + 1;
  const countBytes = rows * allCols * 4;
  const request = `${what} (${rows} gray levels x ${allCols} dependence counts, ${roi.voxelCount} voxels)`;
  return withPaddedRoi(roi, arena, nb.pad, 4 * nb.count + countBytes + 5 * 64, what, request, (padded, { levelsPtr, lutPtr }) => {
    const offsetsPtr = arena.put(linearOffsets(nb, padded.dims), `${what} neighbour offsets`);
    const countsPtr = arena.alloc(countBytes, `${what} matrix (${rows} gray levels x ${allCols} dependence counts)`);
    const [nx, ny, nz] = roi.size;
    const [sx, sy] = padded.dims;
    kernel<GldmKernel>('gldmAccumulate')(padded.ptr, sx, sx * sy, padded.origin, nx, ny, nz, offsetsPtr, nb.count, alpha,
      lutPtr, levelsPtr, rows, countsPtr, allCols);
    return dropEmptyColumns(arena.view(Int32Array, countsPtr, rows * allCols), rows, allCols, roi.grayLevels);
  });
}

function dropEmptyColumns(counts: Int32Array, rows: number, allCols: number, grayLevels: number[]): SizeMatrix {
  const keep: number[] = [];
  for (let c = 0; c < allCols; c++) {
    let any = false;
    for (let r = 0; r < rows && !any; r++) any = counts[r * allCols + c] !== 0;
    if (any) keep.push(c);
  }
  const cols = keep.length;
  const P = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let k = 0; k < cols; k++) P[r * cols + k] = counts[r * allCols + keep[k]];
  // Column c holds voxels with c dependent neighbours; pyradiomics numbers it j = c + 1.
  return { P, rows, cols, ivector: Float64Array.from(grayLevels), jvector: Float64Array.from(keep, (c) => c + 1) };
}

/** GLDM features in pyradiomics' documented order; N = Nz = Np (every voxel has a dependence zone). */
const gldmFeatures: Record<string, (s: SizeStats) => number> = {
  SmallDependenceEmphasis: smallEmphasis,
  LargeDependenceEmphasis: largeEmphasis,
  GrayLevelNonUniformity: grayNonUniformity,
  DependenceNonUniformity: sizeNonUniformity,
  DependenceNonUniformityNormalized: sizeNonUniformityNormalized,
  GrayLevelVariance: grayVariance,
  DependenceVariance: sizeVariance,
  DependenceEntropy: entropy,
  LowGrayLevelEmphasis: lowGrayEmphasis,
  HighGrayLevelEmphasis: highGrayEmphasis,
  SmallDependenceLowGrayLevelEmphasis: smallLowGrayEmphasis,
  SmallDependenceHighGrayLevelEmphasis: smallHighGrayEmphasis,
  LargeDependenceLowGrayLevelEmphasis: largeLowGrayEmphasis,
  LargeDependenceHighGrayLevelEmphasis: largeHighGrayEmphasis,
};

/**
 * Deprecated in pyradiomics: DependencePercentage (Nz / Np, always 1) and GrayLevelNonUniformityNormalized
 * (Σ_i pg_i² / Nz², equal to firstorder Uniformity). Accepted when named but, as in pyradiomics, no value.
 */
const GLDM_DEPRECATED = ['GrayLevelNonUniformityNormalized', 'DependencePercentage'];

export const gldm: FeatureClass<DiscretizedRoi> = {
  name: 'gldm',
  input: 'roi',
  defaultFeatures: Object.keys(gldmFeatures),
  deprecatedFeatures: GLDM_DEPRECATED,
  compute(roi, ctx) {
    const m = gldmMatrix(roi, ctx.settings, ctx.arena);
    const names = ctx.enabled.filter((name) => !GLDM_DEPRECATED.includes(name));
    return evaluate(gldmFeatures, sizeStats(m, roi.voxelCount, roi.voxelCount), names, 'gldm');
  },
};
