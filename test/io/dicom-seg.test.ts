// DICOM-SEG -> mask. The shared data holds no SEG file, so SEGs are written from the reference STS_019
// mask (tests/io/dicom-fixtures.ts) and must read back as that mask, voxel for voxel.
import { describe, it, expect } from 'vitest';
import { readImage } from '../../src/io/index.js';
import { readDicomSegMaskBytes, dicomSegSegments } from '../../src/io/dicom/index.js';
import type { Volume } from '../../src/volume.js';
import { dataPath } from '../helpers.js';
import { segFile } from './dicom-fixtures.js';

const image = readImage(dataPath('sts', 'ct', 'STS_019_image.nii.gz'));
const gtv = readImage(dataPath('sts', 'ct', 'STS_019_mask.nii.gz'));
const [nx, ny, nz] = image.size;
const gtvBits = Uint8Array.from(gtv.data as Uint8Array, (v) => (v ? 1 : 0));
/** A second segment: a box of voxels x 10..19, y 20..39, z 3..5. */
const box = new Uint8Array(nx * ny * nz);
for (let k = 3; k <= 5; k++) for (let j = 20; j <= 39; j++) for (let i = 10; i <= 19; i++) box[i + nx * (j + ny * k)] = 1;

function differing(a: Volume, expected: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < expected.length; i++) if ((a.data[i] ? 1 : 0) !== expected[i]) n++;
  return n;
}

describe('DICOM-SEG on the image grid', () => {
  const seg = segFile(image, [{ label: 'GTV', mask: gtvBits }, { label: 'Box', mask: box }]);
  it('lists its segments', () => {
    expect(dicomSegSegments('seg.dcm', seg)).toEqual([{ number: 1, label: 'GTV' }, { number: 2, label: 'Box' }]);
  });
  it('reads each segment back exactly, by label or by number', () => {
    const mask = readDicomSegMaskBytes('seg.dcm', seg, image, 'GTV');
    expect(mask.size).toEqual(image.size);
    expect(mask.origin).toEqual(image.origin);
    expect(differing(mask, gtvBits)).toBe(0);
    expect(differing(readDicomSegMaskBytes('seg.dcm', seg, image, 2), box)).toBe(0);
    expect(differing(readDicomSegMaskBytes('seg.dcm', seg, image, 'box'), box)).toBe(0);
  });
  it('reads FRACTIONAL 8-bit frames as well', () => {
    const fractional = segFile(image, [{ label: 'GTV', mask: gtvBits }], true);
    expect(differing(readDicomSegMaskBytes('seg.dcm', fractional, image), gtvBits)).toBe(0);
  });
  it('refuses an ambiguous or unknown segment with the list of segments', () => {
    expect(() => readDicomSegMaskBytes('seg.dcm', seg, image)).toThrow(/seg\.dcm: holds 2 segments \(1 "GTV", 2 "Box"\)/);
    expect(() => readDicomSegMaskBytes('seg.dcm', seg, image, 'Liver')).toThrow(/no segment "Liver"/);
  });
});

describe('DICOM-SEG on another grid', () => {
  it('is brought onto the image grid by nearest neighbour (2x coarser in-plane)', () => {
    // coarse pixel (c, r) covers fine voxels 2c..2c+1, 2r..2r+1 (its corner sits on the image's corner)
    const coarse: Volume = {
      data: new Uint8Array(0),
      size: [Math.ceil(nx / 2), Math.ceil(ny / 2), nz],
      spacing: [image.spacing[0] * 2, image.spacing[1] * 2, image.spacing[2]],
      origin: [0, 1, 2].map((r) => image.origin[r] + image.direction[3 * r] * image.spacing[0] * 0.5 + image.direction[3 * r + 1] * image.spacing[1] * 0.5) as Volume['origin'],
      direction: image.direction.slice(),
    };
    const [cx, cy] = coarse.size;
    const coarseBox = new Uint8Array(cx * cy * nz);
    for (let k = 2; k <= 4; k++) for (let r = 5; r <= 9; r++) for (let c = 3; c <= 6; c++) coarseBox[c + cx * (r + cy * k)] = 1;
    const expected = new Uint8Array(nx * ny * nz);
    for (let k = 2; k <= 4; k++) for (let j = 10; j <= 19; j++) for (let i = 6; i <= 13; i++) expected[i + nx * (j + ny * k)] = 1;
    const mask = readDicomSegMaskBytes('coarse.dcm', segFile(coarse, [{ label: 'Box', mask: coarseBox }]), image);
    expect(differing(mask, expected)).toBe(0);
  });
});
