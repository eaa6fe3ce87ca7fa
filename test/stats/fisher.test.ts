import { describe, expect, it } from 'vitest';
import { expectClose } from '../helpers.js';
import { fisherExact } from '../../src/stats/index.js';
import { seededRandom } from '../../src/random.js';

/**
 * Independent oracle: list every table with the observed margins (row by row, no network, no bounds) and
 * add the probabilities of those no more likely than the observed one (R's relative tolerance 1e-7).
 */
function bruteForceFisher(table: number[][]): number {
  const rows = table.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = table[0].map((_, j) => table.reduce((a, r) => a + r[j], 0));
  const n = rows.reduce((a, b) => a + b, 0);
  const lf = [0];
  for (let k = 1; k <= n; k++) lf.push(lf[k - 1] + Math.log(k));
  const logP = (t: number[][]) =>
    rows.reduce((a, r) => a + lf[r], 0) + cols.reduce((a, c) => a + lf[c], 0) - lf[n] - t.flat().reduce((a, x) => a + lf[x], 0);
  const observed = logP(table);
  let p = 0;
  const current: number[][] = [];
  const fillRow = (i: number, colLeft: number[]) => {
    if (i === rows.length - 1) {
      current[i] = colLeft.slice();
      const lp = logP(current);
      if (lp <= observed + Math.log1p(1e-7)) p += Math.exp(lp);
      return;
    }
    const row: number[] = [];
    const fillCell = (j: number, left: number) => {
      if (j === cols.length - 1) {
        if (left > colLeft[j]) return;
        row[j] = left;
        current[i] = row.slice();
        fillRow(i + 1, colLeft.map((c, k) => c - row[k]));
        return;
      }
      for (let v = 0; v <= Math.min(left, colLeft[j]); v++) {
        row[j] = v;
        fillCell(j + 1, left - v);
      }
    };
    fillCell(0, rows[i]);
  };
  fillRow(0, cols);
  return p;
}

/** Small deterministic pseudo-random tables. */
function randomTables(count: number): number[][][] {
  const next = seededRandom(12345);
  const out: number[][][] = [];
  while (out.length < count) {
    const r = 2 + Math.floor(next() * 3), c = 2 + Math.floor(next() * 3), n = 6 + Math.floor(next() * 18);
    const t = Array.from({ length: r }, () => new Array<number>(c).fill(0));
    for (let k = 0; k < n; k++) t[Math.floor(next() * r)][Math.floor(next() * c)]++;
    if (t.every((row) => row.some((v) => v > 0)) && t[0].every((_, j) => t.some((row) => row[j] > 0))) out.push(t);
  }
  return out;
}

describe('fisherExact network algorithm vs full enumeration', () => {
  it('40 random 2x2 .. 4x4 tables, including symmetric ones with tied probabilities', () => {
    const tables = [...randomTables(40), [[5, 5], [5, 5]], [[2, 2, 2], [2, 2, 2], [2, 2, 2]], [[3, 0], [0, 3]]];
    for (const t of tables) expectClose(fisherExact(t).pValue, bruteForceFisher(t), 1e-11, `table ${JSON.stringify(t)}`);
  });

  it('a 4x4 table with n = 88 finishes within the default budget', () => {
    const p = fisherExact([[8, 7, 6, 5], [3, 6, 9, 2], [7, 2, 4, 8], [5, 5, 5, 5]]).pValue;
    expect(p).toBeGreaterThan(0.3);
    expect(p).toBeLessThan(0.35);
  });

  it('tables beyond the budget, and bad tables, give one-line errors', () => {
    expect(() => fisherExact([[20, 17, 16, 15, 14], [13, 16, 19, 12, 15], [17, 12, 14, 18, 16], [15, 15, 15, 15, 15]], { maxSteps: 10_000 }))
      .toThrow(/4x5 table with n = 309 needs more than 10000 enumeration steps; use chiSquareTest/);
    expect(() => fisherExact([[1, 2], [3]])).toThrow(/row 1 has 1 cells, expected 2/);
    expect(() => fisherExact([[1, 2.5], [3, 4]])).toThrow(/not a whole count/);
    expect(() => fisherExact([[0, 0], [3, 4]])).toThrow(/row 0 is empty/);
    expect(() => fisherExact([[1, -1], [3, 4]])).toThrow(/not a non-negative count/);
  });

  it('2x2 edge cases: odds ratio 0 / Infinity at the support boundary', () => {
    expect(fisherExact([[0, 5], [5, 0]]).oddsRatio).toBe(0);
    expect(fisherExact([[5, 0], [0, 5]]).oddsRatio).toBe(Infinity);
  });
});
