// Inputs shared by the GLCM / GLRLM tests: DiscretizedRoi from plain arrays (IBSI digital phantom,
// synthetic boxes) and the IBSI phantom reference rows.
import type { Vec3 } from '../../src/volume.js';
import type { DiscretizedRoi } from '../../src/features/types.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/types.js';
import type { WasmArena } from '../../src/wasm/arena.js';
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

/** The IBSI digital phantom (5×4×4, its ROI spans the whole box): gray levels are the bins. */
export function ibsiPhantomRoi(arena: WasmArena): DiscretizedRoi {
  const phantom = readJson('ibsi', 'phantom', 'phantom.json');
  const bins = (phantom.image_flat as number[]).map((v, k) => (phantom.mask_flat[k] ? v : 0));
  return roiFromBox(arena, phantom.shape_xyz as Vec3, bins, phantom.spacing_mm_xyz as Vec3);
}

export function settingsWith(overrides: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

export interface IbsiRow {
  feature: string;
  code: string;
  value: number;
  tolerance: number;
}

/** IBSI phantom rows for one pyradiomics class and IBSI aggregation code (e.g. ITBB = 3D averaged). */
export function ibsiPhantomRows(pyradiomicsClass: string, aggregationCode: string): IbsiRow[] {
  const prefix = `${pyradiomicsClass}_`;
  return readCsv('ibsi', 'phantom_reference.csv')
    .filter((r) => r.pyradiomics_name.startsWith(prefix) && r.aggregation_code === aggregationCode)
    .map((r) => ({ feature: r.pyradiomics_name.slice(prefix.length), code: r.ibsi_code, value: Number(r.value), tolerance: Number(r.tolerance) }));
}

/** IBSI's comparison for the phantom: round to 3 significant digits, then |x - ref| <= tolerance. */
export function ibsiAgrees(actual: number, row: IbsiRow): boolean {
  if (!Number.isFinite(actual)) return false;
  const rounded = actual === 0 ? 0 : Number(actual.toPrecision(3));
  return Math.abs(rounded - row.value) <= row.tolerance + 1e-12 * Math.abs(row.value);
}
