// Best split of one leaf on one numerical feature from its (gradient, hessian) histogram, following
// LightGBM's FeatureHistogram: a scan from the right (missing values go left) and, for features with
// missing values, a scan from the left (missing values go right); row counts are estimated from the
// hessians as LightGBM does, and its epsilon terms are kept so that ties resolve the same way.
import { MISSING_NAN, type BinMapper } from './gbdt-binning.js';
import type { GbdtParams } from './gbdt-params.js';

/** LightGBM's kEpsilon: the float literal 1e-15f. */
export const K_EPSILON = Math.fround(1e-15);

export interface SplitInfo {
  /** Gain over not splitting (LightGBM's split gain minus min_gain_to_split); -Infinity when none. */
  gain: number;
  feature: number;
  /** Bin threshold: bins <= threshold go left. */
  threshold: number;
  defaultLeft: boolean;
  leftOutput: number;
  rightOutput: number;
  leftCount: number;
  rightCount: number;
  leftSumGradient: number;
  leftSumHessian: number;
  rightSumGradient: number;
  rightSumHessian: number;
}

export type SplitParams = Pick<GbdtParams, 'lambda_l1' | 'lambda_l2' | 'max_delta_step' | 'min_gain_to_split' | 'min_data_in_leaf' | 'min_sum_hessian_in_leaf'>;

export function noSplit(): SplitInfo {
  return { gain: -Infinity, feature: -1, threshold: 0, defaultLeft: true, leftOutput: 0, rightOutput: 0, leftCount: 0, rightCount: 0,
    leftSumGradient: 0, leftSumHessian: 0, rightSumGradient: 0, rightSumHessian: 0 };
}

/** LightGBM's SplitInfo order: larger gain, then the smaller feature index (NaN gain counts as -Infinity). */
export function isBetterSplit(a: SplitInfo, b: SplitInfo): boolean {
  const ga = Number.isNaN(a.gain) ? -Infinity : a.gain;
  const gb = Number.isNaN(b.gain) ? -Infinity : b.gain;
  if (ga !== gb) return ga > gb;
  const fa = a.feature < 0 ? Infinity : a.feature;
  const fb = b.feature < 0 ? Infinity : b.feature;
  return fa < fb;
}

// sign(s) * max(0, |s| - l1)
function thresholdL1(s: number, l1: number): number {
  return Math.sign(s) * Math.max(0, Math.abs(s) - l1);
}

/** Leaf output -T(G, l1) / (H + l2), clipped to ±max_delta_step when that is positive. */
export function leafOutput(g: number, h: number, p: SplitParams): number {
  const out = -thresholdL1(g, p.lambda_l1) / (h + p.lambda_l2);
  return p.max_delta_step > 0 && Math.abs(out) > p.max_delta_step ? Math.sign(out) * p.max_delta_step : out;
}

/** Leaf gain T(G, l1)^2 / (H + l2); with max_delta_step, -(2 T(G) w + (H + l2) w^2) at the clipped output w. */
function leafGain(g: number, h: number, p: SplitParams): number {
  if (p.lambda_l1 === 0 && !(p.max_delta_step > 0)) return (g * g) / (h + p.lambda_l2); // T(G, 0) = G
  const sg = thresholdL1(g, p.lambda_l1);
  if (!(p.max_delta_step > 0)) return (sg * sg) / (h + p.lambda_l2);
  const w = leafOutput(g, h, p);
  return -(2 * sg * w + (h + p.lambda_l2) * w * w);
}

// round(h * cnt_factor) as LightGBM's RoundInt: int(x + 0.5)
const estimatedCount = (h: number, cntFactor: number) => Math.trunc(h * cntFactor + 0.5);

// Records a scan's best threshold in `out` when it beats what `out` holds (LightGBM's update rule).
function commit(out: SplitInfo, p: SplitParams, defaultLeft: boolean, gain: number, minGainShift: number, threshold: number,
  leftG: number, leftH: number, leftCount: number, sumGradient: number, sumHessian: number, numData: number): void {
  if (!(gain > out.gain + minGainShift)) return;
  out.threshold = threshold;
  out.defaultLeft = defaultLeft;
  out.gain = gain - minGainShift;
  out.leftOutput = leafOutput(leftG, leftH, p);
  out.leftCount = leftCount;
  out.leftSumGradient = leftG;
  out.leftSumHessian = leftH - K_EPSILON;
  out.rightOutput = leafOutput(sumGradient - leftG, sumHessian - leftH, p);
  out.rightCount = numData - leftCount;
  out.rightSumGradient = sumGradient - leftG;
  out.rightSumHessian = sumHessian - leftH - K_EPSILON;
}

