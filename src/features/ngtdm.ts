// NGTDM: neighbouring gray tone difference matrix. Per gray level i present: n_i voxels and
// s_i = Σ |i − A| (A = mean bin of a voxel's ROI neighbours at a Chebyshev distance in `distances`;
// a voxel without ROI neighbours counts in n_i and adds 0, as in pyradiomics), and its 5 features.
import { kernel } from '../wasm/module.js';
import type { Settings } from '../settings/types.js';
import type { WasmArena } from '../wasm/arena.js';
import type { DiscretizedRoi, FeatureClass } from './types.js';
import { checkDistances, checkTextureRoi, linearOffsets, neighbourOffsets, outOfPlaneAxis, withPaddedRoi } from './neighbourhood.js';
import { evaluate } from './common.js';

/** The NGTDM as pyradiomics returns it: rows = gray levels present; columns n_i, s_i, i. */
export interface NgtdmMatrix {
  n: Float64Array;
  s: Float64Array;
  i: Float64Array;
}

type NgtdmKernel = (img: number, rowStride: number, sliceStride: number, origin: number, nx: number, ny: number, nz: number,
  offsets: number, nOffsets: number, lut: number, levels: number, nLevels: number, counts: number, sums: number, wideSums: number) => void;

// The pairwise features (all but Coarseness) are O(Ng²): beyond this many gray levels they would take minutes.
const MAX_NGTDM_LEVELS = 16384;

export function ngtdmMatrix(roi: DiscretizedRoi, settings: Settings, arena: WasmArena): NgtdmMatrix {
  const what = 'NGTDM';
  checkTextureRoi(roi, what);
  const levels = roi.grayLevels.length;
  const distances = checkDistances(settings.distances, what);
  const nb = neighbourOffsets(roi.size, distances, outOfPlaneAxis(settings, what), roi.voxelCount, what);
  const request = `${what} (${roi.voxelCount} voxels, ${levels} gray levels)`;
  return withPaddedRoi(roi, arena, nb.pad, 4 * nb.count + 16 * levels + 5 * 64, what, request, (padded, { levelsPtr, lutPtr }) => {
    const offsetsPtr = arena.put(linearOffsets(nb, padded.dims), `${what} neighbour offsets`);
    const countsPtr = arena.alloc(8 * levels, `${what} counts`);
    const sumsPtr = arena.alloc(8 * levels, `${what} differences`);
    const [nx, ny, nz] = roi.size;
    const [sx, sy] = padded.dims;
    const wideSums = roi.ng * nb.count > 0x7fffffff ? 1 : 0; // Int32 neighbour sums could overflow
    kernel<NgtdmKernel>('ngtdmAccumulate')(padded.ptr, sx, sx * sy, padded.origin, nx, ny, nz, offsetsPtr, nb.count,
      lutPtr, levelsPtr, levels, countsPtr, sumsPtr, wideSums);
    return {
      n: arena.view(Float64Array, countsPtr, levels).slice(),
      s: arena.view(Float64Array, sumsPtr, levels).slice(),
      i: Float64Array.from(roi.grayLevels),
    };
  });
}

interface NgtdmStats {
  p: Float64Array;
  s: Float64Array;
  i: Float64Array;
  /** Number of voxels (all ROI voxels, with or without neighbours). */
  Nvp: number;
  /** Number of gray levels with p > 0. */
  Ngp: number;
  /** Σ p_i s_i */
  ps: number;
  /** Σ s_i */
  sumS: number;
}

function ngtdmStats(m: NgtdmMatrix): NgtdmStats {
  let Nvp = 0;
  for (const v of m.n) Nvp += v;
  const p = m.n.map((v) => v / Nvp);
  let ps = 0;
  let sumS = 0;
  for (let k = 0; k < p.length; k++) {
    ps += p[k] * m.s[k];
    sumS += m.s[k];
  }
  return { p, s: m.s, i: m.i, Nvp, Ngp: p.length, ps, sumS };
}

/** Σ over all ordered pairs of present levels (a, b) of f(a, b). */
function sumPairs(g: NgtdmStats, f: (a: number, b: number) => number): number {
  let t = 0;
  for (let a = 0; a < g.Ngp; a++) for (let b = 0; b < g.Ngp; b++) t += f(a, b);
  return t;
}

const ngtdmFeatures: Record<string, (g: NgtdmStats) => number> = {
  /** 1 / Σ p_i s_i (10⁶ when the sum is 0) */
  Coarseness: (g) => (g.ps === 0 ? 1e6 : 1 / g.ps),
  /** [Σ_ij p_i p_j (i−j)² / (Ngp(Ngp−1))] · Σ s_i / Nvp (0 when Ngp <= 1) */
  Contrast: (g) =>
    g.Ngp <= 1 ? 0 : (sumPairs(g, (a, b) => g.p[a] * g.p[b] * (g.i[a] - g.i[b]) ** 2) / (g.Ngp * (g.Ngp - 1))) * (g.sumS / g.Nvp),
  /** Σ p_i s_i / Σ_ij |i p_i − j p_j| (0 when the denominator is 0) */
  Busyness: (g) => {
    const denominator = sumPairs(g, (a, b) => Math.abs(g.i[a] * g.p[a] - g.i[b] * g.p[b]));
    return denominator === 0 ? 0 : g.ps / denominator;
  },
  /** Σ_ij |i−j| (p_i s_i + p_j s_j) / (p_i + p_j) / Nvp */
  Complexity: (g) => sumPairs(g, (a, b) => Math.abs(g.i[a] - g.i[b]) * ((g.p[a] * g.s[a] + g.p[b] * g.s[b]) / (g.p[a] + g.p[b]))) / g.Nvp,
  /** Σ_ij (p_i + p_j)(i−j)² / Σ s_i (0 when Σ s_i = 0) */
  Strength: (g) => (g.sumS === 0 ? 0 : sumPairs(g, (a, b) => (g.p[a] + g.p[b]) * (g.i[a] - g.i[b]) ** 2) / g.sumS),
};

export const ngtdm: FeatureClass<DiscretizedRoi> = {
  name: 'ngtdm',
  input: 'roi',
  defaultFeatures: Object.keys(ngtdmFeatures),
  deprecatedFeatures: [],
  compute(roi, ctx) {
    const levels = roi.grayLevels?.length ?? 0;
    if (levels > MAX_NGTDM_LEVELS && ctx.enabled.some((f) => f !== 'Coarseness')) {
      throw new Error(`NGTDM: ${levels} gray levels exceed the limit of ${MAX_NGTDM_LEVELS} for the pairwise features; increase binWidth or lower binCount`);
    }
    return evaluate(ngtdmFeatures, ngtdmStats(ngtdmMatrix(roi, ctx.settings, ctx.arena)), ctx.enabled, 'ngtdm');
  },
};
