// The seed paper's Table 1: each variable summarised overall and per outcome group (mean ± SD, or n
// (proportion) per level) with a two-group test chosen as a statistician would and the choice reported:
// continuous: Shapiro-Wilk p > alpha in both groups -> t test, otherwise Mann-Whitney U;
// categorical: every expected count >= minExpected -> chi-square (Yates on 2x2), otherwise Fisher's exact.
import { chiSquareTest, mannWhitneyU, tTest } from './tests.js';
import { fisherExact } from './fisher.js';
import { mean, standardDeviation } from './descriptive.js';
import { shapiroWilk } from './normality.js';

export interface Table1Variable {
  name: string;
  label?: string;
  /** Inferred when omitted: numbers with more than 2 distinct values are continuous. */
  type?: 'continuous' | 'categorical';
}

export interface Table1Options {
  outcome: string;
  variables: (string | Table1Variable)[];
  /** Significance level of the normality pre-test (default 0.05). */
  alpha?: number;
  /** Smallest expected count for the chi-square test (default 5). */
  minExpected?: number;
  /** t test flavour when both groups look normal: true (default, as the paper) Student, false Welch. */
  equalVariance?: boolean;
  /** Outcome levels in display order (default: sorted). */
  groupOrder?: (string | number | boolean)[];
}

export interface Table1Test {
  name: 'Student t' | 'Welch t' | 'Mann-Whitney U' | 'chi-square' | 'chi-square (Yates)' | 'Fisher exact';
  statistic?: number;
  df?: number;
  pValue: number;
  /** Why this test was chosen. */
  reason: string;
}

export interface ContinuousSummary {
  n: number;
  mean: number;
  sd: number;
}

export interface LevelSummary {
  level: string;
  total: { n: number; proportion: number };
  groups: { n: number; proportion: number }[];
}

export interface Table1Row {
  variable: string;
  label: string;
  type: 'continuous' | 'categorical';
  /** Rows left out because this variable is missing there. */
  missing: number;
  total?: ContinuousSummary;
  groups?: ContinuousSummary[];
  levels?: LevelSummary[];
  /** null when no test is possible (the reason is then in `note`). */
  test: Table1Test | null;
  note?: string;
}

export interface Table1Result {
  outcome: string;
  groups: { level: string; n: number }[];
  n: number;
  rows: Table1Row[];
}

const isMissing = (v: unknown) => v === null || v === undefined || v === '' || v === 'NA' || (typeof v === 'number' && Number.isNaN(v));
const sortLevels = (levels: string[]) => levels.sort((a, b) => (isFinite(+a) && isFinite(+b) ? +a - +b : a < b ? -1 : a > b ? 1 : 0));

export function table1(rows: Record<string, unknown>[], options: Table1Options): Table1Result {
  if (!Array.isArray(rows) || rows.length === 0) throw new Error('table1: no rows given');
  const { outcome } = options;
  const alpha = options.alpha ?? 0.05;
  const minExpected = options.minExpected ?? 5;
  const kept = rows.filter((r) => !isMissing(r[outcome]));
  if (kept.length === 0) throw new Error(`table1: outcome "${outcome}" is missing in every row`);
  const found = sortLevels(Array.from(new Set(kept.map((r) => String(r[outcome])))));
  const order = options.groupOrder ? options.groupOrder.map(String) : found;
  if (found.length !== 2 || order.length !== 2 || !found.every((l) => order.includes(l))) {
    throw new Error(`table1: outcome "${outcome}" must have exactly two levels (found ${found.join(', ')})`);
  }
  const groupOf = (r: Record<string, unknown>) => order.indexOf(String(r[outcome]));
  const result: Table1Result = {
    outcome,
    groups: order.map((level) => ({ level, n: kept.filter((r) => String(r[outcome]) === level).length })),
    n: kept.length,
    rows: [],
  };
  for (const spec of options.variables) {
    const v: Table1Variable = typeof spec === 'string' ? { name: spec } : spec;
    const present = kept.filter((r) => !isMissing(r[v.name]));
    const type = v.type ?? inferType(present.map((r) => r[v.name]));
    const base = { variable: v.name, label: v.label ?? v.name, type, missing: kept.length - present.length };
    result.rows.push(type === 'continuous'
      ? continuousRow(base, present, v.name, groupOf, alpha, options.equalVariance ?? true)
      : categoricalRow(base, present, v.name, groupOf, minExpected));
  }
  return result;
}

function inferType(values: unknown[]): 'continuous' | 'categorical' {
  const numeric = values.every((x) => typeof x === 'number' || (typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x))));
  return numeric && new Set(values.map(Number)).size > 2 ? 'continuous' : 'categorical';
}

type Base = Pick<Table1Row, 'variable' | 'label' | 'type' | 'missing'>;

