// Inputs shared by the texture-class tests (GLCM, GLRLM, GLSZM, GLDM, NGTDM): DiscretizedRoi from plain
// arrays (IBSI digital phantom, synthetic boxes), settings, the IBSI phantom reference rows with IBSI's
// comparison, and plain-loop GLDM/NGTDM/GLSZM definitions to check the kernels against.
import type { Vec3 } from '../../src/volume.js';
import type { DiscretizedRoi, FeatureContext } from '../../src/features/types.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/types.js';
import type { WasmArena } from '../../src/wasm/arena.js';
import { seededRandom } from '../../src/random.js';
import { readCsv, readJson } from '../helpers.js';

/** A DiscretizedRoi over a box that is already cropped: bins >= 1 inside the ROI, 0 outside. */
export function roiFromBox(arena: WasmArena, size: Vec3, bins: ArrayLike<number>, spacing: Vec3 = [1, 1, 1]): DiscretizedRoi {
  const box = Int32Array.from(bins);
  const present = [...new Set(box)].filter((b) => b > 0).sort((a, b) => a - b);
  const binsPtr = arena.put(box, 'test ROI bins');
  return {
    size,
    spacing,
    binsPtr,
    bins: arena.view(Int32Array, binsPtr, box.length),
    values: Float64Array.from(box.filter((b) => b > 0)),
    voxelCount: box.filter((b) => b > 0).length,
    ng: present.length ? present[present.length - 1] : 0,
    grayLevels: present,
  };
}

/** A DiscretizedRoi over the bounding box of the non-zero `bins` (x fastest over `size`). */
export function roiFromBins(arena: WasmArena, size: Vec3, bins: ArrayLike<number>, spacing: Vec3 = [1, 1, 1]): DiscretizedRoi {
  const [nx, ny] = size;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  for (let k = 0; k < bins.length; k++) {
    if (!bins[k]) continue;
    const p = [k % nx, Math.floor(k / nx) % ny, Math.floor(k / (nx * ny))];
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], p[a]);
      hi[a] = Math.max(hi[a], p[a]);
    }
  }
  const box: Vec3 = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const cropped = new Int32Array(box[0] * box[1] * box[2]);
  let k = 0;
  for (let z = lo[2]; z <= hi[2]; z++) for (let y = lo[1]; y <= hi[1]; y++) for (let x = lo[0]; x <= hi[0]; x++) cropped[k++] = bins[x + nx * (y + ny * z)];
  return roiFromBox(arena, box, cropped, spacing);
}

/** The IBSI digital phantom (5×4×4, its ROI spans the whole box): gray levels are the bins. */
export function phantomRoi(arena: WasmArena): DiscretizedRoi {
  const phantom = readJson('ibsi', 'phantom', 'phantom.json');
  const bins = (phantom.image_flat as number[]).map((v, k) => (phantom.mask_flat[k] ? v : 0));
  return roiFromBox(arena, phantom.shape_xyz as Vec3, bins, phantom.spacing_mm_xyz as Vec3);
}

