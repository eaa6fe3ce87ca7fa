import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readImage, readImageBytes } from '../../src/io/index.js';
import { indexToPoint } from '../../src/volume.js';
import { dataPath, readBaseline, readJson } from '../helpers.js';
import { bytesOf, nifti1, nifti2, nrrd, tempDir, writeFile } from './fixtures.js';
import { gzipSync } from 'fflate';

const tuple = (s: string) => s.replace(/[()]/g, '').split(',').map(Number);
const sha1 = (a: ArrayBufferView) => createHash('sha1').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

describe('NRRD reader: pyradiomics test images', () => {
  const baseline = readBaseline('firstorder');
  for (const c of ['brain1', 'brain2', 'breast1']) {
    it(`${c}: size, spacing and voxel hashes equal the baseline diagnostics`, () => {
      const diag = baseline[`${c}_normalization`];
      const image = readImage(dataPath('pyradiomics', 'images', `${c}_image.nrrd`));
      const mask = readImage(dataPath('pyradiomics', 'images', `${c}_label.nrrd`));
      expect(image.size).toEqual(tuple(diag['diagnostics_Image-original_Size']));
      expect(image.spacing).toEqual(tuple(diag['diagnostics_Image-original_Spacing']));
      expect(mask.spacing).toEqual(tuple(diag['diagnostics_Mask-original_Spacing']));
      expect(image.data).toBeInstanceOf(Int16Array);
      // pyradiomics hashes the image's native buffer and the mask cast to uint32
      expect(sha1(image.data)).toBe(diag['diagnostics_Image-original_Hash']);
      expect(sha1(Uint32Array.from(mask.data as Int32Array))).toBe(diag['diagnostics_Mask-original_Hash']);
    });
  }
  it('brain1 origin and direction come from the header (LPS, y axis flipped)', () => {
    const v = readImage(dataPath('pyradiomics', 'images', 'brain1_image.nrrd'));
    expect(v.origin).toEqual([-99.609374999999986, 99.609374999999986, -77.999999999999957]);
    expect(v.direction).toEqual([1, 0, 0, 0, -1, 0, 0, 0, 1]);
    // the centre of mass in the baseline maps index -> point with this geometry
    const diag = readBaseline('firstorder').brain1_normalization;
    const point = indexToPoint(v, tuple(diag['diagnostics_Mask-original_CenterOfMassIndex']));
    tuple(diag['diagnostics_Mask-original_CenterOfMass']).forEach((x, i) => expect(point[i]).toBeCloseTo(x, 9));
  });
  it('prostate phantom: unsigned short with negative x and y directions', () => {
    const v = readImage(dataPath('pyradiomics', 'images', 'prostate_phantom_subvolume.nrrd'));
    expect(v.data).toBeInstanceOf(Uint16Array);
    expect(v.size).toEqual([82, 67, 13]);
    expect(v.direction).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, 1]);
    expect(v.spacing).toEqual([0.5, 0.5, 3]);
  });
});

describe('NRRD reader: encodings, byte orders, spaces, detached data', () => {
  const values = [1.5, -2.25, 3, 4e10, -5, 6, 7, 8, 9, 10, 11, 12];
  const common = ['dimension: 3', 'sizes: 3 2 2', 'space directions: (2,0,0) (0,3,0) (0,0,4)', 'space origin: (10,20,30)'];
  it('raw big-endian double', () => {
    const v = readImageBytes('a.nrrd', nrrd(['type: double', 'endian: big', 'encoding: raw', 'space: LPS', ...common], bytesOf(values, 'float64', false)));
    expect(Array.from(v.data as Float64Array)).toEqual(values);
    expect(v.spacing).toEqual([2, 3, 4]);
    expect(v.origin).toEqual([10, 20, 30]);
  });
  it('gzip little-endian int16, RAS space converted to LPS', () => {
    const ints = values.map((x) => Math.trunc(x) % 30000);
    const v = readImageBytes('a.nrrd', nrrd(['type: short', 'endian: little', 'encoding: gzip', 'space: right-anterior-superior', ...common], bytesOf(ints, 'int16'), true));
    expect(Array.from(v.data as Int16Array)).toEqual(ints);
    expect(v.origin).toEqual([-10, -20, 30]);
    expect(v.direction).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, 1]);
  });
  it('ascii float', () => {
    const v = readImageBytes('a.nrrd', nrrd(['type: float', 'encoding: ascii', 'space: left-posterior-superior', ...common], new TextEncoder().encode(values.join(' ') + '\n')));
    expect(Array.from(v.data as Float32Array)).toEqual(values.map(Math.fround));
  });
  it('detached .nhdr with a gzip data file and byte skip', () => {
    const dir = tempDir();
    const body = new Uint8Array([9, 9, 9, ...bytesOf(values.map((x) => Math.abs(Math.trunc(x)) % 255), 'uint8')]);
    writeFile(dir, 'data.raw.gz', gzipSync(body));
    const header = ['NRRD0005', 'type: uchar', 'encoding: gzip', 'byte skip: 3', 'space: LPS', ...common, 'data file: data.raw.gz', ''].join('\n');
    const v = readImage(writeFile(dir, 'img.nhdr', header));
    expect(Array.from(v.data as Uint8Array)).toEqual(values.map((x) => Math.abs(Math.trunc(x)) % 255));
    expect(v.size).toEqual([3, 2, 2]);
  });
  it('2D image gets a third axis of size 1', () => {
    const v = readImageBytes('a.nrrd', nrrd(['type: int', 'endian: little', 'encoding: raw', 'dimension: 2', 'space dimension: 2', 'sizes: 3 4', 'space directions: (0.5,0) (0,0.25)'], bytesOf(new Array(12).fill(7), 'int32')));
    expect(v.size).toEqual([3, 4, 1]);
    expect(v.spacing).toEqual([0.5, 0.25, 1]);
  });
});

