import { describe, expect, it, vi } from 'vitest';
import { WasmArena, MemoryBudgetError } from '../../src/wasm/arena.js';
import { generateAngles } from '../../src/features/angles.js';
import { glcm, glcmCounts, glcmFromCounts, glcmMatrices, GLCM_FEATURES, GLCM_DEPRECATED } from '../../src/features/glcm.js';
import { glcmCountsReference } from '../../src/features/glcm-ts-reference.js';
import { kthLargestEigenvalue, tridiagonalise } from '../../src/features/glcm-mcc.js';
import type { Vec3 } from '../../src/volume.js';
import { IBSI_ANGLE_AGGREGATIONS, ibsiMismatches, ibsiPhantomRows, phantomRoi, roiFromBox, settingsWith } from './texture-inputs.js';
import { seededRandom } from '../../src/random.js';

const arena = new WasmArena(undefined, 512 * 1024 * 1024);
const all = (extra: string[] = []) => [...GLCM_FEATURES, ...extra];

describe('GLCM on the IBSI digital phantom', () => {
  const roi = phantomRoi(arena);
  for (const [code, settings] of IBSI_ANGLE_AGGREGATIONS) {
    it(`matches every IBSI ${code} value pyradiomics defines the same way`, () => {
      const values = glcm.compute(roi, { settings: settingsWith(settings), arena, enabled: all() });
      const rows = ibsiPhantomRows('glcm', code);
      expect(rows.length).toBeGreaterThanOrEqual(24);
      expect(ibsiMismatches(values, rows)).toEqual([]);
    });
  }
});

describe('GLCM kernel', () => {
  const random = seededRandom(7);
  const boxes: [Vec3, number, object][] = [
    [[7, 5, 3], 4, {}],
    [[13, 1, 9], 6, { distances: [1, 2] }],
    [[33, 17, 5], 12, { distances: [1, 3] }],
    [[10, 9, 6], 30, { force2D: true, force2Ddimension: 1 }],
  ];
  for (const [size, levels, options] of boxes) {
    it(`counts the same pairs as the plain-TypeScript reference (${size.join('x')}, ${levels} levels)`, () => {
      const bins = Array.from({ length: size[0] * size[1] * size[2] }, () => (random() < 0.3 ? 0 : 1 + Math.floor(random() * levels)));
      const roi = roiFromBox(arena, size, bins);
      const offsets = generateAngles(size, options);
      const counts = glcmCounts(roi, offsets, arena);
      expect(counts).toEqual(glcmCountsReference(Int32Array.from(bins), size, roi.grayLevels, offsets));
      expect(counts.reduce((s, c) => s + c, 0)).toBeGreaterThan(0);
    });
  }

  it('releases its arena memory after each class run', () => {
    const roi = phantomRoi(arena);
    const before = arena.mark();
    glcm.compute(roi, { settings: settingsWith(), arena, enabled: all() });
    expect(arena.mark()).toBe(before);
  });

  it('refuses a matrix above the memory budget before allocating it', () => {
    const small = new WasmArena(undefined, 64 * 1024 * 1024);
    const size: Vec3 = [60, 60, 20];
    const roi = roiFromBox(small, size, Array.from({ length: 72000 }, (_, k) => 1 + ((k * 7919) % 3000)));
    const grown = small.wasm.memory.buffer.byteLength;
    const mark = small.mark();
    expect(() => glcm.compute(roi, { settings: settingsWith(), arena: small, enabled: all() })).toThrow(MemoryBudgetError);
    expect(() => glcm.compute(roi, { settings: settingsWith(), arena: small, enabled: all() })).toThrow(/GLCM matrix \(3000 gray levels × 3000 × 13 angles\) needs \d+ MiB, above the memory budget of 64 MiB/);
    expect(small.mark()).toBe(mark);
    expect(small.wasm.memory.buffer.byteLength).toBe(grown);
  });
});

