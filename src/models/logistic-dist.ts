// Normal and chi-square tail probabilities to ~1e-15 relative, for Wald and likelihood-ratio p-values:
// both are regularized upper incomplete gamma functions Q(a, x) with a a multiple of 1/2.

/** log Gamma(a) for a = k/2 (k >= 1 integer), by recursion from Gamma(1/2) = sqrt(pi) and Gamma(1) = 1. */
function logGammaHalfInteger(a: number): number {
  if (!(a > 0) || !Number.isInteger(2 * a)) throw new Error(`logGammaHalfInteger: ${a} is not a positive multiple of 1/2`);
  let s = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
  for (let t = Number.isInteger(a) ? 1 : 0.5; t < a; t++) s += Math.log(t);
  return s;
}

/** Regularized lower incomplete gamma P(a, x) by its power series (for x < a + 1). */
function gammaSeriesP(a: number, x: number, logGammaA: number): number {
  let term = 1 / a, sum = term;
  for (let n = 1; n < 10000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGammaA);
}

/** Regularized upper incomplete gamma Q(a, x) by its continued fraction, Lentz's method (x >= a + 1). */
function gammaContinuedFractionQ(a: number, x: number, logGammaA: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGammaA) * h;
}

/** Q(a, x) = Gamma(a, x) / Gamma(a) for half-integer a. */
function upperGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const lg = logGammaHalfInteger(a);
  return x < a + 1 ? 1 - gammaSeriesP(a, x, lg) : gammaContinuedFractionQ(a, x, lg);
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const q = upperGammaQ(0.5, (z * z) / 2) / 2; // P(|Z| > |z|) = Q(1/2, z^2/2)
  return z >= 0 ? q : 1 - q;
}

/** Two-sided p = P(|Z| > |z|). */
export function normalTwoSidedP(z: number): number {
  return Number.isNaN(z) ? NaN : upperGammaQ(0.5, (z * z) / 2);
}

/** P(X > x) for X chi-square with integer df. */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error(`chi-square: df = ${df} must be a positive integer`);
  return upperGammaQ(df / 2, x / 2);
}

/** Standard normal quantile: a rational start (Abramowitz & Stegun 26.2.23) polished by Newton steps. */
export function normalQuantile(prob: number): number {
  if (!(prob > 0 && prob < 1)) throw new Error(`normal quantile: probability ${prob} must be in (0, 1)`);
  const upper = prob > 0.5;
  const pt = upper ? 1 - prob : prob;
  const t = Math.sqrt(-2 * Math.log(pt));
  let z = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (let i = 0; i < 4; i++) {
    const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    z -= (1 - normalUpperTail(z) - pt) / density; // Newton on Phi(z) = pt (lower tail, z < 0)
  }
  return upper ? -z : z;
}
