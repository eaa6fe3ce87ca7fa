// Output formats for extraction results: JSON (one flat object; NaN/Infinity become null, which JSON
// lacks) and CSV with pyradiomics' cell text (Python reprs: 1.0, (1, 2, 3), {'key': True}).
import { stringify } from 'csv-stringify/sync';
import type { ExtractionResult } from '../extract.js';

/** One entry per line, each value compact. */
export function toJson(result: ExtractionResult): string {
  const value = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x));
  const lines = Object.entries(result).map(([k, v]) => `  ${JSON.stringify(k)}: ${value(v)}`);
  return `{\n${lines.join(',\n')}\n}`;
}

/** Python's repr of a float: shortest digits, '.0' on integers, exponent outside [1e-4, 1e16). */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, e] = x.toExponential().split('e');
  const e10 = Number(e);
  if (e10 < -4 || e10 >= 16) return `${mantissa}e${e10 < 0 ? '-' : '+'}${String(Math.abs(e10)).padStart(2, '0')}`;
  const s = x.toString();
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** Diagnostics holding integers in pyradiomics (sizes, bounding boxes, counts). */
const INTEGER_KEYS = /_(Size|BoundingBox|VoxelNum|VolumeNum)$/;

/** An integral number as a Python int when `integers`, else as a Python float. */
function pythonNumber(x: number, integers: boolean): string {
  return integers && Number.isInteger(x) ? String(x) : pythonFloat(x);
}

function pythonValue(v: unknown, integers: boolean): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pythonNumber(v, integers);
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map((x) => pythonValue(x, integers)).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `'${k}': ${pythonValue(x, true)}`).join(', ')}}`;
}

/** One cell as pyradiomics' CSV writer shows it. */
export function csvCell(key: string, v: unknown): string {
  if (typeof v === 'string') return v;
  const integers = INTEGER_KEYS.test(key);
  if (Array.isArray(v)) return `(${v.map((x) => pythonNumber(x as number, integers)).join(', ')})`;
  return pythonValue(v, integers);
}

/** Header row (Image, Mask, then the result's keys) and one data row. */
export function toCsv(rows: { image: string; mask: string; result: ExtractionResult }[]): string {
  const keys = rows.length ? Object.keys(rows[0].result) : [];
  return stringify([
    ['Image', 'Mask', ...keys],
    ...rows.map((r) => [r.image, r.mask, ...keys.map((k) => csvCell(k, r.result[k]))]),
  ]);
}
