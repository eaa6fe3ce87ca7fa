// Fisher's exact test for r x c tables (R fisher.test; scipy fisher_exact for 2x2) and the conditional
// maximum-likelihood odds ratio of a 2x2 table. The exact enumeration is in fisherNetwork.ts.
import { checkTable } from './tests.js';
import { logFactorial } from './special.js';
import { fisherNetworkP } from './fisherNetwork.js';

export interface FisherResult {
  pValue: number;
  /** 2x2 only: conditional maximum-likelihood odds ratio (R fisher.test's estimate). */
  oddsRatio?: number;
  /** 2x2 only: sample odds ratio (a d) / (b c) (scipy fisher_exact's statistic). */
  sampleOddsRatio?: number;
}

/** Enumeration steps before giving up (seconds of work). */
const DEFAULT_MAX_STEPS = 20_000_000;

/**
 * Two-sided Fisher exact test: the probability, with all margins fixed, of the tables no more likely than
 * the observed one (R fisher.test, which counts tables within relative 1e-7 of it as equally likely).
 * Tables too large to enumerate within maxSteps give an error naming the table.
 */
export function fisherExact(table: ArrayLike<ArrayLike<number>>, options: { maxSteps?: number } = {}): FisherResult {
  const counts = checkTable(table, 'fisherExact', true);
  const pValue = fisherNetworkP(counts, options.maxSteps ?? DEFAULT_MAX_STEPS);
  if (counts.length !== 2 || counts[0].length !== 2) return { pValue };
  const [[a, b], [c, d]] = counts;
  return { pValue, oddsRatio: conditionalOddsRatio(counts), sampleOddsRatio: (a * d) / (b * c) };
}

/**
 * Conditional MLE of the odds ratio of a 2x2 table: the ψ at which the mean of the noncentral
 * hypergeometric distribution of the [0][0] cell equals the observed count (0 or Infinity at the edges).
 */
function conditionalOddsRatio(counts: number[][]): number {
  const [[a, b], [c, d]] = counts;
  const m = a + c, n = b + d, k = a + b;
  const lo = Math.max(0, k - n), hi = Math.min(k, m);
  if (a === lo) return 0;
  if (a === hi) return Infinity;
  const support: number[] = [];
  const logWeights: number[] = [];
  for (let x = lo; x <= hi; x++) {
    support.push(x);
    // ln C(m, x) + ln C(n, k - x)
    logWeights.push(-logFactorial(x) - logFactorial(m - x) - logFactorial(k - x) - logFactorial(n - k + x));
  }
  // mean and variance of the cell at log odds ratio θ; the mean increases with θ (derivative = variance)
  const moments = (theta: number): [number, number] => {
    let top = -Infinity;
    const w = logWeights.map((lw, i) => lw + theta * support[i]);
    for (const v of w) top = Math.max(top, v);
    let z = 0, s1 = 0, s2 = 0;
    w.forEach((v, i) => {
      const p = Math.exp(v - top);
      z += p;
      s1 += p * support[i];
      s2 += p * support[i] * support[i];
    });
    const mu = s1 / z;
    return [mu, s2 / z - mu * mu];
  };
  let lower = -50, upper = 50, theta = Math.log((a * d) / (b * c) || 1);
  if (!Number.isFinite(theta)) theta = 0;
  for (let i = 0; i < 200; i++) {
    const [mu, v] = moments(theta);
    if (mu > a) upper = theta;
    else lower = theta;
    let next = theta - (mu - a) / v;
    if (!(next > lower && next < upper)) next = (lower + upper) / 2;
    if (Math.abs(next - theta) < 1e-15 * Math.max(1, Math.abs(theta))) return Math.exp(next);
    theta = next;
  }
  return Math.exp(theta);
}
