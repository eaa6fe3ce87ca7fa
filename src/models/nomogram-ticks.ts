// "Pretty" axis ticks as R's pretty(c(lo, hi), n) chooses them: a step of 1, 2, 5 or 10 times a power of
// ten near (hi - lo) / n, biased toward the larger unit (high.u.bias = 1.5, u5.bias = 2.75), and ticks
// that cover [lo, hi].

const HIGH_BIAS = 1.5;
const U5_BIAS = 0.5 + 1.5 * HIGH_BIAS;
const ROUNDING_EPS = 1e-10;

export function prettyTicks(lo: number, hi: number, n = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new Error(`pretty: range [${lo}, ${hi}] is not finite`);
  if (lo > hi) [lo, hi] = [hi, lo];
  const minN = Math.floor(n / 3);
  const dx = hi - lo;
  let cell: number;
  let small: boolean;
  if (dx === 0 && hi === 0) {
    cell = 1;
    small = true;
  } else {
    cell = Math.max(Math.abs(lo), Math.abs(hi));
    const u = 1 + (U5_BIAS >= 1.5 * HIGH_BIAS + 0.5 ? 1 / (1 + HIGH_BIAS) : 1.5 / (1 + U5_BIAS));
    small = dx < cell * u * Math.max(1, n) * Number.EPSILON * 3;
  }
  if (small) {
    if (cell > 10) cell = 9 + cell / 10;
    cell *= 0.75;
    if (minN > 1) cell /= minN;
  } else {
    cell = dx;
    if (n > 1) cell /= n;
  }
  const base = Math.pow(10, Math.floor(Math.log10(cell)));
  let unit = base;
  if (2 * base - cell < HIGH_BIAS * (cell - unit)) {
    unit = 2 * base;
    if (5 * base - cell < U5_BIAS * (cell - unit)) {
      unit = 5 * base;
      if (10 * base - cell < HIGH_BIAS * (cell - unit)) unit = 10 * base;
    }
  }
  let ns = Math.floor(lo / unit + ROUNDING_EPS);
  let nu = Math.ceil(hi / unit - ROUNDING_EPS);
  while (ns * unit > lo + ROUNDING_EPS * unit) ns--;
  while (nu * unit < hi - ROUNDING_EPS * unit) nu++;
  const k = Math.floor(0.5 + nu - ns);
  if (k < minN) {
    const extra = minN - k;
    if (ns >= 0) {
      nu += Math.floor(extra / 2);
      ns -= Math.floor(extra / 2) + (extra % 2);
    } else {
      ns -= Math.floor(extra / 2);
      nu += Math.floor(extra / 2) + (extra % 2);
    }
  }
  // Multiply integers by the unit (as R's seq does) so ticks like 0.3 print cleanly.
  const ticks: number[] = [];
  for (let i = ns; i <= nu; i++) ticks.push(Number((i * unit).toPrecision(12)));
  return ticks;
}
