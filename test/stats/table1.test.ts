import { describe, expect, it } from 'vitest';
import { expectClose, readJson } from '../helpers.js';
import { formatTable1, shapiroWilk, table1 } from '../../src/stats/index.js';
import { REF, pimaRows } from './pima.js';

const TOL = 1e-9;
const R = readJson(REF, 'pima', 'univariate_tests_R.json');

/** Pima.tr rows with the derived categorical variables of univariate_tests_R.json. */
const rows = pimaRows('train').map((r) => {
  const bmi = Number(r.bmi);
  return {
    ...r,
    npreg_ge5: Number(r.npreg) >= 5 ? 1 : 0,
    age_ge50: Number(r.age) >= 50 ? 1 : 0,
    bmi_cat: bmi < 25 ? 1 : bmi < 30 ? 2 : bmi < 35 ? 3 : 4,
  };
});

describe("table1: the seed paper's Table 1 on Pima.tr, tests chosen and reported", () => {
  const table = table1(rows, { outcome: 'y', variables: ['glu', 'bmi', 'ped', 'npreg', 'bp', 'npreg_ge5', 'age_ge50', { name: 'bmi_cat', type: 'categorical' }] });
  const row = (name: string) => table.rows.find((r) => r.variable === name)!;

  it('groups, counts, means and SDs match R', () => {
    expect(table.groups).toEqual([{ level: '0', n: 132 }, { level: '1', n: 68 }]);
    for (const v of ['glu', 'bmi', 'ped', 'npreg']) {
      const r = row(v);
      expect(r.type).toBe('continuous');
      expectClose(r.groups![0].mean, R.continuous[v].mean0, TOL, `${v} mean0`);
      expectClose(r.groups![1].mean, R.continuous[v].mean1, TOL, `${v} mean1`);
      expectClose(r.groups![0].sd, R.continuous[v].sd0, TOL, `${v} sd0`);
      expectClose(r.groups![1].sd, R.continuous[v].sd1, TOL, `${v} sd1`);
    }
  });

  it('non-normal groups get Mann-Whitney U (R wilcox.test, continuity corrected)', () => {
    for (const v of ['glu', 'ped', 'npreg']) {
      const r = row(v);
      expect(r.test!.name).toBe('Mann-Whitney U');
      expect(r.test!.reason).toMatch(/Shapiro-Wilk p = .* <= 0.05/);
      expectClose(r.test!.pValue, R.continuous[v].mann_whitney.p_value_normal_approx_continuity, TOL, `${v} p`);
    }
  });

  it('normal groups get Student t (bmi: Shapiro-Wilk p 0.10 and 0.88)', () => {
    const r = row('bmi');
    expect(r.test!.name).toBe('Student t');
    expectClose(r.test!.pValue, R.continuous.bmi.student_t.p_value, TOL, 'bmi p');
    expect(row('bp').test!.name).toBe('Student t');
    const welch = table1(rows, { outcome: 'y', variables: ['bmi'], equalVariance: false }).rows[0];
    expect(welch.test!.name).toBe('Welch t');
    expectClose(welch.test!.pValue, R.continuous.bmi.welch_t.p_value, TOL, 'bmi Welch p');
  });

  it('categorical: chi-square when every expected count >= 5 (Yates on 2x2), Fisher otherwise', () => {
    expect(row('npreg_ge5').test!.name).toBe('chi-square (Yates)');
    expectClose(row('npreg_ge5').test!.pValue, R.categorical.npreg_ge5.chisq_yates.p_value, TOL, 'npreg_ge5 p');
    expectClose(row('age_ge50').test!.pValue, R.categorical.age_ge50.chisq_yates.p_value, TOL, 'age_ge50 p');
    expect(row('bmi_cat').test!.name).toBe('chi-square');
    expectClose(row('bmi_cat').test!.pValue, R.categorical.bmi_cat.chisq_no_yates.p_value, TOL, 'bmi_cat p');
    const levels = row('bmi_cat').levels!;
    expect(levels.map((l) => [l.groups[0].n, l.groups[1].n])).toEqual(R.categorical.bmi_cat.table_rows_level_cols_y0_y1);
    // a stricter expected-count rule sends age_ge50 (min 6.8) and bmi_cat (min 8.5) to Fisher's exact test
    const strict = table1(rows, { outcome: 'y', variables: ['age_ge50', { name: 'bmi_cat', type: 'categorical' }], minExpected: 10 });
    for (const r of strict.rows) {
      expect(r.test!.name).toBe('Fisher exact');
      expect(r.test!.reason).toMatch(/expected count is below 10/);
      expectClose(r.test!.pValue, R.categorical[r.variable].fisher.p_value, TOL, `${r.variable} Fisher p`);
    }
  });

  it('formats as text lines with mean ± SD and n (proportion)', () => {
    const lines = formatTable1(table);
    expect(lines[0]).toBe('Characteristic\tTotal (n=200)\ty=0 (n=132)\ty=1 (n=68)\tp\ttest');
    expect(lines.find((l) => l.startsWith('glu\t'))).toBe('glu\t123.97 ± 31.67\t113.11 ± 26.64\t145.06 ± 30.12\t<0.001\tMann-Whitney U');
    expect(lines.find((l) => l.startsWith('npreg_ge5 = 1'))).toBe('npreg_ge5 = 1\t62 (0.3100)\t28 (0.2121)\t34 (0.5000)\t<0.001\tchi-square (Yates)');
  });

  it('missing values, one-level variables and bad outcomes', () => {
    const withGaps = rows.slice(0, 40).map((r, i) => ({ ...r, glu: i % 10 === 0 ? 'NA' : r.glu, constant: 'a' }));
    const t = table1(withGaps, { outcome: 'y', variables: ['glu', 'constant'] });
    expect(t.rows[0].missing).toBe(4);
    expect(t.rows[0].total!.n).toBe(36);
    expect(t.rows[1].test).toBeNull();
    expect(t.rows[1].note).toMatch(/only one level/);
    expect(() => table1(rows, { outcome: 'bmi_cat', variables: ['glu'] })).toThrow(/exactly two levels/);
    expect(() => table1([], { outcome: 'y', variables: [] })).toThrow(/no rows/);
    expect(() => table1([{ y: 0, v: 'x' }, { y: 1, v: 2 }, { y: 1, v: 3 }], { outcome: 'y', variables: [{ name: 'v', type: 'continuous' }] })).toThrow(/"v" has the non-numeric value "x"/);
  });
});

