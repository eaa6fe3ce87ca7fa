// pyradiomics' normalizeImage: SimpleITK's Normalize over the whole image ((x - mean)·(1/σ), σ with
// N - 1, as ITK's NormalizeImageFilter), outliers clipped to ±removeOutliers, then × normalizeScale.
import type { Volume } from '../volume.js';
import { InputError } from '../io/errors.js';
import type { Settings } from '../settings/types.js';
import { indexText } from './mask.js';

/** Mean and sample standard deviation with compensated sums (ITK's StatisticsImageFilter). */
export function imageStatistics(data: ArrayLike<number | bigint>): { mean: number; sigma: number } {
  let sum = 0, sumC = 0, sq = 0, sqC = 0;
  const n = data.length;
  for (let i = 0; i < n; i++) {
    const v = Number(data[i]);
    // Neumaier compensation for the sum and the sum of squares
    let t = sum + v;
    sumC += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
    const v2 = v * v;
    t = sq + v2;
    sqC += Math.abs(sq) >= Math.abs(v2) ? sq - t + v2 : v2 - t + sq;
    sq = t;
  }
  sum += sumC;
  sq += sqC;
  const mean = sum / n;
  const variance = (sq - (sum * sum) / n) / (n - 1);
  return { mean, sigma: Math.sqrt(variance) };
}

/** pyradiomics' normalisation of one voxel value, from the whole image's statistics. */
export interface Normalization {
  shift: number;
  scale: number;
  removeOutliers: number | null;
  normalizeScale: number;
}

/** The whole image's normalisation (one pass, no copy); fails on non-finite or constant images. */
export function normalizationOf(image: Volume, settings: Pick<Settings, 'normalizeScale' | 'removeOutliers'>, name = 'image'): Normalization {
  const data = image.data;
  const { mean, sigma } = imageStatistics(data);
  // a NaN or infinite voxel makes the sums non-finite: only then look for it, to name it
  if (!Number.isFinite(mean) || !Number.isFinite(sigma)) {
    for (let i = 0; i < data.length; i++) {
      const v = Number(data[i]);
      if (!Number.isFinite(v)) throw new InputError(name, `voxel ${indexText(image.size, i)} is ${v}; normalize needs a finite image (it uses every voxel)`);
    }
    throw new InputError(name, 'normalize: the intensities are too large for their variance to be computed in double precision');
  }
  if (!(sigma > 0)) throw new InputError(name, 'normalize: the image is constant (standard deviation 0)');
  return { shift: -mean, scale: 1 / sigma, removeOutliers: settings.removeOutliers, normalizeScale: settings.normalizeScale };
}

/** (x - mean)·(1/σ), clipped to ±removeOutliers, × normalizeScale: one value as ITK and pyradiomics order it. */
export function normalizeValue(x: number, n: Normalization): number {
  let v = (x + n.shift) * n.scale;
  const o = n.removeOutliers;
  if (o != null) v = v > o ? o : v < -o ? -o : v;
  return v * n.normalizeScale;
}

/** A normalised float64 copy of the values (all of them, or the ones a crop keeps). */
export function applyNormalization(image: Volume, n: Normalization): Volume {
  const data = image.data;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = normalizeValue(Number(data[i]), n);
  return { ...image, data: out };
}

export function normalizeImage(image: Volume, settings: Pick<Settings, 'normalizeScale' | 'removeOutliers'>, name = 'image'): Volume {
  return applyNormalization(image, normalizationOf(image, settings, name));
}
