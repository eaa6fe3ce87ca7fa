// Viewer adapters: each viewer's own geometry convention (itk-wasm, vtk.js, niivue) must give the
// same physical voxel positions and, on real files, the same features as reading the files ourselves.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as nifti from 'nifti-reader-js';
import { extract, extractFromFiles } from '../../src/extract.js';
import { readImage } from '../../src/io/index.js';
import { fromItkImage, fromNiivue, fromNiivueDrawing, fromVtkImageData, toVolume } from '../../src/viewers.js';
import { indexToPoint, type Volume } from '../../src/volume.js';
import { dataPath } from '../helpers.js';

// A rotation that is not symmetric, so a transposed direction matrix gives other positions.
const c = Math.cos(0.5), s = Math.sin(0.5), c2 = Math.cos(0.3), s2 = Math.sin(0.3);
const AXIS_I = [c, s, 0], AXIS_J = [-s * c2, c * c2, s2], AXIS_K = [s * s2, -c * s2, c2]; // world directions of index axes
const ORIGIN = [10, -20, 30], SPACING = [0.7, 0.9, 2.5], SIZE = [4, 5, 6];

function expectPoint(v: Volume, index: number[], expected: number[]): void {
  const p = indexToPoint(v, index);
  for (let r = 0; r < 3; r++) expect(Math.abs(p[r] - expected[r])).toBeLessThan(1e-12);
}

/** World position of an index as the viewer documents it: origin + sum over axes of index * spacing * axis direction. */
function world(index: number[]): number[] {
  return [0, 1, 2].map((r) => ORIGIN[r] + index[0] * SPACING[0] * AXIS_I[r] + index[1] * SPACING[1] * AXIS_J[r] + index[2] * SPACING[2] * AXIS_K[r]);
}

function featuresOnly(result: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(result).filter(([k]) => k.startsWith('original_')));
}

describe('itk-wasm Image', () => {
  it('reads the direction row by row (columns are the axis directions)', () => {
    // ITK's Direction(r, c) flattened row-major: row r holds component r of every axis direction.
    const direction = Float64Array.from([0, 1, 2].flatMap((r) => [AXIS_I[r], AXIS_J[r], AXIS_K[r]]));
    const image = { imageType: { dimension: 3, componentType: 'int16', pixelType: 'Scalar', components: 1 }, size: SIZE, spacing: SPACING, origin: ORIGIN, direction, data: new Int16Array(120) };
    const v = fromItkImage(image);
    expectPoint(v, [3, 4, 5], world([3, 4, 5]));
    expectPoint(toVolume(image), [1, 0, 2], world([1, 0, 2]));
  });

  it('extracts the same features as the file (brain1)', async () => {
    const vol = readImage(dataPath('pyradiomics/images/brain1_image.nrrd'));
    const msk = readImage(dataPath('pyradiomics/images/brain1_label.nrrd'));
    const itk = (v: Volume) => ({ imageType: { dimension: 3, componentType: v.data.constructor.name, pixelType: 'Scalar', components: 1 }, size: v.size, spacing: v.spacing, origin: v.origin, direction: Float64Array.from(v.direction), data: v.data });
    const got = await extract(fromItkImage(itk(vol)), fromItkImage(itk(msk)));
    const want = await extractFromFiles(dataPath('pyradiomics/images/brain1_image.nrrd'), dataPath('pyradiomics/images/brain1_label.nrrd'));
    expect(Object.keys(featuresOnly(want)).length).toBe(107);
    expect(featuresOnly(got)).toEqual(featuresOnly(want));
  });

  it('rejects vector pixels and missing data with one line naming the input', () => {
    const base = { imageType: { dimension: 3, components: 3 }, size: SIZE, spacing: SPACING, origin: ORIGIN, direction: new Float64Array(9), data: new Float32Array(360) };
    expect(() => fromItkImage(base, 'ct')).toThrow(/^ct: 3-component pixels are not supported/);
    expect(() => fromItkImage({ ...base, imageType: { dimension: 3, components: 1 }, data: null }, 'ct')).toThrow(/^ct: has no pixel data$/);
  });
});

describe('vtk.js image data', () => {
  // vtk.js lists the axis directions one after another (gl-matrix mat3, column-major).
  const vtkDirection = [...AXIS_I, ...AXIS_J, ...AXIS_K];

  it('reads the direction as consecutive axis directions (a plain object of arrays)', () => {
    const v = fromVtkImageData({ dimensions: SIZE, spacing: SPACING, origin: ORIGIN, direction: vtkDirection, values: new Uint8Array(120) });
    expectPoint(v, [3, 4, 5], world([3, 4, 5]));
    // the same plain object through the generic entry point used by the worker
    expectPoint(toVolume({ dimensions: SIZE, spacing: SPACING, origin: ORIGIN, direction: vtkDirection, values: new Uint8Array(120) }), [2, 1, 3], world([2, 1, 3]));
  });

  it('reads a vtkImageData-like instance, extent offset included', () => {
    const extent = [2, 5, 1, 5, 3, 8]; // 4 x 5 x 6 voxels starting at index (2, 1, 3)
    const data = new Int16Array(120).map((_, i) => i);
    const image = {
      getDimensions: () => SIZE, getSpacing: () => SPACING, getOrigin: () => ORIGIN, getDirection: () => vtkDirection, getExtent: () => extent,
      getPointData: () => ({ getScalars: () => ({ getData: () => data, getNumberOfComponents: () => 1 }) }),
    };
    const v = fromVtkImageData(image);
    expect(v.size).toEqual(SIZE);
    expect(v.data).toBe(data); // no copy
    // stored voxel (0, 0, 0) is vtk index (2, 1, 3)
    expectPoint(v, [0, 0, 0], world([2, 1, 3]));
    expectPoint(v, [3, 4, 5], world([5, 5, 8]));
  });

  it('rejects multi-component scalars', () => {
    expect(() => fromVtkImageData({ dimensions: SIZE, values: new Uint8Array(360), numberOfComponents: 3 }, 'seg')).toThrow(/^seg: 3-component scalars/);
  });
});

