import { describe, expect, it } from 'vitest';
import { WasmArena } from '../../src/wasm/arena.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/types.js';
import { ngtdm, ngtdmMatrix } from '../../src/features/ngtdm.js';
import { bruteForce, context, ibsiMismatches, ibsiRows, phantomRoi, randomBins, roiFromBins } from './texture-inputs.js';
import { expectClose } from '../helpers.js';
import type { Vec3 } from '../../src/volume.js';

const arena = new WasmArena();

describe('NGTDM on the IBSI digital phantom', () => {
  for (const [mode, settings] of [['default (3D)', {}], ['force2D=True', { force2D: true }]] as const) {
    it(`matches the IBSI ${mode === 'default (3D)' ? '3D' : '2.5D'} reference values`, () => {
      arena.reset();
      const rows = ibsiRows('ngtdm', mode);
      expect(rows.length).toBe(5);
      const out = ngtdm.compute(phantomRoi(arena), context(arena, rows.map((r) => r.feature), settings));
      expect(ibsiMismatches(out, rows)).toEqual([]);
    });
  }
});

describe('NGTDM matrix', () => {
  it('reproduces the 4x4 example of the pyradiomics documentation', () => {
    arena.reset();
    const image = [1, 2, 5, 2, 3, 5, 1, 3, 1, 3, 5, 5, 3, 1, 1, 1];
    const m = ngtdmMatrix(roiFromBins(arena, [4, 4, 1], image), DEFAULT_SETTINGS, arena);
    expect(Array.from(m.i)).toEqual([1, 2, 3, 5]);
    expect(Array.from(m.n)).toEqual([6, 2, 4, 4]);
    // s_i from each voxel's neighbour sum / neighbour count, worked by hand. The documentation's totals for
    // levels 1, 2 and 5 agree (13.35, 2.00, 10.075); its level-3 total (2.63) uses 14/5 where the voxel at
    // (x 0, y 1) has neighbours 1, 2, 5, 1, 3 (sum 12), and its level-5 terms are misprinted.
    const s1 = Math.abs(1 - 10 / 3) + Math.abs(1 - 30 / 8) + Math.abs(1 - 15 / 5) + Math.abs(1 - 13 / 5) + Math.abs(1 - 15 / 5) + Math.abs(1 - 11 / 3);
    const s2 = Math.abs(2 - 15 / 5) + Math.abs(2 - 9 / 3);
    const s3 = Math.abs(3 - 12 / 5) + Math.abs(3 - 18 / 5) + Math.abs(3 - 20 / 8) + Math.abs(3 - 5 / 3);
    const s5 = Math.abs(5 - 13 / 5) + Math.abs(5 - 21 / 8) + Math.abs(5 - 20 / 8) + Math.abs(5 - 11 / 5);
    expect([s1.toFixed(2), s2.toFixed(2), s5.toFixed(3)]).toEqual(['13.35', '2.00', '10.075']);
    [s1, s2, s3, s5].forEach((s, k) => expectClose(m.s[k], s, 1e-14, `s_${m.i[k]}`));
  });

  const cases: [string, Vec3, number, number, Partial<Settings>][] = [
    ['3D, distance 1', [12, 9, 7], 6, 1, {}],
    ['distances [1, 3]', [12, 9, 7], 6, 1, { distances: [1, 3] }],
    ['force2D on y (numpy axis 1)', [9, 8, 10], 4, 1, { force2D: true, force2Ddimension: 1 }],
    ['bins too large for Int32 neighbour sums (f64 path)', [8, 8, 5], 3, 200_000_000, {}],
  ];
  for (const [label, size, levels, step, extra] of cases) {
    it(`sums neighbourhood differences as the definition does (${label})`, () => {
      arena.reset();
      const settings = { ...DEFAULT_SETTINGS, ...extra };
      const roi = roiFromBins(arena, size, randomBins(size, levels, 0.6, size[0] + 13 * levels, step));
      const fixedAxis = settings.force2D ? 2 - settings.force2Ddimension : -1;
      const expected = bruteForce(roi.size, arena.view(Int32Array, roi.binsPtr, roi.bins.length), settings.distances, fixedAxis);
      const m = ngtdmMatrix(roi, settings, arena);
      expect(Array.from(m.i)).toEqual([...expected.n.keys()].sort((a, b) => a - b));
      m.i.forEach((level, k) => {
        expect(m.n[k]).toBe(expected.n.get(level));
        expectClose(m.s[k], expected.s.get(level)!, 1e-12, `s_${level}`);
      });
    });
  }

  it('counts voxels without ROI neighbours in n_i with s_i += 0 (pyradiomics, not IBSI)', () => {
    arena.reset();
    // Two isolated voxels (levels 2 and 4) and a pair of level-1 voxels.
    const image = [2, 0, 0, 0, 0, 4, 0, 0, 1, 1, 0, 0];
    const m = ngtdmMatrix(roiFromBins(arena, [6, 2, 1], image), DEFAULT_SETTINGS, arena);
    expect(Array.from(m.n)).toEqual([2, 1, 1]);
    expect(Array.from(m.s)).toEqual([0, 0, 0]);
  });
});

describe('NGTDM edge rules', () => {
  it('flat ROI: Coarseness 1e6, the others 0', () => {
    arena.reset();
    const out = ngtdm.compute(roiFromBins(arena, [3, 3, 3], new Array(27).fill(5)), context(arena, ngtdm.defaultFeatures));
    expect(out).toEqual({ Coarseness: 1e6, Contrast: 0, Busyness: 0, Complexity: 0, Strength: 0 });
  });

  it('single-voxel ROI: no neighbours, so s = 0 and the flat-region values', () => {
    arena.reset();
    const out = ngtdm.compute(roiFromBins(arena, [1, 1, 1], [3]), context(arena, ngtdm.defaultFeatures));
    expect(out).toEqual({ Coarseness: 1e6, Contrast: 0, Busyness: 0, Complexity: 0, Strength: 0 });
  });

  it('refuses more gray levels than the pairwise features can handle', () => {
    arena.reset();
    const bins = Array.from({ length: 20000 }, (_, k) => k + 1);
    const roi = roiFromBins(arena, [200, 100, 1], bins);
    expect(() => ngtdm.compute(roi, context(arena, ['Complexity']))).toThrow(/NGTDM: 20000 gray levels exceed the limit/);
    expect(ngtdm.compute(roi, context(arena, ['Coarseness'])).Coarseness).toBeGreaterThan(0); // O(Ng), still allowed
  });

  it('handles thousands of gray levels without a level x level allocation in the kernel', () => {
    arena.reset();
    const size: Vec3 = [40, 40, 10];
    const roi = roiFromBins(arena, size, randomBins(size, 5000, 0.9, 99));
    const before = arena.used;
    const out = ngtdm.compute(roi, context(arena, ngtdm.defaultFeatures));
    expect(Object.values(out).every(Number.isFinite)).toBe(true);
    expect(arena.used).toBe(before);
  });
});
