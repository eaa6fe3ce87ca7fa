// Hosmer-Lemeshow goodness of fit and calibration tables (ResourceSelection::hoslem.test /
// performance::performance_hosmer for quantile groups; numpy.array_split for equal-size groups).
import { chiSquareSf } from './distributions.js';
import { binaryLabels, finiteValues, quantileSorted, sameLength } from './descriptive.js';

export interface CalibrationGroup {
  group: number;
  /** R cut() label of the probability interval, e.g. "(0.0554,0.0768]" (quantile groups only). */
  interval?: string;
  lower: number;
  upper: number;
  n: number;
  meanPredicted: number;
  observedRate: number;
  observedEvents: number;
  expectedEvents: number;
}

export type Grouping = 'quantile' | 'equal';

/** Checked 0/1 labels and probabilities in [0, 1]. */
export function labelsAndProbs(labels: ArrayLike<number | boolean>, probs: ArrayLike<number>, what: string, allowOneClass = true): { y: Uint8Array; p: number[] } {
  sameLength(labels, probs, `${what}: labels`, 'probs');
  const y = binaryLabels(labels, `${what}: labels`, allowOneClass);
  const p = finiteValues(probs, `${what}: probs`);
  p.forEach((v, i) => {
    if (v < 0 || v > 1) throw new Error(`${what}: probability ${i} is ${v}, outside [0, 1]`);
  });
  return { y, p };
}

