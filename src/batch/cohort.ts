// pyradiomics' batch CSV: columns Image and Mask (paths relative to the CSV's folder), optional Label
// and ID; every other column is carried to the output unchanged.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../io/errors.js';

export interface CohortCase {
  /** 0-based row in the cohort file. */
  index: number;
  id: string;
  /** Absolute paths. */
  image: string;
  mask: string;
  label?: number;
  /** The row as written in the CSV (paths unresolved), carried to the output. */
  row: Record<string, string>;
}

export interface CohortTable {
  path: string;
  columns: string[];
  cases: CohortCase[];
}

/**
 * Reads and checks a cohort CSV. `maskColumn` picks another mask column (e.g. Mask_retest);
 * `baseDir` overrides the folder that relative paths resolve against (default: the CSV's folder).
 */
export function readCohort(path: string, { maskColumn = 'Mask', baseDir }: { maskColumn?: string; baseDir?: string } = {}): CohortTable {
  let text: Buffer;
  try {
    text = readFileSync(path);
  } catch (err) {
    throw new InputError(path, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(err as Error).message})`);
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: true });
  } catch (err) {
    throw new InputError(path, `not a valid CSV (${(err as Error).message})`);
  }
  const columns = rows.length ? Object.keys(rows[0]) : [];
  for (const required of ['Image', maskColumn]) {
    if (!columns.includes(required)) throw new InputError(path, `missing column "${required}" (columns: ${columns.join(', ') || 'none'})`);
  }
  if (!rows.length) throw new InputError(path, 'no cases (the CSV has a header but no rows)');
  const base = baseDir ? resolve(baseDir) : dirname(resolve(path));
  const at = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const seen = new Set<string>();
  const cases: CohortCase[] = [];
  rows.forEach((row, index) => {
    const line = index + 2;
    const id = row.ID || `case_${index + 1}`;
    if (seen.has(id)) throw new InputError(path, `line ${line}: duplicate ID "${id}"`);
    seen.add(id);
    if (!row.Image) throw new InputError(path, `line ${line}: empty Image`);
    if (!row[maskColumn]) {
      if (maskColumn === 'Mask') throw new InputError(path, `line ${line}: empty Mask`);
      return; // no repeated segmentation for this case (e.g. Mask_retest): not part of that run
    }
    let label: number | undefined;
    if (row.Label) {
      label = Number(row.Label);
      if (!Number.isInteger(label) || label < 1) throw new InputError(path, `line ${line}: Label "${row.Label}" is not a positive integer`);
    }
    cases.push({ index, id, image: at(row.Image), mask: at(row[maskColumn]), label, row });
  });
  return { path, columns, cases };
}
