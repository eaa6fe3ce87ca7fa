// Study inputs: a cohort to extract (or a precomputed feature table), clinical columns joined on ID,
// the outcome, the train/test split and optional fixed folds. Everything is checked before long work.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { readCohort, type CohortTable } from '../batch/cohort.js';
import { InputError } from '../io/errors.js';
import { Random } from '../random.js';
import type { StudyConfig } from './config.js';

export interface StudyData {
  ids: string[];
  /** 1 = positive outcome. */
  y: number[];
  split: ('train' | 'test')[];
  /** Fixed LASSO folds (1..K) of training rows, from lasso.foldColumn. */
  folds?: number[];
  /** All columns per patient (cohort and clinical), as text. */
  rows: Record<string, string>[];
  cohort?: CohortTable;
  negative: string;
}

export function readCsvRows(path: string): { columns: string[]; rows: Record<string, string>[] } {
  if (!existsSync(path)) throw new InputError(path, 'no such file');
  let rows: Record<string, string>[];
  try {
    rows = parse(readFileSync(path), { columns: true, skip_empty_lines: true, bom: true, trim: true });
  } catch (err) {
    throw new InputError(path, `not a valid CSV (${(err as Error).message})`);
  }
  if (!rows.length) throw new InputError(path, 'no rows');
  return { columns: Object.keys(rows[0]), rows };
}

/** Parses a table cell as a number: '' and nan give NaN, inf/-inf as Python writes them. */
export function cellNumber(s: string | undefined): number {
  if (s === undefined) return NaN;
  const t = s.trim().toLowerCase();
  if (t === '' || t === 'nan' || t === 'na' || t === 'none') return NaN;
  if (t === 'inf' || t === '+inf') return Infinity;
  if (t === '-inf') return -Infinity;
  return Number(t);
}