export function settingsWith(overrides: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

export function context(arena: WasmArena, enabled: readonly string[], settings: Partial<Settings> = {}): FeatureContext {
  return { settings: settingsWith(settings), arena, enabled: [...enabled] };
}

/** IBSI aggregation codes of the angle-based classes (GLCM, GLRLM) and the pyradiomics settings that compute them (ibsi.md). */
export const IBSI_ANGLE_AGGREGATIONS: [string, Partial<Settings>][] = [
  ['ITBB', {}], // 3D averaged: default
  ['JJUI', { force2D: true }], // 2.5D direction-averaged
  ['IAZD', { weightingNorm: 'no_weighting' }], // 3D merged
  ['ZW7Z', { force2D: true, weightingNorm: 'no_weighting' }], // 2.5D merged
];

export interface IbsiRow {
  feature: string;
  /** IBSI aggregation code (e.g. ITBB = 3D averaged) and its name. */
  code: string;
  aggregation: string;
  value: number;
  tolerance: number;
}

/** The phantom reference rows of one pyradiomics class that pass `keep`. */
function phantomRows(pyradiomicsClass: string, keep: (row: Record<string, string>) => boolean): IbsiRow[] {
  const prefix = `${pyradiomicsClass}_`;
  return readCsv('ibsi', 'phantom_reference.csv')
    .filter((r) => r.pyradiomics_name.startsWith(prefix) && keep(r))
    .map((r) => ({ feature: r.pyradiomics_name.slice(prefix.length), code: r.ibsi_code, aggregation: r.aggregation, value: Number(r.value), tolerance: Number(r.tolerance) }));
}

/** Rows of one IBSI aggregation code. */
export function ibsiPhantomRows(pyradiomicsClass: string, aggregationCode: string): IbsiRow[] {
  return phantomRows(pyradiomicsClass, (r) => r.aggregation_code === aggregationCode);
}

/** Rows that pyradiomics' default (3D) or force2D mode computes. */
export function ibsiRows(pyradiomicsClass: string, mode: 'default (3D)' | 'force2D=True'): IbsiRow[] {
  return phantomRows(pyradiomicsClass, (r) => r.pyradiomics_aggregation_match === mode);
}

/** IBSI's comparison for the phantom: round to 3 significant digits, then |x - ref| <= tolerance. */
function ibsiAgrees(actual: number, row: IbsiRow): boolean {
  if (!Number.isFinite(actual)) return false;
  const rounded = actual === 0 ? 0 : Number(actual.toPrecision(3));
  return Math.abs(rounded - row.value) <= row.tolerance + 1e-12 * Math.abs(row.value);
}

/** The rows our values disagree with, as "feature: got x, IBSI y" (empty when all agree). */
export function ibsiMismatches(values: Record<string, number>, rows: IbsiRow[]): string[] {
  return rows.filter((row) => !ibsiAgrees(values[row.feature], row)).map((row) => `${row.feature}: got ${values[row.feature]}, IBSI ${row.value}`);
}

/** Plain-loop definitions on a box (x fastest, 0 = outside), used to check the kernels on settings no reference covers. */
export function bruteForce(size: Vec3, bins: ArrayLike<number>, distances: number[], fixedAxis = -1, alpha = 0) {
  const [nx, ny, nz] = size;
  const at = (x: number, y: number, z: number) => (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz ? 0 : bins[x + nx * (y + ny * z)]);
  const offsets: number[][] = [];
  const D = Math.max(...distances);
  for (let dz = -D; dz <= D; dz++) for (let dy = -D; dy <= D; dy++) for (let dx = -D; dx <= D; dx++) {
    const d = [dx, dy, dz];
    if (fixedAxis >= 0 && d[fixedAxis] !== 0) continue;
    if (distances.includes(Math.max(...d.map(Math.abs)))) offsets.push(d);
  }
  const dependence = new Map<string, number>(); // "bin,dependent neighbours" -> voxels
  const n = new Map<number, number>();
  const s = new Map<number, number>();
  const zones = new Map<string, number>(); // "bin,size" -> zones
  const seen = new Uint8Array(bins.length);
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const v = at(x, y, z);
    if (!v) continue;
    let dep = 0, count = 0, sum = 0;
    for (const [dx, dy, dz] of offsets) {
      const w = at(x + dx, y + dy, z + dz);
      if (!w) continue;
      count++;
      sum += w;
      if (Math.abs(v - w) <= alpha) dep++;
    }
    dependence.set(`${v},${dep}`, (dependence.get(`${v},${dep}`) ?? 0) + 1);
    n.set(v, (n.get(v) ?? 0) + 1);
    s.set(v, (s.get(v) ?? 0) + (count ? Math.abs(v - sum / count) : 0));
    if (seen[x + nx * (y + ny * z)]) continue;
    let size1 = 0;
    const todo = [[x, y, z]];
    seen[x + nx * (y + ny * z)] = 1;
    while (todo.length) {
      const [a, b, c] = todo.pop()!;
      size1++;
      for (let dz = -1; dz <= 1; dz++) for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        if (fixedAxis >= 0 && [dx, dy, dz][fixedAxis] !== 0) continue;
        const [p, q, r] = [a + dx, b + dy, c + dz];
        if (at(p, q, r) === v && !seen[p + nx * (q + ny * r)]) {
          seen[p + nx * (q + ny * r)] = 1;
          todo.push([p, q, r]);
        }
      }
    }
    zones.set(`${v},${size1}`, (zones.get(`${v},${size1}`) ?? 0) + 1);
  }
  return { dependence, n, s, zones };
}

/** Deterministic pseudo-random box: `levels` gray levels (scaled by `step`), about `fill` of it inside the ROI. */
export function randomBins(size: Vec3, levels: number, fill: number, seed: number, step = 1): Int32Array {
  const next = seededRandom(seed);
  const bins = new Int32Array(size[0] * size[1] * size[2]);
  for (let k = 0; k < bins.length; k++) if (next() < fill) bins[k] = (1 + Math.floor(next() * levels)) * step;
  return bins;
}
