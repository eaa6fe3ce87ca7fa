// End to end from DICOM: a CT folder with its RTSTRUCT gives the same 107 features, with the seed study's
// parameter file (3 mm B-spline resampling), as the NIfTI image and mask of the same patient (to float32 geometry).
import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { extractFromFiles } from '../../src/extract.js';
import { dataPath } from '../helpers.js';

const params = fileURLToPath(new URL('../../examples/params/ivl_ct_3mm.yaml', import.meta.url));

describe('extract from DICOM (STS_019)', () => {
  it('equals the extraction from the NIfTI files', async () => {
    const fromDicom = await extractFromFiles(dataPath('sts', 'dicom', 'STS_019', 'CT'), dataPath('sts', 'dicom', 'STS_019', 'RTSTRUCT.dcm'), params, { roi: 'GTV_Mass_CT' });
    const fromNifti = await extractFromFiles(dataPath('sts', 'ct', 'STS_019_image.nii.gz'), dataPath('sts', 'ct', 'STS_019_mask.nii.gz'), params);
    const features = Object.keys(fromNifti).filter((k) => k.startsWith('original_'));
    expect(features).toHaveLength(107);
    const errors = features.map((k) => [k, Math.abs((fromDicom[k] as number) - (fromNifti[k] as number)) / Math.max(Math.abs(fromNifti[k] as number), 1e-300)] as const).sort((a, b) => b[1] - a[1]);
    // the NIfTI header holds the geometry in float32, so the 3 mm grids differ by ~1e-7 mm and the B-spline
    // values by ~1e-7 relative; every bin, and so every texture and shape feature, is the same
    expect(errors[0][1]).toBeLessThan(1e-5);
    for (const [k, err] of errors) if (!k.startsWith('original_firstorder_')) expect(err, k).toBe(0);
    expect(fromDicom['diagnostics_Image-interpolated_Spacing']).toEqual(fromNifti['diagnostics_Image-interpolated_Spacing']);
  });
  it('names the ROIs when --roi is wrong', async () => {
    await expect(extractFromFiles(dataPath('sts', 'dicom', 'STS_019', 'CT'), dataPath('sts', 'dicom', 'STS_019', 'RTSTRUCT.dcm'), params, { roi: 'GTV' })).rejects.toThrow(/no ROI named "GTV" \(ROIs: "GTV_Mass_CT"\)/);
  });
});
