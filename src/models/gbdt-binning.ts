// Histogram binning of features, with LightGBM's bin boundaries (BinMapper::FindBin): zero gets a bin
// of its own, negative and positive values are binned greedily apart, bins hold at least
// min_data_in_bin samples, and each boundary is just above the midpoint of two neighbouring values.
// Values -> bin indices runs in WebAssembly (assembly/gbdt.ts gbdtValuesToBins).
import type { WasmArena } from '../wasm/arena.js';
import { kernel } from '../wasm/module.js';
import type { GbdtParams } from './gbdt-params.js';
import { sampleSorted, seededRandom } from '../random.js';
import { ZERO_THRESHOLD } from './trees.js';

export const MISSING_NONE = 0;
export const MISSING_NAN = 2;
// LightGBM keeps the most frequent bin apart only when it holds this share of the data.
const SPARSE_THRESHOLD = 0.8;

export interface BinMapper {
  numBin: number;
  missingType: typeof MISSING_NONE | typeof MISSING_NAN;
  /** Upper bound of each bin (value <= bound); the last numeric bound is +Infinity; NaN marks the missing bin. */
  upperBounds: Float64Array;
  minValue: number;
  maxValue: number;
  /** Bin of the value 0, and the most frequent bin (LightGBM's default_bin / most_freq_bin). */
  defaultBin: number;
  mostFreqBin: number;
  /** One bin, or no split could leave min_data_in_leaf rows on both sides: the feature is not used. */
  isTrivial: boolean;
}

const bits = new Float64Array(1);
const bitsInt = new BigInt64Array(bits.buffer);
/** The next double above x (C's nextafter(x, +inf)). */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  bits[0] = x;
  bitsInt[0] += x > 0 ? 1n : -1n;
  return bits[0];
}

// Greedy boundaries for sorted distinct values [start, end) with their counts (LightGBM's GreedyFindBin).
function greedyBounds(values: number[], counts: number[], start: number, end: number, maxBin: number, totalCnt: number, minDataInBin: number): number[] {
  const bounds: number[] = [];
  const push = (v: number) => {
    // a boundary equal (to one ulp) to the previous one would leave an empty bin
    if (!bounds.length || !(v <= nextUp(bounds[bounds.length - 1]))) {
      bounds.push(v);
      return true;
    }
    return false;
  };
  const n = end - start;
  if (n <= maxBin) {
    let inBin = 0;
    for (let i = start; i < end - 1; i++) {
      inBin += counts[i];
      if (inBin >= minDataInBin && push(nextUp((values[i] + values[i + 1]) / 2))) inBin = 0;
    }
  } else {
    if (minDataInBin > 0) maxBin = Math.max(1, Math.min(maxBin, Math.trunc(totalCnt / minDataInBin)));
    let meanBinSize = totalCnt / maxBin;
    let restBins = maxBin;
    let restCnt = totalCnt;
    const big = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (counts[start + i] >= meanBinSize) {
        big[i] = 1;
        restBins--;
        restCnt -= counts[start + i];
      }
    }
    meanBinSize = restCnt / restBins;
    const upper: number[] = [];
    const lower: number[] = [values[start]];
    let inBin = 0;
    for (let i = 0; i < n - 1; i++) {
      const c = counts[start + i];
      if (!big[i]) restCnt -= c;
      inBin += c;
      // close the bin at a frequent value, when it is full, or before a frequent value
      if (big[i] || inBin >= meanBinSize || (big[i + 1] && inBin >= Math.max(1, meanBinSize * 0.5))) {
        upper.push(values[start + i]);
        lower.push(values[start + i + 1]);
        if (upper.length >= maxBin - 1) break;
        inBin = 0;
        if (!big[i]) {
          restBins--;
          meanBinSize = restCnt / restBins;
        }
      }
    }
    for (let i = 0; i < upper.length; i++) push(nextUp((upper[i] + lower[i + 1]) / 2));
  }
  bounds.push(Infinity);
  return bounds;
}