/** Resets a split to "none" (gain -Infinity) for reuse. */
export function resetSplit(s: SplitInfo): SplitInfo {
  s.gain = -Infinity;
  s.feature = -1;
  s.threshold = 0;
  s.defaultLeft = true;
  s.leftOutput = s.rightOutput = s.leftCount = s.rightCount = 0;
  s.leftSumGradient = s.leftSumHessian = s.rightSumGradient = s.rightSumHessian = 0;
  return s;
}

/**
 * Best threshold of one feature for one leaf, written into `out` (reset first; gain -Infinity when none).
 * `hist` holds the feature's bins as (g, h) pairs from pair index `base`. Returns whether any threshold
 * was valid (LightGBM's is_splittable, which the leaf's children inherit).
 */
export function findBestThreshold(hist: Float64Array, base: number, m: BinMapper, sumGradient: number, leafSumHessian: number, numData: number, p: SplitParams, out: SplitInfo): boolean {
  resetSplit(out);
  const sumHessian = leafSumHessian + 2 * K_EPSILON;
  const minGainShift = leafGain(sumGradient, sumHessian, p) + p.min_gain_to_split;
  const cntFactor = numData / sumHessian;
  const n = m.numBin;
  const minData = p.min_data_in_leaf, minHess = p.min_sum_hessian_in_leaf;
  const naAsMissing = m.missingType === MISSING_NAN && n > 2;
  let splittable = false;
  // From the right: bins above the threshold go right; the missing bin (last) stays left.
  let bestGain = -Infinity, bestG = NaN, bestH = NaN, bestCount = 0, bestThreshold = n;
  let rightG = 0, rightH = K_EPSILON, rightCount = 0;
  for (let b = n - 1 - (naAsMissing ? 1 : 0); b >= 1; b--) {
    const hb = hist[2 * (base + b) + 1];
    rightG += hist[2 * (base + b)];
    rightH += hb;
    rightCount += estimatedCount(hb, cntFactor);
    if (rightCount < minData || rightH < minHess) continue;
    const leftCount = numData - rightCount;
    if (leftCount < minData) break;
    const leftH = sumHessian - rightH;
    if (leftH < minHess) break;
    const leftG = sumGradient - rightG;
    const gain = leafGain(leftG, leftH, p) + leafGain(rightG, rightH, p);
    if (!(gain > minGainShift)) continue;
    splittable = true;
    if (gain > bestGain) {
      bestGain = gain;
      bestG = leftG;
      bestH = leftH;
      bestCount = leftCount;
      bestThreshold = b - 1;
    }
  }
  if (splittable) commit(out, p, true, bestGain, minGainShift, bestThreshold, bestG, bestH, bestCount, sumGradient, sumHessian, numData);
  if (naAsMissing) {
    // From the left: the missing bin goes right. When the most frequent bin is bin 0, LightGBM does not
    // store it and starts from the leaf totals minus every other bin (t = -1 below).
    const offset = m.mostFreqBin === 0 ? 1 : 0;
    let leftG = 0, leftH = K_EPSILON, leftCount = 0;
    if (offset === 1) {
      leftG = sumGradient;
      leftH = sumHessian - K_EPSILON;
      leftCount = numData;
      for (let b = 1; b < n; b++) {
        leftG -= hist[2 * (base + b)];
        leftH -= hist[2 * (base + b) + 1];
        leftCount -= estimatedCount(hist[2 * (base + b) + 1], cntFactor);
      }
    }
    bestGain = -Infinity;
    for (let t = -offset; t <= n - 2 - offset; t++) {
      if (t >= 0) {
        const hb = hist[2 * (base + t + offset) + 1];
        leftG += hist[2 * (base + t + offset)];
        leftH += hb;
        leftCount += estimatedCount(hb, cntFactor);
      }
      if (leftCount < minData || leftH < minHess) continue;
      const rightCnt = numData - leftCount;
      if (rightCnt < minData) break;
      const rightHess = sumHessian - leftH;
      if (rightHess < minHess) break;
      const gain = leafGain(leftG, leftH, p) + leafGain(sumGradient - leftG, rightHess, p);
      if (!(gain > minGainShift)) continue;
      splittable = true;
      if (gain > bestGain) {
        bestGain = gain;
        bestG = leftG;
        bestH = leftH;
        bestCount = leftCount;
        bestThreshold = t + offset;
      }
    }
    if (splittable) commit(out, p, false, bestGain, minGainShift, bestThreshold, bestG, bestH, bestCount, sumGradient, sumHessian, numData);
  } else if (m.missingType === MISSING_NAN) {
    out.defaultLeft = false; // two bins (values, missing): LightGBM sends missing values right
  }
  return splittable;
}
