// Gray Level Run Length Matrix features (pyradiomics' glrlm class). P(i,j|θ) counts runs of gray level i
// and length j along direction θ (13 directions at distance 1 in 3D, 4 with force2D, fewer when the ROI
// box is too thin), over the gray levels present. Features are computed per direction and nan-averaged;
// with weightingNorm set the matrices are weighted by the offset length d in mm (1 for no_weighting) and
// summed first. Nr(θ) = number of runs, Np(θ) = Σ runs × length; i = actual bin value, j = run length.
import { kernel } from '../wasm/module.js';
import type { WasmArena } from '../wasm/arena.js';
import type { Settings } from '../settings/types.js';
import type { DiscretizedRoi, FeatureClass, FeatureContext } from './types.js';
import { anglesFromSettings, angleCount, angleDistance } from './angles.js';
import { checkRoi, rankCode, rankCodeBytes } from './texture-ranks.js';
import { checkFeatureNames, EPS, nanMean } from './common.js';

type Accumulate = (ranksPtr: number, spansPtr: number, lengthsPtr: number, sx: number, sy: number, sz: number, offsetsPtr: number, angles: number, levels: number, maxRun: number, countsPtr: number) => void;

export interface GlrlmMatrices {
  /** Gray-level values of the rows (present levels only). */
  grayLevels: number[];
  /** Run lengths of the columns (lengths that occur in some kept angle). */
  runLengths: number[];
  /** Offsets (dx, dy, dz) of the kept matrices (all offsets for a weighted, merged matrix). */
  offsets: Int32Array;
  /** Run counts (weighted when merged), n × runLengths.length, row-major, one per kept angle. */
  matrices: Float64Array[];
}

/** Run counts per offset, n × maxRun per angle (maxRun = the largest box extent), from the glrlmAccumulate kernel. */
export function glrlmCounts(roi: DiscretizedRoi, offsets: Int32Array, arena: WasmArena): { counts: Uint32Array; maxRun: number } {
  checkRoi(roi, 'glrlm');
  const n = roi.grayLevels.length;
  const maxRun = Math.max(...roi.size);
  const angles = angleCount(offsets);
  const block = (n + 1) * maxRun; // row 0 takes the kernel's discarded increments
  const countBytes = angles * block * 4;
  const lengthBytes = roi.size[0] * roi.size[1] * roi.size[2] * 4;
  const what = `GLRLM matrix (${n} gray levels × ${maxRun} run lengths × ${angles} angles)`;
  arena.check(rankCodeBytes(roi) + lengthBytes + countBytes * 4 + offsets.byteLength + 256, what); // + copy and f64 matrices
  const mark = arena.mark();
  try {
    const { ranksPtr, spansPtr } = rankCode(roi, arena, 'glrlm');
    const offsetsPtr = arena.put(offsets, 'glrlm offsets');
    const lengthsPtr = arena.alloc(lengthBytes, 'glrlm run-length scratch');
    const countsPtr = arena.alloc(countBytes, what);
    kernel<Accumulate>('glrlmAccumulate')(ranksPtr, spansPtr, lengthsPtr, roi.size[0], roi.size[1], roi.size[2], offsetsPtr, angles, n, maxRun, countsPtr);
    const raw = arena.view(Uint32Array, countsPtr, angles * block);
    const counts = new Uint32Array(angles * n * maxRun);
    for (let a = 0; a < angles; a++) counts.set(raw.subarray(a * block + maxRun, (a + 1) * block), a * n * maxRun);
    return { counts, maxRun };
  } finally {
    arena.release(mark);
  }
}

