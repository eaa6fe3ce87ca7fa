// Decision curve analysis (Vickers & Elkin 2006): net benefit of treating when p >= pt, against treating
// everyone and no one.
import { labelsAndProbs } from './calibration.js';

export interface DecisionCurvePoint {
  threshold: number;
  tp: number;
  fp: number;
  /** NB = TP/n - FP/n · pt/(1 - pt) */
  netBenefit: number;
  /** prevalence - (1 - prevalence) · pt/(1 - pt) */
  treatAll: number;
  treatNone: number;
}

/** 0.01, 0.02, …, 0.99 computed as R's seq(0.01, 0.99, by = 0.01) does: from + k · by. */
export function defaultDcaThresholds(): number[] {
  return Array.from({ length: 99 }, (_, k) => 0.01 + k * 0.01);
}

/** Net benefit of the model, treat-all and treat-none at each threshold probability (default 0.01..0.99). */
export function decisionCurve(labels: ArrayLike<number | boolean>, probs: ArrayLike<number>, thresholds: ArrayLike<number> = defaultDcaThresholds()): DecisionCurvePoint[] {
  const { y, p } = labelsAndProbs(labels, probs, 'decisionCurve');
  const n = p.length;
  const prevalence = y.reduce((s, v) => s + v, 0) / n;
  return Array.from(thresholds, (pt) => {
    if (!(pt > 0 && pt < 1)) throw new Error(`decisionCurve: threshold ${pt} must lie strictly between 0 and 1`);
    let tp = 0, fp = 0;
    p.forEach((v, i) => {
      if (v >= pt) y[i] ? tp++ : fp++;
    });
    const odds = pt / (1 - pt);
    return { threshold: pt, tp, fp, netBenefit: tp / n - (fp / n) * odds, treatAll: prevalence - (1 - prevalence) * odds, treatNone: 0 };
  });
}
