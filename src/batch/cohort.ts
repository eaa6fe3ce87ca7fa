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
  /** With `badRows: 'case'`: what is wrong with this row (the case is reported failed, not extracted). */
  error?: string;
}

export interface CohortTable {
  path: string;
  columns: string[];
  cases: CohortCase[];
}

/**
 * Reads and checks a cohort CSV. `maskColumn` picks another mask column (e.g. Mask_retest);
 * `baseDir` overrides the folder that relative paths resolve against (default: the CSV's folder).
 * A bad row (empty Image or Mask, a bad Label, missing cells) is an error for the whole file, or with
 * `badRows: 'case'` (batch mode) a case carrying its `error`, so the other rows still run.
 */
export function readCohort(path: string, { maskColumn = 'Mask', baseDir, badRows = 'throw' }: { maskColumn?: string; baseDir?: string; badRows?: 'throw' | 'case' } = {}): CohortTable {
  let text: Buffer;
  try {
    text = readFileSync(path);
  } catch (err) {
    throw new InputError(path, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(err as Error).message})`);
  }
  let records: string[][];
  try {
    // rows as arrays, whatever their length, so that a row with too few or too many cells fails alone
    records = parse(text, { skip_empty_lines: true, bom: true, trim: true, relax_column_count: true });
  } catch (err) {
    throw new InputError(path, `not a valid CSV (${(err as Error).message})`);
  }
  const columns = records[0] ?? [];
  const cellCounts = records.slice(1).map((r) => r.length);
  const rows = records.slice(1).map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? ''])) as Record<string, string>);
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
    const bad = (problem: string) => {
      if (badRows === 'throw') throw new InputError(path, `line ${line}: ${problem}`);
      cases.push({ index, id, image: row.Image ? at(row.Image) : '', mask: row[maskColumn] ? at(row[maskColumn]) : '', row, error: `${path}: line ${line}: ${problem}` });
    };
    const cells = cellCounts[index];
    if (cells !== columns.length) return bad(`${cells} cells, the header has ${columns.length} columns`);
    if (!row.Image) return bad('empty Image');
    if (!row[maskColumn]) {
      if (maskColumn === 'Mask') return bad('empty Mask');
      return; // no repeated segmentation for this case (e.g. Mask_retest): not part of that run
    }
    let label: number | undefined;
    if (row.Label) {
      label = Number(row.Label);
      if (!Number.isInteger(label) || label < 1) return bad(`Label "${row.Label}" is not a positive integer`);
    }
    cases.push({ index, id, image: at(row.Image), mask: at(row[maskColumn]), label, row });
  });
  return { path, columns, cases };
}