/** The matrices pyradiomics computes features on (P_glrlm after deleting empty angles and run lengths). */
export function glrlmMatrices(roi: DiscretizedRoi, settings: Settings, arena: WasmArena): GlrlmMatrices {
  const offsets = anglesFromSettings(roi.size, settings, { distances: [1] });
  const n = roi.grayLevels.length;
  const { counts, maxRun } = glrlmCounts(roi, offsets, arena);
  const angles = angleCount(offsets);
  let matrices = Array.from({ length: angles }, (_, a) => Float64Array.from(counts.subarray(a * n * maxRun, (a + 1) * n * maxRun)));
  let kept = Array.from({ length: angles }, (_, a) => a);
  if (settings.weightingNorm) {
    const merged = new Float64Array(n * maxRun);
    matrices.forEach((p, a) => {
      const weight = angleDistance(offsets, a, roi.spacing, settings.weightingNorm!); // W = ‖d‖
      for (let k = 0; k < p.length; k++) merged[k] += p[k] * weight;
    });
    matrices = [merged];
  } else if (angles > 1) {
    kept = kept.filter((a) => matrices[a].some((v) => v > 0)); // empty angles are deleted
    matrices = kept.map((a) => matrices[a]);
  }
  // Delete run lengths that occur in no kept matrix.
  const runLengths: number[] = [];
  for (let j = 0; j < maxRun; j++) if (matrices.some((p) => columnSum(p, n, maxRun, j) > 0)) runLengths.push(j + 1);
  const compact = matrices.map((p) => {
    const out = new Float64Array(n * runLengths.length);
    for (let i = 0; i < n; i++) runLengths.forEach((length, c) => (out[i * runLengths.length + c] = p[i * maxRun + length - 1]));
    return out;
  });
  const keptOffsets = settings.weightingNorm ? offsets : Int32Array.from(kept.flatMap((a) => [...offsets.subarray(3 * a, 3 * a + 3)]));
  return { grayLevels: roi.grayLevels.slice(), runLengths, offsets: keptOffsets, matrices: compact };
}

interface RunCoefficients {
  p: Float64Array;
  levels: number[];
  runs: number[];
  /** Σ_j P(i,j) per gray level. */
  pg: Float64Array;
  /** Σ_i P(i,j) per run length. */
  pr: Float64Array;
  /** Nr(θ): number of runs (NaN when 0). */
  nr: number;
}

function runCoefficients(p: Float64Array, levels: number[], runs: number[]): RunCoefficients {
  const pg = new Float64Array(levels.length);
  const pr = new Float64Array(runs.length);
  let total = 0;
  for (let i = 0; i < levels.length; i++) {
    for (let j = 0; j < runs.length; j++) {
      const v = p[i * runs.length + j];
      pg[i] += v;
      pr[j] += v;
      total += v;
    }
  }
  return { p, levels, runs, pg, pr, nr: total > 0 ? total : NaN };
}

const overLevels = (c: RunCoefficients, f: (pg: number, i: number) => number) => c.pg.reduce((s, v, k) => s + f(v, c.levels[k]), 0);
const overRuns = (c: RunCoefficients, f: (pr: number, j: number) => number) => c.pr.reduce((s, v, k) => s + f(v, c.runs[k]), 0);
function overCells(c: RunCoefficients, f: (p: number, i: number, j: number) => number): number {
  let s = 0;
  for (let a = 0; a < c.levels.length; a++) for (let b = 0; b < c.runs.length; b++) s += f(c.p[a * c.runs.length + b], c.levels[a], c.runs[b]);
  return s;
}
/** Σ q (x - μ)² with q = weights / Nr and μ = Σ q x. */
function variance(c: RunCoefficients, weights: Float64Array, values: number[]): number {
  let mean = 0;
  weights.forEach((w, k) => (mean += (w / c.nr) * values[k]));
  let v = 0;
  weights.forEach((w, k) => (v += (w / c.nr) * (values[k] - mean) ** 2));
  return v;
}

