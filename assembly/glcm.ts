// GLCM kernels: co-occurrence counts over the cropped ROI box (x fastest), one count block per offset.
// Voxels carry a gray-level rank (1..levels, 0 outside the ROI), so a block is (levels + 1)^2 u32 counts
// whose row and column 0 collect pairs with a voxel outside the ROI: the inner loop needs no branch.

/** Rank coding: out[i] = lut[bins[i]] when 0 <= bins[i] <= maxBin, else 0. lut, bins and out are i32. */
export function glcmRankBins(binsPtr: usize, count: i32, lutPtr: usize, maxBin: i32, outPtr: usize): void {
  for (let i = 0; i < count; i++) {
    const bin = load<i32>(binsPtr + (<usize>i << 2));
    const rank = <u32>bin <= <u32>maxBin ? load<i32>(lutPtr + (<usize>bin << 2)) : 0;
    store<i32>(outPtr + (<usize>i << 2), rank);
  }
}

/**
 * ROI extent of every box row (y, z): spans[2·row] = first x with rank > 0, spans[2·row + 1] = last such x + 1
 * (0, 0 for a row without ROI voxels). Lets the accumulators skip everything outside the ROI.
 */
export function glcmRowSpans(ranksPtr: usize, sx: i32, rows: i32, spansPtr: usize): void {
  for (let row = 0; row < rows; row++) {
    const base = ranksPtr + ((<usize>row * <usize>sx) << 2);
    let first = 0;
    while (first < sx && load<i32>(base + (<usize>first << 2)) <= 0) first++;
    let end = sx;
    while (end > first && load<i32>(base + (<usize>(end - 1) << 2)) <= 0) end--;
    store<i32>(spansPtr + (<usize>row << 3), first < end ? first : 0);
    store<i32>(spansPtr + (<usize>row << 3) + 4, first < end ? end : 0);
  }
}

/**
 * For every offset a = (dx, dy, dz) (i32 triples at offsetsPtr) and every ROI voxel v with v + a inside the box,
 * counts[a][rank(v)][rank(v + a)] += 1. counts: angleCount blocks of (levels + 1)^2 u32, zeroed by the caller;
 * spans from glcmRowSpans.
 */
export function glcmAccumulate(ranksPtr: usize, spansPtr: usize, sx: i32, sy: i32, sz: i32, offsetsPtr: usize, angleCount: i32, levels: i32, countsPtr: usize): void {
  const side = levels + 1;
  const block = <usize>side * <usize>side;
  for (let a = 0; a < angleCount; a++) {
    const dx = load<i32>(offsetsPtr + <usize>a * 12);
    const dy = load<i32>(offsetsPtr + <usize>a * 12 + 4);
    const dz = load<i32>(offsetsPtr + <usize>a * 12 + 8);
    const x0 = max(0, -dx), x1 = min(sx, sx - dx);
    const y0 = max(0, -dy), y1 = min(sy, sy - dy);
    const z0 = max(0, -dz), z1 = min(sz, sz - dz);
    if (x0 >= x1 || y0 >= y1 || z0 >= z1) continue;
    const shift = dx + dy * sx + dz * sx * sy;
    const counts = countsPtr + <usize>a * block * 4;
    for (let z = z0; z < z1; z++) {
      for (let y = y0; y < y1; y++) {
        const row = z * sy + y;
        const first = max(x0, load<i32>(spansPtr + (<usize>row << 3)));
        const end = min(x1, load<i32>(spansPtr + (<usize>row << 3) + 4));
        if (first < end) countRow(ranksPtr, row * sx + first, row * sx + end, shift, side, counts);
      }
    }
  }
}

// Counts the pairs (i, i + shift) for i in [start, end): four index computations per SIMD step.
@inline
function countRow(ranksPtr: usize, start: i32, end: i32, shift: i32, side: i32, counts: usize): void {
  const sideVec = i32x4.splat(side);
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const here = v128.load(ranksPtr + (<usize>i << 2));
    const there = v128.load(ranksPtr + (<usize>(i + shift) << 2));
    const cell = i32x4.add(i32x4.mul(here, sideVec), there);
    bump(counts, i32x4.extract_lane(cell, 0));
    bump(counts, i32x4.extract_lane(cell, 1));
    bump(counts, i32x4.extract_lane(cell, 2));
    bump(counts, i32x4.extract_lane(cell, 3));
  }
  for (; i < end; i++) {
    const here = load<i32>(ranksPtr + (<usize>i << 2));
    const there = load<i32>(ranksPtr + (<usize>(i + shift) << 2));
    bump(counts, here * side + there);
  }
}

@inline
function bump(counts: usize, cell: i32): void {
  const p = counts + (<usize>cell << 2);
  store<u32>(p, load<u32>(p) + 1);
}
