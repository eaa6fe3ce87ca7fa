// Whole-volume scans read the voxels in cache-sized Float64 blocks (TypedArray.set converts natively), so
// every hot loop sees one array type whatever the pixel type (monomorphic element access) and each
// statistic that needs the whole image comes from one pass through memory.
import type { VoxelArray } from '../volume.js';
import { pairwiseSum } from './numpy.js';

/** Voxels per block: 64 KiB of doubles, a multiple of numpy's 128-value pairwise leaves. */
export const SCAN_BLOCK = 8192;

/** data[start, start + n) as float64: a view of a Float64Array, else converted into `scratch`. */
export function float64Block(data: VoxelArray, start: number, n: number, scratch: Float64Array): Float64Array {
  if (data instanceof Float64Array) return data.subarray(start, start + n);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    for (let i = 0; i < n; i++) scratch[i] = Number(data[start + i]);
  } else scratch.set(data.subarray(start, start + n));
  return scratch.length === n ? scratch : scratch.subarray(0, n);
}

/** Whole-image statistics: min/max (NaN skipped), numpy's pairwise sum, and ITK's compensated mean and σ. */
export interface VolumeStatistics {
  min: number;
  max: number;
  /** np.sum of the values as float64 (pairwise summation). */
  pairwiseSum: number;
  /** Mean and sample standard deviation from Neumaier-compensated sums (ITK's StatisticsImageFilter). */
  mean: number;
  sigma: number;
}

/** Running state of one scan: the current block and the sequential accumulators. */
class Scan {
  window: Float64Array;
  start = 0;
  end = 0;
  min = Infinity;
  max = -Infinity;
  sum = 0;
  sumC = 0;
  sq = 0;
  sqC = 0;
  constructor(readonly data: VoxelArray, readonly scratch: Float64Array) {
    this.window = scratch;
  }
}

export function volumeStatistics(data: VoxelArray): VolumeStatistics {
  return integerStatistics(data) ?? compensatedStatistics(data);
}

/**
 * Integer voxels whose sums stay below 2^52 are added exactly in any order: every pairwise and
 * Neumaier partial sum is then exact too (compensations all 0), so plain sums give the same bits in
 * a cheaper pass. Null for other voxel types or when the bound fails.
 */
function integerStatistics(data: VoxelArray): VolumeStatistics | null {
  const integer = data instanceof Int16Array || data instanceof Uint8Array || data instanceof Uint16Array || data instanceof Int8Array || data instanceof Int32Array || data instanceof Uint32Array;
  if (!integer) return null;
  const n = data.length;
  const scratch = new Float64Array(Math.min(SCAN_BLOCK, n));
  const acc = new Float64Array([Infinity, -Infinity, 0, 0]);
  for (let at = 0; at < n; at += SCAN_BLOCK) addIntegers(float64Block(data, at, Math.min(SCAN_BLOCK, n - at), scratch), acc);
  const [min, max, sum, sq] = acc;
  const bound = Math.max(Math.abs(min), Math.abs(max));
  if (!(n * bound * bound < 2 ** 52)) return null;
  return { min, max, pairwiseSum: sum, ...meanAndSigma(sum, sq, n) };
}

/** acc = [min, max, Σv, Σv²] updated with the block's values. */
function addIntegers(a: Float64Array, acc: Float64Array): void {
  let min = acc[0], max = acc[1], sum = acc[2], sq = acc[3];
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sq += v * v;
  }
  acc[0] = min;
  acc[1] = max;
  acc[2] = sum;
  acc[3] = sq;
}

/** ITK's mean and sample σ from the sums. */
function meanAndSigma(sum: number, sq: number, n: number): { mean: number; sigma: number } {
  const mean = sum / n;
  const variance = (sq - (sum * sum) / n) / (n - 1);
  return { mean, sigma: Math.sqrt(variance) };
}

function compensatedStatistics(data: VoxelArray): VolumeStatistics {
  const n = data.length;
  const s = new Scan(data, new Float64Array(Math.min(SCAN_BLOCK, n)));
  const total = pairwiseTree(s, 0, n);
  return { min: s.min, max: s.max, pairwiseSum: total, ...meanAndSigma(s.sum + s.sumC, s.sq + s.sqC, n) };
}

/** numpy's pairwise_sum split (halves rounded down to a multiple of 8, leaves of <= 128 values). */
function pairwiseTree(s: Scan, start: number, n: number): number {
  if (n <= 128) {
    // leaves come in index order; a leaf that does not fit the block starts the next one
    if (start + n > s.end) nextBlock(s, start);
    return pairwiseSum(s.window, start - s.start, n);
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseTree(s, start, half) + pairwiseTree(s, start + half, n - half);
}

/** Loads the block at `start` and adds the values not seen before to the sequential statistics. */
function nextBlock(s: Scan, start: number): void {
  const m = Math.min(SCAN_BLOCK, s.data.length - start);
  const a = float64Block(s.data, start, m, s.scratch);
  let { min, max, sum, sumC, sq, sqC } = s;
  for (let i = s.end - start; i < m; i++) {
    const v = a[i];
    if (v < min) min = v;
    if (v > max) max = v;
    // Neumaier compensation for the sum and the sum of squares
    let t = sum + v;
    sumC += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
    const v2 = v * v;
    t = sq + v2;
    sqC += Math.abs(sq) >= Math.abs(v2) ? sq - t + v2 : v2 - t + sq;
    sq = t;
  }
  // a call, not stores: code after a loop that V8 compiled on stack (mid-loop, first call) has no
  // feedback for property stores yet and would deoptimise there on every call
  saveBlock(s, a, start, min, max, sum, sumC, sq, sqC);
}

function saveBlock(s: Scan, a: Float64Array, start: number, min: number, max: number, sum: number, sumC: number, sq: number, sqC: number): void {
  s.min = min;
  s.max = max;
  s.sum = sum;
  s.sumC = sumC;
  s.sq = sq;
  s.sqC = sqC;
  s.window = a;
  s.start = start;
  s.end = start + a.length;
}
