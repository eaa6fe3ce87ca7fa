import { describe, expect, it } from 'vitest';
import { WasmArena, MemoryBudgetError } from '../../src/wasm/arena.js';
import { generateAngles } from '../../src/features/angles.js';
import { glrlm, glrlmCounts, glrlmMatrices, GLRLM_FEATURES } from '../../src/features/glrlm.js';
import type { Vec3 } from '../../src/volume.js';
import { IBSI_ANGLE_AGGREGATIONS, ibsiMismatches, ibsiPhantomRows, phantomRoi, roiFromBox, settingsWith } from './texture-inputs.js';
import { seededRandom } from '../../src/random.js';

const arena = new WasmArena(undefined, 512 * 1024 * 1024);
const all = () => [...GLRLM_FEATURES];

/** Runs counted by walking every line in plain TypeScript: [angle][rank][length - 1]. */
function runsReference(bins: Int32Array, size: Vec3, grayLevels: number[], offsets: Int32Array, maxRun: number): Uint32Array {
  const [sx, sy, sz] = size;
  const n = grayLevels.length;
  const inside = (x: number, y: number, z: number) => x >= 0 && y >= 0 && z >= 0 && x < sx && y < sy && z < sz;
  const out = new Uint32Array((offsets.length / 3) * n * maxRun);
  for (let a = 0; a < offsets.length / 3; a++) {
    const [dx, dy, dz] = offsets.subarray(3 * a, 3 * a + 3);
    for (let z = 0; z < sz; z++) for (let y = 0; y < sy; y++) for (let x = 0; x < sx; x++) {
      if (inside(x - dx, y - dy, z - dz)) continue; // not the first voxel of its line
      const line: number[] = [];
      for (let p = [x, y, z]; inside(p[0], p[1], p[2]); p = [p[0] + dx, p[1] + dy, p[2] + dz]) line.push(bins[(p[2] * sy + p[1]) * sx + p[0]]);
      for (let k = 0; k < line.length; ) {
        let end = k;
        while (end < line.length && line[end] === line[k]) end++;
        if (line[k] > 0) out[(a * n + grayLevels.indexOf(line[k])) * maxRun + end - k - 1]++;
        k = end;
      }
    }
  }
  return out;
}

describe('GLRLM on the IBSI digital phantom', () => {
  const roi = phantomRoi(arena);
  for (const [code, settings] of IBSI_ANGLE_AGGREGATIONS) {
    it(`matches every IBSI ${code} value`, () => {
      const values = glrlm.compute(roi, { settings: settingsWith(settings), arena, enabled: all() });
      const rows = ibsiPhantomRows('glrlm', code);
      expect(rows).toHaveLength(16);
      expect(ibsiMismatches(values, rows)).toEqual([]);
    });
  }
});

describe('GLRLM kernel', () => {
  const random = seededRandom(11);
  const boxes: [Vec3, number, object][] = [
    [[7, 5, 3], 3, {}],
    [[1, 12, 9], 2, {}],
    [[21, 17, 6], 5, {}],
    [[9, 9, 4], 4, { force2D: true, force2Ddimension: 2 }],
  ];
  for (const [size, levels, options] of boxes) {
    it(`counts the same runs as a plain line walk (${size.join('x')})`, () => {
      const bins = Array.from({ length: size[0] * size[1] * size[2] }, () => (random() < 0.2 ? 0 : 1 + Math.floor(random() * levels)));
      const roi = roiFromBox(arena, size, bins);
      const offsets = generateAngles(size, options);
      const { counts, maxRun } = glrlmCounts(roi, offsets, arena);
      expect(maxRun).toBe(Math.max(...size));
      expect(counts).toEqual(runsReference(Int32Array.from(bins), size, roi.grayLevels, offsets, maxRun));
      // Every ROI voxel lies in exactly one run per angle.
      for (let a = 0; a < offsets.length / 3; a++) {
        let voxels = 0;
        for (let k = 0; k < roi.grayLevels.length * maxRun; k++) voxels += counts[a * roi.grayLevels.length * maxRun + k] * ((k % maxRun) + 1);
        expect(voxels).toBe(roi.voxelCount);
      }
    });
  }

  it('drops an angle along which no line holds two ROI voxels, as pyradiomics', () => {
    // Two ROI voxels on a diagonal of one slice: only the (1, 1) line holds both of them.
    const roi = roiFromBox(arena, [2, 2, 1], [1, 0, 0, 2]);
    const m = glrlmMatrices(roi, settingsWith(), arena);
    expect(Array.from(m.offsets)).toEqual([1, 1, 0]); // (1,1) keeps the pair; (0,1), (-1,1), (1,0) lines hold one voxel
    expect(m.runLengths).toEqual([1]);
    expect(Array.from(m.matrices[0])).toEqual([1, 1]);
  });

  it('releases its arena memory and refuses matrices above the budget', () => {
    const phantom = phantomRoi(arena);
    const before = arena.mark();
    glrlm.compute(phantom, { settings: settingsWith(), arena, enabled: all() });
    expect(arena.mark()).toBe(before);
    const small = new WasmArena(undefined, 32 * 1024 * 1024);
    const size: Vec3 = [400, 300, 3];
    const roi = roiFromBox(small, size, Array.from({ length: 360000 }, (_, k) => 1 + (k % 5000)));
    expect(() => glrlm.compute(roi, { settings: settingsWith(), arena: small, enabled: all() })).toThrow(MemoryBudgetError);
    expect(() => glrlm.compute(roi, { settings: settingsWith(), arena: small, enabled: all() })).toThrow(/GLRLM matrix \(5000 gray levels × 400 run lengths × 13 angles\) needs \d+ MiB, above the memory budget of 32 MiB/);
  });
});

