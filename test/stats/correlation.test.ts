import { describe, expect, it } from 'vitest';
import { expectClose, readCsv, readJson } from '../helpers.js';
import { redundancyFilter, spearman, spearmanMatrix } from '../../src/stats/index.js';
import { PIMA_FEATURES, REF, pimaRows } from './pima.js';

const TOL = 1e-9;

function matrixCsv(...path: string[]): { names: string[]; matrix: number[][] } {
  const rows = readCsv(...path);
  const names = rows.map((r) => r.feature);
  return { names, matrix: rows.map((r) => names.map((n) => Number(r[n]))) };
}

const train = pimaRows('train');
const pimaColumns = Object.fromEntries(PIMA_FEATURES.map((f) => [f, train.map((r) => Number(r[f]))]));

describe('spearman vs R cor(method = "spearman") (average ranks for ties)', () => {
  for (const file of ['spearman_train_all.csv', 'spearman_train_subset.csv']) {
    it(`Pima.tr matrix equals ${file}`, () => {
      const want = matrixCsv(REF, 'pima', file);
      const got = spearmanMatrix(Object.fromEntries(want.names.map((n) => [n, pimaColumns[n]])));
      expect(got.names).toEqual(want.names);
      want.matrix.forEach((row, i) => row.forEach((rho, j) => expectClose(got.matrix[i][j], rho, TOL, `rho(${want.names[i]}, ${want.names[j]})`)));
      expectClose(spearman(pimaColumns.npreg, pimaColumns.age), want.matrix[0][6], TOL, 'spearman(npreg, age)');
    });
  }

  it('constant or short columns are errors, not NaN', () => {
    expect(() => spearman([1, 1, 1], [1, 2, 3])).toThrow(/x is constant/);
    expect(() => spearman([1, 2], [1, 2, 3])).toThrow(/has 2 values but y has 3/);
    expect(() => spearmanMatrix({ a: [1, 2, NaN], b: [1, 2, 3] })).toThrow(/"a".*value 2 is NaN/);
  });
});

describe('redundancyFilter (recursive |rho| > 0.9 rule of stats-definitions.md)', () => {
  it('Pima: nothing exceeds 0.9, all kept', () => {
    const want = readJson(REF, 'pima', 'redundancy_filter.json');
    const got = redundancyFilter(pimaColumns, want.threshold);
    expect(got.kept).toEqual(want.kept);
    expect(got.dropped).toEqual(want.dropped_in_order);
  });

  const want = readJson(REF, 'wdbc_mean_features', 'wdbc_mean_features_redundancy_filter.json');
  const check = (got: ReturnType<typeof redundancyFilter>) => {
    expect(got.kept).toEqual(want.kept);
    expect(got.dropped).toEqual(want.dropped_in_order.map((d: any) => d.feature));
    got.steps.forEach((step, i) => {
      expect(step.nPartners).toBe(want.dropped_in_order[i].n_partners);
      expectClose(step.meanAbsRho, want.dropped_in_order[i].mean_abs_rho, TOL, `mean |rho| of ${step.feature}`);
    });
  };

  it('WDBC mean_* features from the stored Spearman matrix', () => {
    check(redundancyFilter(matrixCsv(REF, 'wdbc_mean_features', 'wdbc_mean_features_spearman_train.csv'), want.threshold));
  });

  it('WDBC mean_* features from the raw training rows (matrix recomputed)', () => {
    const split = new Map(readCsv('tabular', 'wdbc_split.csv').map((r) => [r.row, r.set]));
    const rows = readCsv('tabular', 'wdbc.csv').filter((r) => split.get(r.row) === 'train');
    expect(rows).toHaveLength(427);
    const cols = Object.fromEntries(want.features.map((f: string) => [f, rows.map((r) => Number(r[f]))]));
    const stored = matrixCsv(REF, 'wdbc_mean_features', 'wdbc_mean_features_spearman_train.csv');
    const got = spearmanMatrix(cols);
    stored.matrix.forEach((row, i) => row.forEach((rho, j) => expectClose(got.matrix[i][j], rho, TOL, `wdbc rho(${i}, ${j})`)));
    check(redundancyFilter(cols, want.threshold));
  });

  it('ties in partner count go to the larger mean |rho|, then to the later column', () => {
    const names = ['a', 'b', 'c'];
    // a-b and b-c redundant; b has 2 partners: dropped first, then nothing exceeds the threshold
    expect(redundancyFilter({ names, matrix: [[1, 0.95, 0.2], [0.95, 1, 0.93], [0.2, 0.93, 1]] }).dropped).toEqual(['b']);
    // a-b only: equal partners and equal mean |rho| -> the later column (b) goes
    expect(redundancyFilter({ names, matrix: [[1, 0.95, 0.1], [0.95, 1, 0.1], [0.1, 0.1, 1]] }).dropped).toEqual(['b']);
    // a-b only: a has the larger mean |rho| -> a goes
    expect(redundancyFilter({ names, matrix: [[1, 0.95, 0.5], [0.95, 1, 0.1], [0.5, 0.1, 1]] }).dropped).toEqual(['a']);
    expect(() => redundancyFilter({ names, matrix: [[1, 2, 0], [2, 1, 0], [0, 0, 1]] })).toThrow(/not in \[-1, 1\]/);
    expect(() => redundancyFilter({ names, matrix: [[1, 0], [0, 1]] })).toThrow(/2 rows for 3 names/);
  });
});
