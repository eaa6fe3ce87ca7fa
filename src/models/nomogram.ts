// Points nomogram of a logistic model as rms::nomogram(fit, fun = plogis, lp = TRUE, maxscale) builds it
// for linear main effects: every variable's contribution b_j x is shifted to start at 0 on its axis and
// scaled so the variable with the largest |b_j| x range spans maxScale points; points are linear in the
// linear predictor, so total points map back to lp = lpAtZeroPoints + total / pointsPerUnitLp.
import { extent } from './linalg.js';
import { prettyTicks } from './nomogram-ticks.js';

/** Any fitted logistic model: logisticRegression's result fits this shape. */
export interface NomogramModel {
  intercept: number;
  coefficients: Record<string, number>;
  /** Observed [min, max] per variable, for default axes. */
  ranges?: Record<string, [number, number]>;
  /** Fitted linear predictors, for the default lp axis (rms: pretty(range(fit$linear.predictors))). */
  linearPredictor?: number[];
}

export interface NomogramOptions {
  /** Values shown on each variable's axis (default: pretty ticks over the observed range). */
  axes?: Record<string, number[]>;
  /** Points of the widest variable (rms maxscale, default 100). */
  maxScale?: number;
  /** Probabilities on the risk axis (rms fun.at; default pretty ticks over plogis(range(lpAt))). */
  riskAt?: number[];
  /** Linear-predictor values on the lp axis (rms lp.at; default pretty ticks over the fitted lp range). */
  lpAt?: number[];
  /** Ticks of the total-points axis (default as rms: pretty(0 .. points of max(lpAt)), at least maxScale). */
  totalPointsAt?: number[];
  /**
   * Where a risk lands: 'rms' (default) inverts plogis as rms does, by linear interpolation on 1000
   * lp values spanning lpAt (risks outside that span are dropped); 'exact' uses qlogis.
   */
  riskInverse?: 'rms' | 'exact';
}

export interface NomogramAxis {
  name: string;
  coefficient: number;
  values: number[];
  points: number[];
}

export interface Nomogram {
  maxScale: number;
  pointsPerUnitLp: number;
  lpPerPoint: number;
  /** Linear predictor when every variable sits at its zero-points end. */
  lpAtZeroPoints: number;
  maxTotalPoints: number;
  variables: NomogramAxis[];
  totalPointsAt: number[];
  lpAxis: { lp: number[]; points: number[] };
  riskAxis: { risk: number[]; points: number[] };
}

export interface NomogramScore {
  points: Record<string, number>;
  totalPoints: number;
  lp: number;
  risk: number;
}

const plogis = (lp: number) => 1 / (1 + Math.exp(-lp));

/** rms: approx(plogis(grid), grid, risks) over seq(min(lpAt), max(lpAt), length.out = 1000). */
function rmsInverse(risks: number[], lpAt: number[]): number[] {
  const lo = Math.min(...lpAt), hi = Math.max(...lpAt);
  const by = (hi - lo) / 999;
  const grid = Array.from({ length: 1000 }, (_, i) => (i === 999 ? hi : lo + i * by));
  const fu = grid.map(plogis);
  return risks.map((r) => {
    if (!(r >= fu[0] && r <= fu[999])) return NaN;
    let i = 0;
    while (i < 998 && fu[i + 1] < r) i++;
    return grid[i] + (grid[i + 1] - grid[i]) * ((r - fu[i]) / (fu[i + 1] - fu[i]));
  });
}

