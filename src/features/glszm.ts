// GLSZM: gray level size zone matrix P(i, j) = number of zones (connected voxels of equal bin, 26-connected
// in 3D, 8-connected per slice with force2D) with gray level i and size j, and its 16 pyradiomics features.
// Rows are the gray levels present (i = actual bin value), columns the zone sizes present (j = size).
import { kernel } from '../wasm/module.js';
import type { Settings } from '../settings/types.js';
import type { Vec3 } from '../volume.js';
import type { WasmArena } from '../wasm/arena.js';
import type { DiscretizedRoi, FeatureClass } from './types.js';
import { type Neighbourhood, checkTextureRoi, neighbourOffsets, outOfPlaneAxis, withPaddedRoi } from './neighbourhood.js';
import { EPS, evaluate } from './common.js';

/** A gray level x size matrix (GLSZM, GLDM): counts row-major, with the value of each row and column. */
export interface SizeMatrix {
  P: Float64Array;
  rows: number;
  cols: number;
  /** Gray level (bin value) of each row. */
  ivector: Float64Array;
  /** Zone size (GLSZM) or dependence count + 1 (GLDM) of each column. */
  jvector: Float64Array;
}

type ZonesKernel = (img: number, length: number, rowStarts: number, bitOffsets: number, nRows: number, laneMask: number, lut: number, levels: number,
  nLevels: number, stack: number, zoneRanks: number, zoneSizes: number) => number;

/** The distance-1 neighbourhood as rows of 3 voxels along x: linear offset of each row's dx = -1 voxel. */
function neighbourRows(nb: Neighbourhood, dims: Vec3): Int32Array {
  const rows = new Set<number>();
  for (let k = 0; k < nb.count; k++) rows.add(-1 + dims[0] * (nb.offsets[3 * k + 1] + dims[1] * nb.offsets[3 * k + 2]));
  return Int32Array.from(rows);
}

/** The GLSZM of a discretised ROI, with empty sizes removed (as pyradiomics). */
export function glszmMatrix(roi: DiscretizedRoi, settings: Settings, arena: WasmArena): SizeMatrix {
  const what = 'GLSZM';
  checkTextureRoi(roi, what);
  const fixedAxis = outOfPlaneAxis(settings, what);
  const nb = neighbourOffsets(roi.size, [1], fixedAxis, roi.voxelCount, what);
  const levelCount = roi.grayLevels.length;
  const request = `${what} zone search (${roi.voxelCount} voxels)`;
  return withPaddedRoi(roi, arena, nb.pad, 4 * nb.count + 3 * 4 * roi.voxelCount + 6 * 64, what, request, (padded, { levelsPtr, lutPtr }) => {
    const rowStarts = neighbourRows(nb, padded.dims);
    const rowsPtr = arena.put(rowStarts, `${what} neighbour rows`);
    const bitsPtr = arena.put(Int32Array.from({ length: 3 * rowStarts.length }, (_, b) => rowStarts[Math.floor(b / 3)] + (b % 3)), `${what} neighbour rows`);
    const stack = arena.alloc(4 * roi.voxelCount, `${what} flood-fill stack`);
    const zoneRanks = arena.alloc(4 * roi.voxelCount, `${what} zone list`);
    const zoneSizes = arena.alloc(4 * roi.voxelCount, `${what} zone list`);
    const zones = kernel<ZonesKernel>('glszmZones')(padded.ptr, padded.length, rowsPtr, bitsPtr, rowStarts.length, fixedAxis === 0 ? 0b010 : 0b111,
      lutPtr, levelsPtr, levelCount, stack, zoneRanks, zoneSizes);
    return compactZones(arena.view(Int32Array, zoneRanks, zones), arena.view(Int32Array, zoneSizes, zones), roi, arena);
  });
}

// Zone list -> matrix over the sizes that occur (the size axis could otherwise be as long as the ROI).
function compactZones(ranks: Int32Array, sizes: Int32Array, roi: DiscretizedRoi, arena: WasmArena): SizeMatrix {
  let maxSize = 0;
  for (let z = 0; z < sizes.length; z++) if (sizes[z] > maxSize) maxSize = sizes[z];
  const present = new Uint8Array(maxSize + 1);
  for (let z = 0; z < sizes.length; z++) present[sizes[z]] = 1;
  const column = new Int32Array(maxSize + 1);
  const jvector: number[] = [];
  for (let s = 1; s <= maxSize; s++) if (present[s]) column[s] = jvector.push(s) - 1;
  const rows = roi.grayLevels.length;
  const cols = jvector.length;
  arena.check(rows * cols * 8, `GLSZM matrix (${rows} gray levels x ${cols} zone sizes)`);
  const P = new Float64Array(rows * cols);
  for (let z = 0; z < sizes.length; z++) P[ranks[z] * cols + column[sizes[z]]]++;
  return { P, rows, cols, ivector: Float64Array.from(roi.grayLevels), jvector: Float64Array.from(jvector) };
}

/** Marginals and normaliser shared by the size-matrix features. */
export interface SizeStats {
  m: SizeMatrix;
  /** Row sums (per gray level). */
  pg: Float64Array;
  /** Column sums (per size). */
  ps: Float64Array;
  /** Normaliser: number of zones (GLSZM) or of voxels (GLDM). */
  Nz: number;
  /** ROI voxel count. */
  Np: number;
}

export function sizeStats(m: SizeMatrix, Nz: number, Np: number): SizeStats {
  const pg = new Float64Array(m.rows);
  const ps = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const v = m.P[i * m.cols + j];
      pg[i] += v;
      ps[j] += v;
    }
  }
  return { m, pg, ps, Nz, Np };
}

