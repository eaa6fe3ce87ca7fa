// Resampling kernels and pyradiomics' grid semantics on small volumes with independently known answers.
import { describe, it, expect } from 'vitest';
import { sampleOnGrid, castLike, resampleImageAndMask, resampleOrPreCrop, labelBoundingBox, resamplingGrid } from '../../src/preprocess/resample.js';
import { WasmArena, MemoryBudgetError, arena } from '../../src/wasm/arena.js';
import { loadWasmSync } from '../../src/wasm/module.js';
import { readImage } from '../../src/io/index.js';
import { DEFAULT_SETTINGS } from '../../src/settings/types.js';
import type { Vec3, Volume, VoxelArray } from '../../src/volume.js';
import { dataPath, expectClose } from '../helpers.js';

function volume<T extends VoxelArray>(data: T, size: Vec3, spacing: Vec3 = [1, 1, 1], origin: Vec3 = [0, 0, 0]): Volume<T> {
  return { data, size, spacing, origin, direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
}

/** Cubic B-spline basis β3(t). */
function beta3(t: number): number {
  const a = Math.abs(t);
  return a < 1 ? 2 / 3 - a * a + (a * a * a) / 2 : a < 2 ? (2 - a) ** 3 / 6 : 0;
}

/** Interpolating cubic spline with mirror boundaries, by solving (c[i-1] + 4c[i] + c[i+1]) / 6 = s[i] densely. */
function splineReference(samples: number[]): (x: number) => number {
  const n = samples.length;
  const mirror = (k: number) => { const p = 2 * n - 2; let m = Math.abs(k) % p; return m >= n ? p - m : m; };
  const a = samples.map(() => new Array(n + 1).fill(0));
  for (let i = 0; i < n; i++) {
    for (const [k, w] of [[i - 1, 1 / 6], [i, 4 / 6], [i + 1, 1 / 6]] as const) a[i][mirror(k)] += w;
    a[i][n] = samples[i];
  }
  for (let c = 0; c < n; c++) {
    const p = a.reduce((best, row, r) => (r >= c && Math.abs(row[c]) > Math.abs(a[best][c]) ? r : best), c);
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = 0; r < n; r++) if (r !== c) { const f = a[r][c] / a[c][c]; for (let k = c; k <= n; k++) a[r][k] -= f * a[c][k]; }
  }
  const coef = a.map((row, i) => row[n] / row[i]);
  return (x) => { let v = 0; for (let k = Math.floor(x) - 1; k <= Math.floor(x) + 2; k++) v += coef[mirror(k)] * beta3(x - k); return v; };
}

describe('B-spline kernel', () => {
  it('interpolates: sampling on the input grid returns the input', () => {
    const size: Vec3 = [7, 5, 4];
    const data = Float64Array.from({ length: 140 }, (_, i) => Math.sin(i * 1.7) * 100 + i);
    const out = sampleOnGrid(volume(data, size, [0.8, 1.1, 2.5], [3, -2, 7]), volume(data, size, [0.8, 1.1, 2.5], [3, -2, 7]), 'sitkBSpline', arena());
    out.data.forEach((v, i) => expect(Math.abs((v as number) - data[i])).toBeLessThan(1e-10));
  });
  it('equals a dense-solve spline with mirror boundaries between samples and within half a voxel of the edges', () => {
    const samples = [3, -1, 4, 1, -5, 9, 2, -6, 5, 3, -5, 8];
    const reference = splineReference(samples);
    const n = samples.length;
    // constant along y and z, so only the x spline matters; output x positions from -0.45 to n - 0.55
    const data = Float64Array.from({ length: n * 9 }, (_, i) => samples[i % n]);
    const grid = volume(new Float64Array(0), [41, 1, 1], [(n - 0.1) / 41, 1, 1], [-0.45, 1, 1]);
    const out = sampleOnGrid(volume(data, [n, 3, 3]), grid, 'sitkBSpline', arena());
    for (let i = 0; i < 41; i++) expectClose(out.data[i] as number, reference(-0.45 + (i * (n - 0.1)) / 41), 1e-12, `x = ${-0.45 + (i * (n - 0.1)) / 41}`);
  });
});

