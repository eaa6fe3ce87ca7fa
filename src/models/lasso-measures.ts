// Cross-validation losses of cv.glmnet (cv.lognet / cv.elnet). Binomial predictions arrive on the link
// scale and become probabilities p = 1 / (1 + exp(-eta)).

export type LassoMeasure = 'deviance' | 'class' | 'auc' | 'mse' | 'mae';

/** Probabilities are clipped to [1e-5, 1 - 1e-5] before the binomial deviance (cv.lognet prob_min). */
const PROB_MIN = 1e-5;

function sigmoid(eta: number): number {
  return 1 / (1 + Math.exp(-eta));
}

/** Loss of one held-out row; y is 0/1 for binomial. */
export function rowLoss(measure: LassoMeasure, family: string, y: number, eta: number): number {
  if (family === 'gaussian') {
    const e = y - eta;
    return measure === 'mae' ? Math.abs(e) : e * e; // deviance = mse for gaussian
  }
  const p = sigmoid(eta);
  switch (measure) {
    case 'deviance': {
      const pc = Math.min(Math.max(p, PROB_MIN), 1 - PROB_MIN);
      return -2 * (y * Math.log(pc) + (1 - y) * Math.log(1 - pc)); // 2 (log-lik saturated - log-lik)
    }
    case 'class':
      return y === 1 ? (p <= 0.5 ? 1 : 0) : p >= 0.5 ? 1 : 0; // p = 0.5 counts as an error either way
    case 'mse':
      return 2 * (y - p) ** 2; // both columns of the one-hot response: (1-y - (1-p))^2 + (y - p)^2
    case 'mae':
      return 2 * Math.abs(y - p);
    default:
      throw new Error(`measure "${measure}" is not a per-row loss`);
  }
}

/** The measure over one fold's held-out rows: mean loss, or the AUC of the fold. */
export function foldMeasure(measure: LassoMeasure, family: string, y: number[], eta: number[]): number {
  if (measure === 'auc') return aucWithTies(y, eta);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += rowLoss(measure, family, y[i], eta[i]);
  return s / y.length;
}

/**
 * AUC = P(score_case > score_control) + P(tie) / 2 over all case-control pairs (glmnet's auc via
 * survival::concordance); NaN when the fold lacks a class. Scores are sorted, so O(n log n).
 */
export function aucWithTies(y: number[], score: number[]): number {
  const order = score.map((_, i) => i).sort((a, b) => score[a] - score[b]);
  let controlsBelow = 0, sum = 0, nCases = 0, nControls = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    let cases = 0, controls = 0;
    while (end < order.length && score[order[end]] === score[order[start]]) {
      if (y[order[end]] === 1) cases++;
      else controls++;
      end++;
    }
    sum += cases * (controlsBelow + controls / 2);
    controlsBelow += controls;
    nCases += cases;
    nControls += controls;
    start = end;
  }
  return nCases && nControls ? sum / (nCases * nControls) : NaN;
}