function continuousRow(base: Base, rows: Record<string, unknown>[], name: string, groupOf: (r: Record<string, unknown>) => number, alpha: number, equalVariance: boolean): Table1Row {
  const values = rows.map((r) => {
    const x = typeof r[name] === 'number' ? (r[name] as number) : Number(r[name]);
    if (!Number.isFinite(x)) throw new Error(`table1: variable "${name}" has the non-numeric value ${JSON.stringify(r[name])}`);
    return x;
  });
  const byGroup: number[][] = [[], []];
  values.forEach((x, i) => byGroup[groupOf(rows[i])].push(x));
  const summary = (xs: number[]): ContinuousSummary => ({ n: xs.length, mean: xs.length ? mean(xs) : NaN, sd: xs.length > 1 ? standardDeviation(xs) : NaN });
  const row: Table1Row = { ...base, total: summary(values), groups: byGroup.map(summary), test: null };
  if (byGroup.some((g) => g.length < 2)) return { ...row, note: 'a group has fewer than 2 values: no test' };
  const normality = byGroup.map((g) => (g.length >= 3 && g.length <= 5000 && new Set(g).size > 1 ? shapiroWilk(g).pValue : null));
  const normal = normality.every((p, i) => (p === null ? byGroup[i].length > 5000 : p > alpha));
  try {
    if (normal) {
      const t = tTest(byGroup[0], byGroup[1], { equalVariance });
      const ps = normality.map((p) => (p === null ? 'n > 5000' : p.toPrecision(3))).join(', ');
      return { ...row, test: { name: t.method, statistic: t.statistic, df: t.df, pValue: t.pValue, reason: `Shapiro-Wilk p > ${alpha} in both groups (${ps})` } };
    }
    const u = mannWhitneyU(byGroup[0], byGroup[1]);
    const g = normality.findIndex((p) => p === null || p <= alpha);
    const why = normality[g] === null ? `group ${g + 1} cannot be tested for normality (n < 3 or constant)` : `Shapiro-Wilk p = ${normality[g]!.toPrecision(3)} <= ${alpha} in group ${g + 1}`;
    return { ...row, test: { name: 'Mann-Whitney U', statistic: u.statistic, pValue: u.pValue, reason: why } };
  } catch (err) {
    return { ...row, note: `no test: ${(err as Error).message}` };
  }
}

function categoricalRow(base: Base, rows: Record<string, unknown>[], name: string, groupOf: (r: Record<string, unknown>) => number, minExpected: number): Table1Row {
  const levels = sortLevels(Array.from(new Set(rows.map((r) => String(r[name])))));
  const counts = levels.map(() => [0, 0]);
  rows.forEach((r) => counts[levels.indexOf(String(r[name]))][groupOf(r)]++);
  const groupN = [0, 1].map((g) => counts.reduce((s, c) => s + c[g], 0));
  const summaries: LevelSummary[] = levels.map((level, i) => ({
    level,
    total: { n: counts[i][0] + counts[i][1], proportion: (counts[i][0] + counts[i][1]) / rows.length },
    groups: [0, 1].map((g) => ({ n: counts[i][g], proportion: groupN[g] ? counts[i][g] / groupN[g] : NaN })),
  }));
  const row: Table1Row = { ...base, levels: summaries, test: null };
  if (levels.length < 2) return { ...row, note: 'only one level observed: no test' };
  if (groupN.some((n) => n === 0)) return { ...row, note: 'a group has no values: no test' };
  const chi = chiSquareTest(counts);
  if (chi.minExpected >= minExpected) {
    const name2 = chi.yates ? 'chi-square (Yates)' : 'chi-square';
    return { ...row, test: { name: name2, statistic: chi.statistic, df: chi.df, pValue: chi.pValue, reason: `all expected counts >= ${minExpected} (min ${chi.minExpected.toPrecision(3)})` } };
  }
  const reason = `an expected count is below ${minExpected} (min ${chi.minExpected.toPrecision(3)})`;
  try {
    return { ...row, test: { name: 'Fisher exact', pValue: fisherExact(counts).pValue, reason } };
  } catch (err) {
    // table too large for exact enumeration: report the chi-square and say so
    return { ...row, test: { name: chi.yates ? 'chi-square (Yates)' : 'chi-square', statistic: chi.statistic, df: chi.df, pValue: chi.pValue, reason: `${reason}, but ${(err as Error).message}` } };
  }
}

/** Table 1 as text lines: "label  total  group1  group2  p  test". */
export function formatTable1(table: Table1Result, digits = 2): string[] {
  const fmtP = (p: number) => (p < 0.001 ? '<0.001' : p.toFixed(3));
  const header = ['Characteristic', `Total (n=${table.n})`, ...table.groups.map((g) => `${table.outcome}=${g.level} (n=${g.n})`), 'p', 'test'];
  const lines = [header.join('\t')];
  for (const row of table.rows) {
    const p = row.test ? fmtP(row.test.pValue) : '';
    const test = row.test?.name ?? row.note ?? '';
    if (row.type === 'continuous') {
      const ms = (s: ContinuousSummary) => `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}`;
      lines.push([row.label, ms(row.total!), ...row.groups!.map(ms), p, test].join('\t'));
      continue;
    }
    const np = (s: { n: number; proportion: number }) => `${s.n} (${s.proportion.toFixed(4)})`;
    // a binary variable shows its second (e.g. "1" / "yes") level only, as the paper does
    const shown = row.levels!.length === 2 ? [row.levels![1]] : row.levels!;
    shown.forEach((l, i) => {
      const label = row.levels!.length === 2 ? `${row.label} = ${l.level}` : `${row.label}: ${l.level}`;
      lines.push([label, np(l.total), ...l.groups.map(np), i === 0 ? p : '', i === 0 ? test : ''].join('\t'));
    });
  }
  return lines;
}