export function loadStudyData(cfg: StudyConfig): StudyData {
  const { data } = cfg;
  const source = data.cohort ?? data.features!;
  let rows: Record<string, string>[];
  let columns: string[];
  let cohort: CohortTable | undefined;
  if (data.cohort) {
    cohort = readCohort(data.cohort, { baseDir: data.dataDir });
    rows = cohort.cases.map((c) => ({ ...c.row, [data.id]: c.id }));
    columns = cohort.columns.includes(data.id) ? cohort.columns : [data.id, ...cohort.columns];
    for (const c of cohort.cases) for (const p of [c.image, c.mask]) if (!existsSync(p)) throw new InputError(data.cohort, `${c.id}: ${p}: no such file`);
  } else {
    ({ rows, columns } = readCsvRows(data.features!));
  }
  if (!columns.includes(data.id)) throw new InputError(source, `no ID column "${data.id}" (columns: ${columns.slice(0, 12).join(', ')}${columns.length > 12 ? ', …' : ''})`);
  const ids = rows.map((r) => r[data.id]);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) throw new InputError(source, `duplicate ID "${dup}"`);

  // errors about the outcome name the file that holds its column
  const outcomeSource = data.clinical && !columns.includes(data.outcome) ? data.clinical : source;
  if (data.clinical) {
    const clinical = readCsvRows(data.clinical);
    if (!clinical.columns.includes(data.id)) throw new InputError(data.clinical, `no ID column "${data.id}" to join on`);
    const byId = new Map(clinical.rows.map((r) => [r[data.id], r]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length) throw new InputError(data.clinical, `${missing.length} of ${ids.length} IDs have no clinical row (e.g. ${missing.slice(0, 3).join(', ')}): IDs do not join`);
    rows = rows.map((r) => ({ ...byId.get(r[data.id]), ...r }));
    columns = [...new Set([...columns, ...clinical.columns])];
  }

  const need = (col: string | undefined, what: string) => {
    if (col && !columns.includes(col)) throw new InputError(data.clinical ?? source, `missing ${what} column "${col}"`);
  };
  need(data.outcome, 'outcome');
  need(cfg.split.column, 'split');
  need(cfg.lasso.foldColumn, 'fold');
  for (const v of cfg.clinical.variables) need(v, 'clinical');
  for (const m of cfg.robustness.masks) if (cfg.robustness.enabled && !columns.includes(m)) throw new InputError(source, `missing repeated-segmentation column "${m}" (robustness.masks)`);

  // Outcome: the positive value against the single other value present.
  const values = rows.map((r) => r[data.outcome]);
  const emptyAt = values.findIndex((v) => v === undefined || v === '');
  if (emptyAt >= 0) throw new InputError(outcomeSource, `patient ${ids[emptyAt]} has no outcome value in "${data.outcome}"`);
  const levels = [...new Set(values)];
  if (!levels.includes(data.positive)) throw new InputError(outcomeSource, `outcome "${data.outcome}" has no value "${data.positive}" (values: ${levels.join(', ')})`);
  if (levels.length < 2) throw new InputError(outcomeSource, `outcome "${data.outcome}" has one class only (${data.positive}): a classifier needs both`);
  if (levels.length > 2) throw new InputError(outcomeSource, `outcome "${data.outcome}" has ${levels.length} values (${levels.join(', ')}); a binary outcome is needed`);
  const negative = levels.find((l) => l !== data.positive)!;
  const y = values.map((v) => (v === data.positive ? 1 : 0));

  const split = cfg.split.column ? readSplit(rows, cfg.split.column, ids, source) : stratifiedSplit(y, cfg.split.testFraction, cfg.split.seed);
  const train = split.map((s, i) => (s === 'train' ? i : -1)).filter((i) => i >= 0);
  const trainPos = train.filter((i) => y[i] === 1).length;
  const trainNeg = train.length - trainPos;
  const test = split.length - train.length;
  if (test === 0 || split.filter((s, i) => s === 'test' && y[i] === 1).length === 0 || split.filter((s, i) => s === 'test' && y[i] === 0).length === 0) {
    throw new InputError(source, `the test set needs both classes (${test} test patients)`);
  }
  const nfolds = cfg.lasso.nfolds;
  if (Math.min(trainPos, trainNeg) < Math.max(nfolds / 2, cfg.gbdt.nfolds)) {
    throw new InputError(source, `too few training cases for the folds: ${trainPos} ${data.positive} and ${trainNeg} ${negative} in training for ${nfolds}-fold LASSO and ${cfg.gbdt.nfolds}-fold boosting`);
  }
  let folds: number[] | undefined;
  if (cfg.lasso.foldColumn) {
    folds = rows.map((r) => cellNumber(r[cfg.lasso.foldColumn!]));
    const bad = train.find((i) => !Number.isInteger(folds![i]) || folds![i] < 1);
    if (bad !== undefined) throw new InputError(source, `fold column "${cfg.lasso.foldColumn}" must hold integers >= 1 for training rows (patient ${ids[bad]}: "${rows[bad][cfg.lasso.foldColumn]}")`);
  }
  return { ids, y, split, folds, rows, cohort, negative };
}

function readSplit(rows: Record<string, string>[], column: string, ids: string[], source: string): ('train' | 'test')[] {
  return rows.map((r, i) => {
    const v = (r[column] ?? '').trim().toLowerCase();
    if (['train', 'training', 'discovery'].includes(v)) return 'train';
    if (['test', 'validation', 'valid', 'testing'].includes(v)) return 'test';
    throw new InputError(source, `split column "${column}": patient ${ids[i]} has "${r[column]}" (use train or test)`);
  });
}

/** Stratified random split: in each class, round(n * testFraction) patients go to test. */
export function stratifiedSplit(y: number[], testFraction: number, seed: number): ('train' | 'test')[] {
  const rng = new Random(seed);
  const split: ('train' | 'test')[] = y.map(() => 'train');
  for (const cls of [0, 1]) {
    const members = rng.shuffle(y.map((v, i) => (v === cls ? i : -1)).filter((i) => i >= 0));
    members.slice(0, Math.round(members.length * testFraction)).forEach((i) => (split[i] = 'test'));
  }
  return split;
}
