// `radiomics score`: LightGBM's reference model on its test rows gives the stored probabilities and raw
// scores; column matching (any order, ID column, --ignore) and one-line errors for bad tables.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { dataPath } from '../helpers.js';
import { runScore } from '../../src/cli/score.js';
import { main } from '../../src/cli/main.js';

const model = dataPath('lightgbm', 'model.txt');
const testCsv = dataPath('lightgbm', 'wdbc_test_lgb.csv');
const column = (file: string) => readFileSync(dataPath('lightgbm', file), 'utf8').trim().split('\n').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'radiomics-score-'));
const table: string[][] = parse(readFileSync(testCsv, 'utf8'));

function writeTable(name: string, rows: string[][]): string {
  const path = join(dir, name);
  writeFileSync(path, rows.map((r) => r.join(',')).join('\n') + '\n');
  return path;
}

describe('radiomics score', () => {
  it('scores the WDBC test rows as LightGBM did (probability, raw score)', () => {
    const out = parse(runScore({ model, data: testCsv, ignore: ['y'] }), { columns: true }) as Record<string, string>[];
    expect(Object.keys(out[0])).toEqual(['probability', 'raw_score']);
    const prob = column('pred_test_prob.txt'), raw = column('pred_test_raw.txt');
    expect(out).toHaveLength(142);
    out.forEach((row, i) => {
      expect(Math.abs(Number(row.probability) - prob[i])).toBeLessThan(1e-12);
      expect(Math.abs(Number(row.raw_score) - raw[i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(raw[i])));
    });
  });

  it('takes feature columns in any order and copies an ID column; writes -o through the CLI', async () => {
    const header = table[0];
    const order = header.map((_, i) => i).reverse();
    const rows = table.map((r, i) => [i === 0 ? 'ID' : `case${i}`, ...order.map((c) => r[c])]);
    const path = writeTable('reordered.csv', rows);
    const outPath = join(dir, 'pred.csv');
    await main(['node', 'radiomics', 'score', '--model', model, path, '-o', outPath, '--ignore', 'y']);
    const out = parse(readFileSync(outPath, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(out[0])).toEqual(['ID', 'probability', 'raw_score']);
    expect(out[4].ID).toBe('case5');
    expect(Number(out[4].probability)).toBe(column('pred_test_prob.txt')[4]);
  });

  it('scores with an XGBoost JSON model too', () => {
    const out = parse(runScore({ model: dataPath('xgboost', 'xgboost_model.json'), data: testCsv, ignore: ['y'] }), { columns: true }) as Record<string, string>[];
    const ref = parse(readFileSync(dataPath('xgboost', 'xgboost_pred_test.csv')), { columns: true }) as Record<string, string>[];
    out.forEach((row, i) => expect(Math.abs(Number(row.probability) - Number(ref[i].prob))).toBeLessThan(1e-6));
  });

  it('treats blank and NA cells as missing values', () => {
    const rows = table.slice(0, 3).map((r, i) => (i === 0 ? r : r.map((v, c) => (c === 8 ? (i === 1 ? '' : 'NA') : v))));
    const out = parse(runScore({ model, data: writeTable('missing.csv', rows), id: 'y' }), { columns: true }) as Record<string, string>[];
    expect(out).toHaveLength(2);
    for (const row of out) expect(Number(row.probability)).toBeGreaterThan(0);
  });

  const errors: [string, () => string, RegExp][] = [
    ['missing feature columns', () => writeTable('few.csv', table.map((r) => r.filter((_, c) => c !== 3 && c !== 5))), /missing feature columns mean_perimeter, mean_smoothness \(the model needs 30\)/],
    ['undeclared extra column', () => testCsv, /column y not in the model \(name an ID column with --id/],
    ['not a number', () => writeTable('text.csv', table.slice(0, 3).map((r, i) => (i === 2 ? r.map((v, c) => (c === 4 ? 'big' : v)) : r))), /row 2 column mean_area: "big" is not a number/],
    ['duplicate column', () => writeTable('dup.csv', table.map((r) => [...r, r[1]])), /column "mean_radius" appears twice/],
    ['empty file', () => writeTable('empty.csv', []), /empty file/],
    ['ragged row', () => writeTable('ragged.csv', [table[0], table[1].slice(0, 10)]), /not a valid CSV table/],
  ];
  for (const [what, file, message] of errors) {
    it(`error: ${what}`, () => expect(() => runScore({ model, data: file(), ignore: what === 'undeclared extra column' ? [] : ['y'] })).toThrow(message));
  }
  it('error: unreadable model and unknown --id column', () => {
    expect(() => runScore({ model: join(dir, 'nope.txt'), data: testCsv })).toThrow(/cannot read model .*nope.txt: ENOENT/);
    expect(() => runScore({ model, data: testCsv, id: 'case' })).toThrow(/no column "case" \(named by --id\)/);
    expect(() => runScore({ model: testCsv, data: testCsv })).toThrow(/not a LightGBM model text/);
  });
});
