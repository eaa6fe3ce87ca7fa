// Two-group tests for Table 1: Student / Welch t (R t.test), Mann-Whitney U with the normal approximation
// (R wilcox.test(exact = FALSE), scipy mannwhitneyu(method = 'asymptotic')), chi-square on a contingency
// table (R chisq.test, scipy chi2_contingency).
import { chiSquareSf, normalTwoSidedP, tTwoSidedP } from './distributions.js';
import { averageRanks, finiteValues, mean, tieSizes, variance } from './descriptive.js';

export interface TTestResult {
  method: 'Student t' | 'Welch t';
  /** t = (mean(a) - mean(b)) / se */
  statistic: number;
  df: number;
  pValue: number;
  meanA: number;
  meanB: number;
}

/**
 * Two-sample t test, two-sided. equalVariance true: pooled variance, df = n1 + n2 - 2 (Student;
 * R t.test(var.equal = TRUE)); false (the default, as in R): Welch-Satterthwaite df.
 */
export function tTest(a: ArrayLike<number>, b: ArrayLike<number>, options: { equalVariance?: boolean } = {}): TTestResult {
  const x = finiteValues(a, 'tTest: group a', 2);
  const y = finiteValues(b, 'tTest: group b', 2);
  const n1 = x.length, n2 = y.length;
  const m1 = mean(x), m2 = mean(y);
  const v1 = variance(x), v2 = variance(y);
  if (v1 === 0 && v2 === 0) throw new Error('tTest: both groups are constant; the t statistic is undefined');
  let se: number, df: number;
  if (options.equalVariance) {
    // pooled s² = ((n1-1) s1² + (n2-1) s2²) / (n1 + n2 - 2)
    df = n1 + n2 - 2;
    const pooled = ((n1 - 1) * v1 + (n2 - 1) * v2) / df;
    se = Math.sqrt(pooled * (1 / n1 + 1 / n2));
  } else {
    // Welch: se² = s1²/n1 + s2²/n2, df = se⁴ / ((s1²/n1)²/(n1-1) + (s2²/n2)²/(n2-1))
    const q1 = v1 / n1, q2 = v2 / n2;
    se = Math.sqrt(q1 + q2);
    df = (q1 + q2) ** 2 / ((q1 * q1) / (n1 - 1) + (q2 * q2) / (n2 - 1));
  }
  const statistic = (m1 - m2) / se;
  return { method: options.equalVariance ? 'Student t' : 'Welch t', statistic, df, pValue: tTwoSidedP(statistic, df), meanA: m1, meanB: m2 };
}

export interface MannWhitneyResult {
  /** U of group a = (rank sum of a) - n_a (n_a + 1) / 2 (R's W, scipy's U1). */
  statistic: number;
  /** Normal deviate after the tie and (optional) continuity corrections. */
  z: number;
  pValue: number;
  tiesPresent: boolean;
}

/**
 * Mann-Whitney U (Wilcoxon rank-sum) test, two-sided, normal approximation with the tie-corrected
 * variance σ² = n1 n2 / 12 · ((n + 1) - Σ(t³ - t) / (n (n - 1))); continuityCorrection (default true,
 * as R and scipy) shifts |U - n1 n2 / 2| by 0.5.
 */
export function mannWhitneyU(a: ArrayLike<number>, b: ArrayLike<number>, options: { continuityCorrection?: boolean } = {}): MannWhitneyResult {
  const x = finiteValues(a, 'mannWhitneyU: group a');
  const y = finiteValues(b, 'mannWhitneyU: group b');
  const n1 = x.length, n2 = y.length, n = n1 + n2;
  const ranks = averageRanks(x.concat(y));
  let rankSum = 0;
  for (let i = 0; i < n1; i++) rankSum += ranks[i];
  const U = rankSum - (n1 * (n1 + 1)) / 2;
  const ties = tieSizes(ranks);
  const tieTerm = ties.reduce((s, t) => s + t ** 3 - t, 0);
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (!(sigma > 0)) throw new Error('mannWhitneyU: all values are tied; the test is undefined');
  const centered = U - (n1 * n2) / 2;
  const correction = options.continuityCorrection === false ? 0 : 0.5 * Math.sign(centered);
  const z = (centered - correction) / sigma;
  return { statistic: U, z, pValue: normalTwoSidedP(z), tiesPresent: ties.length > 0 };
}

export interface ChiSquareResult {
  statistic: number;
  df: number;
  pValue: number;
  /** Expected counts row total x column total / n. */
  expected: number[][];
  minExpected: number;
  /** Whether Yates' continuity correction was applied (2x2 tables only). */
  yates: boolean;
}

/** A table of non-negative finite counts with at least 2 rows and 2 columns, and no empty row or column. */
export function checkTable(table: ArrayLike<ArrayLike<number>>, what: string, integers = false): number[][] {
  if (!table || typeof table.length !== 'number' || table.length < 2) throw new Error(`${what}: the table needs at least 2 rows`);
  const cols = table[0]?.length ?? 0;
  if (cols < 2) throw new Error(`${what}: the table needs at least 2 columns`);
  const out = Array.from(table, (row, i) => {
    if (!row || row.length !== cols) throw new Error(`${what}: row ${i} has ${row?.length ?? 0} cells, expected ${cols}`);
    return Array.from(row, (v, j) => {
      if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) throw new Error(`${what}: cell [${i}][${j}] is ${String(v)}, not a non-negative count`);
      if (integers && !Number.isInteger(v)) throw new Error(`${what}: cell [${i}][${j}] is ${v}, not a whole count`);
      return v;
    });
  });
  out.forEach((row, i) => {
    if (row.every((v) => v === 0)) throw new Error(`${what}: row ${i} is empty (all counts 0)`);
  });
  for (let j = 0; j < cols; j++) if (out.every((row) => row[j] === 0)) throw new Error(`${what}: column ${j} is empty (all counts 0)`);
  return out;
}

/**
 * Pearson chi-square test of independence: X² = Σ (|O - E| - c)² / E on (r-1)(c-1) df, with Yates'
 * c = min(0.5, |O - E|) on 2x2 tables when yates is true (the default, as R and scipy).
 */
export function chiSquareTest(table: ArrayLike<ArrayLike<number>>, options: { yates?: boolean } = {}): ChiSquareResult {
  const counts = checkTable(table, 'chiSquareTest');
  const rows = counts.length, cols = counts[0].length;
  const rowSums = counts.map((row) => row.reduce((s, v) => s + v, 0));
  const colSums = counts[0].map((_, j) => counts.reduce((s, row) => s + row[j], 0));
  const total = rowSums.reduce((s, v) => s + v, 0);
  const expected = rowSums.map((r) => colSums.map((c) => (r * c) / total));
  const yates = options.yates !== false && rows === 2 && cols === 2;
  let shift = 0;
  if (yates) {
    shift = 0.5;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) shift = Math.min(shift, Math.abs(counts[i][j] - expected[i][j]));
  }
  let statistic = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) statistic += (Math.abs(counts[i][j] - expected[i][j]) - shift) ** 2 / expected[i][j];
  }
  const df = (rows - 1) * (cols - 1);
  const minExpected = Math.min(...expected.flat());
  return { statistic, df, pValue: chiSquareSf(statistic, df), expected, minExpected, yates };
}