describe('B-spline kernel along y and z', () => {
  it('equals the dense-solve spline along z (plane-at-a-time prefilter) and interpolates a 40-voxel axis', () => {
    const samples = [2, 7, -1, 8, 2, -8, 1, 8, -2, 8, 4, 5];
    const reference = splineReference(samples);
    const data = Float64Array.from({ length: 4 * 3 * 12 }, (_, i) => samples[Math.floor(i / 12)]);
    const grid = volume(new Float64Array(0), [1, 1, 29], [1, 1, 0.4], [1, 2, -0.45]);
    const out = sampleOnGrid(volume(data, [4, 3, 12]), grid, 'sitkBSpline', arena());
    for (let k = 0; k < 29; k++) expectClose(out.data[k] as number, reference(-0.45 + 0.4 * k), 1e-12, `z = ${-0.45 + 0.4 * k}`);
    // lines longer than ITK's 18-sample horizon use the truncated causal sum: still interpolating to ~1e-10
    const long = Float64Array.from({ length: 3 * 40 * 2 }, (_, i) => Math.cos(i * 0.9) * 50);
    const same = sampleOnGrid(volume(long, [3, 40, 2]), volume(long, [3, 40, 2]), 'sitkBSpline', arena());
    same.data.forEach((v, i) => expect(Math.abs((v as number) - long[i])).toBeLessThan(1e-8));
  });
});

describe('trilinear and nearest kernels', () => {
  const size: Vec3 = [6, 5, 4];
  const linear = (x: number, y: number, z: number) => 2 + 3 * x - 1.5 * y + 0.25 * z;
  const data = Float64Array.from({ length: 120 }, (_, i) => linear(i % 6, Math.floor(i / 6) % 5, Math.floor(i / 30)));
  const grid = volume(new Float64Array(0), [9, 7, 5], [0.55, 0.6, 0.7], [0.1, 0.2, 0.15]);
  it('trilinear reproduces a linear function inside the input', () => {
    const out = sampleOnGrid(volume(data, size), grid, 'sitkLinear', arena());
    out.data.forEach((v, i) => expectClose(v as number, linear(0.1 + 0.55 * (i % 9), 0.2 + 0.6 * (Math.floor(i / 9) % 7), 0.15 + 0.7 * Math.floor(i / 63)), 1e-12, `voxel ${i}`));
  });
  it('nearest copies the nearest voxel (half rounds up) and keeps the pixel type', () => {
    const labels = Uint16Array.from({ length: 120 }, (_, i) => i);
    const out = sampleOnGrid(volume(labels, size), volume(new Float64Array(0), [3, 1, 1], [0.5, 1, 1], [0.5, 1, 2]), 'sitkNearestNeighbor', arena());
    expect(out.data).toBeInstanceOf(Uint16Array);
    // x = 0.5, 1.0, 1.5 -> voxels 1, 1, 2 (0.5 and 1.5 round up); y = 1, z = 2
    expect(Array.from(out.data as Uint16Array)).toEqual([1, 1, 2].map((x) => x + 6 * 1 + 30 * 2));
  });
  it('gives 0 outside the input (beyond half a voxel)', () => {
    const out = sampleOnGrid(volume(data, size), volume(new Float64Array(0), [4, 1, 1], [1, 1, 1], [-2, 0, 0]), 'sitkLinear', arena());
    expect(Array.from(out.data as Float64Array)).toEqual([0, 0, linear(0, 0, 0), linear(1, 0, 0)]);
  });
});