// Negative values, zero and positive values get separate bins (LightGBM's FindBinWithZeroAsOneBin).
function zeroAsOneBinBounds(values: number[], counts: number[], maxBin: number, totalCnt: number, minDataInBin: number): number[] {
  let leftCnt = 0, zeroCnt = 0, rightCnt = 0;
  values.forEach((v, i) => {
    if (v <= -ZERO_THRESHOLD) leftCnt += counts[i];
    else if (v > ZERO_THRESHOLD) rightCnt += counts[i];
    else zeroCnt += counts[i];
  });
  let numNegative = values.findIndex((v) => v > -ZERO_THRESHOLD);
  if (numNegative < 0) numNegative = values.length;
  let bounds: number[] = [];
  if (numNegative > 0 && maxBin > 1) {
    const leftMaxBin = Math.max(1, Math.trunc((leftCnt / (totalCnt - zeroCnt)) * (maxBin - 1)));
    bounds = greedyBounds(values, counts, 0, numNegative, leftMaxBin, leftCnt, minDataInBin);
    if (bounds.length) bounds[bounds.length - 1] = -ZERO_THRESHOLD;
  }
  let rightStart = -1;
  for (let i = numNegative; i < values.length; i++) if (values[i] > ZERO_THRESHOLD) {
    rightStart = i;
    break;
  }
  const rightMaxBin = maxBin - 1 - bounds.length;
  if (rightStart >= 0 && rightMaxBin > 0) {
    bounds.push(ZERO_THRESHOLD, ...greedyBounds(values, counts, rightStart, values.length, rightMaxBin, rightCnt, minDataInBin));
  } else {
    bounds.push(Infinity);
  }
  return bounds;
}

