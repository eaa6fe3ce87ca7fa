// GLRLM kernel: runs of equal gray-level rank along each offset direction over the cropped ROI box
// (x fastest; rank 1..levels inside the ROI, 0 outside). With the offset a pointing forward in memory,
// one raster pass per offset gives every voxel the length of the run ending at it,
//   L(v) = rank(v - a) == rank(v) > 0 ? L(v - a) + 1 : 1,
// and a run is counted at its last voxel (rank(v + a) differs or v + a leaves the box). Voxels that end no
// run, and rank-0 voxels, add to row 0 of the block instead, so the loop needs no data-dependent branch.

/**
 * counts[a][rank][length - 1] += 1 for every run; counts: angleCount blocks of (levels + 1) * maxRun u32
 * (row 0 collects the discarded increments), zeroed by the caller; maxRun >= the largest box extent.
 * lengths: i32 scratch for the box; spans from glcmRowSpans. As in pyradiomics, an offset along which no
 * line holds two ROI voxels counts nothing (its block is cleared).
 */
export function glrlmAccumulate(ranksPtr: usize, spansPtr: usize, lengthsPtr: usize, sx: i32, sy: i32, sz: i32, offsetsPtr: usize, angleCount: i32, levels: i32, maxRun: i32, countsPtr: usize): void {
  const block = <usize>(levels + 1) * <usize>maxRun;
  for (let a = 0; a < angleCount; a++) {
    let dx = load<i32>(offsetsPtr + <usize>a * 12);
    let dy = load<i32>(offsetsPtr + <usize>a * 12 + 4);
    let dz = load<i32>(offsetsPtr + <usize>a * 12 + 8);
    if (dz < 0 || (dz == 0 && (dy < 0 || (dy == 0 && dx < 0)))) {
      dx = -dx; // runs along a and -a are the same: walk the direction that points forward in memory
      dy = -dy;
      dz = -dz;
    }
    const shift = dx + dy * sx + dz * sx * sy;
    const counts = countsPtr + <usize>a * block * 4;
    for (let z = 0; z < sz; z++) {
      for (let y = 0; y < sy; y++) {
        const row = z * sy + y;
        const first = load<i32>(spansPtr + (<usize>row << 3));
        const end = load<i32>(spansPtr + (<usize>row << 3) + 4);
        if (first >= end) continue;
        const prevRow = inRange(y - dy, sy) && inRange(z - dz, sz);
        const nextRow = inRange(y + dy, sy) && inRange(z + dz, sz);
        // Interior voxels (both neighbours inside the box) go 4 at a time when the previous voxel on the
        // line is at least 4 voxels back in memory (its length is then already stored).
        const xa = max(first, abs(dx)), xb = min(end, sx - abs(dx));
        if (prevRow && nextRow && shift >= 4 && xb - xa >= 4) {
          runRow(ranksPtr, lengthsPtr, row * sx, first, xa, sx, dx, shift, prevRow, nextRow, maxRun, counts);
          const done = runRowSimd(ranksPtr, lengthsPtr, row * sx + xa, row * sx + xb, shift, maxRun, counts);
          runRow(ranksPtr, lengthsPtr, row * sx, done - row * sx, end, sx, dx, shift, prevRow, nextRow, maxRun, counts);
        } else {
          runRow(ranksPtr, lengthsPtr, row * sx, first, end, sx, dx, shift, prevRow, nextRow, maxRun, counts);
        }
      }
    }
    if (!hasLongRun(counts, levels, maxRun) && !lineHoldsTwo(ranksPtr, sx, sy, sz, dx, dy, dz)) memory.fill(counts, 0, block * 4);
  }
}

@inline
function inRange(p: i32, size: i32): bool {
  return <u32>p < <u32>size;
}

