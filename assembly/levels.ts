// Gray-level rank of a bin, shared by the GLDM, GLSZM and NGTDM kernels (inlined at each call).

/** Rank of a bin present in the ROI: table lookup, or binary search of the sorted levels when lut = 0. */
@inline export function levelRank(bin: i32, lut: usize, levels: usize, nLevels: i32): i32 {
  if (lut) return load<i32>(lut + (<usize>bin << 2));
  let lo = 0, hi = nLevels - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (load<i32>(levels + (<usize>mid << 2)) < bin) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
