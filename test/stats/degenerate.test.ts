import { describe, expect, it } from 'vitest';
import { chiSquareTest, hosmerLemeshow, mannWhitneyU, tTest, valProb } from '../../src/stats/index.js';

describe('degenerate inputs give one-line errors naming the input, never a silent NaN', () => {
  it('t test', () => {
    expect(() => tTest([1], [1, 2, 3])).toThrow(/group a: needs at least 2 values, got 1/);
    expect(() => tTest([2, 2, 2], [5, 5])).toThrow(/both groups are constant/);
    expect(() => tTest([1, 2, Infinity], [1, 2])).toThrow(/group a: value 2 is Infinity/);
    // one constant group is fine (Welch uses the other's variance)
    expect(Number.isFinite(tTest([2, 2, 2], [5, 6, 7]).pValue)).toBe(true);
  });

  it('Mann-Whitney U', () => {
    expect(() => mannWhitneyU([3, 3], [3, 3, 3])).toThrow(/all values are tied/);
    expect(() => mannWhitneyU([], [1, 2])).toThrow(/group a: needs at least 1 value, got 0/);
    const r = mannWhitneyU([1, 2, 3], [4, 5, 6]);
    expect(r.statistic).toBe(0);
    expect(r.tiesPresent).toBe(false);
  });

  it('chi-square', () => {
    expect(() => chiSquareTest([[1, 2], [0, 0]])).toThrow(/row 1 is empty/);
    expect(() => chiSquareTest([[1, 0], [3, 0]])).toThrow(/column 1 is empty/);
    expect(() => chiSquareTest([[1, 2]])).toThrow(/at least 2 rows/);
    expect(() => chiSquareTest([[1, NaN], [2, 3]])).toThrow(/cell \[0\]\[1\] is NaN/);
    // independence exactly: X² = 0, p = 1
    expect(chiSquareTest([[2, 4], [3, 6]], { yates: false })).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('Hosmer-Lemeshow and val.prob', () => {
    expect(() => hosmerLemeshow([0, 1, 0], [0.1, 0.2])).toThrow(/labels has 3 values but probs has 2/);
    const y = [0, 0, 0, 1, 0, 1, 1, 0, 1, 1];
    expect(() => hosmerLemeshow(y, [0, 0, 0, 0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95], { groups: 3, grouping: 'equal' })).toThrow(/group 1 expects 0 events of 4; every group needs 0 < E < n/);
    expect(() => hosmerLemeshow(y, [0, 0, 0, 0, 0, 0, 0.5, 0.6, 0.7, 0.8], { groups: 3 })).toThrow(/only 2 distinct probability groups/);
    expect(() => valProb([0, 1, 0, 1], [0.2, 0.3, 0.4, NaN])).toThrow(/probs: value 3 is NaN/);
  });
});