describe('shapiroWilk (Royston AS R94)', () => {
  it('n = 3 follows the exact law p = 6/π (asin(sqrt(W)) - asin(sqrt(3/4)))', () => {
    const r = shapiroWilk([1, 2, 3.5]);
    // W for three points: 1 - 3·(middle deviation)²/(2 Σ(x-x̄)²) in closed form
    const x = [1, 2, 3.5], m = (1 + 2 + 3.5) / 3;
    const ss = x.reduce((s, v) => s + (v - m) ** 2, 0);
    const w = (Math.SQRT1_2 * (3.5 - 1)) ** 2 / ss;
    expectClose(r.statistic, w, 1e-14, 'W');
    expectClose(r.pValue, (6 / Math.PI) * (Math.asin(Math.sqrt(w)) - Math.asin(Math.sqrt(0.75))), 1e-14, 'p');
  });

  it('agrees with scipy.stats.shapiro (same algorithm; scipy 1.17.1, single-precision coefficients)', () => {
    // group y=1 of Pima.tr bmi and bp; values computed with scipy during development
    const bmi1 = rows.filter((r) => r.y === '1').map((r) => Number(r.bmi));
    const r = shapiroWilk(bmi1);
    expectClose(r.statistic, 0.9903970521939018, 1e-8, 'W (scipy)');
    expectClose(r.pValue, 0.883478195785689, 1e-7, 'p (scipy)');
  });

  it('is invariant to location and scale, and rejects clear skew', () => {
    const x = rows.map((r) => Number(r.glu));
    expectClose(shapiroWilk(x.map((v) => 3 * v - 7)).statistic, shapiroWilk(x).statistic, 1e-13, 'affine invariance');
    const skewed = Array.from({ length: 100 }, (_, i) => Math.exp(i / 10));
    expect(shapiroWilk(skewed).pValue).toBeLessThan(1e-6);
    expect(() => shapiroWilk([1, 1, 1, 1])).toThrow(/all values are equal/);
    expect(() => shapiroWilk([1, 2])).toThrow(/at least 3/);
  });
});
