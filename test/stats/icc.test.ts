import { describe, expect, it } from 'vitest';
import { expectClose, readCsv, readJson } from '../helpers.js';
import { icc, iccAll, ICC_FORMS } from '../../src/stats/index.js';
import { REF } from './pima.js';

const TOL = 1e-9;
const reference = readJson(REF, 'pima', 'icc_psych.json');
const wide = readCsv(REF, 'pima', 'icc_table_wide.csv');
const long = readCsv(REF, 'pima', 'icc_table_long.csv');
const features = Object.keys(reference.two_raters);

/** subjects x raters table of one feature, the first `raters` raters. */
function wideTable(feature: string, raters: number): number[][] {
  return wide.filter((r) => r.feature === feature).map((r) => [1, 2, 3].slice(0, raters).map((k) => Number(r[`rater${k}`])));
}

describe('icc vs psych::ICC(x, lmer = FALSE)', () => {
  for (const [key, raters] of [['two_raters', 2], ['three_raters', 3]] as const) {
    for (const feature of features) {
      it(`${feature}, ${raters} raters: all six forms with F, df, p and 95% CI`, () => {
        const table = wideTable(feature, raters);
        expect(table).toHaveLength(30);
        const all = iccAll(table);
        for (const form of ICC_FORMS) {
          const want = reference[key][feature][form];
          const got = all[form];
          const what = `${key} ${feature} ${form}`;
          expectClose(got.icc, want.ICC, TOL, `${what} ICC`);
          expectClose(got.F, want.F, TOL, `${what} F`);
          expect(got.df1).toBe(want.df1);
          expect(got.df2).toBe(want.df2);
          expectClose(got.pValue, want.p, TOL, `${what} p`);
          expectClose(got.lower, want.lower, TOL, `${what} lower`);
          expectClose(got.upper, want.upper, TOL, `${what} upper`);
          expect(icc(table, form)).toEqual(got);
        }
      });
    }
  }

  it('the long table gives the same ICCs as the wide one', () => {
    for (const feature of features) {
      const bySubject = new Map<string, number[]>();
      for (const r of long.filter((row) => row.feature === feature)) {
        const ratings = bySubject.get(r.subject) ?? [];
        ratings[Number(r.rater) - 1] = Number(r.value);
        bySubject.set(r.subject, ratings);
      }
      const table = Array.from(bySubject.values());
      expect(icc(table, 'ICC2').icc).toBe(icc(wideTable(feature, 3), 'ICC2').icc);
    }
  });

  it('robust features (ICC(2,1) > 0.85, two raters) are the stored ones', () => {
    const robust = features.filter((f) => icc(wideTable(f, 2), 'ICC2').icc > 0.85);
    expect(robust).toEqual(reference['robust_features_icc2_gt_0.85_two_raters']);
  });

  it('perfect agreement gives ICC 1, F Infinity, p 0 and bounds of 1', () => {
    const table = [[1, 1], [2, 2], [4, 4], [3, 3]];
    for (const form of ICC_FORMS) {
      const r = icc(table, form);
      expect(r.icc).toBe(1);
      expect(r.pValue).toBe(0);
      expect(r.lower).toBe(1);
      expect(r.upper).toBe(1);
    }
  });

  it('bad tables give one-line errors', () => {
    expect(() => icc([[1, 2]], 'ICC2')).toThrow(/at least 2 are needed/);
    expect(() => icc([[1], [2]], 'ICC2')).toThrow(/rater column/);
    expect(() => icc([[1, 2], [3]], 'ICC2')).toThrow(/row 1 has 1 ratings/);
    expect(() => icc([[1, NaN], [3, 4]], 'ICC2')).toThrow(/\[0\]\[1\] is NaN/);
    expect(() => icc([[1, 2], [2, 1]], 'ICC2')).toThrow(/same mean rating/);
    expect(() => icc([[1, 2], [3, 4]], 'ICC9' as never)).toThrow(/unknown form/);
  });
});
