// Normalising only the voxels resampling reads must give exactly the image pyradiomics' order gives:
// the whole image normalised first, then resampled.
import { describe, expect, it } from 'vitest';
import { readImage } from '../../src/io/index.js';
import { normalizeImage } from '../../src/preprocess/normalize.js';
import { resampleOrPreCrop } from '../../src/preprocess/resample.js';
import { prepareCase } from '../../src/preprocess/prepare.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/types.js';
import { dataPath } from '../helpers.js';

const cases: [string, string, string, Partial<Settings>][] = [
  ['brain1 B-spline 2 mm', 'pyradiomics/images/brain1_image.nrrd', 'pyradiomics/images/brain1_label.nrrd', { resampledPixelSpacing: [2, 2, 2] }],
  ['STS_019 B-spline 3 mm, outliers', 'sts/ct/STS_019_image.nii.gz', 'sts/ct/STS_019_mask.nii.gz', { resampledPixelSpacing: [3, 3, 3], removeOutliers: 3 }],
  ['STS_019 linear 3 mm', 'sts/ct/STS_019_image.nii.gz', 'sts/ct/STS_019_mask.nii.gz', { resampledPixelSpacing: [3, 3, 3], interpolator: 'sitkLinear' }],
  ['brain1 nearest 1.5 mm', 'pyradiomics/images/brain1_image.nrrd', 'pyradiomics/images/brain1_label.nrrd', { resampledPixelSpacing: [1.5, 1.5, 1.5], interpolator: 'sitkNearestNeighbor' }],
  ['brain1 preCrop', 'pyradiomics/images/brain1_image.nrrd', 'pyradiomics/images/brain1_label.nrrd', { preCrop: true }],
];

describe('normalisation applied within resampling equals normalise-then-resample', () => {
  for (const [name, img, msk, extra] of cases) {
    it(name, () => {
      const image = readImage(dataPath(...img.split('/')));
      const mask = readImage(dataPath(...msk.split('/')));
      const settings: Settings = { ...DEFAULT_SETTINGS, normalize: true, normalizeScale: 100, ...extra };
      const reference = resampleOrPreCrop(normalizeImage(image, settings), mask, settings);
      const prepared = prepareCase(image, mask, settings);
      expect(prepared.image.data).toBeInstanceOf(Float64Array);
      expect(prepared.image.size).toEqual(reference.image.size);
      expect(prepared.image.origin).toEqual(reference.image.origin);
      expect(Array.from(prepared.image.data)).toEqual(Array.from(reference.image.data));
      expect(prepared.resampled).toBe(true);
    });
  }
});
