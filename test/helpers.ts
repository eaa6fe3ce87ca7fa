// Shared test utilities: where the reference data lives and how to read its formats.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** ../shared/data beside the checkout (CI has the same layout). */
export const DATA_DIR = fileURLToPath(new URL('../../shared/data/', import.meta.url));
if (!existsSync(DATA_DIR)) throw new Error(`reference data not found at ${DATA_DIR}`);

export function dataPath(...parts: string[]): string {
  return DATA_DIR + parts.join('/');
}

export function readJson<T = any>(...parts: string[]): T {
  return JSON.parse(readFileSync(dataPath(...parts), 'utf8'));
}

/** A CSV as an array of records keyed by the header row. */
export function readCsv(...parts: string[]): Record<string, string>[] {
  return parse(readFileSync(dataPath(...parts)), { columns: true, skip_empty_lines: true, bom: true });
}

/**
 * pyradiomics baseline CSV (rows = features, columns = test configs) as
 * config -> feature -> value string.
 */
export function readBaseline(featureClass: string): Record<string, Record<string, string>> {
  const rows = readCsv('pyradiomics', 'baseline', `baseline_${featureClass}.csv`);
  const out: Record<string, Record<string, string>> = {};
  for (const row of rows) {
    for (const [col, value] of Object.entries(row)) {
      if (col === 'featureName') continue;
      (out[col] ??= {})[row.featureName] = value;
    }
  }
  return out;
}

/** A .npy file (float64 or int types, C or Fortran order) returned in C order with its shape. */
export function readNpy(...parts: string[]): { shape: number[]; data: Float64Array } {
  const buf = readFileSync(dataPath(...parts));
  const major = buf[6];
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const offset = major === 1 ? 10 : 12;
  const header = buf.subarray(offset, offset + headerLen).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)![1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)![1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const n = shape.reduce((a, b) => a * b, 1);
  const body = buf.subarray(offset + headerLen);
  const raw = new Float64Array(n);
  const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const width = Number(descr.slice(2));
  for (let i = 0; i < n; i++) {
    if (descr === '<f8') raw[i] = dv.getFloat64(i * 8, true);
    else if (descr === '<f4') raw[i] = dv.getFloat32(i * 4, true);
    else if (descr[1] === 'i' && width === 8) raw[i] = Number(dv.getBigInt64(i * 8, true));
    else if (descr[1] === 'i' && width === 4) raw[i] = dv.getInt32(i * 4, true);
    else throw new Error(`unsupported npy dtype ${descr}`);
  }
  if (!fortran || shape.length < 2) return { shape, data: raw };
  // Fortran order: first index fastest. Reorder to C order (last index fastest).
  const data = new Float64Array(n);
  const idx = new Array(shape.length).fill(0);
  for (let f = 0; f < n; f++) {
    let c = 0;
    for (let d = 0; d < shape.length; d++) c = c * shape[d] + idx[d];
    data[c] = raw[f];
    for (let d = 0; d < shape.length; d++) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return { shape, data };
}

/** Relative error, with an absolute floor for reference values near zero. */
export function relErr(actual: number, expected: number, floor = 1e-300): number {
  if (Number.isNaN(expected)) return Number.isNaN(actual) ? 0 : Infinity;
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), floor);
}

/** Fails with the feature name and both values when the relative error exceeds tol. */
export function expectClose(actual: number, expected: number, tol: number, what: string): void {
  const e = relErr(actual, expected);
  if (!(e <= tol)) throw new Error(`${what}: got ${actual}, expected ${expected} (relative error ${e.toExponential(2)} > ${tol})`);
}
