// Evaluation metrics for boosting (early stopping, CV): binary log-loss and the ROC AUC.

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

/**
 * ROC AUC by ranks (Mann-Whitney): (sum of positive ranks - n1(n1+1)/2) / (n1 n0), ties at mid-rank.
 * NaN when one class is absent.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[order[k]] > 0) {
      rankSumPos += midRank;
      nPos++;
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  return nPos && nNeg ? (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg) : NaN;
}
