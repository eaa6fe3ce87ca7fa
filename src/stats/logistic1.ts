// A minimal logistic regression for calibration: logit P(y=1) = a + b x + offset, fitted by Newton-Raphson
// (IRLS) to machine precision. Private to the stats module (valProb); full models live in src/models/.

export interface SmallLogisticFit {
  intercept: number;
  /** Slope of x; undefined when fitted without a covariate. */
  slope?: number;
  /** -2 log-likelihood at the estimate. */
  deviance: number;
}

/** log(1 + e^t) without overflow. */
export function log1pExp(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/** Fits intercept (+ slope when x is given) with an optional fixed offset; throws on separation. */
export function fitSmallLogistic(y: ArrayLike<number>, x: ArrayLike<number> | null, offset?: ArrayLike<number>): SmallLogisticFit {
  const n = y.length;
  let a = 0, b = 0;
  for (let iter = 0; iter < 100; iter++) {
    // gradient g and information matrix [[h00, h01], [h01, h11]]
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let i = 0; i < n; i++) {
      const xi = x ? x[i] : 0;
      const eta = a + b * xi + (offset ? offset[i] : 0);
      const mu = 1 / (1 + Math.exp(-eta));
      const w = mu * (1 - mu);
      const r = y[i] - mu;
      g0 += r;
      g1 += r * xi;
      h00 += w;
      h01 += w * xi;
      h11 += w * xi * xi;
    }
    let da: number, db = 0;
    if (x) {
      const det = h00 * h11 - h01 * h01;
      if (!(det > 0)) throw new Error('logistic calibration fit: singular information matrix (constant predictor or separated outcome)');
      da = (h11 * g0 - h01 * g1) / det;
      db = (h00 * g1 - h01 * g0) / det;
    } else {
      if (!(h00 > 0)) throw new Error('logistic calibration fit: zero information (separated outcome)');
      da = g0 / h00;
    }
    a += da;
    b += db;
    if (Math.abs(a) > 1e6 || Math.abs(b) > 1e6) break;
    // a Newton step this small means the new iterate is exact to rounding (quadratic convergence)
    if (Math.abs(da) <= 1e-10 * Math.max(1, Math.abs(a)) && Math.abs(db) <= 1e-10 * Math.max(1, Math.abs(b))) {
      return { intercept: a, ...(x ? { slope: b } : {}), deviance: logisticDeviance(y, x, offset, a, b) };
    }
  }
  throw new Error('logistic calibration fit did not converge (the outcome is separated by the predictor)');
}

function logisticDeviance(y: ArrayLike<number>, x: ArrayLike<number> | null, offset: ArrayLike<number> | undefined, a: number, b: number): number {
  let deviance = 0;
  for (let i = 0; i < y.length; i++) {
    const eta = a + b * (x ? x[i] : 0) + (offset ? offset[i] : 0);
    deviance += 2 * (log1pExp(eta) - y[i] * eta);
  }
  return deviance;
}