function finiteList(values: unknown, what: string): number[] {
  if (!Array.isArray(values) || values.length === 0) throw new Error(`${what}: expected a non-empty array of numbers`);
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${what}[${i}] = ${String(v)} is not a finite number`);
  });
  return [...values];
}

/** nomogram(fit, {axes, maxScale: 100}): points per variable value, the lp axis and the total-points-to-risk axis. */
export function nomogram(fit: NomogramModel, opts: NomogramOptions = {}): Nomogram {
  if (!fit || !Number.isFinite(fit.intercept) || !fit.coefficients) throw new Error('nomogram: fit needs a finite intercept and coefficients');
  const maxScale = opts.maxScale ?? 100;
  if (!(maxScale > 0) || !Number.isFinite(maxScale)) throw new Error(`maxScale: ${maxScale} must be a positive number`);
  const names = Object.keys(fit.coefficients);
  if (!names.length) throw new Error('nomogram: the model has no variables');
  for (const name of Object.keys(opts.axes ?? {})) if (!names.includes(name)) throw new Error(`axes.${name}: not a variable of the model (${names.join(', ')})`);
  const axes = names.map((name) => {
    const coefficient = fit.coefficients[name];
    if (!Number.isFinite(coefficient)) throw new Error(`coefficient of ${name} is ${coefficient}`);
    let values = opts.axes?.[name];
    if (values) values = finiteList(values, `axes.${name}`);
    else {
      const range = fit.ranges?.[name];
      if (!range) throw new Error(`axes.${name}: no axis values given and the model has no observed range for it`);
      values = prettyTicks(range[0], range[1], 10);
    }
    const contributions = values.map((v) => coefficient * v);
    return { name, coefficient, values, low: Math.min(...contributions), high: Math.max(...contributions) };
  });
  const widest = Math.max(...axes.map((a) => a.high - a.low));
  if (!(widest > 0)) throw new Error('nomogram: every variable contributes a constant (zero coefficients or single-value axes)');
  const scale = maxScale / widest;
  const lpAtZeroPoints = fit.intercept + axes.reduce((s, a) => s + a.low, 0);
  const maxTotalPoints = axes.reduce((s, a) => s + (a.high - a.low) * scale, 0);
  const toPoints = (lp: number) => (lp - lpAtZeroPoints) * scale;
  const lpMax = lpAtZeroPoints + maxTotalPoints / scale;

  let lpValues: number[];
  if (opts.lpAt) lpValues = finiteList(opts.lpAt, 'lpAt');
  else if (fit.linearPredictor?.length) lpValues = prettyTicks(...extent(fit.linearPredictor), 10);
  else lpValues = prettyTicks(lpAtZeroPoints, lpMax, 10);
  let risks: number[];
  if (opts.riskAt) {
    risks = finiteList(opts.riskAt, 'riskAt');
    risks.forEach((r, i) => {
      if (!(r > 0 && r < 1)) throw new Error(`riskAt[${i}] = ${r} is not a probability in (0, 1)`);
    });
  } else {
    risks = prettyTicks(plogis(Math.min(...lpValues)), plogis(Math.max(...lpValues)), 10).filter((r) => r > 0 && r < 1);
  }
  const riskLp = opts.riskInverse === 'exact' ? risks.map((r) => Math.log(r / (1 - r))) : rmsInverse(risks, lpValues);
  const kept = risks.map((_, i) => i).filter((i) => !Number.isNaN(riskLp[i]));
  const sumMax = axes.length === 1 ? maxScale : Math.max(maxScale, scale * (Math.max(...lpValues) - lpAtZeroPoints));
  const totalPointsAt = opts.totalPointsAt ? finiteList(opts.totalPointsAt, 'totalPointsAt') : prettyTicks(0, sumMax, 10);
  return {
    maxScale,
    pointsPerUnitLp: scale,
    lpPerPoint: 1 / scale,
    lpAtZeroPoints,
    maxTotalPoints,
    variables: axes.map((a) => ({ name: a.name, coefficient: a.coefficient, values: a.values, points: a.values.map((v) => (a.coefficient * v - a.low) * scale) })),
    totalPointsAt,
    lpAxis: { lp: lpValues, points: lpValues.map(toPoints) },
    riskAxis: { risk: kept.map((i) => risks[i]), points: kept.map((i) => toPoints(riskLp[i])) },
  };
}

/** Points, total points, linear predictor and risk of one case (values may lie off the axes). */
export function nomogramScore(nomo: Nomogram, values: Record<string, number>): NomogramScore {
  const points: Record<string, number> = {};
  let totalPoints = 0;
  for (const v of nomo.variables) {
    const x = values[v.name];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`nomogramScore: value of ${v.name} is ${String(x)}`);
    const low = Math.min(...v.values.map((a) => v.coefficient * a));
    points[v.name] = (v.coefficient * x - low) * nomo.pointsPerUnitLp;
    totalPoints += points[v.name];
  }
  const lp = nomo.lpAtZeroPoints + totalPoints / nomo.pointsPerUnitLp;
  return { points, totalPoints, lp, risk: plogis(lp) };
}

/** R's default printing of a number to 7 significant digits. */
function signif7(x: number): string {
  return String(Number(x.toPrecision(7)));
}

/** R's format() of a numeric column: 7 significant digits, one common number of decimals. */
function formatColumn(values: number[]): string[] {
  const decimals = Math.max(0, ...values.map((v) => (signif7(v).split('.')[1] ?? '').length));
  return values.map((v) => v.toFixed(decimals));
}

/** A text table like print(nomogram): scale, then points (rounded) per value and total points per risk. */
export function formatNomogram(nomo: Nomogram): string {
  const lines = [`Points per unit of linear predictor: ${signif7(nomo.pointsPerUnitLp)}`, `Linear predictor units per point   : ${signif7(nomo.lpPerPoint)}`, ''];
  const table = (header: [string, string], left: string[], right: string[]) => {
    const w0 = Math.max(header[0].length, ...left.map((s) => s.length));
    const w1 = Math.max(header[1].length, ...right.map((s) => s.length));
    lines.push('', ` ${header[0].padStart(w0)} ${header[1].padStart(w1)}`);
    left.forEach((l, i) => lines.push(` ${l.padStart(w0)} ${right[i].padStart(w1)}`));
    lines.push('');
  };
  for (const v of nomo.variables) table([v.name, 'Points'], formatColumn(v.values), v.points.map((p) => String(Math.round(p))));
  table(['Total Points', 'Risk'], nomo.riskAxis.points.map((p) => String(Math.round(p))), formatColumn(nomo.riskAxis.risk));
  return lines.join('\n') + '\n';
}