/** pyradiomics' glrlm features (alphabetical, its order), each a function of one angle's coefficients. */
export const GLRLM_FORMULAS: Record<string, (c: RunCoefficients) => number> = {
  // Σ_i (Σ_j P(i,j))² / Nr
  GrayLevelNonUniformity: (c) => overLevels(c, (pg) => pg * pg) / c.nr,
  // Σ_i (Σ_j P(i,j))² / Nr²
  GrayLevelNonUniformityNormalized: (c) => overLevels(c, (pg) => pg * pg) / (c.nr * c.nr),
  // Σ_i p_g(i)(i - μ)², p = P/Nr, μ = Σ_i p_g(i) i
  GrayLevelVariance: (c) => variance(c, c.pg, c.levels),
  // Σ P(i,j) i² / Nr
  HighGrayLevelRunEmphasis: (c) => overLevels(c, (pg, i) => pg * i * i) / c.nr,
  // Σ P(i,j) j² / Nr
  LongRunEmphasis: (c) => overRuns(c, (pr, j) => pr * j * j) / c.nr,
  // Σ P(i,j) i² j² / Nr
  LongRunHighGrayLevelEmphasis: (c) => overCells(c, (p, i, j) => p * j * j * i * i) / c.nr,
  // Σ P(i,j) j² / i² / Nr
  LongRunLowGrayLevelEmphasis: (c) => overCells(c, (p, i, j) => (p * j * j) / (i * i)) / c.nr,
  // Σ P(i,j) / i² / Nr
  LowGrayLevelRunEmphasis: (c) => overLevels(c, (pg, i) => pg / (i * i)) / c.nr,
  // -Σ p(i,j) log2(p(i,j) + ε), p = P/Nr
  RunEntropy: (c) => -overCells(c, (p) => (p / c.nr) * Math.log2(p / c.nr + EPS)),
  // Σ_j (Σ_i P(i,j))² / Nr
  RunLengthNonUniformity: (c) => overRuns(c, (pr) => pr * pr) / c.nr,
  // Σ_j (Σ_i P(i,j))² / Nr²
  RunLengthNonUniformityNormalized: (c) => overRuns(c, (pr) => pr * pr) / (c.nr * c.nr),
  // Nr / Np, Np = Σ P(i,j) j
  RunPercentage: (c) => c.nr / overRuns(c, (pr, j) => pr * j),
  // Σ_j p_r(j)(j - μ)², p = P/Nr, μ = Σ_j p_r(j) j
  RunVariance: (c) => variance(c, c.pr, c.runs),
  // Σ P(i,j) / j² / Nr
  ShortRunEmphasis: (c) => overRuns(c, (pr, j) => pr / (j * j)) / c.nr,
  // Σ P(i,j) i² / j² / Nr
  ShortRunHighGrayLevelEmphasis: (c) => overCells(c, (p, i, j) => (p * i * i) / (j * j)) / c.nr,
  // Σ P(i,j) / (i² j²) / Nr
  ShortRunLowGrayLevelEmphasis: (c) => overCells(c, (p, i, j) => p / (i * i * j * j)) / c.nr,
};

export const GLRLM_FEATURES = Object.keys(GLRLM_FORMULAS);

/** Feature values from already built matrices (per-angle values nan-averaged). */
export function glrlmFeatureValues(m: GlrlmMatrices, names: readonly string[]): Record<string, number> {
  checkFeatureNames('glrlm', names, GLRLM_FEATURES);
  const perAngle = m.matrices.map((p) => runCoefficients(p, m.grayLevels, m.runLengths));
  return Object.fromEntries(names.map((name) => [name, nanMean(perAngle.map(GLRLM_FORMULAS[name]))]));
}

export const glrlm: FeatureClass<DiscretizedRoi> = {
  name: 'glrlm',
  input: 'roi',
  defaultFeatures: GLRLM_FEATURES,
  deprecatedFeatures: [],
  compute(roi: DiscretizedRoi, ctx: FeatureContext): Record<string, number> {
    checkFeatureNames('glrlm', ctx.enabled, GLRLM_FEATURES);
    return glrlmFeatureValues(glrlmMatrices(roi, ctx.settings, ctx.arena), ctx.enabled);
  },
};

function columnSum(p: Float64Array, n: number, width: number, j: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += p[i * width + j];
  return s;
}
