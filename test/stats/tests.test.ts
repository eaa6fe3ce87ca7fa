import { describe, expect, it } from 'vitest';
import { expectClose, readJson } from '../helpers.js';
import { chiSquareTest, fisherExact, mannWhitneyU, tTest } from '../../src/stats/index.js';
import { REF, pimaRows } from './pima.js';

const TOL = 1e-9;
const R = readJson(REF, 'pima', 'univariate_tests_R.json');
const scipy = readJson(REF, 'pima', 'univariate_tests_scipy.json');
const train = pimaRows('train');
const group = (feature: string, y: string) => train.filter((r) => r.y === y).map((r) => Number(r[feature]));

describe('continuous two-group tests on Pima.tr vs R and scipy', () => {
  for (const feature of Object.keys(R.continuous)) {
    const want = R.continuous[feature];
    const sp = scipy.continuous[feature];
    const g1 = group(feature, '1'), g0 = group(feature, '0');

    it(`${feature}: Student and Welch t (R t.test, scipy ttest_ind)`, () => {
      expect([g1.length, g0.length]).toEqual([want.n1, want.n0]);
      const student = tTest(g1, g0, { equalVariance: true });
      expectClose(student.statistic, want.student_t.t, TOL, 'Student t');
      expect(student.df).toBe(want.student_t.df);
      expectClose(student.pValue, want.student_t.p_value, TOL, 'Student p');
      expectClose(student.statistic, sp.student_t.t, TOL, 'scipy Student t');
      expectClose(student.pValue, sp.student_t.p_value, TOL, 'scipy Student p');
      const welch = tTest(g1, g0, { equalVariance: false });
      expectClose(welch.statistic, want.welch_t.t, TOL, 'Welch t');
      expectClose(welch.df, want.welch_t.df, TOL, 'Welch df');
      expectClose(welch.pValue, want.welch_t.p_value, TOL, 'Welch p');
      expectClose(welch.pValue, sp.welch_t.p_value, TOL, 'scipy Welch p');
      expectClose(student.meanA, want.mean1, TOL, 'mean1');
      expectClose(student.meanB, want.mean0, TOL, 'mean0');
      expect(tTest(g1, g0).method).toBe('Welch t'); // R's default
    });

    it(`${feature}: Mann-Whitney U with and without continuity correction (R wilcox.test, scipy mannwhitneyu)`, () => {
      const corrected = mannWhitneyU(g1, g0);
      const plain = mannWhitneyU(g1, g0, { continuityCorrection: false });
      expect(corrected.statistic).toBe(want.mann_whitney.W_U_of_group1);
      expect(corrected.statistic).toBe(sp.mann_whitney.U1);
      expect(corrected.tiesPresent).toBe(want.mann_whitney.ties_present);
      expectClose(corrected.pValue, want.mann_whitney.p_value_normal_approx_continuity, TOL, 'corrected p');
      expectClose(plain.pValue, want.mann_whitney.p_value_normal_approx_no_continuity, TOL, 'uncorrected p');
      expectClose(corrected.pValue, sp.mann_whitney.p_value_continuity, TOL, 'scipy corrected p');
      expectClose(plain.pValue, sp.mann_whitney.p_value_no_continuity, TOL, 'scipy uncorrected p');
    });
  }
});

describe('categorical tests vs R chisq.test / fisher.test and scipy', () => {
  for (const variable of Object.keys(R.categorical)) {
    const want = R.categorical[variable];
    const sp = scipy.categorical[variable];
    const table: number[][] = want.table_rows_level_cols_y0_y1;
    const is2x2 = table.length === 2;

    it(`${variable}: the table recomputed from Pima.tr equals the stored one`, () => {
      const level = (r: Record<string, string>) => {
        if (variable === 'npreg_ge5') return Number(r.npreg) >= 5 ? 1 : 0;
        if (variable === 'age_ge50') return Number(r.age) >= 50 ? 1 : 0;
        const bmi = Number(r.bmi);
        return bmi < 25 ? 0 : bmi < 30 ? 1 : bmi < 35 ? 2 : 3;
      };
      const counts = table.map(() => [0, 0]);
      for (const r of train) counts[level(r)][Number(r.y)]++;
      expect(counts).toEqual(table);
      expect(sp.table).toEqual(table);
    });

    it(`${variable}: chi-square without${is2x2 ? ' and with' : ''} Yates`, () => {
      const plain = chiSquareTest(table, { yates: false });
      expectClose(plain.statistic, want.chisq_no_yates.X2, TOL, 'X2');
      expect(plain.df).toBe(want.chisq_no_yates.df);
      expectClose(plain.pValue, want.chisq_no_yates.p_value, TOL, 'p');
      expectClose(plain.pValue, sp.chisq_no_yates.p_value, TOL, 'scipy p');
      expectClose(plain.minExpected, want.min_expected, TOL, 'min expected');
      expect(plain.yates).toBe(false);
      const byDefault = chiSquareTest(table);
      expect(byDefault.yates).toBe(is2x2);
      if (is2x2) {
        expectClose(byDefault.statistic, want.chisq_yates.X2, TOL, 'Yates X2');
        expectClose(byDefault.pValue, want.chisq_yates.p_value, TOL, 'Yates p');
        expectClose(byDefault.pValue, sp.chisq_yates.p_value, TOL, 'scipy Yates p');
      } else {
        expect(byDefault.statistic).toBe(plain.statistic);
      }
    });

    it(`${variable}: Fisher exact (${is2x2 ? '2x2' : 'r x c network'})`, () => {
      const fisher = fisherExact(table);
      expectClose(fisher.pValue, want.fisher.p_value, TOL, 'Fisher p (R)');
      if (sp.fisher) expectClose(fisher.pValue, sp.fisher.p_value, TOL, 'Fisher p (scipy)');
      if (is2x2) {
        expectClose(fisher.sampleOddsRatio!, want.sample_odds_ratio, TOL, 'sample odds ratio');
        // R solves the conditional MLE with uniroot's default tolerance (about 1e-4); ours is exact.
        expectClose(fisher.oddsRatio!, want.fisher.conditional_mle_odds_ratio, 1e-4, 'conditional MLE odds ratio');
      }
    });
  }
});
