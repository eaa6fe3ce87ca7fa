// Cleveland's LOWESS (1979) as R's lowess(x, y, f, iter, delta) computes it: tricube-weighted local linear
// fits over the window of floor(f n) nearest points, points closer than delta to the last fit
// interpolated linearly, optional robustness iterations with bisquare weights.

export interface LowessResult {
  /** x sorted ascending (stable). */
  x: number[];
  /** Smoothed y at each sorted x. */
  y: number[];
}

export function lowess(xIn: ArrayLike<number>, yIn: ArrayLike<number>, options: { f?: number; iter?: number; delta?: number } = {}): LowessResult {
  const n = xIn.length;
  if (yIn.length !== n) throw new Error(`lowess: x has ${n} values but y has ${yIn.length}`);
  if (n === 0) throw new Error('lowess: no points');
  const f = options.f ?? 2 / 3;
  const iterations = options.iter ?? 3;
  if (!(f > 0)) throw new Error(`lowess: span f = ${f} must be positive`);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => xIn[i] - xIn[j] || i - j);
  const x = order.map((i) => xIn[i]);
  const y = order.map((i) => yIn[i]);
  const delta = options.delta ?? 0.01 * (x[n - 1] - x[0]);
  if (n < 2) return { x, y: y.slice() };
  const ns = Math.max(2, Math.min(n, Math.floor(f * n + 1e-7)));
  const fitted = new Array<number>(n).fill(0);
  const robustness = new Array<number>(n).fill(1);
  const weights = new Array<number>(n).fill(0);
  for (let pass = 0; pass <= iterations; pass++) {
    smoothPass(x, y, ns, delta, pass > 0 ? robustness : null, weights, fitted);
    if (pass === iterations) break;
    if (!updateRobustness(y, fitted, robustness)) break;
  }
  return { x, y: fitted };
}

/** One sweep of local fits, left to right, skipping points within delta of the last fitted x. */
function smoothPass(x: number[], y: number[], ns: number, delta: number, rw: number[] | null, w: number[], ys: number[]): void {
  const n = x.length;
  let nleft = 0, nright = ns - 1, last = -1, i = 0;
  for (;;) {
    // slide the window while the point to its right is closer to x[i] than its leftmost point
    while (nright < n - 1 && x[i] - x[nleft] > x[nright + 1] - x[i]) {
      nleft++;
      nright++;
    }
    const fit = localFit(x, y, x[i], nleft, nright, w, rw);
    ys[i] = fit ?? y[i];
    if (last < i - 1) {
      const denom = x[i] - x[last];
      for (let j = last + 1; j < i; j++) {
        const alpha = (x[j] - x[last]) / denom;
        ys[j] = alpha * ys[i] + (1 - alpha) * ys[last];
      }
    }
    last = i;
    const cut = x[last] + delta;
    for (i = last + 1; i < n; i++) {
      if (x[i] > cut) break;
      if (x[i] === x[last]) {
        ys[i] = ys[last];
        last = i;
      }
    }
    i = Math.max(last + 1, i - 1);
    if (last >= n - 1) break;
  }
}

/** Tricube-weighted local linear fit at xs over the window [nleft, nright] (and ties just beyond it). */
function localFit(x: number[], y: number[], xs: number, nleft: number, nright: number, w: number[], rw: number[] | null): number | null {
  const n = x.length;
  const range = x[n - 1] - x[0];
  const h = Math.max(xs - x[nleft], x[nright] - xs);
  const h9 = 0.999 * h, h1 = 0.001 * h;
  let total = 0;
  let j = nleft;
  for (; j < n; j++) {
    w[j] = 0;
    const r = Math.abs(x[j] - xs);
    if (r <= h9) {
      // tricube (1 - (r/h)³)³, weight 1 very close to xs
      w[j] = r <= h1 ? 1 : (1 - (r / h) ** 3) ** 3;
      if (rw) w[j] *= rw[j];
      total += w[j];
    } else if (x[j] > xs) break;
  }
  const nrt = j - 1;
  if (total <= 0) return null;
  for (j = nleft; j <= nrt; j++) w[j] /= total;
  if (h > 0) {
    let a = 0;
    for (j = nleft; j <= nrt; j++) a += w[j] * x[j];
    let b = xs - a;
    let c = 0;
    for (j = nleft; j <= nrt; j++) c += w[j] * (x[j] - a) * (x[j] - a);
    if (Math.sqrt(c) > 0.001 * range) {
      // local slope: reweight so that Σ w y is the fitted line at xs
      b /= c;
      for (j = nleft; j <= nrt; j++) w[j] *= b * (x[j] - a) + 1;
    }
  }
  let ys = 0;
  for (j = nleft; j <= nrt; j++) ys += w[j] * y[j];
  return ys;
}

/** Bisquare robustness weights from residuals scaled by 6 x median |residual|; false when the fit is exact. */
function updateRobustness(y: number[], fitted: number[], rw: number[]): boolean {
  const n = y.length;
  const residuals = y.map((v, i) => Math.abs(v - fitted[i]));
  const sorted = residuals.slice().sort((a, b) => a - b);
  const m1 = Math.floor(n / 2);
  const median = n % 2 === 0 ? (sorted[m1 - 1] + sorted[m1]) / 2 : sorted[m1];
  const cmad = 6 * median;
  if (cmad < 1e-7 * (sorted.reduce((s, v) => s + v, 0) / n)) return false;
  const c9 = 0.999 * cmad, c1 = 0.001 * cmad;
  for (let i = 0; i < n; i++) {
    const r = residuals[i];
    rw[i] = r <= c1 ? 1 : r > c9 ? 0 : (1 - (r / cmad) ** 2) ** 2;
  }
  return true;
}
