// RTSTRUCT rasterisation against the voxel masks made from the same contours (STS: ct/STS_xxx_mask.nii.gz;
// IBSI CT phantom: mask.nii.gz): voxel agreement and Dice (target >= 0.99; the reference rule gives 1).
import { describe, it, expect } from 'vitest';
import { readImage } from '../../src/io/index.js';
import { readDicomSeries, readRtstructMask, readDicomMask, rtstructRoiNames } from '../../src/io/dicom/index.js';
import type { Volume } from '../../src/volume.js';
import { readFileSync } from 'node:fs';
import { dataPath } from '../helpers.js';

function agreement(mask: Volume, reference: Volume): { dice: number; ours: number; theirs: number; different: number } {
  let ours = 0, theirs = 0, both = 0, different = 0;
  for (let i = 0; i < mask.data.length; i++) {
    const a = Number(mask.data[i]) !== 0, b = Number(reference.data[i]) !== 0;
    ours += +a;
    theirs += +b;
    both += +(a && b);
    different += +(a !== b);
  }
  return { dice: (2 * both) / (ours + theirs), ours, theirs, different };
}

describe.each([
  ['STS_008', 8862],
  ['STS_019', 5564],
  ['STS_025', 9655],
])('%s RTSTRUCT', (id, voxels) => {
  const image = readDicomSeries(dataPath('sts', 'dicom', id, 'CT'));
  const rtstruct = dataPath('sts', 'dicom', id, 'RTSTRUCT.dcm');
  it('rasterises GTV_Mass_CT onto the CT grid as the NIfTI mask', () => {
    expect(rtstructRoiNames(rtstruct, readFileSync(rtstruct))).toEqual(['GTV_Mass_CT']);
    const mask = readRtstructMask(rtstruct, image, 'GTV_Mass_CT');
    const reference = readImage(dataPath('sts', 'ct', `${id}_mask.nii.gz`));
    const a = agreement(mask, reference);
    console.log(`${id}: ${a.ours} voxels (NIfTI ${a.theirs}), ${a.different} differ, Dice ${a.dice}`);
    expect(a.theirs).toBe(voxels);
    expect(a.dice).toBeGreaterThanOrEqual(0.99);
    expect(a.different).toBe(0);
  });
});

describe('IBSI CT phantom RTSTRUCT', () => {
  it('rasterises GTV-1 as mask.nii.gz (125,256 voxels)', () => {
    const image = readDicomSeries(dataPath('ibsi', 'ct_phantom', 'dicom', 'image'));
    const mask = readDicomMask(dataPath('ibsi', 'ct_phantom', 'dicom', 'mask', 'DCM_RS_00060.dcm'), image)!;
    const a = agreement(mask, readImage(dataPath('ibsi', 'ct_phantom', 'mask.nii.gz')));
    console.log(`IBSI phantom: ${a.ours} voxels (NIfTI ${a.theirs}), ${a.different} differ, Dice ${a.dice}`);
    expect(a.theirs).toBe(125256);
    expect(a.different).toBe(0);
  });
});
