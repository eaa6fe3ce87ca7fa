import { describe, expect, it } from 'vitest';
import { binEdges, checkRoi, discretizeRoi, normalizeImage, resegmentRoi, resegmentThresholds, roiValues, selectLabel } from '../../src/preprocess/index.js';
import { imageStatistics } from '../../src/preprocess/normalize.js';
import { pairwiseSum, percentileSorted, medianSorted } from '../../src/preprocess/numpy.js';
import { WasmArena } from '../../src/wasm/arena.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/types.js';
import type { Vec3, Volume } from '../../src/volume.js';
import { dataPath, readJson } from '../helpers.js';

const arena = new WasmArena();
const settings = (s: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...s });

/** A volume of the given values (x fastest) with every voxel in the ROI. */
function whole(values: number[], size: Vec3 = [values.length, 1, 1]) {
  const image: Volume = { data: Float64Array.from(values), size, spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const roi = checkRoi(new Uint8Array(values.length).fill(1), size, settings({ minimumROIDimensions: 1 }));
  return { image, roi };
}
function bins(values: number[], s: Partial<Settings>): { bins: number[]; ng: number; grayLevels: number[] } {
  arena.reset();
  const { image, roi } = whole(values);
  const d = discretizeRoi(image, roi, settings(s), arena);
  return { bins: Array.from(arena.view(Int32Array, d.binsPtr, values.length)), ng: d.ng, grayLevels: d.grayLevels };
}

describe('fixed bin width (pyradiomics binWidth)', () => {
  it('bin = floor(x/W) - floor(min/W) + 1, for negative values too', () => {
    const values = [-37, -25, -24.5, 0, 12, 24.999, 25, 99, 100];
    const expected = values.map((x) => Math.floor(x / 25) - Math.floor(-37 / 25) + 1);
    expect(bins(values, { binWidth: 25 }).bins).toEqual(expected);
  });
  it('edges start at the multiple of W at or below the minimum (floor modulo)', () => {
    expect(binEdges(-37, 100, { binWidth: 25, binCount: null })).toEqual({ kind: 'width', low: -50, width: 25, count: 8 });
    expect(binEdges(468, 1266, { binWidth: 25, binCount: null })).toEqual({ kind: 'width', low: 450, width: 25, count: 35 });
  });
  it('Ng is the largest bin, grayLevels the bins present', () => {
    const r = bins([1, 1, 3, 4, 6, 4], { binWidth: 1 });
    expect(r).toMatchObject({ ng: 6, grayLevels: [1, 3, 4, 6], bins: [1, 1, 3, 4, 6, 4] });
  });
  it('flat ROI: every voxel in bin 1', () => expect(bins([7, 7, 7], { binWidth: 5000 }).bins).toEqual([1, 1, 1]));
  it('absurd bin counts fail with a message naming binWidth', () => {
    expect(() => binEdges(0, 1e6, { binWidth: 1e-6, binCount: null })).toThrow(/settings: binWidth 0.000001 gives 1000000000002 bins over the ROI range \[0, 1000000\]/);
  });
  it('IBSI digital phantom with binWidth 1: bins are the intensities', () => {
    const p = readJson('ibsi', 'phantom', 'phantom.json');
    arena.reset();
    const image: Volume = { data: Float64Array.from(p.image_flat), size: [5, 4, 4], spacing: [2, 2, 2], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
    const mask: Volume = { ...image, data: Float64Array.from(p.mask_flat) };
    const roi = checkRoi(selectLabel(mask, 1), image.size, settings({}));
    const d = discretizeRoi(image, roi, settings({ binWidth: 1 }), arena);
    expect(d.voxelCount).toBe(74);
    expect(d.grayLevels).toEqual([1, 3, 4, 6]);
  });
});

describe('fixed bin count (np.histogram edges, last edge + 1)', () => {
  it('minimum in bin 1, maximum in bin N, equal-width bins in between', () => {
    const values = [0, 0.99, 1, 2.5, 9.99, 10];
    expect(bins(values, { binCount: 10 }).bins).toEqual([1, 1, 2, 3, 10, 10]);
  });
  it('edges are numpy.linspace(min, max, N + 1) with the last one + 1', () => {
    const e = binEdges(-1, 2, { binWidth: 25, binCount: 3 });
    expect(e.kind === 'edges' && Array.from(e.edges)).toEqual([-1, 0, 1, 3]);
  });
  it('flat ROI: numpy widens the range to ±0.5', () => {
    const e = binEdges(5, 5, { binWidth: 25, binCount: 2 });
    expect(e.kind === 'edges' && Array.from(e.edges)).toEqual([4.5, 5, 6.5]);
  });
});

describe('normalisation and resegmentation', () => {
  it('normalize: (x - mean)/σ(N-1) over the whole image, outliers clipped, then scaled', () => {
    const { image } = whole([1, 2, 3, 4, 100]);
    const { mean, sigma } = imageStatistics(image.data);
    expect(mean).toBe(22);
    expect(sigma).toBeCloseTo(Math.sqrt((21 ** 2 + 20 ** 2 + 19 ** 2 + 18 ** 2 + 78 ** 2) / 4), 12);
    const out = normalizeImage(image, { normalizeScale: 100, removeOutliers: 1.5 });
    expect(out.data[4]).toBeCloseTo(150, 12); // 78/σ ≈ 1.79 clipped to 1.5, × 100
    expect(out.data[0]).toBeCloseTo((-21 / sigma) * 100, 10);
  });
  it('absolute, relative and sigma thresholds', () => {
    const values = Float64Array.from([0, 10, 20, 30, 40]);
    expect(resegmentThresholds(values, { resegmentRange: [30, 5], resegmentMode: 'absolute' })).toEqual([5, 30]);
    expect(resegmentThresholds(values, { resegmentRange: [0.5], resegmentMode: 'relative' })).toEqual([20]);
    const [lo, hi] = resegmentThresholds(values, { resegmentRange: [-1, 1], resegmentMode: 'sigma' });
    expect(lo).toBeCloseTo(20 - Math.sqrt(200), 12);
    expect(hi).toBeCloseTo(20 + Math.sqrt(200), 12);
  });
  it('resegmentRoi keeps voxels within the inclusive range; one bound means >= lower', () => {
    const { image, roi } = whole([0, 10, 20, 30, 40]);
    expect(Array.from(resegmentRoi(image, roi, { resegmentRange: [10, 30], resegmentMode: 'absolute', label: 1 }))).toEqual([0, 1, 1, 1, 0]);
    expect(Array.from(resegmentRoi(image, roi, { resegmentRange: [20], resegmentMode: 'absolute', label: 1 }))).toEqual([0, 0, 1, 1, 1]);
    expect(Array.from(roiValues(image, roi))).toEqual([0, 10, 20, 30, 40]);
  });
});

describe('numpy reductions', () => {
  it('pairwise summation groups as numpy does (exact on a sum where naive order loses bits)', () => {
    const a = new Float64Array(300).fill(0.1);
    a[0] = 1e16;
    let naive = 0;
    for (const v of a) naive += v;
    expect(pairwiseSum(a)).not.toBe(naive); // numpy's blocks keep the 0.1s together
    expect(pairwiseSum(a)).toBe(10000000000000030); // np.sum of the same array
  });
  it('linear percentiles and median', () => {
    const s = Float64Array.from([1, 2, 3, 4]);
    expect(percentileSorted(s, 10)).toBeCloseTo(1.3, 14);
    expect(percentileSorted(s, 90)).toBeCloseTo(3.7, 14);
    expect(medianSorted(s)).toBe(2.5);
    expect(medianSorted(Float64Array.from([1, 2, 9]))).toBe(2);
  });
});
