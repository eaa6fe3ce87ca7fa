// `radiomics score --model MODEL.txt DATA.csv [-o PRED.csv]`: scores a feature table with a LightGBM
// model text (ours or LightGBM's) or an XGBoost JSON model and writes one row per input row:
// [ID,] probability (or prediction), raw score.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { loadLightgbmModel } from '../models/lightgbm-text.js';
import { loadXgboostModel } from '../models/xgboost.js';
import { convertOutput, predictEnsemble, type Ensemble } from '../models/trees.js';
import { withErrorReporting } from './errors.js';

export interface ScoreOptions {
  model: string;
  data: string;
  output?: string;
  /** Name of an identifier column copied to the output (default: a column named ID, any case). */
  id?: string;
  /** Further non-feature columns to skip (e.g. the label). */
  ignore?: string[];
}

const MISSING = new Set(['', 'na', 'nan', 'null']);

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

// A cell as a number: blank/NA/NaN are missing (NaN), "inf" is accepted as LightGBM does.
function cellValue(text: string, file: string, row: number, column: string): number {
  const s = text.trim();
  if (MISSING.has(s.toLowerCase())) return NaN;
  if (/^[+-]?inf(inity)?$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  const v = Number(s);
  if (Number.isNaN(v)) throw new Error(`${file} row ${row} column ${column}: "${s.slice(0, 40)}" is not a number`);
  return v;
}

/** Column layout of the table against the model: feature columns by model order, the ID column, errors for the rest. */
export function matchColumns(header: string[], model: Ensemble, file: string, opts: Pick<ScoreOptions, 'id' | 'ignore'>): { featureCols: number[]; idCol: number } {
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup !== undefined) throw new Error(`${file}: column "${dup}" appears twice`);
  const ignore = new Set(opts.ignore ?? []);
  for (const name of [...ignore, ...(opts.id ? [opts.id] : [])]) {
    if (!header.includes(name)) throw new Error(`${file}: no column "${name}" (named by --${opts.id === name ? 'id' : 'ignore'})`);
  }
  const idCol = opts.id ? header.indexOf(opts.id) : header.findIndex((h) => h.toLowerCase() === 'id' && !model.featureNames.includes(h));
  const missing = model.featureNames.filter((f) => !header.includes(f));
  if (missing.length) throw new Error(`${file}: missing feature column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the model needs ${model.featureNames.length})`);
  const extra = header.filter((h, i) => i !== idCol && !ignore.has(h) && !model.featureNames.includes(h));
  if (extra.length) throw new Error(`${file}: column${extra.length > 1 ? 's' : ''} ${extra.join(', ')} not in the model (name an ID column with --id, skip others with --ignore)`);
  return { featureCols: model.featureNames.map((f) => header.indexOf(f)), idCol };
}

/** Scores the table and returns the prediction CSV text (also written to opts.output when given). */
export function runScore(opts: ScoreOptions): string {
  const modelText = readText(opts.model, 'model');
  // an XGBoost JSON model (Booster.save_model) is scored the same way
  const model = modelText.trimStart().startsWith('{') ? loadXgboostModel(modelText, opts.model).model : loadLightgbmModel(modelText, opts.model);
  let records: string[][];
  try {
    records = parse(readText(opts.data, 'data'), { bom: true, skip_empty_lines: true });
  } catch (err) {
    throw new Error(`${opts.data}: not a valid CSV table (${(err as Error).message.split('\n')[0]})`);
  }
  if (records.length === 0) throw new Error(`${opts.data}: empty file (expected a header row)`);
  const [header, ...rows] = records;
  const { featureCols, idCol } = matchColumns(header.map((h) => h.trim()), model, opts.data, opts);
  const cols = model.featureNames.length;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, r) => {
    featureCols.forEach((c, f) => (data[r * cols + f] = cellValue(row[c] ?? '', opts.data, r + 1, header[c])));
  });
  const raw = predictEnsemble(model, { data, rows: rows.length, cols }, { output: 'raw' });
  const prob = convertOutput(model, raw.slice());
  const k = model.numTreePerIteration;
  const name = /^(binary|multiclass|softmax|multiclassova|cross_entropy|xentropy)\b/.test(model.objective) ? 'probability' : 'prediction';
  const suffix = (j: number) => (k > 1 ? `_${j}` : '');
  const outHeader = [...(idCol >= 0 ? [header[idCol]] : []), ...Array.from({ length: k }, (_, j) => name + suffix(j)), ...Array.from({ length: k }, (_, j) => 'raw_score' + suffix(j))];
  const out = rows.map((row, r) => [
    ...(idCol >= 0 ? [row[idCol]] : []),
    ...Array.from({ length: k }, (_, j) => String(prob[r * k + j])),
    ...Array.from({ length: k }, (_, j) => String(raw[r * k + j])),
  ]);
  const text = stringify([outHeader, ...out]);
  if (opts.output) {
    try {
      writeFileSync(opts.output, text);
    } catch (err) {
      throw new Error(`cannot write ${opts.output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  return text;
}

/** Adds `score` to the CLI program. */
export function registerScoreCommand(program: Command): void {
  program
    .command('score')
    .description('score a CSV feature table with a LightGBM model text file (ours or LightGBM\'s)')
    .requiredOption('-m, --model <file>', 'LightGBM model text (model.txt) or XGBoost JSON model')
    .argument('<data>', 'CSV with one row per case: the model\'s feature columns in any order, optionally an ID column')
    .option('-o, --output <file>', 'write predictions here instead of standard output')
    .option('--id <column>', 'identifier column copied to the output (default: a column named ID)')
    .option('--ignore <columns>', 'comma-separated columns to skip, e.g. the label', (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .action(withErrorReporting((data: string, o: { model: string; output?: string; id?: string; ignore?: string[] }) => {
      const text = runScore({ model: o.model, data, output: o.output, id: o.id, ignore: o.ignore });
      if (!o.output) process.stdout.write(text);
    }, (data) => data));
}
