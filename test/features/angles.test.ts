import { describe, expect, it } from 'vitest';
import { angleDistance, anglesFromSettings, generateAngles } from '../../src/features/angles.js';
import type { Vec3 } from '../../src/volume.js';
import { settingsWith } from './texture-inputs.js';

/** Offsets as [dz, dy, dx] rows, pyradiomics' notation. */
function zyx(offsets: Int32Array): number[][] {
  const rows: number[][] = [];
  for (let a = 0; a < offsets.length; a += 3) rows.push([offsets[a + 2], offsets[a + 1], offsets[a]]);
  return rows;
}

/** pyradiomics' get_angle_count: Π(2·min(d, s-1)+1) - Π(2·min(d-1, s-1)+1) per distance, halved if mono-directional. */
function expectedCount(size: Vec3, distances: number[], fixedNumpyAxis = -1, bidirectional = false): number {
  const zyxSize = [size[2], size[1], size[0]];
  let total = 0;
  for (const d of distances) {
    let outer = 1, inner = 1;
    zyxSize.forEach((s, axis) => {
      if (axis === fixedNumpyAxis) return;
      outer *= 2 * Math.min(d, s - 1) + 1;
      inner *= 2 * Math.min(d - 1, s - 1) + 1;
    });
    total += outer - inner;
  }
  return bidirectional ? total : total / 2;
}

describe('texture angles (pyradiomics build_angles)', () => {
  it('gives the 13 3D directions at distance 1 in pyradiomics order', () => {
    expect(zyx(generateAngles([10, 10, 10]))).toEqual([
      [1, 1, 1], [1, 1, 0], [1, 1, -1], [1, 0, 1], [1, 0, 0], [1, 0, -1], [1, -1, 1], [1, -1, 0], [1, -1, -1],
      [0, 1, 1], [0, 1, 0], [0, 1, -1], [0, 0, 1],
    ]);
  });

  it('gives all 26 neighbours when bidirectional, each offset with its opposite', () => {
    const rows = zyx(generateAngles([5, 5, 5], { bidirectional: true }));
    expect(rows).toHaveLength(26);
    const opposite = (v: number) => (v === 0 ? 0 : -v); // no -0 in toEqual
    for (const [z, y, x] of rows) expect(rows).toContainEqual([opposite(z), opposite(y), opposite(x)]);
  });

  it('drops offsets that reach past the bounding box (crop rule)', () => {
    expect(zyx(generateAngles([30, 20, 1]))).toEqual([[0, 1, 1], [0, 1, 0], [0, 1, -1], [0, 0, 1]]);
    expect(zyx(generateAngles([1, 7, 9]))).toEqual([[1, 1, 0], [1, 0, 0], [1, -1, 0], [0, 1, 0]]);
    const rows = zyx(generateAngles([2, 10, 10], { distances: [2] }));
    expect(rows.every(([, , x]) => Math.abs(x) <= 1)).toBe(true);
    expect(rows).toHaveLength(expectedCount([2, 10, 10], [2]));
  });

  it('keeps the force2D axis fixed (force2Ddimension counts numpy axes z, y, x)', () => {
    expect(zyx(generateAngles([8, 8, 8], { force2D: true, force2Ddimension: 0 }))).toEqual([[0, 1, 1], [0, 1, 0], [0, 1, -1], [0, 0, 1]]);
    expect(zyx(generateAngles([8, 8, 8], { force2D: true, force2Ddimension: 2 }))).toEqual([[1, 1, 0], [1, 0, 0], [1, -1, 0], [0, 1, 0]]);
    expect(zyx(generateAngles([8, 8, 8], { force2D: true, force2Ddimension: 1 }))).toEqual([[1, 0, 1], [1, 0, 0], [1, 0, -1], [0, 0, 1]]);
  });

  it('counts angles per distance as pyradiomics does, with Chebyshev norms from `distances` only', () => {
    const cases: [Vec3, number[], number][] = [
      [[10, 10, 10], [1, 2], -1],
      [[10, 10, 10], [2], -1],
      [[10, 10, 10], [1, 3], 0],
      [[3, 9, 2], [1, 2, 4], -1],
      [[4, 4, 4], [3, 5], -1],
    ];
    for (const [size, distances, axis] of cases) {
      const offsets = generateAngles(size, { distances, force2D: axis >= 0, force2Ddimension: Math.max(axis, 0) });
      const rows = zyx(offsets);
      expect(rows).toHaveLength(expectedCount(size, distances, axis));
      for (const row of rows) expect(distances).toContain(Math.max(...row.map(Math.abs)));
      expect(rows.filter((r) => rows.some((q) => q.every((v, k) => v === -r[k])))).toHaveLength(0);
    }
  });

  it('uses the settings (GLRLM passes distances [1] explicitly)', () => {
    const settings = settingsWith({ distances: [1, 2], force2D: true });
    expect(anglesFromSettings([9, 9, 9], settings).length / 3).toBe(expectedCount([9, 9, 9], [1, 2], 0));
    expect(anglesFromSettings([9, 9, 9], settings, { distances: [1] }).length / 3).toBe(4);
  });

  it('rejects invalid distances and boxes that no offset fits', () => {
    expect(() => generateAngles([5, 5, 5], { distances: [0] })).toThrow(/distances: 0 is not an integer/);
    expect(() => generateAngles([5, 5, 5], { distances: [1.5] })).toThrow(/distances: 1.5/);
    expect(() => generateAngles([5, 5, 5], { distances: [] })).toThrow(/non-empty list/);
    expect(() => generateAngles([5, 5, 5], { force2D: true, force2Ddimension: 3 })).toThrow(/force2Ddimension must be 0, 1 or 2/);
    expect(() => generateAngles([1, 1, 1])).toThrow(/no neighbour offset at distance 1 fits the ROI box 1x1x1/);
    expect(() => generateAngles([1, 1, 6], { force2D: true })).toThrow(/with force2D/);
    expect(() => generateAngles([4, 4, 4], { distances: [5] })).toThrow(/no neighbour offset at distance 5/);
  });

  it('measures offsets in mm under each weighting norm', () => {
    const offsets = Int32Array.from([1, -1, 1]);
    const spacing: Vec3 = [0.5, 2, 3];
    expect(angleDistance(offsets, 0, spacing, 'infinity')).toBe(3);
    expect(angleDistance(offsets, 0, spacing, 'manhattan')).toBe(5.5);
    expect(angleDistance(offsets, 0, spacing, 'euclidean')).toBeCloseTo(Math.sqrt(0.25 + 4 + 9), 14);
    expect(angleDistance(offsets, 0, spacing, 'no_weighting')).toBe(1);
    expect(() => angleDistance(offsets, 0, spacing, 'chebyshev' as never)).toThrow(/weightingNorm "chebyshev"/);
  });
});
