// Discretisation kernels: a voxel's bin is the number of bin edges <= its value (numpy.digitize), over
// the cropped ROI box (f64 values, u8 mask, x fastest). Voxels outside the ROI get bin 0. counts[bin]
// (i32, edgeCount + 1 entries, zeroed by the caller) receives the ROI histogram.

// Edge i of numpy.arange(low, stop, width): low, low + width, then low + i·step, step = (low + width) - low.
@inline
function edgeAt(i: i32, low: f64, width: f64, step: f64): f64 {
  return i == 0 ? low : i == 1 ? low + width : low + <f64>i * step;
}

/** Fixed bin width (pyradiomics binWidth): edges low + i·width, i < edgeCount. Returns the largest bin. */
export function discretizeFixedWidth(valuesPtr: usize, maskPtr: usize, n: i32, low: f64, width: f64, edgeCount: i32, binsPtr: usize, countsPtr: usize): i32 {
  const step = (low + width) - low;
  const top = <f64>edgeCount;
  let maxBin = 0;
  for (let i = 0; i < n; i++) {
    if (load<u8>(maskPtr + <usize>i) == 0) {
      store<i32>(binsPtr + (<usize>i << 2), 0);
      continue;
    }
    const x = load<f64>(valuesPtr + (<usize>i << 3));
    // estimate from the arithmetic, then settle against the exact edge values
    let estimate = Math.floor((x - low) / step) + 1;
    estimate = estimate < 0 ? 0 : estimate > top ? top : estimate;
    let k = <i32>estimate;
    while (k < edgeCount && edgeAt(k, low, width, step) <= x) k++;
    while (k > 0 && edgeAt(k - 1, low, width, step) > x) k--;
    store<i32>(binsPtr + (<usize>i << 2), k);
    const c = countsPtr + (<usize>k << 2);
    store<i32>(c, load<i32>(c) + 1);
    if (k > maxBin) maxBin = k;
  }
  return maxBin;
}

/** Arbitrary ascending edges (f64, edgeCount of them; pyradiomics binCount): binary search. Returns the largest bin. */
export function discretizeByEdges(valuesPtr: usize, maskPtr: usize, n: i32, edgesPtr: usize, edgeCount: i32, binsPtr: usize, countsPtr: usize): i32 {
  let maxBin = 0;
  for (let i = 0; i < n; i++) {
    if (load<u8>(maskPtr + <usize>i) == 0) {
      store<i32>(binsPtr + (<usize>i << 2), 0);
      continue;
    }
    const x = load<f64>(valuesPtr + (<usize>i << 3));
    // first edge > x (numpy.searchsorted side='right')
    let lo = 0, hi = edgeCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (load<f64>(edgesPtr + (<usize>mid << 3)) <= x) lo = mid + 1;
      else hi = mid;
    }
    store<i32>(binsPtr + (<usize>i << 2), lo);
    const c = countsPtr + (<usize>lo << 2);
    store<i32>(c, load<i32>(c) + 1);
    if (lo > maxBin) maxBin = lo;
  }
  return maxBin;
}
