// Shapiro-Wilk normality test with Royston's (1992, 1995; algorithm AS R94) approximations for the
// coefficients and the p-value, valid for 3 <= n <= 5000 (R shapiro.test, scipy.stats.shapiro).
import { normalQuantile, normalSf } from './distributions.js';
import { finiteValues } from './descriptive.js';

export interface ShapiroWilkResult {
  statistic: number;
  pValue: number;
}

/** Polynomial c0 + c1 x + c2 x² + … */
function poly(c: readonly number[], x: number): number {
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * x + c[i];
  return s;
}

// Royston's polynomial approximations (AS R94).
const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056]; // a_n correction in u = 1/sqrt(n)
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633]; // a_{n-1} correction
const G = [-2.273, 0.459]; // gamma(n), n <= 11
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4]; // mean of -ln(gamma - ln(1-W)), n <= 11
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322]; // ln sd, n <= 11
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915]; // mean of ln(1-W) in ln n, n >= 12
const C6 = [-0.4803, -0.082676, 0.0030302]; // ln sd in ln n, n >= 12

/** Shapiro-Wilk W = (Σ a_i x_(i))² / Σ (x - x̄)² and its p-value. */
export function shapiroWilk(values: ArrayLike<number>): ShapiroWilkResult {
  const x = finiteValues(values, 'shapiroWilk: values').sort((a, b) => a - b);
  const n = x.length;
  if (n < 3) throw new Error(`shapiroWilk: needs at least 3 values, got ${n}`);
  if (n > 5000) throw new Error(`shapiroWilk: ${n} values; the approximation holds for n <= 5000`);
  if (x[n - 1] === x[0]) throw new Error('shapiroWilk: all values are equal; normality cannot be tested');
  const half = Math.floor(n / 2);
  // a[i] is the coefficient of x_(n-i) - x_(i), i = 0..half-1
  const a = new Float64Array(half);
  if (n === 3) a[0] = Math.SQRT1_2;
  else {
    const m = new Float64Array(half);
    let sumM2 = 0;
    for (let i = 0; i < half; i++) {
      m[i] = normalQuantile((i + 1 - 0.375) / (n + 0.25)); // negative: the lower expected order statistics
      sumM2 += m[i] * m[i];
    }
    sumM2 *= 2;
    const rootM2 = Math.sqrt(sumM2);
    const u = 1 / Math.sqrt(n);
    const a1 = poly(C1, u) - m[0] / rootM2;
    let first: number, scale: number;
    if (n > 5) {
      const a2 = poly(C2, u) - m[1] / rootM2;
      scale = Math.sqrt((sumM2 - 2 * m[0] * m[0] - 2 * m[1] * m[1]) / (1 - 2 * a1 * a1 - 2 * a2 * a2));
      a[1] = a2;
      first = 2;
    } else {
      scale = Math.sqrt((sumM2 - 2 * m[0] * m[0]) / (1 - 2 * a1 * a1));
      first = 1;
    }
    a[0] = a1;
    for (let i = first; i < half; i++) a[i] = -m[i] / scale;
  }
  let mean = 0;
  for (const v of x) mean += v / n;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  let num = 0;
  for (let i = 0; i < half; i++) num += a[i] * (x[n - 1 - i] - x[i]);
  const w = Math.min(1, (num * num) / ss);
  return { statistic: w, pValue: shapiroWilkP(w, n) };
}

function shapiroWilkP(w: number, n: number): number {
  if (n === 3) {
    // exact: p = 6/π (asin(sqrt(W)) - asin(sqrt(3/4)))
    return Math.max(0, Math.min(1, (6 / Math.PI) * (Math.asin(Math.sqrt(w)) - Math.PI / 3)));
  }
  if (w >= 1) return 1;
  let y = Math.log(1 - w);
  let mu: number, sigma: number;
  if (n <= 11) {
    const gamma = poly(G, n);
    if (y >= gamma) return 1e-99; // beyond the approximation's range: W is extremely small
    y = -Math.log(gamma - y);
    mu = poly(C3, n);
    sigma = Math.exp(poly(C4, n));
  } else {
    const ln = Math.log(n);
    mu = poly(C5, ln);
    sigma = Math.exp(poly(C6, ln));
  }
  return normalSf((y - mu) / sigma);
}