function sumRows(s: SizeStats, f: (pg: number, i: number) => number): number {
  let t = 0;
  for (let r = 0; r < s.m.rows; r++) t += f(s.pg[r], s.m.ivector[r]);
  return t;
}

function sumCols(s: SizeStats, f: (ps: number, j: number) => number): number {
  let t = 0;
  for (let c = 0; c < s.m.cols; c++) t += f(s.ps[c], s.m.jvector[c]);
  return t;
}

function sumCells(s: SizeStats, f: (p: number, i: number, j: number) => number): number {
  const { P, rows, cols, ivector, jvector } = s.m;
  let t = 0;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t += f(P[r * cols + c], ivector[r], jvector[c]);
  return t;
}

// Formulas shared by GLSZM and GLDM (P = counts, ps/pg = column/row sums, N = Nz).
/** Σ_j ps_j / j² / N */
export const smallEmphasis = (s: SizeStats) => sumCols(s, (p, j) => p / (j * j)) / s.Nz;
/** Σ_j ps_j j² / N */
export const largeEmphasis = (s: SizeStats) => sumCols(s, (p, j) => p * j * j) / s.Nz;
/** Σ_i pg_i² / N */
export const grayNonUniformity = (s: SizeStats) => sumRows(s, (p) => p * p) / s.Nz;
/** Σ_i pg_i² / N² */
export const grayNonUniformityNormalized = (s: SizeStats) => sumRows(s, (p) => p * p) / (s.Nz * s.Nz);
/** Σ_j ps_j² / N */
export const sizeNonUniformity = (s: SizeStats) => sumCols(s, (p) => p * p) / s.Nz;
/** Σ_j ps_j² / N² */
export const sizeNonUniformityNormalized = (s: SizeStats) => sumCols(s, (p) => p * p) / (s.Nz * s.Nz);
/** Σ_i (pg_i/N)(i − μ)², μ = Σ_i (pg_i/N) i */
export const grayVariance = (s: SizeStats) => {
  const mu = sumRows(s, (p, i) => (p / s.Nz) * i);
  return sumRows(s, (p, i) => (p / s.Nz) * (i - mu) ** 2);
};
/** Σ_j (ps_j/N)(j − μ)², μ = Σ_j (ps_j/N) j */
export const sizeVariance = (s: SizeStats) => {
  const mu = sumCols(s, (p, j) => (p / s.Nz) * j);
  return sumCols(s, (p, j) => (p / s.Nz) * (j - mu) ** 2);
};
/** −Σ_ij p log2(p + ε), p = P/N */
export const entropy = (s: SizeStats) => -sumCells(s, (P) => (P / s.Nz) * Math.log2(P / s.Nz + EPS));
/** Σ_i pg_i / i² / N */
export const lowGrayEmphasis = (s: SizeStats) => sumRows(s, (p, i) => p / (i * i)) / s.Nz;
/** Σ_i pg_i i² / N */
export const highGrayEmphasis = (s: SizeStats) => sumRows(s, (p, i) => p * i * i) / s.Nz;
/** Σ_ij P / (i² j²) / N */
export const smallLowGrayEmphasis = (s: SizeStats) => sumCells(s, (P, i, j) => P / (i * i * (j * j))) / s.Nz;
/** Σ_ij P i² / j² / N */
export const smallHighGrayEmphasis = (s: SizeStats) => sumCells(s, (P, i, j) => (P * i * i) / (j * j)) / s.Nz;
/** Σ_ij P j² / i² / N */
export const largeLowGrayEmphasis = (s: SizeStats) => sumCells(s, (P, i, j) => (P * j * j) / (i * i)) / s.Nz;
/** Σ_ij P i² j² / N */
export const largeHighGrayEmphasis = (s: SizeStats) => sumCells(s, (P, i, j) => P * (i * i) * (j * j)) / s.Nz;

/** GLSZM features in pyradiomics' documented order. */
const glszmFeatures: Record<string, (s: SizeStats) => number> = {
  SmallAreaEmphasis: smallEmphasis,
  LargeAreaEmphasis: largeEmphasis,
  GrayLevelNonUniformity: grayNonUniformity,
  GrayLevelNonUniformityNormalized: grayNonUniformityNormalized,
  SizeZoneNonUniformity: sizeNonUniformity,
  SizeZoneNonUniformityNormalized: sizeNonUniformityNormalized,
  /** Nz / Np */
  ZonePercentage: (s) => s.Nz / s.Np,
  GrayLevelVariance: grayVariance,
  ZoneVariance: sizeVariance,
  ZoneEntropy: entropy,
  LowGrayLevelZoneEmphasis: lowGrayEmphasis,
  HighGrayLevelZoneEmphasis: highGrayEmphasis,
  SmallAreaLowGrayLevelEmphasis: smallLowGrayEmphasis,
  SmallAreaHighGrayLevelEmphasis: smallHighGrayEmphasis,
  LargeAreaLowGrayLevelEmphasis: largeLowGrayEmphasis,
  LargeAreaHighGrayLevelEmphasis: largeHighGrayEmphasis,
};

export const glszm: FeatureClass<DiscretizedRoi> = {
  name: 'glszm',
  input: 'roi',
  defaultFeatures: Object.keys(glszmFeatures),
  deprecatedFeatures: [],
  compute(roi, ctx) {
    const m = glszmMatrix(roi, ctx.settings, ctx.arena);
    let Nz = 0;
    for (let k = 0; k < m.P.length; k++) Nz += m.P[k];
    return evaluate(glszmFeatures, sizeStats(m, Nz || 1, roi.voxelCount), ctx.enabled, 'glszm');
  },
};
