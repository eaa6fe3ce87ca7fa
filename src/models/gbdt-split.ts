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
  const sg = thresholdL1(g, p.lambda_l1);
  if (!(p.max_delta_step > 0)) return (sg * sg) / (h + p.lambda_l2);
  const w = leafOutput(g, h, p);
  return -(2 * sg * w + (h + p.lambda_l2) * w * w);
}

// round(h * cnt_factor) as LightGBM's RoundInt: int(x + 0.5)
const estimatedCount = (h: number, cntFactor: number) => Math.trunc(h * cntFactor + 0.5);

/**
 * Best threshold of one feature for one leaf. `hist` holds the feature's bins as (g, h) pairs from
 * pair index `base`. Returns the feature's best split (gain -Infinity when none) and whether any
 * threshold was valid (LightGBM's is_splittable, which the leaf's children inherit).
 */
export function findBestThreshold(hist: Float64Array, base: number, m: BinMapper, sumGradient: number, leafSumHessian: number, numData: number, p: SplitParams): { split: SplitInfo; splittable: boolean } {
  const sumHessian = leafSumHessian + 2 * K_EPSILON;
  const minGainShift = leafGain(sumGradient, sumHessian, p) + p.min_gain_to_split;
  const cntFactor = numData / sumHessian;
  const n = m.numBin;
  const g = (b: number) => hist[2 * (base + b)];
  const h = (b: number) => hist[2 * (base + b) + 1];
  const out = noSplit();
  let splittable = false;
  let best = { gain: -Infinity, leftG: NaN, leftH: NaN, leftCount: 0, threshold: n };
  const consider = (leftG: number, leftH: number, leftCount: number, rightG: number, rightH: number, threshold: number) => {
    const gain = leafGain(leftG, leftH, p) + leafGain(rightG, rightH, p);
    if (!(gain > minGainShift)) return;
    splittable = true;
    if (gain > best.gain) best = { gain, leftG, leftH, leftCount, threshold };
  };
  const finish = (defaultLeft: boolean) => {
    if (splittable && best.gain > out.gain + minGainShift) {
      Object.assign(out, {
        threshold: best.threshold, defaultLeft, gain: best.gain - minGainShift,
        leftOutput: leafOutput(best.leftG, best.leftH, p), leftCount: best.leftCount, leftSumGradient: best.leftG, leftSumHessian: best.leftH - K_EPSILON,
        rightOutput: leafOutput(sumGradient - best.leftG, sumHessian - best.leftH, p), rightCount: numData - best.leftCount,
        rightSumGradient: sumGradient - best.leftG, rightSumHessian: sumHessian - best.leftH - K_EPSILON,
      });
    }
    best = { gain: -Infinity, leftG: NaN, leftH: NaN, leftCount: 0, threshold: n };
  };
  const naAsMissing = m.missingType === MISSING_NAN && n > 2;
  // From the right: bins above the threshold go right; the missing bin (last) stays left.
  let rightG = 0, rightH = K_EPSILON, rightCount = 0;
  for (let b = n - 1 - (naAsMissing ? 1 : 0); b >= 1; b--) {
    rightG += g(b);
    rightH += h(b);
    rightCount += estimatedCount(h(b), cntFactor);
    if (rightCount < p.min_data_in_leaf || rightH < p.min_sum_hessian_in_leaf) continue;
    const leftCount = numData - rightCount;
    if (leftCount < p.min_data_in_leaf) break;
    const leftH = sumHessian - rightH;
    if (leftH < p.min_sum_hessian_in_leaf) break;
    consider(sumGradient - rightG, leftH, leftCount, rightG, rightH, b - 1);
  }
  finish(true);
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
        leftG -= g(b);
        leftH -= h(b);
        leftCount -= estimatedCount(h(b), cntFactor);
      }
    }
    for (let t = -offset; t <= n - 2 - offset; t++) {
      if (t >= 0) {
        leftG += g(t + offset);
        leftH += h(t + offset);
        leftCount += estimatedCount(h(t + offset), cntFactor);
      }
      if (leftCount < p.min_data_in_leaf || leftH < p.min_sum_hessian_in_leaf) continue;
      const rightCnt = numData - leftCount;
      if (rightCnt < p.min_data_in_leaf) break;
      const rightHess = sumHessian - leftH;
      if (rightHess < p.min_sum_hessian_in_leaf) break;
      consider(leftG, leftH, leftCount, sumGradient - leftG, rightHess, t + offset);
    }
    finish(false);
  } else if (m.missingType === MISSING_NAN) {
    out.defaultLeft = false; // two bins (values, missing): LightGBM sends missing values right
  }
  return { split: out, splittable };
}
