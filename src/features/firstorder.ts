// pyradiomics' first-order features: statistics of the raw ROI intensities (Entropy and Uniformity use
// the discretised histogram). Sums, means and percentiles follow numpy's own algorithms.
import type { DiscretizedRoi, FeatureClass, FeatureContext } from './types.js';
import { EPS, evaluate } from './common.js';
import { medianSorted, pairwiseSum, percentileSorted } from '../preprocess/numpy.js';

/** The per-ROI quantities features share, computed on first use. */
class Coefficients {
  readonly x: Float64Array;
  readonly n: number;
  private cache = new Map<string, unknown>();
  constructor(readonly roi: DiscretizedRoi, readonly ctx: FeatureContext) {
    this.x = roi.values;
    this.n = roi.values.length;
  }
  private memo<T>(key: string, f: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, f());
    return this.cache.get(key) as T;
  }
  get shift(): number {
    return this.ctx.settings.voxelArrayShift;
  }
  get sorted(): Float64Array {
    return this.memo('sorted', () => Float64Array.from(this.x).sort());
  }
  get mean(): number {
    return this.memo('mean', () => pairwiseSum(this.x) / this.n);
  }
  /** Σ (x + shift)² */
  get energy(): number {
    const shift = this.shift;
    return this.memo('energy', () => sumOf(this.x, (v) => (v + shift) * (v + shift)));
  }
  /** Central moment k (2, 3 or 4) over N: mean((x − μ)^k), powers by multiplication */
  moment(k: 2 | 3 | 4): number {
    const mean = this.mean;
    const power = k === 2 ? (d: number) => d * d : k === 3 ? (d: number) => d * d * d : (d: number) => d * d * (d * d);
    return this.memo(`m${k}`, () => sumOf(this.x, (v) => power(v - mean)) / this.n);
  }
  /** np.var: mean of squared deviations */
  get variance(): number {
    const mean = this.mean;
    return this.memo('var', () => sumOf(this.x, (v) => (v - mean) * (v - mean)) / this.n);
  }
  percentile(q: number): number {
    return this.memo(`p${q}`, () => percentileSorted(this.sorted, q));
  }
  /** p_i: fraction of ROI voxels in each bin present, bins ascending (np.unique counts / N) */
  get p(): Float64Array {
    return this.memo('p', () => {
      const box = this.roi.size[0] * this.roi.size[1] * this.roi.size[2];
      const bins = this.ctx.arena.view(Int32Array, this.roi.binsPtr, box);
      const counts = new Float64Array(this.roi.ng + 1);
      for (let i = 0; i < box; i++) if (bins[i] > 0) counts[bins[i]]++;
      const p: number[] = [];
      for (let b = 1; b < counts.length; b++) if (counts[b] > 0) p.push(counts[b] / this.n);
      return Float64Array.from(p);
    });
  }
}

/** numpy sum (pairwise) of f applied to every value. */
function sumOf(values: Float64Array, f: (v: number) => number): number {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = f(values[i]);
  return pairwiseSum(out);
}

/** Robust MAD as pyradiomics computes it: values outside [P10, P90] become NaN (0 in numpy's nan-sums). */
function robustMeanAbsoluteDeviation(c: Coefficients): number {
  const p10 = c.percentile(10), p90 = c.percentile(90);
  const kept = new Float64Array(c.n);
  const inRange = new Uint8Array(c.n);
  let count = 0;
  for (let i = 0; i < c.n; i++) {
    const v = c.x[i];
    if (!(v - p10 < 0 || v - p90 > 0)) {
      kept[i] = v;
      inRange[i] = 1;
      count++;
    }
  }
  const m = pairwiseSum(kept) / count;
  const dev = new Float64Array(c.n);
  for (let i = 0; i < c.n; i++) if (inRange[i]) dev[i] = Math.abs(kept[i] - m);
  return pairwiseSum(dev) / count;
}

type Feature = (c: Coefficients) => number;

const FEATURES: Record<string, Feature> = {
  // P10: 10th percentile (numpy linear interpolation)
  '10Percentile': (c) => c.percentile(10),
  // P90: 90th percentile
  '90Percentile': (c) => c.percentile(90),
  // Energy = Σ (x + c)², c = voxelArrayShift
  Energy: (c) => c.energy,
  // Entropy = −Σ p_i log2(p_i + ε), p_i over the discretised histogram
  Entropy: (c) => -sumOf(c.p, (p) => p * Math.log2(p + EPS)),
  // IQR = P75 − P25
  InterquartileRange: (c) => c.percentile(75) - c.percentile(25),
  // Kurtosis = m4 / m2² (not excess); 0 for a flat ROI
  Kurtosis: (c) => (c.moment(2) === 0 ? 0 : c.moment(4) / c.moment(2) ** 2),
  // Maximum = max x
  Maximum: (c) => c.sorted[c.n - 1],
  // Mean = Σ x / N
  Mean: (c) => c.mean,
  // MAD = mean |x − μ|
  MeanAbsoluteDeviation: (c) => {
    const mean = c.mean;
    return sumOf(c.x, (v) => Math.abs(v - mean)) / c.n;
  },
  // Median = P50
  Median: (c) => medianSorted(c.sorted),
  // Minimum = min x
  Minimum: (c) => c.sorted[0],
  // Range = max − min
  Range: (c) => c.sorted[c.n - 1] - c.sorted[0],
  // rMAD = mean |x − μ_10-90| over P10 <= x <= P90
  RobustMeanAbsoluteDeviation: robustMeanAbsoluteDeviation,
  // RMS = sqrt(Energy / N)
  RootMeanSquared: (c) => (c.n === 0 ? 0 : Math.sqrt(c.energy / c.n)),
  // Skewness = m3 / m2^1.5; 0 for a flat ROI
  Skewness: (c) => (c.moment(2) === 0 ? 0 : c.moment(3) / c.moment(2) ** 1.5),
  // σ = sqrt(mean (x − μ)²) (deprecated in pyradiomics: computed only when named)
  StandardDeviation: (c) => Math.sqrt(c.variance),
  // TotalEnergy = Energy × voxel volume
  TotalEnergy: (c) => c.energy * (c.roi.spacing[0] * c.roi.spacing[1] * c.roi.spacing[2]),
  // Uniformity = Σ p_i²
  Uniformity: (c) => sumOf(c.p, (p) => p * p),
  // Variance = σ² (pyradiomics squares np.nanstd)
  Variance: (c) => Math.sqrt(c.variance) ** 2,
};

export const firstorder: FeatureClass<DiscretizedRoi> = {
  name: 'firstorder',
  input: 'roi',
  defaultFeatures: Object.keys(FEATURES).filter((f) => f !== 'StandardDeviation'),
  deprecatedFeatures: ['StandardDeviation'],
  compute(roi, ctx) {
    return evaluate(FEATURES, new Coefficients(roi, ctx), ctx.enabled, 'firstorder');
  },
};