describe('GLCM matrices and edge rules', () => {
  it('follows pyradiomics for a flat region: Correlation 1, MCC 1, Imc1 = Imc2 = 0', () => {
    const roi = roiFromBox(arena, [4, 3, 2], new Array(24).fill(3));
    const v = glcm.compute(roi, { settings: settingsWith(), arena, enabled: all() });
    expect(v.Correlation).toBe(1);
    expect(v.MCC).toBe(1);
    expect(v.Imc1).toBe(0);
    expect(v.Imc2).toBe(0);
    expect(v.JointEnergy).toBe(1);
    expect(v.MaximumProbability).toBe(1);
    expect(v.Contrast).toBe(0);
    expect(v.JointAverage).toBe(3);
    expect(v.SumAverage).toBe(6);
    expect(v.Idmn).toBe(1);
    expect(Math.abs(v.JointEntropy)).toBeLessThan(1e-15);
  });

  it('deletes angles without pairs and averages over the rest', () => {
    // Two ROI voxels on a diagonal of one slice: only the (1, 1, 0) offset sees a pair.
    const roi = roiFromBox(arena, [2, 2, 1], [2, 0, 0, 5]);
    const m = glcmMatrices(roi, settingsWith(), arena);
    expect(Array.from(m.offsets)).toEqual([1, 1, 0]);
    expect(m.matrices).toHaveLength(1);
    expect(Array.from(m.matrices[0])).toEqual([0, 0.5, 0.5, 0]);
    const v = glcm.compute(roi, { settings: settingsWith(), arena, enabled: ['Contrast', 'Correlation', 'MCC'] });
    expect(v.Contrast).toBe(9);
    expect(v.Correlation).toBeCloseTo(-1, 14);
    expect(v.MCC).toBeCloseTo(1, 14);
  });

  it('handles far-apart gray levels (Ng = 10^6) without Ng-sized work per angle', () => {
    const roi = roiFromBox(arena, [2, 1, 1], [1, 1_000_000]);
    const v = glcm.compute(roi, { settings: settingsWith(), arena, enabled: ['Contrast', 'JointAverage', 'Idn', 'SumEntropy'] });
    expect(v.Contrast).toBe(999_999 ** 2);
    expect(v.JointAverage).toBe(500_000.5);
    expect(v.Idn).toBeCloseTo(1 / (1 + 999_999 / 1_000_000), 15);
    expect(v.SumEntropy).toBeCloseTo(0, 14);
  });

  it('keeps rows as the centre voxel level when symmetricalGLCM is false', () => {
    const roi = roiFromBox(arena, [3, 1, 1], [1, 2, 2]);
    const m = glcmMatrices(roi, settingsWith({ symmetricalGLCM: false }), arena);
    expect(Array.from(m.matrices[0])).toEqual([0, 0.5, 0, 0.5]);
  });

  it('merges angles weighted by exp(-d²) under weightingNorm', () => {
    const offsets = Int32Array.from([1, 0, 0, 1, 1, 0]);
    const counts = Uint32Array.from([1, 2, 0, 3, 0, 4, 5, 0]); // two 2×2 count blocks
    const { matrices } = glcmFromCounts(counts, 2, offsets, { symmetricalGLCM: true, weightingNorm: 'manhattan' }, [1, 2, 1]);
    const w1 = Math.exp(-1), w2 = Math.exp(-9); // manhattan lengths 1 and 1 + 2 mm
    const merged = [2 * w1 + 0 * w2, 2 * w1 + 9 * w2, 2 * w1 + 9 * w2, 6 * w1 + 0 * w2];
    const total = merged.reduce((s, x) => s + x, 0);
    expect(matrices).toHaveLength(1);
    merged.forEach((x, k) => expect(matrices[0][k]).toBeCloseTo(x / total, 15));
  });

  it('gives the no_weighting result for the infinity norm on isotropic 1 mm voxels', () => {
    const roi = phantomRoi(arena);
    roi.spacing = [1, 1, 1];
    const a = glcm.compute(roi, { settings: settingsWith({ weightingNorm: 'infinity' }), arena, enabled: all() });
    const b = glcm.compute(roi, { settings: settingsWith({ weightingNorm: 'no_weighting' }), arena, enabled: all() });
    for (const name of GLCM_FEATURES) expect(a[name]).toBeCloseTo(b[name], 12);
  });

  it('accepts the deprecated names without a value (as pyradiomics) and rejects unknown ones', () => {
    const roi = phantomRoi(arena);
    const v = glcm.compute(roi, { settings: settingsWith(), arena, enabled: ['Contrast', ...GLCM_DEPRECATED] });
    expect(Object.keys(v)).toEqual(['Contrast']);
    expect(() => glcm.compute(roi, { settings: settingsWith(), arena, enabled: ['Contrasts'] })).toThrow(/glcm: unknown feature "Contrasts"/);
  });

  it('skips MCC with a warning above 512 levels in an angle, other features still computed', () => {
    const size: Vec3 = [40, 40, 2];
    const roi = roiFromBox(arena, size, Array.from({ length: 3200 }, (_, k) => 1 + ((k * 37) % 600)));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const v = glcm.compute(roi, { settings: settingsWith({ force2D: true }), arena, enabled: ['MCC', 'JointEnergy'] });
    expect(v.MCC).toBeNaN();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/glcm MCC: \d+ gray levels in one angle exceed the limit of 512/));
    warn.mockRestore();
    expect(v.JointEnergy).toBeGreaterThan(0);
  });
});

describe('MCC eigenvalues', () => {
  it('recovers known eigenvalues of random symmetric matrices (WebAssembly Householder + Sturm bisection)', () => {
    const random = seededRandom(3);
    for (const m of [2, 3, 7, 40]) {
      const lambda = Array.from({ length: m }, () => random() * 2 - 0.5);
      // A = H diag(λ) H with H a product of two Householder reflections (orthogonal, symmetric each).
      let a = new Float64Array(m * m);
      lambda.forEach((l, i) => (a[i * m + i] = l));
      for (let r = 0; r < 2; r++) a = reflect(a, m, Array.from({ length: m }, () => random() - 0.5));
      const { diagonal, offDiagonal } = tridiagonalise(a, m, arena);
      const sorted = [...lambda].sort((x, y) => y - x);
      for (let k = 1; k <= Math.min(3, m); k++) expect(kthLargestEigenvalue(diagonal, offDiagonal, k)).toBeCloseTo(sorted[k - 1], 13);
    }
  });
});

/** H A H for H = I - 2 v vᵀ / vᵀv. */
function reflect(a: Float64Array, m: number, v: number[]): Float64Array {
  const norm2 = v.reduce((s, x) => s + x * x, 0);
  const h = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) h[i * m + j] = (i === j ? 1 : 0) - (2 * v[i] * v[j]) / norm2;
  const mul = (x: Float64Array, y: Float64Array) => {
    const out = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) for (let j = 0; j < m; j++) out[i * m + j] += x[i * m + k] * y[k * m + j];
    return out;
  };
  return mul(mul(h, a), h);
}