describe('oriented and sheared inputs', () => {
  it('samples through the direction matrix (90 degree rotation, nearest)', () => {
    // input x runs along physical +y, input y along physical -x
    const input: Volume<Uint16Array> = { data: Uint16Array.from({ length: 24 }, (_, i) => i), size: [4, 3, 2], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [0, -1, 0, 1, 0, 0, 0, 0, 1] };
    const out = sampleOnGrid(input, volume(new Float64Array(0), [3, 4, 2], [1, 1, 1], [-2, 0, 0]), 'sitkNearestNeighbor', arena());
    // output voxel (i, j, k) is at physical (i - 2, j, k) = input index (j, 2 - i, k)
    for (let k = 0; k < 2; k++) for (let j = 0; j < 4; j++) for (let i = 0; i < 3; i++) expect(out.data[i + 3 * (j + 4 * k)]).toBe(j + 4 * (2 - i + 3 * k));
  });
  it('inverts a non-orthogonal (gantry-tilt) direction: trilinear stays exact on a linear function', () => {
    const n = Math.hypot(0, 0.3, 1);
    const direction = [1, 0, 0, 0, 1, 0.3 / n, 0, 0, 1 / n];
    const size: Vec3 = [6, 6, 6], spacing: Vec3 = [1.5, 1, 2], origin: Vec3 = [1, 2, 3];
    const f = (p: number[]) => 3 + 0.5 * p[0] - 2 * p[1] + 0.75 * p[2];
    const data = new Float64Array(216);
    for (let k = 0; k < 6; k++) for (let j = 0; j < 6; j++) for (let i = 0; i < 6; i++) {
      data[i + 6 * (j + 6 * k)] = f([origin[0] + 1.5 * i, origin[1] + j + (0.3 / n) * 2 * k, origin[2] + (1 / n) * 2 * k]);
    }
    const out = sampleOnGrid({ data, size, spacing, origin, direction }, volume(new Float64Array(0), [3, 2, 3], [1, 1, 1], [3, 5, 5]), 'sitkLinear', arena());
    out.data.forEach((v, o) => expect(Math.abs((v as number) - f([3 + (o % 3), 5 + (Math.floor(o / 3) % 2), 5 + Math.floor(o / 6)]))).toBeLessThan(1e-12));
  });
});

describe('cast back to the pixel type', () => {
  it('clamps to the type range and truncates toward zero, as ITK', () => {
    const values = Float64Array.from([-1.7, 1.7, 40000, -40000, 0.9999999, -0.5]);
    expect(Array.from(castLike(new Int16Array(0), values))).toEqual([-1, 1, 32767, -32768, 0, 0]);
    expect(Array.from(castLike(new Uint8Array(0), values))).toEqual([0, 1, 255, 0, 0, 0]);
    expect(Array.from(castLike(new Float32Array(0), Float64Array.from([1 / 3])))).toEqual([Math.fround(1 / 3)]);
  });
});