/** sprintf('%.<digits>g'), as R formatC(x, digits, width = 1) prints cut() breaks. */
export function formatG(x: number, digits: number): string {
  if (x === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(digits)))));
  if (exponent < -4 || exponent >= digits) {
    const [mantissa, exp] = x.toExponential(digits - 1).split('e');
    const e = Number(exp);
    return `${stripZeros(mantissa)}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return stripZeros(x.toFixed(Math.max(0, digits - 1 - exponent)));
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** R cut() labels: 3 significant digits, more until adjacent breaks print differently. */
function cutLabels(breaks: number[]): string[] {
  let printed = breaks.map((b) => formatG(b, 3));
  for (let digits = 3; digits <= 12; digits++) {
    printed = breaks.map((b) => formatG(b, digits));
    if (printed.every((s, i) => i === 0 || s !== printed[i - 1])) break;
  }
  return printed.slice(1).map((hi, i) => `${i === 0 ? '[' : '('}${printed[i]},${hi}]`);
}

function summarise(members: number[][], y: Uint8Array, p: number[], bounds: [number, number][], labels?: string[]): CalibrationGroup[] {
  return members.map((idx, g) => {
    let observed = 0, expected = 0;
    for (const i of idx) {
      observed += y[i];
      expected += p[i];
    }
    const n = idx.length;
    return {
      group: g + 1,
      ...(labels ? { interval: labels[g] } : {}),
      lower: bounds[g][0],
      upper: bounds[g][1],
      n,
      meanPredicted: expected / n,
      observedRate: observed / n,
      observedEvents: observed,
      expectedEvents: expected,
    };
  });
}

/**
 * Quantile groups: breaks at R quantile(p, (0:g)/g) (type 7), then cut(include.lowest = TRUE), so the first
 * interval is [b0, b1] and the others (b_k-1, b_k]. Coinciding breaks are merged (fewer groups).
 */
export function quantileGroups(y: Uint8Array, p: number[], groups: number): CalibrationGroup[] {
  const sorted = p.slice().sort((a, b) => a - b);
  const breaks: number[] = [];
  for (let k = 0; k <= groups; k++) {
    const b = quantileSorted(sorted, k / groups);
    if (k === 0 || b !== breaks[breaks.length - 1]) breaks.push(b);
  }
  if (breaks.length < 2) throw new Error('calibration: all predicted probabilities are equal; they cannot be grouped');
  const members: number[][] = breaks.slice(1).map(() => []);
  p.forEach((v, i) => {
    let g = 0;
    while (g < members.length - 1 && v > breaks[g + 1]) g++;
    members[g].push(i);
  });
  const bounds = members.map((_, g) => [breaks[g], breaks[g + 1]] as [number, number]);
  return summarise(members, y, p, bounds, cutLabels(breaks));
}

/** Equal-size groups: stable sort by p, then the first n % g groups get one more member (numpy.array_split). */
export function equalSizeGroups(y: Uint8Array, p: number[], groups: number): CalibrationGroup[] {
  if (p.length < groups) throw new Error(`calibration: ${p.length} observations cannot fill ${groups} groups`);
  const order = p.map((_, i) => i).sort((i, j) => p[i] - p[j] || i - j);
  const base = Math.floor(p.length / groups), extra = p.length % groups;
  const members: number[][] = [];
  for (let g = 0, start = 0; g < groups; g++) {
    const size = base + (g < extra ? 1 : 0);
    members.push(order.slice(start, start + size));
    start += size;
  }
  const bounds = members.map((idx) => [p[idx[0]], p[idx[idx.length - 1]]] as [number, number]);
  return summarise(members, y, p, bounds);
}

export interface HosmerLemeshowResult {
  statistic: number;
  df: number;
  pValue: number;
  grouping: Grouping;
  groups: CalibrationGroup[];
}

/**
 * Hosmer-Lemeshow test, df = groups - 2. 'quantile' (default): X² = Σ_g [(O1-E1)²/E1 + (O0-E0)²/E0] over
 * events and non-events (hoslem.test); 'equal': X² = Σ_g (O-E)² / (E (1 - E/n_g)).
 */
export function hosmerLemeshow(
  labels: ArrayLike<number | boolean>,
  probs: ArrayLike<number>,
  options: { groups?: number; grouping?: Grouping } = {},
): HosmerLemeshowResult {
  const g = options.groups ?? 10;
  const grouping = options.grouping ?? 'quantile';
  if (!Number.isInteger(g) || g < 3) throw new Error(`hosmerLemeshow: groups = ${g}; need an integer of at least 3`);
  if (grouping !== 'quantile' && grouping !== 'equal') throw new Error(`hosmerLemeshow: unknown grouping "${String(grouping)}"; use 'quantile' or 'equal'`);
  const { y, p } = labelsAndProbs(labels, probs, 'hosmerLemeshow');
  const groups = grouping === 'quantile' ? quantileGroups(y, p, g) : equalSizeGroups(y, p, g);
  if (groups.length < 3) throw new Error(`hosmerLemeshow: only ${groups.length} distinct probability groups could be formed; need at least 3`);
  let statistic = 0;
  for (const grp of groups) {
    const e1 = grp.expectedEvents, o1 = grp.observedEvents, e0 = grp.n - e1, o0 = grp.n - o1;
    if (!(e1 > 0) || !(e0 > 0)) throw new Error(`hosmerLemeshow: group ${grp.group} expects ${e1} events of ${grp.n}; every group needs 0 < E < n`);
    statistic += grouping === 'quantile' ? (o1 - e1) ** 2 / e1 + (o0 - e0) ** 2 / e0 : (o1 - e1) ** 2 / (e1 * (1 - e1 / grp.n));
  }
  const df = groups.length - 2;
  return { statistic, df, pValue: chiSquareSf(statistic, df), grouping, groups };
}

/**
 * Calibration curve: observed event rate vs mean predicted probability per bin. 'uniform' (default): equal-width
 * bins on [0, 1], right-closed, empty bins left out (sklearn calibration_curve); 'quantile' and 'equal': the HL groups.
 */
export function calibrationCurve(
  labels: ArrayLike<number | boolean>,
  probs: ArrayLike<number>,
  options: { bins?: number; strategy?: 'uniform' | Grouping } = {},
): CalibrationGroup[] {
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`calibrationCurve: bins = ${bins}; need a positive integer`);
  const { y, p } = labelsAndProbs(labels, probs, 'calibrationCurve');
  const strategy = options.strategy ?? 'uniform';
  if (strategy === 'quantile') return quantileGroups(y, p, bins);
  if (strategy === 'equal') return equalSizeGroups(y, p, bins);
  if (strategy !== 'uniform') throw new Error(`calibrationCurve: unknown strategy "${String(strategy)}"`);
  // edges k · (1/bins) as numpy.linspace forms them; bins are (e_k, e_k+1], the first closed (searchsorted 'left')
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? 1 : k * (1 / bins)));
  const members: number[][] = Array.from({ length: bins }, () => []);
  p.forEach((v, i) => {
    let b = 0;
    while (b < bins - 1 && edges[b + 1] < v) b++;
    members[b].push(i);
  });
  const bounds = members.map((_, b) => [edges[b], edges[b + 1]] as [number, number]);
  const kept = members.map((m, b) => [m, b] as const).filter(([m]) => m.length > 0);
  return summarise(kept.map(([m]) => m), y, p, kept.map(([, b]) => bounds[b])).map((g, i) => ({ ...g, group: kept[i][1] + 1 }));
}