/** Bin of one value (NaN to the missing bin, or binned as 0 when the feature has none). */
export function valueToBin(m: BinMapper, x: number): number {
  if (Number.isNaN(x)) {
    if (m.missingType === MISSING_NAN) return m.numBin - 1;
    x = 0;
  }
  let lo = 0;
  let hi = m.numBin - 1 - (m.missingType === MISSING_NAN ? 1 : 0);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= m.upperBounds[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Bin boundaries of one feature from its sampled values (NaN allowed), as LightGBM finds them. */
export function findBins(sample: ArrayLike<number>, p: Pick<GbdtParams, 'max_bin' | 'min_data_in_bin' | 'use_missing' | 'feature_pre_filter'>, filterCnt: number): BinMapper {
  const total = sample.length;
  const nonZero: number[] = [];
  let naCnt = 0;
  for (let i = 0; i < total; i++) {
    const v = sample[i];
    if (Number.isNaN(v)) naCnt++;
    else if (Math.abs(v) > ZERO_THRESHOLD) nonZero.push(v);
  }
  const missingType = p.use_missing && naCnt > 0 ? MISSING_NAN : MISSING_NONE;
  if (missingType === MISSING_NONE) naCnt = 0;
  const zeroCnt = total - nonZero.length - naCnt;
  nonZero.sort((a, b) => a - b);
  // distinct values (equal to one ulp merged, keeping the larger) with zero placed in order
  const values: number[] = [];
  const counts: number[] = [];
  if (nonZero.length === 0 || (nonZero[0] > 0 && zeroCnt > 0)) values.push(0), counts.push(zeroCnt);
  nonZero.forEach((v, i) => {
    if (i > 0 && v <= nextUp(nonZero[i - 1])) {
      values[values.length - 1] = v;
      counts[counts.length - 1]++;
      return;
    }
    if (i > 0 && nonZero[i - 1] < 0 && v > 0) values.push(0), counts.push(zeroCnt);
    values.push(v);
    counts.push(1);
  });
  if (nonZero.length && nonZero[nonZero.length - 1] < 0 && zeroCnt > 0) values.push(0), counts.push(zeroCnt);
  const bounds = missingType === MISSING_NAN
    ? [...zeroAsOneBinBounds(values, counts, p.max_bin - 1, total - naCnt, p.min_data_in_bin), NaN]
    : zeroAsOneBinBounds(values, counts, p.max_bin, total, p.min_data_in_bin);
  const m: BinMapper = {
    numBin: bounds.length, missingType, upperBounds: Float64Array.from(bounds), minValue: values[0], maxValue: values[values.length - 1],
    defaultBin: 0, mostFreqBin: 0, isTrivial: bounds.length <= 1,
  };
  const inBin = new Array(m.numBin).fill(0);
  let b = 0;
  values.forEach((v, i) => {
    while (v > bounds[b] && b < m.numBin - 1) b++;
    inBin[b] += counts[i];
  });
  if (missingType === MISSING_NAN) inBin[m.numBin - 1] = naCnt;
  if (!m.isTrivial && p.feature_pre_filter && !canSplit(inBin, total, filterCnt)) m.isTrivial = true;
  if (!m.isTrivial) {
    m.defaultBin = valueToBin(m, 0);
    let most = 0;
    for (let i = 1; i < inBin.length; i++) if (inBin[i] > inBin[most]) most = i;
    m.mostFreqBin = most !== m.defaultBin && inBin[most] / total < SPARSE_THRESHOLD ? m.defaultBin : most;
  }
  return m;
}

// Some threshold leaves at least filterCnt samples on both sides.
function canSplit(inBin: number[], total: number, filterCnt: number): boolean {
  let left = 0;
  for (let i = 0; i < inBin.length - 1; i++) {
    left += inBin[i];
    if (left >= filterCnt && total - left >= filterCnt) return true;
  }
  return false;
}

/** Training rows binned in the arena: feature f's bins at binsPtr + f * numData * binWidth. */
export interface BinnedData {
  numData: number;
  numFeatures: number;
  mappers: BinMapper[];
  /** Non-trivial features, ascending. */
  used: Int32Array;
  binWidth: 1 | 2;
  binsPtr: number;
  /** Histogram offsets in (g, h) pairs: feature f owns histOffsets[f] .. histOffsets[f + 1] (empty when trivial). */
  histOffsets: Int32Array;
  totalBins: number;
}

type BinKernel = (values: number, count: number, stride: number, bounds: number, numBounds: number, nanBin: number, out: number, width: number) => void;

/** Finds every feature's bins on a row sample and bins all rows (row-major X with `cols` columns). */
export function binDataset(X: Float64Array, rows: number, cols: number, p: GbdtParams, a: WasmArena): BinnedData {
  const sampleRows = rows > p.bin_construct_sample_cnt ? sampleSorted(rows, p.bin_construct_sample_cnt, seededRandom(p.data_random_seed)) : null;
  const nSample = sampleRows ? sampleRows.length : rows;
  const filterCnt = Math.trunc((p.min_data_in_leaf * nSample) / rows);
  const column = new Float64Array(nSample);
  const mappers: BinMapper[] = [];
  for (let f = 0; f < cols; f++) {
    for (let i = 0; i < nSample; i++) column[i] = X[(sampleRows ? sampleRows[i] : i) * cols + f];
    mappers.push(findBins(column, p, filterCnt));
  }
  const used = Int32Array.from(mappers.flatMap((m, f) => (m.isTrivial ? [] : [f])));
  const histOffsets = new Int32Array(cols + 1);
  mappers.forEach((m, f) => (histOffsets[f + 1] = histOffsets[f] + (m.isTrivial ? 0 : m.numBin)));
  const binWidth: 1 | 2 = mappers.every((m) => m.numBin <= 256) ? 1 : 2;
  const binsPtr = a.alloc(rows * cols * binWidth, `binned training data (${rows} x ${cols})`);
  const mark = a.mark();
  try {
    const xPtr = a.put(X, 'training features');
    const toBins = kernel<BinKernel>('gbdtValuesToBins');
    for (const f of used) {
      const m = mappers[f];
      const nan = m.missingType === MISSING_NAN;
      const boundsPtr = a.put(m.upperBounds);
      toBins(xPtr + f * 8, rows, cols, boundsPtr, m.numBin - (nan ? 1 : 0), nan ? m.numBin - 1 : -1, binsPtr + f * rows * binWidth, binWidth);
    }
  } finally {
    a.release(mark);
  }
  return { numData: rows, numFeatures: cols, mappers, used, binWidth, binsPtr, histOffsets, totalBins: histOffsets[cols] };
}

/** LightGBM's feature_infos entry: "[min:max]" for a used feature, "none" otherwise (%.17g numbers). */
export function featureInfo(m: BinMapper, formatG: (x: number, p: number) => string): string {
  return m.isTrivial ? 'none' : `[${formatG(m.minValue, 17)}:${formatG(m.maxValue, 17)}]`;
}
