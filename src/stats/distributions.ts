// Normal, Student t, chi-square and F distributions: tails to full double precision (R's
// pnorm/pt/pchisq/pf with lower.tail = FALSE) and the quantiles the confidence intervals need (qnorm, qf).
import { betaIncomplete, gammaIncomplete, logBeta } from './special.js';

function requireFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new Error(`${what} must be a finite number (got ${value})`);
}

function requireDf(df: number, what: string): void {
  if (!(df > 0) || !Number.isFinite(df)) throw new Error(`${what} must be a positive finite number (got ${df})`);
}

function requireProbability(p: number, what: string): void {
  if (!(p > 0 && p < 1)) throw new Error(`${what} must lie strictly between 0 and 1 (got ${p})`);
}

/** Φ(z) (R pnorm(z)): Φ(z) = Q(1/2, z²/2) / 2 for z < 0, since erfc(t) = Q(1/2, t²). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) throw new Error('normalCdf: z is NaN');
  const tails = gammaIncomplete(0.5, (z * z) / 2);
  return z < 0 ? tails.upper / 2 : 0.5 + tails.lower / 2;
}

/** 1 - Φ(z) (R pnorm(z, lower.tail = FALSE)), precise far in the tail. */
export function normalSf(z: number): number {
  return normalCdf(-z);
}

/** Two-sided normal p-value 2 (1 - Φ(|z|)). */
export function normalTwoSidedP(z: number): number {
  requireFinite(z, 'z statistic');
  return gammaIncomplete(0.5, (z * z) / 2).upper;
}

/** Standard normal density φ(z) = exp(-z²/2) / sqrt(2π). */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * Φ⁻¹(p) (R qnorm(p)): a rational starting value (A&S 26.2.22, error < 3e-3) refined by Newton steps on
 * ln Φ(z) = ln p, which converge to the last bit because Φ itself is precise in the tail.
 */
export function normalQuantile(p: number): number {
  requireProbability(p, 'normalQuantile: p');
  if (p === 0.5) return 0;
  const lowerHalf = p < 0.5;
  const tail = lowerHalf ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(tail));
  let z = -(t - (2.30753 + 0.27061 * t) / (1 + 0.99229 * t + 0.04481 * t * t));
  const logTail = Math.log(tail);
  for (let i = 0; i < 100; i++) {
    const cdf = normalCdf(z);
    // d/dz ln Φ(z) = φ(z)/Φ(z)
    const step = (Math.log(cdf) - logTail) / (normalPdf(z) / cdf);
    z -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) break;
  }
  return lowerHalf ? z : -z;
}

/** P(T <= t) for Student's t with df degrees of freedom (R pt(t, df)). */
export function tCdf(t: number, df: number): number {
  requireFinite(t, 't statistic');
  requireDf(df, 't degrees of freedom');
  const half = tTwoSidedP(t, df) / 2;
  return t < 0 ? half : 1 - half;
}

/** Two-sided p = P(|T| >= |t|) = I_{df/(df+t²)}(df/2, 1/2). */
export function tTwoSidedP(t: number, df: number): number {
  requireFinite(t, 't statistic');
  requireDf(df, 't degrees of freedom');
  const t2 = t * t;
  return betaIncomplete(df / (df + t2), t2 / (df + t2), df / 2, 0.5).lower;
}

/** P(X > x) for chi-square with df degrees of freedom (R pchisq(x, df, lower.tail = FALSE)). */
export function chiSquareSf(x: number, df: number): number {
  requireDf(df, 'chi-square degrees of freedom');
  if (Number.isNaN(x)) throw new Error('chi-square statistic is NaN');
  if (x <= 0) return 1;
  return gammaIncomplete(df / 2, x / 2).upper;
}

/** P(F > f) for the F distribution (R pf(f, df1, df2, lower.tail = FALSE)) = I_{d2/(d2+d1 f)}(d2/2, d1/2). */
export function fSf(f: number, df1: number, df2: number): number {
  requireDf(df1, 'F numerator degrees of freedom');
  requireDf(df2, 'F denominator degrees of freedom');
  if (Number.isNaN(f)) throw new Error('F statistic is NaN');
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const denom = df2 + df1 * f;
  return betaIncomplete(df2 / denom, (df1 * f) / denom, df2 / 2, df1 / 2).lower;
}

/**
 * Quantile of Beta(a, b) given the lower-tail probability p and upper-tail probability q = 1 - p (both
 * passed so neither is formed by cancellation). Returns [x, 1 - x], each accurate: when x > 1/2 the
 * complement is solved for directly from Beta(b, a).
 */
export function betaQuantile(p: number, q: number, a: number, b: number): [number, number] {
  requireProbability(p, 'betaQuantile: p');
  requireDf(a, 'beta shape a');
  requireDf(b, 'beta shape b');
  const x = solveBetaQuantile(p, q, a, b);
  if (x <= 0.5) return [x, 1 - x];
  const y = solveBetaQuantile(q, p, b, a);
  return [1 - y, y];
}

/** Safeguarded Newton for I_x(a, b) = p, matching whichever tail (p or q) is smaller. */
function solveBetaQuantile(p: number, q: number, a: number, b: number): number {
  const matchLower = p <= q;
  const logNorm = logBeta(a, b);
  let lo = 0;
  let hi = 1;
  let x = a / (a + b);
  for (let i = 0; i < 2000; i++) {
    const tails = betaIncomplete(x, 1 - x, a, b);
    // increasing in x; zero at the quantile
    const diff = matchLower ? tails.lower - p : q - tails.upper;
    if (diff === 0) break;
    if (diff > 0) hi = x;
    else lo = x;
    const logPdf = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logNorm;
    let next = x - diff / Math.exp(logPdf);
    if (!(next > lo && next < hi)) {
      // Newton left the bracket: bisect, geometrically when the bracket spans decades near 0.
      next = lo > 0 && hi / lo > 1e3 ? Math.sqrt(lo * hi) : lo === 0 && hi < 1e-3 ? hi / 1e3 : (lo + hi) / 2;
    }
    const done = Math.abs(next - x) <= 2e-16 * x || hi - lo <= 4e-16 * hi;
    x = next;
    if (done) break;
  }
  return x;
}

/** Quantile of F(df1, df2) at upper-tail probability `upper` (R qf(1 - upper, df1, df2)). */
export function fQuantileUpper(upper: number, df1: number, df2: number): number {
  requireProbability(upper, 'F quantile tail probability');
  requireDf(df1, 'F numerator degrees of freedom');
  requireDf(df2, 'F denominator degrees of freedom');
  // X = d1 F / (d1 F + d2) ~ Beta(d1/2, d2/2), so F = d2 X / (d1 (1 - X)).
  const [x, y] = betaQuantile(1 - upper, upper, df1 / 2, df2 / 2);
  return (df2 * x) / (df1 * y);
}
