// Gray Level Co-occurrence Matrix features (pyradiomics' glcm class): one matrix per angle over the gray
// levels present in the ROI, symmetrised (P + Pᵀ) unless symmetricalGLCM is false, each normalised to sum 1;
// features are computed per angle and nan-averaged. With weightingNorm set, the angle matrices are weighted
// by exp(-d²) (d = offset length in mm under that norm; 1 for no_weighting) and summed into one matrix first.
import { kernel } from '../wasm/module.js';
import type { WasmArena } from '../wasm/arena.js';
import type { Settings } from '../settings/types.js';
import type { DiscretizedRoi, FeatureClass, FeatureContext } from './types.js';
import { anglesFromSettings, angleCount, angleDistance } from './angles.js';
import { checkRoi, rankCode, rankCodeBytes } from './texture-ranks.js';
import { glcmCoefficients, pairIndex, GLCM_FORMULAS, GLCM_FEATURES, type GlcmCoefficients } from './glcm-formulas.js';
import { checkFeatureNames, nanMean } from './common.js';
import { mccBytes } from './glcm-mcc.js';

export { GLCM_FEATURES } from './glcm-formulas.js';

/** Deprecated in pyradiomics: accepted when named, but (as in pyradiomics) they produce no value. */
export const GLCM_DEPRECATED = ['Dissimilarity', 'Homogeneity1', 'Homogeneity2', 'SumVariance'] as const;

type Accumulate = (ranksPtr: number, spansPtr: number, sx: number, sy: number, sz: number, offsetsPtr: number, angles: number, levels: number, countsPtr: number) => void;

export interface GlcmMatrices {
  /** Gray-level values of the rows/columns (present levels only). */
  grayLevels: number[];
  /** pyradiomics' Ng: the maximum bin in the ROI. */
  ng: number;
  /** Offsets (dx, dy, dz) of the kept matrices; a single merged matrix keeps all offsets when weighted. */
  offsets: Int32Array;
  /** Normalised n×n matrices, row = level of the voxel, column = level of its neighbour at the offset. */
  matrices: Float64Array[];
}

/**
 * Raw co-occurrence counts for each offset, n×n per angle (n = present levels), before symmetrisation.
 * Accumulated by the glcmAccumulate kernel; memory is checked against the arena budget first.
 */
export function glcmCounts(roi: DiscretizedRoi, offsets: Int32Array, arena: WasmArena): Uint32Array {
  checkRoi(roi, 'glcm');
  const n = roi.grayLevels.length;
  const angles = angleCount(offsets);
  const side = n + 1;
  const countBytes = angles * side * side * 4;
  const featureBytes = angles * n * n * (4 + 8) + mccBytes(n); // the counts copy, the f64 matrices, MCC work
  arena.check(rankCodeBytes(roi) + countBytes + featureBytes + offsets.byteLength + 256, `GLCM matrix (${n} gray levels × ${n} × ${angles} angles)`);
  const mark = arena.mark();
  try {
    const { ranksPtr, spansPtr } = rankCode(roi, arena, 'glcm');
    const offsetsPtr = arena.put(offsets, 'glcm offsets');
    const countsPtr = arena.alloc(countBytes, `GLCM matrix (${n} gray levels × ${n} × ${angles} angles)`);
    kernel<Accumulate>('glcmAccumulate')(ranksPtr, spansPtr, roi.size[0], roi.size[1], roi.size[2], offsetsPtr, angles, n, countsPtr);
    const raw = arena.view(Uint32Array, countsPtr, angles * side * side);
    const out = new Uint32Array(angles * n * n);
    for (let a = 0; a < angles; a++) {
      for (let i = 0; i < n; i++) {
        const from = a * side * side + (i + 1) * side + 1;
        out.set(raw.subarray(from, from + n), (a * n + i) * n);
      }
    }
    return out;
  } finally {
    arena.release(mark);
  }
}

