import { describe, expect, it } from 'vitest';
import { WasmArena, MemoryBudgetError } from '../../src/wasm/arena.js';
import { DEFAULT_SETTINGS } from '../../src/settings/types.js';
import { glszm, glszmMatrix } from '../../src/features/glszm.js';
import { bruteForce, context, ibsiMismatches, ibsiRows, phantomRoi, randomBins, roiFromBins } from './texture-inputs.js';
import type { Vec3 } from '../../src/volume.js';

const arena = new WasmArena();

/** Matrix as "bin,size" -> count, to compare with a zone list. */
function cells(m: ReturnType<typeof glszmMatrix>): Map<string, number> {
  const out = new Map<string, number>();
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) if (m.P[r * m.cols + c]) out.set(`${m.ivector[r]},${m.jvector[c]}`, m.P[r * m.cols + c]);
  return out;
}

describe('GLSZM on the IBSI digital phantom', () => {
  for (const [mode, settings] of [['default (3D)', {}], ['force2D=True', { force2D: true }]] as const) {
    it(`matches the IBSI ${mode === 'default (3D)' ? '3D' : '2.5D'} reference values`, () => {
      arena.reset();
      const rows = ibsiRows('glszm', mode);
      expect(rows.length).toBe(16);
      const out = glszm.compute(phantomRoi(arena), context(arena, rows.map((r) => r.feature), settings));
      expect(ibsiMismatches(out, rows)).toEqual([]);
    });
  }
});

describe('GLSZM matrix', () => {
  it('reproduces the 5x5 example of the pyradiomics documentation (8-connected zones)', () => {
    arena.reset();
    const image = [5, 2, 5, 4, 4, 3, 3, 3, 1, 3, 2, 1, 1, 1, 3, 4, 2, 2, 2, 3, 3, 5, 3, 3, 2];
    const m = glszmMatrix(roiFromBins(arena, [5, 5, 1], image), DEFAULT_SETTINGS, arena);
    expect([m.rows, m.cols]).toEqual([5, 5]);
    expect(Array.from(m.P)).toEqual([0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 3, 0, 0, 0, 0]);
    expect(Array.from(m.jvector)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps only the zone sizes and gray levels present', () => {
    arena.reset();
    // Level 7 as one zone of 6 voxels, level 3 as two single voxels: sizes {1, 6}, levels {3, 7}.
    const image = [7, 7, 7, 0, 3, 7, 7, 7, 0, 0, 0, 0, 0, 0, 3];
    const m = glszmMatrix(roiFromBins(arena, [5, 3, 1], image), DEFAULT_SETTINGS, arena);
    expect(Array.from(m.ivector)).toEqual([3, 7]);
    expect(Array.from(m.jvector)).toEqual([1, 6]);
    expect(Array.from(m.P)).toEqual([2, 0, 0, 1]);
  });

  const cases: [string, Vec3, number, typeof DEFAULT_SETTINGS][] = [
    ['3D, 26-connected', [13, 11, 7], 4, DEFAULT_SETTINGS],
    ['force2D on z (numpy axis 0)', [13, 11, 7], 3, { ...DEFAULT_SETTINGS, force2D: true, force2Ddimension: 0 }],
    ['force2D on y (numpy axis 1)', [9, 10, 8], 3, { ...DEFAULT_SETTINGS, force2D: true, force2Ddimension: 1 }],
    ['force2D on x (numpy axis 2)', [6, 9, 10], 3, { ...DEFAULT_SETTINGS, force2D: true, force2Ddimension: 2 }],
  ];
  for (const [label, size, levels, settings] of cases) {
    it(`finds the same zones as a plain flood fill (${label})`, () => {
      arena.reset();
      const bins = randomBins(size, levels, 0.8, size[0] * 31 + levels);
      const roi = roiFromBins(arena, size, bins);
      const fixedAxis = settings.force2D ? 2 - settings.force2Ddimension : -1;
      // roiFromBins may crop; the brute force runs on the same cropped box.
      const expected = bruteForce(roi.size, arena.view(Int32Array, roi.binsPtr, roi.bins.length), [1], fixedAxis).zones;
      expect(cells(glszmMatrix(roi, settings, arena))).toEqual(expected);
    });
  }

  it('handles gray levels far apart (sparse bins: binary-search path)', () => {
    arena.reset();
    const size: Vec3 = [10, 10, 5];
    const bins = randomBins(size, 5, 0.7, 7, 50_000_000);
    const roi = roiFromBins(arena, size, bins);
    const expected = bruteForce(roi.size, arena.view(Int32Array, roi.binsPtr, roi.bins.length), [1]).zones;
    expect(cells(glszmMatrix(roi, DEFAULT_SETTINGS, arena))).toEqual(expected);
  });

  it('a single-voxel ROI is one zone of size 1', () => {
    arena.reset();
    const m = glszmMatrix(roiFromBins(arena, [3, 3, 3], [0, 0, 0, 0, 4, 0, 0, 0, 0]), DEFAULT_SETTINGS, arena);
    expect([Array.from(m.P), Array.from(m.ivector), Array.from(m.jvector)]).toEqual([[1], [4], [1]]);
  });

  it('one zone for a flat ROI', () => {
    arena.reset();
    const out = glszm.compute(roiFromBins(arena, [4, 4, 4], new Array(64).fill(1)), context(arena, glszm.defaultFeatures));
    expect(out.ZonePercentage).toBe(1 / 64);
    expect(out.LargeAreaEmphasis).toBe(64 * 64);
    expect(out.ZoneEntropy).toBeCloseTo(0, 15);
    expect(out.GrayLevelVariance).toBe(0);
  });
});

describe('GLSZM bad input', () => {
  it('refuses an empty ROI with a clear message', () => {
    arena.reset();
    const roi = roiFromBins(arena, [2, 2, 1], [1, 0, 0, 0]);
    expect(() => glszm.compute({ ...roi, voxelCount: 0, grayLevels: [], ng: 0 }, context(arena, ['ZonePercentage']))).toThrow(/GLSZM: the ROI is empty/);
  });

  it('refuses an unknown feature name', () => {
    arena.reset();
    expect(() => glszm.compute(phantomRoi(arena), context(arena, ['Contrast']))).toThrow(/glszm: unknown feature "Contrast"/);
    // names inherited by every object are not features either
    expect(() => glszm.compute(phantomRoi(arena), context(arena, ['toString']))).toThrow(/glszm: unknown feature "toString"/);
  });

  it('fails on the memory budget before allocating, naming GLSZM', () => {
    const small = new WasmArena(undefined, 4 * 1024 * 1024);
    const size: Vec3 = [100, 100, 60];
    const roi = roiFromBins(small, size, randomBins(size, 2, 1, 3));
    const used = small.used;
    expect(() => glszmMatrix(roi, DEFAULT_SETTINGS, small)).toThrow(MemoryBudgetError);
    expect(() => glszmMatrix(roi, DEFAULT_SETTINGS, small)).toThrow(/^GLSZM zone search \(600000 voxels\) needs \d+ MiB, above the memory budget of 4 MiB$/);
    expect(small.used).toBe(used);
  });
});
