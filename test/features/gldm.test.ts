import { describe, expect, it } from 'vitest';
import { WasmArena } from '../../src/wasm/arena.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/types.js';
import { gldm, gldmMatrix } from '../../src/features/gldm.js';
import { bruteForce, context, ibsiMismatches, ibsiRows, phantomRoi, randomBins, roiFromBins } from './texture-inputs.js';
import type { Vec3 } from '../../src/volume.js';

const arena = new WasmArena();

/** Matrix as "bin,dependent neighbours" -> voxels (column j holds j − 1 dependent neighbours). */
function cells(m: ReturnType<typeof gldmMatrix>): Map<string, number> {
  const out = new Map<string, number>();
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) if (m.P[r * m.cols + c]) out.set(`${m.ivector[r]},${m.jvector[c] - 1}`, m.P[r * m.cols + c]);
  return out;
}

describe('GLDM on the IBSI digital phantom (NGLDM, alpha 0)', () => {
  for (const [mode, settings] of [['default (3D)', {}], ['force2D=True', { force2D: true }]] as const) {
    it(`matches the IBSI ${mode === 'default (3D)' ? '3D' : '2.5D'} reference values`, () => {
      arena.reset();
      // pyradiomics' two deprecated GLDM features give no value; the others must all match.
      const rows = ibsiRows('gldm', mode).filter((r) => !gldm.deprecatedFeatures.includes(r.feature));
      expect(rows.map((r) => r.feature).sort()).toEqual([...gldm.defaultFeatures].sort());
      const out = gldm.compute(phantomRoi(arena), context(arena, rows.map((r) => r.feature), settings));
      expect(ibsiMismatches(out, rows)).toEqual([]);
    });
  }
});

describe('GLDM matrix', () => {
  it('reproduces the 5x5 example of the pyradiomics documentation (alpha 0, distance 1)', () => {
    arena.reset();
    const image = [5, 2, 5, 4, 4, 3, 3, 3, 1, 3, 2, 1, 1, 1, 3, 4, 2, 2, 2, 3, 3, 5, 3, 3, 2];
    const m = gldmMatrix(roiFromBins(arena, [5, 5, 1], image), DEFAULT_SETTINGS, arena);
    expect([m.rows, m.cols]).toEqual([5, 4]);
    expect(Array.from(m.P)).toEqual([0, 1, 2, 1, 1, 2, 3, 0, 1, 4, 4, 0, 1, 2, 0, 0, 3, 0, 0, 0]);
    expect(Array.from(m.jvector)).toEqual([1, 2, 3, 4]);
  });

  const cases: [string, Vec3, Partial<Settings>][] = [
    ['3D, alpha 0', [12, 9, 7], {}],
    ['alpha 2, distances [1, 2]', [12, 9, 7], { gldm_a: 2, distances: [1, 2] }],
    ['distance 2 only', [12, 9, 7], { distances: [2] }],
    ['force2D on y (numpy axis 1), alpha 1', [9, 8, 10], { force2D: true, force2Ddimension: 1, gldm_a: 1 }],
    ['force2D on x (numpy axis 2)', [5, 9, 10], { force2D: true, force2Ddimension: 2 }],
    ['thin box (1 slice) with distance 3', [15, 12, 1], { distances: [3] }],
  ];
  for (const [label, size, extra] of cases) {
    it(`counts dependences as the definition does (${label})`, () => {
      arena.reset();
      const settings = { ...DEFAULT_SETTINGS, ...extra };
      const roi = roiFromBins(arena, size, randomBins(size, 5, 0.75, size[0] * 7 + size[2]));
      const fixedAxis = settings.force2D ? 2 - settings.force2Ddimension : -1;
      const expected = bruteForce(roi.size, arena.view(Int32Array, roi.binsPtr, roi.bins.length), settings.distances, fixedAxis, settings.gldm_a).dependence;
      expect(cells(gldmMatrix(roi, settings, arena))).toEqual(expected);
    });
  }

  it('a single-voxel ROI has dependence 0 (column j = 1)', () => {
    arena.reset();
    const m = gldmMatrix(roiFromBins(arena, [3, 1, 1], [0, 2, 0]), DEFAULT_SETTINGS, arena);
    expect([Array.from(m.P), Array.from(m.ivector), Array.from(m.jvector)]).toEqual([[1], [2], [1]]);
  });

  it('handles gray levels far apart (sparse bins: binary-search path)', () => {
    arena.reset();
    const size: Vec3 = [9, 9, 6];
    const roi = roiFromBins(arena, size, randomBins(size, 4, 0.8, 11, 100_000_000));
    const expected = bruteForce(roi.size, arena.view(Int32Array, roi.binsPtr, roi.bins.length), [1]).dependence;
    expect(cells(gldmMatrix(roi, DEFAULT_SETTINGS, arena))).toEqual(expected);
  });
});

describe('GLDM features and settings', () => {
  it('accepts the deprecated features by name but, as pyradiomics, gives them no value', () => {
    arena.reset();
    expect(gldm.defaultFeatures).toHaveLength(14);
    expect(gldm.deprecatedFeatures).toEqual(['GrayLevelNonUniformityNormalized', 'DependencePercentage']);
    const out = gldm.compute(phantomRoi(arena), context(arena, ['DependenceEntropy', 'DependencePercentage', 'GrayLevelNonUniformityNormalized']));
    expect(Object.keys(out)).toEqual(['DependenceEntropy']);
  });

  it('rejects invalid gldm_a and distances with the setting named', () => {
    arena.reset();
    const roi = phantomRoi(arena);
    expect(() => gldm.compute(roi, context(arena, ['DependenceEntropy'], { gldm_a: NaN }))).toThrow(/GLDM: setting "gldm_a" must be a number/);
    expect(() => gldm.compute(roi, context(arena, ['DependenceEntropy'], { distances: [0] }))).toThrow(/GLDM: setting "distances" contains 0/);
    expect(() => gldm.compute(roi, context(arena, ['DependenceEntropy'], { distances: [1.5] }))).toThrow(/positive integers/);
    expect(() => gldm.compute(roi, context(arena, ['DependenceEntropy'], { distances: [] }))).toThrow(/non-empty list/);
    expect(() => gldm.compute(roi, context(arena, ['DependenceEntropy'], { force2D: true, force2Ddimension: 3 as 0 }))).toThrow(/force2Ddimension" must be 0, 1 or 2/);
  });

  it('refuses a neighbourhood too large to compute instead of hanging', () => {
    arena.reset();
    const size: Vec3 = [60, 60, 60];
    const roi = roiFromBins(arena, size, randomBins(size, 3, 1, 5));
    expect(() => gldmMatrix(roi, { ...DEFAULT_SETTINGS, distances: [59] }, arena)).toThrow(/GLDM: distances up to 59 give .* too many to compute/);
  });
});
