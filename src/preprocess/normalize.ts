// pyradiomics' normalizeImage: SimpleITK's Normalize over the whole image ((x - mean)·(1/σ), σ with
// N - 1, as ITK's NormalizeImageFilter), outliers clipped to ±removeOutliers, then × normalizeScale.
import type { Volume, VoxelArray } from '../volume.js';
import { InputError } from '../io/errors.js';
import type { Settings } from '../settings/types.js';
import { indexText } from './mask.js';
import { float64Block, SCAN_BLOCK, volumeStatistics, type VolumeStatistics } from './scan.js';

/** Mean and sample standard deviation with compensated sums (ITK's StatisticsImageFilter). */
export function imageStatistics(data: VoxelArray): { mean: number; sigma: number } {
  const { mean, sigma } = volumeStatistics(data);
  return { mean, sigma };
}

/** pyradiomics' normalisation of one voxel value, from the whole image's statistics. */
export interface Normalization {
  shift: number;
  scale: number;
  removeOutliers: number | null;
  normalizeScale: number;
}

/** The whole image's normalisation (one pass, no copy, or none given `stats` of this image); fails on non-finite or constant images. */
export function normalizationOf(image: Volume, settings: Pick<Settings, 'normalizeScale' | 'removeOutliers'>, name = 'image', stats?: VolumeStatistics): Normalization {
  const data = image.data;
  const { mean, sigma } = stats ?? volumeStatistics(data);
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

/** normalizeValue over values[from, to) in place, the settings read once (the same arithmetic). */
export function normalizeInPlace(values: Float64Array, from: number, to: number, n: Normalization): void {
  const { shift, scale, removeOutliers: o, normalizeScale } = n;
  for (let i = from; i < to; i++) {
    let v = (values[i] + shift) * scale;
    if (o != null) v = v > o ? o : v < -o ? -o : v;
    values[i] = v * normalizeScale;
  }
}

/** A normalised float64 copy of the values (all of them, or the ones a crop keeps). */
export function applyNormalization(image: Volume, n: Normalization): Volume {
  const data = image.data;
  const out = new Float64Array(data.length);
  const scratch = new Float64Array(Math.min(SCAN_BLOCK, data.length));
  for (let at = 0; at < data.length; at += SCAN_BLOCK) {
    const m = Math.min(SCAN_BLOCK, data.length - at);
    out.set(float64Block(data, at, m, scratch), at);
    normalizeInPlace(out, at, at + m, n);
  }
  return { ...image, data: out };
}

export function normalizeImage(image: Volume, settings: Pick<Settings, 'normalizeScale' | 'removeOutliers'>, name = 'image'): Volume {
  return applyNormalization(image, normalizationOf(image, settings, name));
}
