// Special functions behind the distribution tails: log-gamma and the regularized incomplete gamma and
// beta functions. Written from their series / continued-fraction definitions (Abramowitz & Stegun 6.1.40,
// 6.5.29, 6.5.31, 26.5.8) and evaluated so that *both* tails keep full relative precision: a p-value of
// 1e-55 must not be 1 - (1 - 1e-55).

const LOG_SQRT_2PI = 0.9189385332046728; // ln(sqrt(2*pi))
const MAX_ITER = 100000;
const TINY = 1e-300;
const EPSILON = 2.220446049250313e-16;

/** Stirling series coefficients B_2k / (2k (2k-1)), k = 1..7 (Bernoulli numbers). */
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156];

/** ln Γ(x) for x > 0: Stirling's series above 15, upward recurrence Γ(x) = Γ(x+k) / (x (x+1) … (x+k-1)) below. */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) {
    if (x === Infinity) return Infinity;
    throw new Error(`logGamma: argument ${x} must be a positive finite number`);
  }
  let shift = 0;
  let product = 1;
  while (x < 15) {
    product *= x;
    x += 1;
    shift++;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  let series = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) series = series * inv2 + STIRLING[k];
  const stirling = (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + series * inv;
  return shift ? stirling - Math.log(product) : stirling;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a+b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** ln n! for a non-negative integer n. */
export function logFactorial(n: number): number {
  return n < 2 ? 0 : logGamma(n + 1);
}

/** Both tails of a regularized function, each to full relative precision where it is small. */
export interface Tails {
  lower: number;
  upper: number;
}

/**
 * Regularized incomplete gamma P(a, x) (lower) and Q(a, x) = 1 - P (upper), a > 0, x >= 0.
 * Series for x < a + 1 (gives P), Lentz continued fraction otherwise (gives Q).
 */
export function gammaIncomplete(a: number, x: number): Tails {
  if (!(a > 0) || !(x >= 0) || !Number.isFinite(a)) throw new Error(`gammaIncomplete: need a > 0 and x >= 0 (got a = ${a}, x = ${x})`);
  if (x === 0) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // P = x^a e^-x / Γ(a+1) · Σ_n x^n / ((a+1)…(a+n))
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITER; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    const lower = Math.exp(logPrefix) * sum;
    return { lower, upper: 1 - lower };
  }
  // Q = x^a e^-x / Γ(a) · 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- …)))
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  const upper = Math.exp(logPrefix) * h;
  return { lower: 1 - upper, upper };
}

/**
 * Regularized incomplete beta I_x(a, b) (lower) and 1 - I_x(a, b) (upper). `y` must equal 1 - x but is
 * passed separately so callers can form it without cancellation (e.g. x = d2/(d2+d1 F), y = d1 F/(d2+d1 F)).
 */
export function betaIncomplete(x: number, y: number, a: number, b: number): Tails {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) throw new Error(`betaIncomplete: need a > 0 and b > 0 (got a = ${a}, b = ${b})`);
  if (!(x >= 0 && y >= 0) || Math.abs(x + y - 1) > 1e-12) throw new Error(`betaIncomplete: x = ${x} and y = ${y} must lie in [0, 1] and sum to 1`);
  if (x === 0) return { lower: 0, upper: 1 };
  if (y === 0) return { lower: 1, upper: 0 };
  // The continued fraction converges fast for x < (a+1)/(a+b+2); otherwise use I_x(a,b) = 1 - I_y(b,a).
  if (x * (a + b + 2) < a + 1) {
    const lower = betaContinuedFraction(x, y, a, b);
    return { lower, upper: 1 - lower };
  }
  const upper = betaContinuedFraction(y, x, b, a);
  return { lower: 1 - upper, upper };
}

/** I_x(a, b) = x^a y^b / (a B(a,b)) · 1/(1+ d1/(1+ d2/(1+ …))) (A&S 26.5.8), Lentz's method. */
function betaContinuedFraction(x: number, y: number, a: number, b: number): number {
  const logPrefix = a * Math.log(x) + b * Math.log(y) - logBeta(a, b) - Math.log(a);
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    // even step: d_2m = m (b-m) x / ((a+2m-1)(a+2m))
    let an = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + an * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // odd step: d_2m+1 = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1))
    an = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + an * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(logPrefix) * h;
}
