// DICOM CT series -> Volume: geometry and voxel values equal to the NIfTI images built from the same
// series (STS patients: int16 HU; IBSI CT phantom: uint16 with intercept -1000 -> int16 HU).
import { describe, it, expect } from 'vitest';
import { readImage } from '../../src/io/index.js';
import { readDicomSeries } from '../../src/io/dicom/index.js';
import type { Volume } from '../../src/volume.js';
import { dataPath } from '../helpers.js';

function expectSameGeometry(dicom: Volume, nifti: Volume): void {
  expect(dicom.size).toEqual(nifti.size);
  // NIfTI stores geometry as float32: agree to float32 precision
  for (let a = 0; a < 3; a++) {
    expect(Math.abs(dicom.spacing[a] - nifti.spacing[a])).toBeLessThan(1e-5 * nifti.spacing[a]);
    expect(Math.abs(dicom.origin[a] - nifti.origin[a])).toBeLessThan(1e-4);
  }
  dicom.direction.forEach((d, i) => expect(Math.abs(d - nifti.direction[i])).toBeLessThan(1e-6));
}

function countDifferent(a: Volume, b: Volume): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i++) if (Number(a.data[i]) !== Number(b.data[i])) n++;
  return n;
}

describe.each(['STS_008', 'STS_019', 'STS_025'])('%s CT series', (id) => {
  it('matches the NIfTI image: geometry, pixel type and every voxel', () => {
    const dicom = readDicomSeries(dataPath('sts', 'dicom', id, 'CT'));
    const nifti = readImage(dataPath('sts', 'ct', `${id}_image.nii.gz`));
    expectSameGeometry(dicom, nifti);
    expect(dicom.data).toBeInstanceOf(Int16Array);
    expect(countDifferent(dicom, nifti)).toBe(0);
  });
});

describe('IBSI CT phantom series', () => {
  const dicom = readDicomSeries(dataPath('ibsi', 'ct_phantom', 'dicom', 'image'));
  it('rescales uint16 (intercept -1000) into int16 HU equal to phantom.nii.gz', () => {
    const nifti = readImage(dataPath('ibsi', 'ct_phantom', 'phantom.nii.gz'));
    expectSameGeometry(dicom, nifti);
    expect(dicom.data).toBeInstanceOf(Int16Array);
    expect(countDifferent(dicom, nifti)).toBe(0);
  });
  it('reads the same series from a folder above it and from one of its files', () => {
    const fromParent = readDicomSeries(dataPath('ibsi', 'ct_phantom', 'dicom'));
    const fromFile = readDicomSeries(dataPath('ibsi', 'ct_phantom', 'dicom', 'image', 'DCM_IMG_00007.dcm'));
    expect(fromParent.size).toEqual(dicom.size);
    expect(countDifferent(fromParent, dicom)).toBe(0);
    expect(countDifferent(fromFile, dicom)).toBe(0);
  });
  it('is what readImage returns for a folder or a DICOM file', () => {
    expect(countDifferent(readImage(dataPath('ibsi', 'ct_phantom', 'dicom', 'image')), dicom)).toBe(0);
    expect(countDifferent(readImage(dataPath('ibsi', 'ct_phantom', 'dicom', 'image', 'DCM_IMG_00000.dcm')), dicom)).toBe(0);
    expect(() => readImage(dataPath('pyradiomics', 'params'))).toThrow(/params: no DICOM image slices found/);
  });
});
