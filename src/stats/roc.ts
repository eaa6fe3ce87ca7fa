// ROC analysis as pROC 1.18 does it with roc(levels = c(0, 1), direction = '<'): cases (label 1) are
// expected to score higher. AUC with ties counted 1/2, DeLong variance / CI / paired test, Youden's
// threshold at the midpoint between adjacent scores, and the confusion matrix at a threshold.
import { normalQuantile, normalTwoSidedP } from './distributions.js';
import { averageRanks, binaryLabels, finiteValues, sameLength } from './descriptive.js';

interface Scored {
  cases: number[];
  controls: number[];
}

function split(labels: ArrayLike<number | boolean>, scores: ArrayLike<number>, what: string): Scored {
  sameLength(labels, scores, `${what}: labels`, 'scores');
  const y = binaryLabels(labels, `${what}: labels`);
  const s = finiteValues(scores, `${what}: scores`);
  const cases: number[] = [], controls: number[] = [];
  s.forEach((v, i) => (y[i] ? cases : controls).push(v));
  return { cases, controls };
}

/**
 * DeLong placement values from midranks (Sun & Xu 2014): V10_i = share of controls below case i (ties 1/2),
 * V01_j = share of cases above control j (ties 1/2); AUC = mean(V10) = mean(V01).
 */
function placements({ cases, controls }: Scored): { auc: number; v10: Float64Array; v01: Float64Array } {
  const m = cases.length, n = controls.length;
  const all = averageRanks(cases.concat(controls));
  const caseRanks = averageRanks(cases);
  const controlRanks = averageRanks(controls);
  const v10 = Float64Array.from(cases, (_, i) => (all[i] - caseRanks[i]) / n);
  const v01 = Float64Array.from(controls, (_, j) => 1 - (all[m + j] - controlRanks[j]) / m);
  let sum = 0;
  for (const v of v10) sum += v;
  return { auc: sum / m, v10, v01 };
}

/** Sample covariance Σ(a-ā)(b-b̄)/(n-1) of two placement vectors around their AUCs. */
function covariance(a: Float64Array, aucA: number, b: Float64Array, aucB: number): number {
  if (a.length < 2) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - aucA) * (b[i] - aucB);
  return s / (a.length - 1);
}

/** Area under the ROC curve = P(case > control) + P(tie) / 2 (pROC auc, Mann-Whitney U / (m n)). */
export function auc(labels: ArrayLike<number | boolean>, scores: ArrayLike<number>): number {
  return placements(split(labels, scores, 'auc')).auc;
}

export interface RocCurve {
  /** Ascending: -Infinity, midpoints between adjacent distinct scores, +Infinity. Positive: score > threshold. */
  thresholds: number[];
  sensitivities: number[];
  specificities: number[];
  auc: number;
}

/** Sensitivity and specificity at every distinct cut (pROC roc()$thresholds, $sensitivities, $specificities). */
export function rocCurve(labels: ArrayLike<number | boolean>, scores: ArrayLike<number>): RocCurve {
  const data = split(labels, scores, 'rocCurve');
  const distinct = Array.from(new Set(data.cases.concat(data.controls))).sort((a, b) => a - b);
  const thresholds = [-Infinity];
  for (let i = 1; i < distinct.length; i++) thresholds.push((distinct[i - 1] + distinct[i]) / 2);
  thresholds.push(Infinity);
  const cases = data.cases.slice().sort((a, b) => a - b);
  const controls = data.controls.slice().sort((a, b) => a - b);
  const sensitivities: number[] = [], specificities: number[] = [];
  let ci = 0, ki = 0; // counts of cases / controls at or below the threshold
  for (const t of thresholds) {
    while (ci < cases.length && cases[ci] <= t) ci++;
    while (ki < controls.length && controls[ki] <= t) ki++;
    sensitivities.push((cases.length - ci) / cases.length);
    specificities.push(ki / controls.length);
  }
  return { thresholds, sensitivities, specificities, auc: placements(data).auc };
}

export interface DelongCi {
  auc: number;
  /** DeLong variance var(V10)/m + var(V01)/n (pROC var(method = 'delong')). */
  variance: number;
  lower: number;
  upper: number;
  level: number;
}

/** AUC ± Φ⁻¹((1 + level)/2) · sqrt(DeLong variance), clipped to [0, 1] (pROC ci.auc(method = 'delong')). */
export function delongCi(labels: ArrayLike<number | boolean>, scores: ArrayLike<number>, level = 0.95): DelongCi {
  if (!(level > 0 && level < 1)) throw new Error(`delongCi: level ${level} must lie strictly between 0 and 1`);
  const { auc: a, v10, v01 } = placements(split(labels, scores, 'delongCi'));
  const variance = covariance(v10, a, v10, a) / v10.length + covariance(v01, a, v01, a) / v01.length;
  const half = normalQuantile((1 + level) / 2) * Math.sqrt(variance);
  return { auc: a, variance, lower: Math.max(0, a - half), upper: Math.min(1, a + half), level };
}