describe('pyradiomics grid semantics', () => {
  const image = readImage(dataPath('pyradiomics', 'images', 'brain1_image.nrrd'));
  const mask = readImage(dataPath('pyradiomics', 'images', 'brain1_label.nrrd'));
  const base = { ...DEFAULT_SETTINGS, interpolator: 'sitkBSpline' as const };
  it('keeps the spacing of axes set to 0', () => {
    const out = resampleImageAndMask(image, mask, { ...base, resampledPixelSpacing: [2, 2, 0] });
    expect(out.image.spacing).toEqual([2, 2, mask.spacing[2]]);
    expect(out.image.data).toBeInstanceOf(Int16Array);
  });
  it('keeps the spacing of an axis where the ROI is one voxel thick', () => {
    const one = new Int32Array(mask.data.length);
    const [nx, ny] = mask.size;
    for (let j = 100; j < 110; j++) for (let i = 180; i < 190; i++) one[i + nx * (j + ny * 12)] = 1;
    const grid = resamplingGrid({ ...mask, data: one }, labelBoundingBox({ ...mask, data: one }, 1)!, [2, 2, mask.spacing[2]], 5);
    const out = resampleImageAndMask(image, { ...mask, data: one }, { ...base, resampledPixelSpacing: [2, 2, 2] });
    expect(out.image.spacing).toEqual([2, 2, mask.spacing[2]]);
    expect(out.image.size).toEqual(grid.size);
  });
  it('only crops (bbox + padDistance) when the new spacing equals the image spacing', () => {
    const out = resampleImageAndMask(image, mask, { ...base, resampledPixelSpacing: [...image.spacing], padDistance: 3 });
    const box = labelBoundingBox(mask, 1)!;
    expect(out.image.size).toEqual([box.size[0] + 6, box.size[1] + 6, box.size[2] + 6].map((s, a) => Math.min(s, mask.size[a] - box.lo[a] + 3)));
    const [nx, ny] = image.size;
    const at = (i: number, j: number, k: number) => image.data[box.lo[0] - 3 + i + nx * (box.lo[1] - 3 + j + ny * (box.lo[2] - 3 + k))];
    expect(out.image.data[0]).toBe(at(0, 0, 0));
    expect(out.image.data[5 + out.image.size[0] * 7]).toBe(at(5, 7, 0));
  });
  it('preCrop without resampling crops to the ROI box plus padDistance', () => {
    const out = resampleOrPreCrop(image, mask, { ...base, resampledPixelSpacing: null, preCrop: true, padDistance: 2 });
    const box = labelBoundingBox(mask, 1)!;
    expect(out.mask.size).toEqual(box.size.map((s, a) => Math.min(box.lo[a] + s - 1 + 2, mask.size[a] - 1) - Math.max(box.lo[a] - 2, 0) + 1));
    expect(labelBoundingBox(out.mask, 1)!.size).toEqual(box.size);
    expect(resampleOrPreCrop(image, mask, { ...base, resampledPixelSpacing: null })).toEqual({ image, mask });
  });
  it('runs the linear and nearest interpolators with the same grid', () => {
    const bspline = resampleImageAndMask(image, mask, { ...base, resampledPixelSpacing: [2, 2, 2] });
    for (const interpolator of ['sitkLinear', 'sitkNearestNeighbor'] as const) {
      const out = resampleImageAndMask(image, mask, { ...base, interpolator, resampledPixelSpacing: [2, 2, 2] });
      expect(out.image.size).toEqual(bspline.image.size);
      expect(out.image.origin).toEqual(bspline.image.origin);
      expect(out.mask.data).toEqual(bspline.mask.data);
    }
  });
});

describe('invalid requests fail clearly, before allocating', () => {
  const image = readImage(dataPath('pyradiomics', 'images', 'breast1_image.nrrd'));
  const mask = readImage(dataPath('pyradiomics', 'images', 'breast1_label.nrrd'));
  const base = { ...DEFAULT_SETTINGS, resampledPixelSpacing: [2, 2, 2] };
  it('refuses a grid above the memory budget', () => {
    const small = new WasmArena(loadWasmSync(), loadWasmSync().heapBase() + 1024 * 1024);
    expect(() => resampleImageAndMask(image, mask, { ...base, resampledPixelSpacing: [0.01, 0.01, 0.01] }, small)).toThrow(MemoryBudgetError);
    expect(() => resampleImageAndMask(image, mask, { ...base, resampledPixelSpacing: [0.01, 0.01, 0.01] }, small)).toThrow(/^resampling image \(45x85x21 input voxels\) to 609x809x641 needs 2410 MiB, above the memory budget/);
    expect(small.used).toBe(0);
  });
  it('names bad settings', () => {
    expect(() => resampleImageAndMask(image, mask, { ...base, resampledPixelSpacing: [2, -1, 2] })).toThrow(/^resampledPixelSpacing: expected 3 numbers >= 0/);
    expect(() => resampleImageAndMask(image, mask, { ...base, resampledPixelSpacing: [2, 2] })).toThrow(/^resampledPixelSpacing: /);
    expect(() => resampleImageAndMask(image, mask, { ...base, interpolator: 'sitkLanczos' as never })).toThrow(/^interpolator: "sitkLanczos" is not supported/);
    expect(() => resampleImageAndMask(image, mask, { ...base, padDistance: -1 })).toThrow(/^padDistance: /);
    expect(() => resampleImageAndMask(image, mask, { ...base, label: 7 })).toThrow(/^mask: label 7 not present/);
  });
  it('refuses a mask whose ROI lies outside the image', () => {
    const shifted = { ...mask, origin: [mask.origin[0] + 25, mask.origin[1], mask.origin[2]] as Vec3 };
    expect(() => resampleImageAndMask(image, shifted, base)).toThrow(/^mask: the ROI bounding box extends outside the image \(axis x/);
  });
});
