// GLRLM kernel: runs of equal gray-level rank along each offset direction over the cropped ROI box
// (x fastest; rank 1..levels inside the ROI, 0 outside). Each line through the box is walked once per
// offset, from the voxel whose predecessor lies outside the box.

/**
 * counts[a][rank - 1][length - 1] += 1 for every run; counts: angleCount blocks of levels * maxRun u32,
 * zeroed by the caller; maxRun must be >= the longest line (max box extent). As in pyradiomics, an
 * offset along which no line holds two ROI voxels counts nothing (its block is cleared).
 */
export function glrlmAccumulate(ranksPtr: usize, sx: i32, sy: i32, sz: i32, offsetsPtr: usize, angleCount: i32, levels: i32, maxRun: i32, countsPtr: usize): void {
  const block = <usize>levels * <usize>maxRun;
  for (let a = 0; a < angleCount; a++) {
    const dx = load<i32>(offsetsPtr + <usize>a * 12);
    const dy = load<i32>(offsetsPtr + <usize>a * 12 + 4);
    const dz = load<i32>(offsetsPtr + <usize>a * 12 + 8);
    const counts = countsPtr + <usize>a * block * 4;
    let multiElement = false;
    for (let z = 0; z < sz; z++) {
      const zStarts = z - dz < 0 || z - dz >= sz;
      for (let y = 0; y < sy; y++) {
        // Whole row starts lines when the predecessor row is outside the box; otherwise only x edges do.
        const rowStarts = zStarts || y - dy < 0 || y - dy >= sy;
        let xa = 0, xb = sx;
        if (!rowStarts) {
          if (dx > 0) xb = min(dx, sx);
          else if (dx < 0) xa = max(0, sx + dx);
          else xb = 0;
        }
        for (let x = xa; x < xb; x++) {
          const steps = lineLength(x, dx, sx, lineLength(y, dy, sy, lineLength(z, dz, sz, i32.MAX_VALUE)));
          const start = (z * sy + y) * sx + x;
          const elements = walkLine(ranksPtr, start, dx + dy * sx + dz * sx * sy, steps, maxRun, counts);
          if (elements > 1) multiElement = true;
        }
      }
    }
    if (!multiElement) memory.fill(counts, 0, block * 4);
  }
}

// Voxels left on a line from p moving by d along an axis of size s, capped at limit.
@inline
function lineLength(p: i32, d: i32, s: i32, limit: i32): i32 {
  if (d == 0) return limit;
  const n = d > 0 ? (s - 1 - p) / d + 1 : p / -d + 1;
  return min(n, limit);
}

// Run-length encodes one line; returns the number of ROI voxels on it.
function walkLine(ranksPtr: usize, start: i32, stride: i32, steps: i32, maxRun: i32, counts: usize): i32 {
  let current = 0;
  let length = 0;
  let elements = 0;
  let index = start;
  for (let k = 0; k < steps; k++) {
    const rank = load<i32>(ranksPtr + (<usize>index << 2));
    if (rank == current) {
      length++;
    } else {
      if (current > 0) addRun(counts, current, length, maxRun);
      current = rank;
      length = 1;
    }
    elements += i32(rank > 0);
    index += stride;
  }
  if (current > 0) addRun(counts, current, length, maxRun);
  return elements;
}

@inline
function addRun(counts: usize, rank: i32, length: i32, maxRun: i32): void {
  const p = counts + ((<usize>(rank - 1) * <usize>maxRun + <usize>(length - 1)) << 2);
  store<u32>(p, load<u32>(p) + 1);
}
