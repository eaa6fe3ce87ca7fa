// The resampled grid and voxel values against pyradiomics' `*-interpolated` diagnostics of the
// `_resampling` baseline configurations (B-spline to 2x2x2 mm, SimpleITK's ResampleImageFilter).
import { describe, it, expect } from 'vitest';
import { readImage } from '../../src/io/index.js';
import { resampleImageAndMask, labelBoundingBox } from '../../src/preprocess/resample.js';
import { DEFAULT_SETTINGS } from '../../src/settings/types.js';
import { dataPath, expectClose, readBaseline } from '../helpers.js';
import { indexToPoint } from '../../src/volume.js';

const tuple = (s: string) => s.replace(/[()\s]/g, '').split(',').map(Number);

describe.each(['brain1', 'brain2', 'breast1'])('%s_resampling', (name) => {
  const diag = readBaseline('shape')[`${name}_resampling`];
  const image = readImage(dataPath('pyradiomics', 'images', `${name}_image.nrrd`));
  const mask = readImage(dataPath('pyradiomics', 'images', `${name}_label.nrrd`));
  const settings = { ...DEFAULT_SETTINGS, resampledPixelSpacing: [2, 2, 2], interpolator: 'sitkBSpline' as const };
  const out = resampleImageAndMask(image, mask, settings);

  it('has the interpolated size, spacing and pixel type', () => {
    expect(out.image.size).toEqual(tuple(diag['diagnostics_Image-interpolated_Size']));
    expect(out.mask.size).toEqual(tuple(diag['diagnostics_Mask-interpolated_Size']));
    expect(out.image.spacing).toEqual(tuple(diag['diagnostics_Image-interpolated_Spacing']));
    expect(out.image.data.constructor).toBe(image.data.constructor);
    expect(out.mask.data.constructor).toBe(mask.data.constructor);
  });

  it('has the interpolated image minimum, maximum and mean', () => {
    const v = Array.from(out.image.data as Int16Array);
    const sum = v.reduce((a, b) => a + b, 0);
    expect(Math.min(...v)).toBe(Number(diag['diagnostics_Image-interpolated_Minimum']));
    expect(Math.max(...v)).toBe(Number(diag['diagnostics_Image-interpolated_Maximum']));
    // the mean of integers times the count is an integer sum: compare it exactly
    expect(sum).toBe(Math.round(Number(diag['diagnostics_Image-interpolated_Mean']) * v.length));
  });

  it('has the interpolated mask voxel count, bounding box and ROI intensities', () => {
    const box = labelBoundingBox(out.mask, 1)!;
    expect([...box.lo, ...box.size]).toEqual(tuple(diag['diagnostics_Mask-interpolated_BoundingBox']));
    const roi: number[] = [];
    out.mask.data.forEach((m, i) => { if (m === 1) roi.push(out.image.data[i] as number); });
    const sum = roi.reduce((a, b) => a + b, 0);
    expect(roi.length).toBe(Number(diag['diagnostics_Mask-interpolated_VoxelNum']));
    expect(Math.min(...roi)).toBe(Number(diag['diagnostics_Mask-interpolated_Minimum']));
    expect(Math.max(...roi)).toBe(Number(diag['diagnostics_Mask-interpolated_Maximum']));
    expect(sum).toBe(Math.round(Number(diag['diagnostics_Mask-interpolated_Mean']) * roi.length));
  });

  it('places the grid where pyradiomics does (ROI centre of mass, index and physical)', () => {
    const centre = [0, 0, 0];
    let n = 0;
    const [nx, ny] = out.mask.size;
    out.mask.data.forEach((m, i) => {
      if (m !== 1) return;
      centre[0] += i % nx;
      centre[1] += Math.floor(i / nx) % ny;
      centre[2] += Math.floor(i / (nx * ny));
      n++;
    });
    const index = centre.map((c) => c / n);
    tuple(diag['diagnostics_Mask-interpolated_CenterOfMassIndex']).forEach((e, a) => expectClose(index[a], e, 1e-12, `centre index ${a}`));
    const point = indexToPoint(out.mask, index);
    tuple(diag['diagnostics_Mask-interpolated_CenterOfMass']).forEach((e, a) => expect(Math.abs(point[a] - e)).toBeLessThan(1e-9));
  });
});