describe('niivue volume and drawing', () => {
  /** An NVImage-like object as niivue builds it from a NIfTI file: nifti-reader-js header, raw img. */
  function niivueVolume(file: string): { hdr: any; img: Int16Array | Uint8Array | Float32Array } {
    let buf = readFileSync(file).buffer as ArrayBuffer;
    if (nifti.isCompressed(buf)) buf = nifti.decompress(buf) as ArrayBuffer;
    const hdr = nifti.readHeader(buf)!;
    const raw = nifti.readImage(hdr, buf);
    const ctor = hdr.datatypeCode === 4 ? Int16Array : hdr.datatypeCode === 2 ? Uint8Array : Float32Array;
    return { hdr, img: new ctor(raw) };
  }

  it('gives the file’s features from niivue’s image and an RAS-ordered drawing (STS_019)', async () => {
    const imageFile = dataPath('sts/ct/STS_019_image.nii.gz'), maskFile = dataPath('sts/ct/STS_019_mask.nii.gz');
    const nv = niivueVolume(imageFile);
    const [nx, ny, nz] = [nv.hdr.dims[1], nv.hdr.dims[2], nv.hdr.dims[3]];
    // this file is stored L->R-reversed and A->P-reversed relative to RAS (an ITK-written LPS image)
    expect(nv.hdr.affine[0][0]).toBeLessThan(0);
    expect(nv.hdr.affine[1][1]).toBeLessThan(0);
    expect(nv.hdr.affine[2][2]).toBeGreaterThan(0);
    const mask = readImage(maskFile);
    // niivue's drawBitmap for this volume: RAS voxel order, i.e. x and y reversed
    const drawBitmap = new Uint8Array(nx * ny * nz);
    for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
      drawBitmap[(nx - 1 - i) + nx * ((ny - 1 - j) + ny * k)] = Number(mask.data[i + nx * (j + ny * k)]);
    }
    const image = fromNiivue(nv);
    const fileImage = readImage(imageFile);
    expect(image.data.constructor).toBe(fileImage.data.constructor);
    expect(Buffer.from(image.data.buffer).equals(Buffer.from(fileImage.data.buffer))).toBe(true);
    expect(image.spacing).toEqual(fileImage.spacing);
    image.direction.forEach((d, i) => expect(Math.abs(d - fileImage.direction[i])).toBeLessThan(1e-6));
    image.origin.forEach((o, i) => expect(Math.abs(o - fileImage.origin[i])).toBeLessThan(1e-3));

    for (const permRAS of [[-1, -2, 3], undefined]) {
      const drawn = fromNiivueDrawing({ ...nv, permRAS }, drawBitmap);
      expect(Buffer.from(drawn.data.buffer).equals(Buffer.from(Uint8Array.from(mask.data as Uint8Array).buffer))).toBe(true);
    }
    const got = await extract(image, fromNiivueDrawing(nv, drawBitmap));
    const want = await extractFromFiles(imageFile, maskFile);
    expect(Object.keys(featuresOnly(want)).length).toBe(107);
    expect(featuresOnly(got)).toEqual(featuresOnly(want));
  });

  it('applies scl_slope/scl_inter as ITK does and maps a permuted affine to LPS', () => {
    const affine = [[0, 0, -3, 5], [2, 0, 0, 6], [0, 1, 0, 7], [0, 0, 0, 1]]; // i -> A, j -> S, k -> L
    const v = fromNiivue({ img: new Int16Array([1, 2, 3, 4, 5, 6]), hdr: { dims: [3, 1, 2, 3], pixDims: [1, 2, 1, 3], affine, scl_slope: 0.5, scl_inter: -1 } });
    expect(Array.from(v.data)).toEqual([-0.5, 0, 0.5, 1, 1.5, 2]);
    expect(v.data).toBeInstanceOf(Float32Array);
    // LPS = (-R, -A, S): index (1, 1, 1) is RAS (5 - 3, 6 + 2, 7 + 1)
    expectPoint(v, [1, 1, 1], [-2, -8, 8]);
  });

  it('rejects a drawing of the wrong size and 4D volumes', () => {
    const nv = { img: new Int16Array(8), hdr: { dims: [3, 2, 2, 2], pixDims: [1, 1, 1, 1], affine: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] } };
    expect(() => fromNiivueDrawing(nv, new Uint8Array(7))).toThrow(/^niivue drawing: drawBitmap must be a Uint8Array of 8 values/);
    expect(() => fromNiivue({ ...nv, hdr: { ...nv.hdr, dims: [4, 2, 2, 2, 3] } }, 'pet')).toThrow(/^pet: 4-dimensional volumes are not supported/);
  });
});
