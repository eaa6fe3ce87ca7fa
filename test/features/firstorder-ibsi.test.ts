// IBSI chapter 1: the intensity-statistics and histogram features pyradiomics defines the same way.
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract.js';
import { readImage } from '../../src/io/index.js';
import { dataPath, readCsv } from '../helpers.js';

/** IBSI's digital-phantom rule: round to 3 significant digits, then compare within the tolerance. */
function roundSignificant(x: number, digits = 3): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}

/** Our value in IBSI's definition: pyradiomics Kurtosis = IBSI excess kurtosis + 3. */
function ibsiValue(name: string, value: number): number {
  return name === 'firstorder_Kurtosis' ? value - 3 : value;
}

function firstorderRows(file: string, filter: (r: Record<string, string>) => boolean = () => true) {
  return readCsv('ibsi', file).filter((r) => r.pyradiomics_name.startsWith('firstorder_') && r.pyradiomics_aggregation_match === 'default (3D)' && filter(r));
}

describe('IBSI digital phantom (binWidth 1, voxelArrayShift 0)', () => {
  const rows = firstorderRows('phantom_reference.csv');
  it('covers the 17 matching features', () => expect(rows).toHaveLength(17));
  it('every matching feature equals the reference after rounding to 3 significant digits', async () => {
    const image = readImage(dataPath('ibsi', 'phantom', 'phantom.nii.gz'));
    const mask = readImage(dataPath('ibsi', 'phantom', 'mask.nii.gz'));
    const result = await extract(image, mask, { setting: { binWidth: 1 }, featureClass: { firstorder: null } });
    expect(result['diagnostics_Mask-original_VoxelNum']).toBe(74);
    for (const r of rows) {
      const ours = roundSignificant(ibsiValue(r.pyradiomics_name, result[`original_${r.pyradiomics_name}`] as number));
      expect(Math.abs(ours - Number(r.value)), `${r.ibsi_feature_name}: ${ours} vs ${r.value}`).toBeLessThanOrEqual(Number(r.tolerance) + 1e-12);
    }
  });
});

describe('IBSI CT phantom, configuration A (no interpolation, resegmentation [-500, 400] HU, FBS 25 HU)', () => {
  const rows = firstorderRows('ct_phantom_reference.csv', (r) => r.config === 'A');
  it('every matching feature lies within the IBSI tolerance', async () => {
    expect(rows).toHaveLength(17);
    const image = readImage(dataPath('ibsi', 'ct_phantom', 'phantom.nii.gz'));
    const mask = readImage(dataPath('ibsi', 'ct_phantom', 'mask.nii.gz'));
    // IBSI: round the intensities to integers first (the file stores whole HU as float32)
    const rounded = { ...image, data: Float32Array.from(image.data as Float32Array, Math.round) };
    const result = await extract(rounded, mask, { setting: { resegmentRange: [-500, 400], binWidth: 25 }, featureClass: { firstorder: null } });
    for (const r of rows) {
      const ours = ibsiValue(r.pyradiomics_name, result[`original_${r.pyradiomics_name}`] as number);
      expect(Math.abs(ours - Number(r.value)), `${r.ibsi_feature_name}: ${ours} vs ${r.value} ± ${r.tolerance}`).toBeLessThanOrEqual(Number(r.tolerance));
    }
  });
});