/** The matrices pyradiomics computes features on (P_glcm), from raw counts per angle. */
export function glcmFromCounts(counts: Uint32Array, n: number, offsets: Int32Array, settings: Pick<Settings, 'symmetricalGLCM' | 'weightingNorm'>, spacing: readonly number[]): { matrices: Float64Array[]; kept: number[] } {
  const angles = angleCount(offsets);
  let matrices: Float64Array[] = [];
  let kept = Array.from({ length: angles }, (_, a) => a);
  for (let a = 0; a < angles; a++) {
    const block = counts.subarray(a * n * n, (a + 1) * n * n);
    const p = Float64Array.from(block);
    if (settings.symmetricalGLCM) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) p[i * n + j] += block[j * n + i];
    matrices.push(p);
  }
  if (settings.weightingNorm) {
    const merged = new Float64Array(n * n);
    matrices.forEach((p, a) => {
      const d = angleDistance(offsets, a, spacing as [number, number, number], settings.weightingNorm!);
      const weight = settings.weightingNorm === 'no_weighting' ? 1 : Math.exp(-d * d); // W = e^(-‖d‖²)
      for (let k = 0; k < p.length; k++) merged[k] += p[k] * weight;
    });
    matrices = [merged];
  } else if (matrices.length > 1) {
    kept = kept.filter((a) => sum(matrices[a]) > 0); // empty angles are deleted
    matrices = kept.map((a) => matrices[a]);
  }
  for (const p of matrices) {
    const total = sum(p);
    for (let k = 0; k < p.length; k++) p[k] = total > 0 ? p[k] / total : NaN;
  }
  return { matrices, kept };
}

/** Normalised GLCMs for this ROI and settings, as pyradiomics' P_glcm (angles in its order). */
export function glcmMatrices(roi: DiscretizedRoi, settings: Settings, arena: WasmArena): GlcmMatrices {
  const offsets = anglesFromSettings(roi.size, settings);
  const n = roi.grayLevels.length;
  const counts = glcmCounts(roi, offsets, arena);
  const { matrices, kept } = glcmFromCounts(counts, n, offsets, settings, roi.spacing);
  const keptOffsets = settings.weightingNorm ? offsets : Int32Array.from(kept.flatMap((a) => [...offsets.subarray(3 * a, 3 * a + 3)]));
  return { grayLevels: roi.grayLevels.slice(), ng: roi.ng, offsets: keptOffsets, matrices };
}

/** Feature values from already built matrices (per-angle values nan-averaged). */
export function glcmFeatureValues(m: GlcmMatrices, names: readonly string[], arena: WasmArena): Record<string, number> {
  const levels = Float64Array.from(m.grayLevels);
  const pairs = pairIndex(levels);
  const wanted = names.filter((name) => !(GLCM_DEPRECATED as readonly string[]).includes(name));
  checkFeatureNames('glcm', wanted, GLCM_FEATURES);
  const perAngle: Record<string, number[]> = Object.fromEntries(wanted.map((name) => [name, []]));
  for (const p of m.matrices) {
    const c: GlcmCoefficients = glcmCoefficients(p, levels, m.ng, pairs, arena);
    for (const name of wanted) perAngle[name].push(GLCM_FORMULAS[name](c));
  }
  const out: Record<string, number> = {};
  for (const name of wanted) {
    // MCC of a single gray level: Q has one eigenvalue; pyradiomics returns 1.
    out[name] = name === 'MCC' && levels.length < 2 ? 1 : nanMean(perAngle[name]);
  }
  return out;
}

export const glcm: FeatureClass<DiscretizedRoi> = {
  name: 'glcm',
  input: 'roi',
  defaultFeatures: GLCM_FEATURES,
  deprecatedFeatures: GLCM_DEPRECATED,
  compute(roi: DiscretizedRoi, ctx: FeatureContext): Record<string, number> {
    checkFeatureNames('glcm', ctx.enabled, GLCM_FEATURES, GLCM_DEPRECATED);
    return glcmFeatureValues(glcmMatrices(roi, ctx.settings, ctx.arena), ctx.enabled, ctx.arena);
  },
};

function sum(values: Float64Array): number {
  let s = 0;
  for (let k = 0; k < values.length; k++) s += values[k];
  return s;
}