describe('GLRLM features', () => {
  it('computes a line by hand', () => {
    // One row 1 1 2 1 (x direction only): runs (1, 2), (2, 1), (1, 1); Nr = 3, Np = 4.
    const roi = roiFromBox(arena, [4, 1, 1], [1, 1, 2, 1]);
    const v = glrlm.compute(roi, { settings: settingsWith(), arena, enabled: all() });
    expect(v.RunPercentage).toBe(3 / 4);
    expect(v.ShortRunEmphasis).toBeCloseTo((1 / 4 + 1 + 1) / 3, 15);
    expect(v.LongRunEmphasis).toBeCloseTo((4 + 1 + 1) / 3, 15);
    expect(v.GrayLevelNonUniformity).toBeCloseTo((2 * 2 + 1) / 3, 15);
    expect(v.RunLengthNonUniformity).toBeCloseTo((1 + 4) / 3, 15);
    expect(v.LowGrayLevelRunEmphasis).toBeCloseTo((2 + 1 / 4) / 3, 15);
    expect(v.LongRunHighGrayLevelEmphasis).toBeCloseTo((4 + 4 + 1) / 3, 15);
    expect(v.GrayLevelVariance).toBeCloseTo(2 / 9, 15); // levels {1, 1, 2}: mean 4/3
    expect(v.RunEntropy).toBeCloseTo(Math.log2(3), 14);
  });

  it('weights merged angles by the offset length in mm', () => {
    const roi = phantomRoi(arena);
    roi.spacing = [1, 1, 1];
    const infinity = glrlm.compute(roi, { settings: settingsWith({ weightingNorm: 'infinity' }), arena, enabled: all() });
    const none = glrlm.compute(roi, { settings: settingsWith({ weightingNorm: 'no_weighting' }), arena, enabled: all() });
    for (const name of GLRLM_FEATURES) expect(infinity[name]).toBeCloseTo(none[name], 12); // every offset is 1 mm
    // Merged: RP = Σ_a w_a Nr(a) / Σ_a w_a Np(a), Np(a) = ROI voxels, w_a = manhattan length in mm.
    roi.spacing = [1, 1, 3];
    const manhattan = glrlm.compute(roi, { settings: settingsWith({ weightingNorm: 'manhattan' }), arena, enabled: all() });
    const offsets = generateAngles(roi.size);
    const { counts, maxRun } = glrlmCounts(roi, offsets, arena);
    const block = roi.grayLevels.length * maxRun;
    let runs = 0, voxels = 0;
    for (let a = 0; a < offsets.length / 3; a++) {
      const w = Math.abs(offsets[3 * a]) + Math.abs(offsets[3 * a + 1]) + 3 * Math.abs(offsets[3 * a + 2]);
      runs += w * counts.subarray(a * block, (a + 1) * block).reduce((s, c) => s + c, 0);
      voxels += w * roi.voxelCount;
    }
    expect(manhattan.RunPercentage).toBeCloseTo(runs / voxels, 14);
    expect(Math.abs(manhattan.RunPercentage - none.RunPercentage)).toBeGreaterThan(1e-3);
  });

  it('rejects unknown feature names', () => {
    expect(() => glrlm.compute(phantomRoi(arena), { settings: settingsWith(), arena, enabled: ['RunLength'] })).toThrow(/glrlm: unknown feature "RunLength"/);
  });
});