export interface DelongTest {
  aucA: number;
  aucB: number;
  /** Z = (AUC_A - AUC_B) / sqrt(var_A + var_B - 2 cov_AB) */
  z: number;
  pValue: number;
  varianceA: number;
  varianceB: number;
  covariance: number;
}

/** Paired DeLong test of two scores on the same subjects, two-sided (pROC roc.test(method = 'delong', paired = TRUE)). */
export function delongTest(labels: ArrayLike<number | boolean>, scoresA: ArrayLike<number>, scoresB: ArrayLike<number>): DelongTest {
  const a = placements(split(labels, scoresA, 'delongTest (scoresA)'));
  const b = placements(split(labels, scoresB, 'delongTest (scoresB)'));
  const m = a.v10.length, n = a.v01.length;
  const varianceA = covariance(a.v10, a.auc, a.v10, a.auc) / m + covariance(a.v01, a.auc, a.v01, a.auc) / n;
  const varianceB = covariance(b.v10, b.auc, b.v10, b.auc) / m + covariance(b.v01, b.auc, b.v01, b.auc) / n;
  const cov = covariance(a.v10, a.auc, b.v10, b.auc) / m + covariance(a.v01, a.auc, b.v01, b.auc) / n;
  const varDiff = varianceA + varianceB - 2 * cov;
  if (!(varDiff > 0)) throw new Error('delongTest: the AUC difference has zero variance (the two scores rank the subjects identically); the test is undefined');
  const z = (a.auc - b.auc) / Math.sqrt(varDiff);
  return { aucA: a.auc, aucB: b.auc, z, pValue: normalTwoSidedP(z), varianceA, varianceB, covariance: cov };
}

export interface YoudenResult {
  /** The cut maximising sensitivity + specificity; positive means score > threshold. */
  threshold: number;
  sensitivity: number;
  specificity: number;
  /** J = sensitivity + specificity - 1 */
  youden: number;
  /** Every threshold reaching the same J (the first is returned above). */
  tiedThresholds: number[];
}

/** Youden-optimal threshold (pROC coords(x = 'best', best.method = 'youden')), lowest threshold on ties. */
export function youdenThreshold(labels: ArrayLike<number | boolean>, scores: ArrayLike<number>): YoudenResult {
  const curve = rocCurve(labels, scores);
  let best = -Infinity;
  const tied: number[] = [];
  curve.thresholds.forEach((t, i) => {
    const j = curve.sensitivities[i] + curve.specificities[i] - 1;
    if (j > best) {
      best = j;
      tied.length = 0;
    }
    if (j === best) tied.push(i);
  });
  const i = tied[0];
  return {
    threshold: curve.thresholds[i],
    sensitivity: curve.sensitivities[i],
    specificity: curve.specificities[i],
    youden: best,
    tiedThresholds: tied.map((k) => curve.thresholds[k]),
  };
}

export interface ConfusionMetrics {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  accuracy: number;
  sensitivity: number;
  specificity: number;
  /** NaN when nothing is called positive (0/0). */
  ppv: number;
  /** NaN when nothing is called negative (0/0). */
  npv: number;
}

/** Confusion matrix and rates with positive = score >= threshold (sensitivity = TP/(TP+FN), PPV = TP/(TP+FP), …). */
export function confusionMetrics(labels: ArrayLike<number | boolean>, scores: ArrayLike<number>, threshold: number): ConfusionMetrics {
  if (Number.isNaN(threshold)) throw new Error('confusionMetrics: threshold is NaN');
  sameLength(labels, scores, 'confusionMetrics: labels', 'scores');
  const y = binaryLabels(labels, 'confusionMetrics: labels');
  const s = finiteValues(scores, 'confusionMetrics: scores');
  let tp = 0, fp = 0, tn = 0, fn = 0;
  s.forEach((v, i) => {
    const positive = v >= threshold;
    if (y[i]) positive ? tp++ : fn++;
    else positive ? fp++ : tn++;
  });
  return {
    tp, fp, tn, fn,
    accuracy: (tp + tn) / s.length,
    sensitivity: tp / (tp + fn),
    specificity: tn / (tn + fp),
    ppv: tp + fp ? tp / (tp + fp) : NaN,
    npv: tn + fn ? tn / (tn + fn) : NaN,
  };
}
