// Batch extraction over a cohort in a worker pool. Each finished case is appended to a journal
// (<out>.partial.jsonl) at once, so an interrupted run loses nothing; the CSV is written in input order
// at the end and the journal removed. A failed case becomes a row with diagnostics_Error.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Params } from '../settings/types.js';
import { csvCell } from '../cli/format.js';
import type { CohortCase, CohortTable } from './cohort.js';
import { WorkerPool } from './pool.js';

export type Row = Record<string, string | number>;

export interface BatchOptions {
  params: Params;
  jobs: number;
  /** Output CSV; with it, results are journaled and written. */
  out?: string;
  resume?: boolean;
  onProgress?: (done: number, total: number, failed: number) => void;
}

export interface BatchResult {
  rows: Row[];
  failed: number;
  reused: number;
}

/** Identifies a case's inputs: paths, label, file sizes and times, and the parameters. */
export function caseKey(c: CohortCase, params: Params): string {
  const stamp = (p: string) => {
    try {
      const s = statSync(p);
      return `${s.size}:${Math.round(s.mtimeMs)}`;
    } catch {
      return 'missing';
    }
  };
  const paramsHash = createHash('sha1').update(JSON.stringify(params)).digest('hex');
  return JSON.stringify([c.id, c.image, stamp(c.image), c.mask, stamp(c.mask), c.label ?? null, paramsHash]);
}

export async function runBatch(cohort: CohortTable, opts: BatchOptions): Promise<BatchResult> {
  const { cases } = cohort;
  const keys = cases.map((c) => caseKey(c, opts.params));
  const journal = opts.out ? `${opts.out}.partial.jsonl` : undefined;
  const done = new Map<string, Row>(opts.resume && opts.out ? loadPrevious(opts.out, journal!, cases, keys) : []);
  if (journal && !opts.resume) rmSync(journal, { force: true });
  const reused = done.size;
  let failed = 0;
  let finished = reused;
  opts.onProgress?.(finished, cases.length, failed);

  const pool = new WorkerPool(Math.min(opts.jobs, Math.max(1, cases.length - reused)));
  try {
    // Largest inputs first (longest-processing-time order), so no worker is left with a big case at the end.
    const order = cases.map((_, i) => i).sort((a, b) => inputBytes(cases[b]) - inputBytes(cases[a]));
    await Promise.all(
      order.map(async (i) => {
        const c = cases[i];
        if (done.has(keys[i])) return;
        const row = c.error ? ({ ...c.row, diagnostics_Error: c.error } as Row) : await pool.run(async (engine) => {
          try {
            const result = await engine.extractFiles(c.image, c.mask, opts.params, { label: c.label });
            const row: Row = { ...c.row };
            for (const [k, v] of Object.entries(result)) row[k] = csvCell(k, v);
            return row;
          } catch (err) {
            return { ...c.row, diagnostics_Error: (err as Error).message ?? String(err) } as Row;
          }
        });
        if ('diagnostics_Error' in row) failed++;
        done.set(keys[i], row);
        if (journal) appendFileSync(journal, JSON.stringify({ key: keys[i], row }) + '\n');
        opts.onProgress?.(++finished, cases.length, failed);
      }),
    );
  } finally {
    await pool.close();
  }
  const rows = keys.map((k) => done.get(k)!);
  if (opts.out) {
    writeRowsCsv(opts.out, rows, cohort.columns);
    // Which inputs each row came from, so a later --resume reuses a row only if its inputs are unchanged.
    writeFileSync(`${opts.out}.keys.json`, JSON.stringify(Object.fromEntries(cases.map((c, i) => [c.id, keys[i]]))));
    if (journal) rmSync(journal, { force: true });
  }
  return { rows, failed, reused };
}

function inputBytes(c: CohortCase): number {
  let bytes = 0;
  for (const p of [c.image, c.mask]) {
    try {
      bytes += statSync(p).size;
    } catch {
      // a missing file fails fast in its worker
    }
  }
  return bytes;
}

/** Rows of an interrupted run (journal) and successful rows of a finished one (the CSV). */
function loadPrevious(out: string, journal: string, cases: CohortCase[], keys: string[]): [string, Row][] {
  const entries: [string, Row][] = [];
  const keysFile = `${out}.keys.json`;
  if (existsSync(out) && existsSync(keysFile)) {
    const rows = parse(readFileSync(out), { columns: true, skip_empty_lines: true, bom: true }) as Row[];
    const previousKeys = JSON.parse(readFileSync(keysFile, 'utf8')) as Record<string, string>;
    // Rows of a finished run are reused when the case's inputs (files, label, parameters) are unchanged.
    cases.forEach((c, i) => {
      if (previousKeys[c.id] !== keys[i]) return;
      const r = rows.find((row) => (row.ID ? row.ID === c.row.ID : row.Image === c.row.Image && row.Mask === c.row.Mask));
      if (r && !r.diagnostics_Error) entries.push([keys[i], r]);
    });
  }
  if (existsSync(journal)) {
    for (const line of readFileSync(journal, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const { key, row } = JSON.parse(line) as { key: string; row: Row };
        if (!row.diagnostics_Error) entries.push([key, row]);
      } catch {
        // a line cut off by the interruption: that case is simply recomputed
      }
    }
  }
  return entries;
}

/** Writes rows with the cohort's columns first, then every other column in first-seen order. */
export function writeRowsCsv(path: string, rows: Row[], leading: string[]): void {
  const columns = [...leading];
  const seen = new Set(columns);
  for (const row of rows) for (const k of Object.keys(row)) if (!seen.has(k)) (seen.add(k), columns.push(k));
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, stringify(rows, { header: true, columns }));
  renameSync(tmp, path);
}
