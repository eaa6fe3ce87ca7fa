import { describe, expect, it } from 'vitest';
import { asVolume, indexToPoint } from '../src/volume.js';

// A rotation about z by 30 degrees, then a flip of the third axis: not symmetric, so a transposition shows.
const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
const axes = [[c, s, 0], [-s, c, 0], [0, 0, -1]]; // direction of index axis i, j, k in LPS

describe('asVolume', () => {
  it('itk-wasm layout: direction flattened row by row, columns are the axis directions', () => {
    const rowMajor = [0, 1, 2].flatMap((r) => [0, 1, 2].map((col) => axes[col][r]));
    const v = asVolume({ data: new Int16Array(24), size: [2, 3, 4], spacing: [1, 2, 3], origin: [10, 20, 30], direction: rowMajor });
    expect(indexToPoint(v, [1, 0, 0])).toEqual([10 + c, 20 + s, 30]);
    expect(indexToPoint(v, [0, 0, 1])).toEqual([10, 20, 27]);
  });
  it('vtk.js / Cornerstone layout ({dimensions}): axis directions listed one after another', () => {
    const v = asVolume({ data: new Int16Array(24), dimensions: [2, 3, 4], spacing: [1, 2, 3], origin: [10, 20, 30], direction: axes.flat() });
    const p = indexToPoint(v, [0, 1, 0]);
    [10 - 2 * s, 20 + 2 * c, 30].forEach((x, i) => expect(p[i]).toBeCloseTo(x, 12));
  });
  it('rejects data of the wrong length and bad spacing with the input named', () => {
    expect(() => asVolume({ data: new Int16Array(5), size: [2, 3, 4] }, 'ct')).toThrow(/^ct: data has 5 values but size 2x3x4 needs 24$/);
    expect(() => asVolume({ data: new Int16Array(24), size: [2, 3, 4], spacing: [1, 0, 1] }, 'ct')).toThrow(/ct: spacing\[1\] = 0 is not a positive number/);
  });
});
