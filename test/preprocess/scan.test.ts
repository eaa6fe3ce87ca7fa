import { describe, expect, it } from 'vitest';
import { volumeStatistics } from '../../src/preprocess/scan.js';
import { pairwiseSum } from '../../src/preprocess/numpy.js';
import type { VoxelArray } from '../../src/volume.js';

// The per-voxel loops volumeStatistics replaces: min/max, numpy's pairwise sum, ITK's Neumaier sums.
function reference(data: VoxelArray) {
  const values = Float64Array.from(data as ArrayLike<number>, Number);
  let min = Infinity, max = -Infinity, sum = 0, sumC = 0, sq = 0, sqC = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    let t = sum + v;
    sumC += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
    const v2 = v * v;
    t = sq + v2;
    sqC += Math.abs(sq) >= Math.abs(v2) ? sq - t + v2 : v2 - t + sq;
    sq = t;
  }
  sum += sumC;
  sq += sqC;
  const n = values.length;
  return { min, max, pairwiseSum: pairwiseSum(values), mean: sum / n, sigma: Math.sqrt((sq - (sum * sum) / n) / (n - 1)) };
}

function random(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

describe('volumeStatistics', () => {
  const n = 3 * 8192 + 77; // several blocks and a partial one
  const r = random(7);
  const cases: [string, VoxelArray][] = [
    ['int16 (exact integer sums)', Int16Array.from({ length: n }, () => Math.floor(r() * 65536) - 32768)],
    ['uint8', Uint8Array.from({ length: n }, () => Math.floor(r() * 256))],
    ['int32 beyond the exact bound', Int32Array.from({ length: n }, () => Math.floor(r() * 2 ** 32) - 2 ** 31)],
    ['float32', Float32Array.from({ length: n }, () => r() * 2000 - 1000)],
    ['float64 with a NaN', Float64Array.from({ length: n }, (_, i) => (i === 5000 ? NaN : r() * 1e6))],
    ['a few voxels', new Float64Array([3.5, -1.25, 7])],
  ];
  it.each(cases)('%s: the same bits as the per-voxel loops', (_, data) => {
    const got = volumeStatistics(data);
    const want = reference(data);
    for (const k of Object.keys(want) as (keyof typeof want)[]) expect(Object.is(got[k], want[k]), `${k}: ${got[k]} vs ${want[k]}`).toBe(true);
  });
});
