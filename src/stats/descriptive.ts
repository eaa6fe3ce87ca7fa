// Descriptive statistics and input checks shared by the statistics module.

/** Numbers in, as a plain array; throws a one-line error naming the input when a value is not finite. */
export function finiteValues(values: ArrayLike<number>, what: string, minLength = 1): number[] {
  if (values == null || typeof (values as ArrayLike<number>).length !== 'number') throw new Error(`${what}: expected an array of numbers`);
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${what}: value ${i} is ${String(v)}, not a finite number`);
    out[i] = v;
  }
  if (out.length < minLength) throw new Error(`${what}: needs at least ${minLength} value${minLength > 1 ? 's' : ''}, got ${out.length}`);
  return out;
}

/** Binary outcome labels (0/1 or false/true) as 0/1; both classes must be present unless allowOneClass. */
export function binaryLabels(labels: ArrayLike<number | boolean>, what = 'labels', allowOneClass = false): Uint8Array {
  if (labels == null || typeof labels.length !== 'number') throw new Error(`${what}: expected an array of 0/1 labels`);
  const out = new Uint8Array(labels.length);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (v === 1 || v === true) out[i] = 1;
    else if (v !== 0 && v !== false) throw new Error(`${what}: value ${i} is ${String(v)}; labels must be 0 or 1`);
    positives += out[i];
  }
  if (out.length === 0) throw new Error(`${what}: no observations`);
  if (!allowOneClass && (positives === 0 || positives === out.length)) {
    throw new Error(`${what}: only one class present (${positives} positives of ${out.length}); both 0 and 1 are needed`);
  }
  return out;
}

/** Both arrays must have the same length. */
export function sameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, whatA: string, whatB: string): void {
  if (a.length !== b.length) throw new Error(`${whatA} has ${a.length} values but ${whatB} has ${b.length}`);
}

/** Arithmetic mean Σx / n. */
export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Sample variance Σ(x - x̄)² / (n - 1), two-pass. */
export function variance(values: ArrayLike<number>): number {
  const m = mean(values);
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - m) ** 2;
  return ss / (values.length - 1);
}

/** Sample standard deviation sqrt(variance) (R sd). */
export function standardDeviation(values: ArrayLike<number>): number {
  return Math.sqrt(variance(values));
}

/** Ranks 1..n with ties given their average rank (R rank(ties.method = 'average')). */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i] - values[j]);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2; // mean of ranks start+1 .. end
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

/** Sizes of the groups of tied values (only groups of 2 or more). */
export function tieSizes(values: ArrayLike<number>): number[] {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const sizes: number[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && sorted[end] === sorted[start]) end++;
    if (end - start > 1) sizes.push(end - start);
    start = end;
  }
  return sizes;
}

/** Quantile of sorted data, R type 7: x[h] interpolated at h = (n-1) p (0-based). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Quantile (R quantile(x, p, type = 7)). */
export function quantile(values: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`quantile: probability ${p} must lie in [0, 1]`);
  const sorted = finiteValues(values, 'quantile: values').sort((a, b) => a - b);
  return quantileSorted(sorted, p);
}

/** Per-column z-score parameters from training rows: mean and n-1 standard deviation. */
export interface ZScoreParams {
  mean: Record<string, number>;
  sd: Record<string, number>;
}

/**
 * Mean and sd (n-1 denominator) of each column, computed on training rows only (R mean / sd,
 * scale()). A constant column (sd 0) is an error: its z-scores would be undefined.
 */
export function zScoreParams(columns: Record<string, ArrayLike<number>>): ZScoreParams {
  const params: ZScoreParams = { mean: {}, sd: {} };
  for (const [name, raw] of Object.entries(columns)) {
    const values = finiteValues(raw, `zScoreParams: column "${name}"`, 2);
    const sd = standardDeviation(values);
    if (!(sd > 0)) throw new Error(`zScoreParams: column "${name}" is constant (sd = 0); it cannot be z-scored`);
    params.mean[name] = mean(values);
    params.sd[name] = sd;
  }
  return params;
}

/** z = (x - mean_train) / sd_train for each named column, using training parameters. */
export function zScore(columns: Record<string, ArrayLike<number>>, params: ZScoreParams): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const [name, raw] of Object.entries(columns)) {
    const m = params.mean[name];
    const sd = params.sd[name];
    if (m === undefined || sd === undefined) throw new Error(`zScore: no training parameters for column "${name}"`);
    const values = finiteValues(raw, `zScore: column "${name}"`);
    out[name] = Float64Array.from(values, (x) => (x - m) / sd);
  }
  return out;
}
