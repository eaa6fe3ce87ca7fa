// Validation statistics of predicted probabilities against outcomes, as rms::val.prob(p, y) reports them.
import { chiSquareSf, normalTwoSidedP } from './distributions.js';
import { quantileSorted } from './descriptive.js';
import { labelsAndProbs } from './calibration.js';
import { logisticRegression } from '../models/logistic.js';
import { lowess } from './lowess.js';
import { auc } from './roc.js';

export interface ValProbResult {
  /** Somers' Dxy = 2 (C - 0.5) */
  dxy: number;
  /** C index = P(p_case > p_control) + ties/2, the exact ROC AUC (see docs/stats.md on rms 6.5's rounding) */
  c: number;
  /** Nagelkerke R² of p as given: (1 - exp(-LR/n)) / (1 - exp(-L0/n)) */
  r2: number;
  /** Discrimination index D = (LR - 1) / n */
  d: number;
  /** LR = L0 - L01: null deviance minus -2 LL of p as given (intercept 0, slope 1) */
  dChiSq: number;
  /** P of dChiSq on 1 df (R's val.prob reports NA here) */
  dP: number;
  /** Unreliability index U = (U chi-square - 2) / n */
  u: number;
  /** -2 LL(p as given) minus -2 LL(recalibrated): tests intercept 0 and slope 1 together */
  uChiSq: number;
  /** P of uChiSq on 2 df */
  uP: number;
  /** Quality index Q = D - U */
  q: number;
  /** Brier score mean((p - y)²) */
  brier: number;
  /** Calibration intercept: a in logit P(y) = a + b logit(p) */
  intercept: number;
  /** Calibration slope: b in logit P(y) = a + b logit(p) */
  slope: number;
  /** Max, 0.9 quantile and mean of |p - lowess(p, y, iter = 0)| */
  eMax: number;
  e90: number;
  eAvg: number;
  /** Spiegelhalter z = Σ (y - p)(1 - 2p) / sqrt(Σ (1 - 2p)² p (1 - p)) and its two-sided P */
  spiegelhalterZ: number;
  spiegelhalterP: number;
}

/** rms::val.prob statistics (Harrell). Probabilities must lie strictly inside (0, 1) and both classes occur. */
export function valProb(labels: ArrayLike<number | boolean>, probs: ArrayLike<number>): ValProbResult {
  const { y, p } = labelsAndProbs(labels, probs, 'valProb', false);
  p.forEach((v, i) => {
    if (v <= 0 || v >= 1) throw new Error(`valProb: probability ${i} is ${v}; logit(p) needs 0 < p < 1`);
  });
  const n = p.length;
  const logit = p.map((v) => Math.log(v / (1 - v)));
  const events = y.reduce((s, v) => s + v, 0);
  const rate = events / n;
  // -2 LL of the null (intercept-only) model, of the recalibrated model, and of p as given
  const nullDeviance = -2 * (events * Math.log(rate) + (n - events) * Math.log(1 - rate));
  // recalibration fit y ~ a + b logit(p) (rms lrm.fit, the model engineer's IRLS)
  const recalibrated = logisticRegression(logit.map((l) => [l]), y, ['logit']);
  const asGiven = -2 * p.reduce((s, v, i) => s + (y[i] ? Math.log(v) : Math.log(1 - v)), 0);
  const lr = nullDeviance - asGiven;
  const uChiSq = asGiven - recalibrated.deviance;
  const d = (lr - 1) / n;
  const u = (uChiSq - 2) / n;
  const c = auc(y, p);
  const er = calibrationErrors(p, y);
  let num = 0, den = 0, brier = 0;
  p.forEach((v, i) => {
    num += (y[i] - v) * (1 - 2 * v);
    den += (1 - 2 * v) ** 2 * v * (1 - v);
    brier += (v - y[i]) ** 2;
  });
  const spiegelhalterZ = num / Math.sqrt(den);
  return {
    dxy: 2 * (c - 0.5),
    c,
    r2: (1 - Math.exp(-lr / n)) / (1 - Math.exp(-nullDeviance / n)),
    d,
    dChiSq: lr,
    dP: chiSquareSf(lr, 1),
    u,
    uChiSq,
    uP: chiSquareSf(uChiSq, 2),
    q: d - u,
    brier: brier / n,
    intercept: recalibrated.intercept,
    slope: recalibrated.coefficients.logit,
    eMax: er.max,
    e90: er.e90,
    eAvg: er.mean,
    spiegelhalterZ,
    spiegelhalterP: normalTwoSidedP(spiegelhalterZ),
  };
}

/** |p - smoothed calibration| at each p, the curve being lowess(p, y, iter = 0) averaged over tied p. */
function calibrationErrors(p: number[], y: Uint8Array): { max: number; e90: number; mean: number } {
  const smooth = lowess(p, y, { iter: 0 });
  const byX = new Map<number, { sum: number; count: number }>();
  smooth.x.forEach((x, i) => {
    const entry = byX.get(x) ?? { sum: 0, count: 0 };
    entry.sum += smooth.y[i];
    entry.count++;
    byX.set(x, entry);
  });
  const errors = p.map((v) => {
    const e = byX.get(v)!;
    return Math.abs(v - e.sum / e.count);
  });
  const sorted = errors.slice().sort((a, b) => a - b);
  return { max: sorted[sorted.length - 1], e90: quantileSorted(sorted, 0.9), mean: errors.reduce((s, v) => s + v, 0) / errors.length };
}