// One row segment [first, end) of the raster pass; neighbour reads outside the box are redirected to v itself.
@inline
function runRow(ranksPtr: usize, lengthsPtr: usize, rowStart: i32, first: i32, end: i32, sx: i32, dx: i32, shift: i32, prevRow: bool, nextRow: bool, maxRun: i32, counts: usize): void {
  for (let x = first; x < end; x++) {
    const i = rowStart + x;
    const rank = load<i32>(ranksPtr + (<usize>i << 2));
    const hasPrev = prevRow && inRange(x - dx, sx);
    const hasNext = nextRow && inRange(x + dx, sx);
    const prev = select<i32>(i - shift, i, hasPrev);
    const next = select<i32>(i + shift, i, hasNext);
    const continues = i32(hasPrev) & i32(rank > 0) & i32(load<i32>(ranksPtr + (<usize>prev << 2)) == rank);
    const length = select<i32>(load<i32>(lengthsPtr + (<usize>prev << 2)) + 1, 1, continues != 0);
    store<i32>(lengthsPtr + (<usize>i << 2), length);
    const ends = i32(!hasNext) | i32(load<i32>(ranksPtr + (<usize>next << 2)) != rank);
    bump(counts, select<i32>(rank, 0, ends != 0) * maxRun + length - 1);
  }
}

// runRow for interior voxels [start, end) of a row, 4 per step; returns the first voxel not processed.
@inline
function runRowSimd(ranksPtr: usize, lengthsPtr: usize, start: i32, end: i32, shift: i32, maxRun: i32, counts: usize): i32 {
  const one = i32x4.splat(1);
  const zero = i32x4.splat(0);
  const maxRunVec = i32x4.splat(maxRun);
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const here = ranksPtr + (<usize>i << 2);
    const rank = v128.load(here);
    const prevRank = v128.load(here - (<usize>shift << 2));
    const nextRank = v128.load(here + (<usize>shift << 2));
    const prevLength = v128.load(lengthsPtr + (<usize>(i - shift) << 2));
    const continues = v128.and(i32x4.eq(prevRank, rank), i32x4.gt_s(rank, zero));
    const length = v128.bitselect(i32x4.add(prevLength, one), one, continues);
    v128.store(lengthsPtr + (<usize>i << 2), length);
    const row = v128.and(rank, i32x4.ne(nextRank, rank));
    const cell = i32x4.sub(i32x4.add(i32x4.mul(row, maxRunVec), length), one);
    bump(counts, i32x4.extract_lane(cell, 0));
    bump(counts, i32x4.extract_lane(cell, 1));
    bump(counts, i32x4.extract_lane(cell, 2));
    bump(counts, i32x4.extract_lane(cell, 3));
  }
  return i;
}

@inline
function bump(counts: usize, cell: i32): void {
  const p = counts + (<usize>cell << 2);
  store<u32>(p, load<u32>(p) + 1);
}

// Any counted run (rank >= 1) of length >= 2 in this block.
function hasLongRun(counts: usize, levels: i32, maxRun: i32): bool {
  for (let rank = 1; rank <= levels; rank++) {
    const row = counts + ((<usize>rank * <usize>maxRun) << 2);
    for (let j = 1; j < maxRun; j++) if (load<u32>(row + (<usize>j << 2)) != 0) return true;
  }
  return false;
}

// Whether some line along (dx, dy, dz) holds two ROI voxels (only needed when all runs have length 1).
function lineHoldsTwo(ranksPtr: usize, sx: i32, sy: i32, sz: i32, dx: i32, dy: i32, dz: i32): bool {
  const stride = dx + dy * sx + dz * sx * sy;
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      const rowStarts = !inRange(y - dy, sy) || !inRange(z - dz, sz);
      for (let x = 0; x < sx; x++) {
        if (!rowStarts && inRange(x - dx, sx)) continue; // not the first voxel of its line
        let steps = lineLength(x, dx, sx, lineLength(y, dy, sy, lineLength(z, dz, sz, i32.MAX_VALUE)));
        let index = (z * sy + y) * sx + x;
        let found = 0;
        for (; steps > 0; steps--, index += stride) {
          if (load<i32>(ranksPtr + (<usize>index << 2)) > 0 && ++found == 2) return true;
        }
      }
    }
  }
  return false;
}

// Voxels left on a line from p moving by d along an axis of size s, capped at limit.
@inline
function lineLength(p: i32, d: i32, s: i32, limit: i32): i32 {
  if (d == 0) return limit;
  const n = d > 0 ? (s - 1 - p) / d + 1 : p / -d + 1;
  return min(n, limit);
}
