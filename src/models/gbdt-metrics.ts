// Evaluation metrics for boosting (early stopping, CV): binary log-loss and the ROC AUC.
import { auc } from '../stats/roc.js';

// LightGBM's kEpsilon (1e-15f) guards log(0).
const LOG_EPSILON = Math.fround(1e-15);

/** Mean binary log-loss: -mean(y log p + (1 - y) log(1 - p)), each term floored at -log(1e-15). */
export function binaryLogloss(labels: ArrayLike<number>, prob: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const q = labels[i] > 0 ? prob[i] : 1 - prob[i];
    sum += q > LOG_EPSILON ? -Math.log(q) : -Math.log(LOG_EPSILON);
  }
  return sum / labels.length;
}

/** ROC AUC (src/stats/roc.ts, ties count 1/2); NaN when one class is absent, as a metric must not throw. */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > 0) pos++;
  return pos > 0 && pos < labels.length ? auc(Array.from(labels, (v) => (v > 0 ? 1 : 0)), scores) : NaN;
}