describe('NIfTI reader', () => {
  it('IBSI digital phantom: sform diag(-2,-2,2) gives LPS identity direction, values as transcribed', () => {
    const phantom = readJson('ibsi', 'phantom', 'phantom.json');
    const image = readImage(dataPath('ibsi', 'phantom', 'phantom.nii.gz'));
    const mask = readImage(dataPath('ibsi', 'phantom', 'mask.nii.gz'));
    expect(image.size).toEqual([5, 4, 4]);
    expect(image.spacing).toEqual([2, 2, 2]);
    expect(image.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(image.origin).toEqual([0, 0, 0]);
    expect(Array.from(image.data as Int16Array)).toEqual(phantom.image_flat);
    expect(Array.from(mask.data as Int16Array)).toEqual(phantom.mask_flat);
  });
  it('IBSI CT phantom: float32 HU, origin from the sform in LPS, 125,256 ROI voxels', () => {
    const image = readImage(dataPath('ibsi', 'ct_phantom', 'phantom.nii.gz'));
    const mask = readImage(dataPath('ibsi', 'ct_phantom', 'mask.nii.gz'));
    expect(image.data).toBeInstanceOf(Float32Array);
    expect(image.size).toEqual([204, 201, 60]);
    expect(image.spacing).toEqual([Math.fround(0.977), Math.fround(0.977), 3]);
    expect(image.origin).toEqual([-Math.fround(174.3945), -Math.fround(79.6255), Math.fround(-100.4)]);
    expect(mask.data).toBeInstanceOf(Uint8Array);
    expect((mask.data as Uint8Array).reduce((n, x) => n + (x > 0 ? 1 : 0), 0)).toBe(125256);
  });
  const data = bytesOf([1, 2, 3, 4, 5, 6], 'int16');
  const base = { dims: [3, 3, 2, 1], datatype: 4, bitpix: 16, pixdim: [1, 2, 3, 4] };
  it('qform only: quaternion (0,0,1) is a 180-degree turn about z = LPS identity', () => {
    const v = readImageBytes('q.nii', nifti1({ ...base, qformCode: 1, quatern: [0, 0, 1], qoffset: [10, 20, 30] }, data));
    expect(v.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(v.origin).toEqual([-10, -20, 30]);
    expect(v.spacing).toEqual([2, 3, 4]);
  });
  it('qform with qfac -1 flips the third axis', () => {
    const v = readImageBytes('q.nii', nifti1({ ...base, pixdim: [-1, 2, 3, 4], qformCode: 1, quatern: [0, 0, 0] }, data));
    expect(v.direction).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, -1]);
  });
  it('sform (SCANNER_ANAT) wins over a different qform; an ALIGNED sform that disagrees loses', () => {
    const srow = [0, -3, 0, 5, 2, 0, 0, 6, 0, 0, 4, 7];
    const a = readImageBytes('s.nii', nifti1({ ...base, qformCode: 1, sformCode: 1, quatern: [0, 0, 1], srow }, data));
    expect(a.direction).toEqual([0, 1, 0, -1, 0, 0, 0, 0, 1]);
    expect(a.origin).toEqual([-5, -6, 7]);
    const b = readImageBytes('s.nii', nifti1({ ...base, qformCode: 1, sformCode: 2, quatern: [0, 0, 1], srow }, data));
    expect(b.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
  it('no forms: origin 0, identity direction', () => {
    const v = readImageBytes('n.nii', nifti1(base, data));
    expect(v.direction).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(v.origin).toEqual([0, 0, 0]);
  });
  it('scl_slope/scl_inter turn integers into float32; slope 1 intercept 0 keeps int16', () => {
    const scaled = readImageBytes('s.nii', nifti1({ ...base, sclSlope: 0.1, sclInter: -1 }, data));
    expect(scaled.data).toBeInstanceOf(Float32Array);
    expect(Array.from(scaled.data)).toEqual([1, 2, 3, 4, 5, 6].map((x) => Math.fround(x * Math.fround(0.1) - 1)));
    expect(readImageBytes('s.nii', nifti1(base, data)).data).toBeInstanceOf(Int16Array);
  });
  it('metre units scale spacing and origin to mm; big-endian; gzip', () => {
    const spec = { ...base, pixdim: [1, 0.002, 0.003, 0.004], xyztUnits: 1, littleEndian: false, qformCode: 1, quatern: [0, 0, 1], qoffset: [0.01, 0, 0] };
    const v = readImageBytes('m.nii.gz', gzipSync(nifti1(spec, bytesOf([1, 2, 3, 4, 5, 6], 'int16', false))));
    expect(Array.from(v.data as Int16Array)).toEqual([1, 2, 3, 4, 5, 6]);
    v.spacing.forEach((s, i) => expect(s).toBeCloseTo([2, 3, 4][i], 4));
    expect(v.origin[0]).toBeCloseTo(-10, 4);
  });
  it('NIfTI-2 with double-precision sform', () => {
    const srow = [-0.5, 0, 0, 1.25, 0, -0.5, 0, 2.5, 0, 0, 1.5, -3.75];
    const v = readImageBytes('n2.nii', nifti2({ dims: [3, 3, 2, 1], datatype: 64, bitpix: 64, pixdim: [1, 0.5, 0.5, 1.5], sformCode: 1, srow }, bytesOf([1, 2, 3, 4, 5, 6.5], 'float64')));
    expect(Array.from(v.data as Float64Array)).toEqual([1, 2, 3, 4, 5, 6.5]);
    expect(v.spacing).toEqual([0.5, 0.5, 1.5]);
    expect(v.origin).toEqual([-1.25, -2.5, -3.75]);
  });
});
