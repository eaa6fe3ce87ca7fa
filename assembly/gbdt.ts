// Kernels for histogram gradient boosting (LightGBM style): feature values -> bin indices, gradient /
// hessian histograms over the rows of one leaf, histogram subtraction (larger child = parent - smaller
// child) and the stable row partition of a split. Bins are stored feature-major (column f holds the
// numData bins of feature f), 1 or 2 bytes each. Histograms are (gradient, hessian) f64 pairs.

@inline
function loadBin(bins: usize, width: i32, index: usize): i32 {
  return width == 1 ? <i32>load<u8>(bins + index) : <i32>load<u16>(bins + (index << 1));
}

/**
 * Bin of each value of one column of a row-major matrix (value i at values + i * stride * 8): the first
 * bound with value <= bound (bounds ascending, the last +Infinity). NaN goes to nanBin when it is >= 0,
 * otherwise it is binned as 0 (LightGBM's rule when a feature had no missing values in training).
 */
export function gbdtValuesToBins(values: usize, count: i32, stride: i32, bounds: usize, numBounds: i32, nanBin: i32, out: usize, outWidth: i32): void {
  const step = <usize>stride << 3;
  for (let i = 0; i < count; i++) {
    let x = load<f64>(values + <usize>i * step);
    let bin: i32;
    if (isNaN(x) && nanBin >= 0) {
      bin = nanBin;
    } else {
      if (isNaN(x)) x = 0;
      let lo = 0;
      let hi = numBounds - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (x <= load<f64>(bounds + (<usize>mid << 3))) hi = mid;
        else lo = mid + 1;
      }
      bin = lo;
    }
    if (outWidth == 1) store<u8>(out + <usize>i, <u8>bin);
    else store<u16>(out + (<usize>i << 1), <u16>bin);
  }
}

/** Gathers the leaf's gradients and hessians (f32, by row index) into (g, h) f64 pairs in leaf order. */
export function gbdtGatherGradients(rows: usize, count: i32, grad: usize, hess: usize, ordered: usize): void {
  for (let j = 0; j < count; j++) {
    const r = <usize>load<i32>(rows + (<usize>j << 2));
    const pair = ordered + (<usize>j << 4);
    store<f64>(pair, <f64>load<f32>(grad + (r << 2)));
    store<f64>(pair, <f64>load<f32>(hess + (r << 2)), 8);
  }
}

/**
 * Histograms of the features listed at `features` (i32 indices) over `count` leaf rows whose ordered
 * (g, h) pairs come from gbdtGatherGradients. Feature f owns pairs offsets[f] .. offsets[f + 1] of
 * `hist`; they are zeroed first. Sums run in leaf row order, so they match a sequential loop exactly.
 */
export function gbdtHistogram(
  bins: usize, binWidth: i32, numData: i32, features: usize, numFeatures: i32, offsets: usize,
  rows: usize, count: i32, ordered: usize, hist: usize,
): void {
  for (let k = 0; k < numFeatures; k++) {
    const f = load<i32>(features + (<usize>k << 2));
    const first = load<i32>(offsets + (<usize>f << 2));
    const numBins = load<i32>(offsets + (<usize>(f + 1) << 2)) - first;
    const featureHist = hist + (<usize>first << 4);
    memory.fill(featureHist, 0, <usize>numBins << 4);
    const column = <usize>f * <usize>numData;
    for (let j = 0; j < count; j++) {
      const r = <usize>load<i32>(rows + (<usize>j << 2));
      const slot = featureHist + (<usize>loadBin(bins, binWidth, column + r) << 4);
      v128.store(slot, f64x2.add(v128.load(slot), v128.load(ordered + (<usize>j << 4))));
    }
  }
}

/** parent[i] -= child[i] over numPairs (g, h) pairs: turns the parent's histogram into the larger child's. */
export function gbdtHistogramSubtract(parent: usize, child: usize, numPairs: i32): void {
  for (let i = 0; i < numPairs; i++) {
    const p = parent + (<usize>i << 4);
    v128.store(p, f64x2.sub(v128.load(p), v128.load(child + (<usize>i << 4))));
  }
}

/**
 * Stable partition of `count` row indices at `rows` by a numerical split in bin space: bin <= threshold
 * goes left, the missing-value bin (nanBin >= 0) goes left only when defaultLeft != 0. Left rows end up
 * first, right rows after them (via `scratch`); returns the number of left rows.
 */
export function gbdtPartition(
  bins: usize, binWidth: i32, numData: i32, feature: i32, threshold: i32, nanBin: i32, defaultLeft: i32,
  rows: usize, count: i32, scratch: usize,
): i32 {
  const column = <usize>feature * <usize>numData;
  let numLeft = 0;
  let numRight = 0;
  for (let j = 0; j < count; j++) {
    const r = load<i32>(rows + (<usize>j << 2));
    const bin = loadBin(bins, binWidth, column + <usize>r);
    const left = bin == nanBin ? defaultLeft != 0 : bin <= threshold;
    if (left) {
      store<i32>(rows + (<usize>numLeft << 2), r);
      numLeft++;
    } else {
      store<i32>(scratch + (<usize>numRight << 2), r);
      numRight++;
    }
  }
  memory.copy(rows + (<usize>numLeft << 2), scratch, <usize>numRight << 2);
  return numLeft;
}
