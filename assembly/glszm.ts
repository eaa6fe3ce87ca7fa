// GLSZM zones: connected components of equal bin inside the ROI, found by an iterative flood fill.
// The image is a zero-padded Int32 copy of the bins (0 = outside the ROI); visited voxels are set to
// 0 in place, so each voxel enters the explicit stack at most once (stack size = ROI voxel count).
import { levelRank } from './levels';

/**
 * img: padded bins (length elements, overwritten). The neighbourhood is given as nRows (<= 9) rows of 3
 * consecutive voxels (dx = -1, 0, +1): rowStarts holds the linear offset of each row's dx = -1 voxel and
 * laneMask the dx lanes in use (0b111, or 0b010 when x is the force2D axis), so one 4-wide compare tests
 * a whole row; bitOffsets[3 * row + lane] is the linear offset of each neighbour. stack: Int32 scratch of
 * at least the ROI voxel count; zoneRanks, zoneSizes: Int32 outputs, one entry per zone (at most the ROI
 * voxel count). Returns the number of zones.
 */
export function glszmZones(
  img: usize, length: i32, rowStarts: usize, bitOffsets: usize, nRows: i32, laneMask: i32, lut: usize, levels: usize, nLevels: i32,
  stack: usize, zoneRanks: usize, zoneSizes: usize,
): i32 {
  let zones = 0;
  for (let i = 0; i < length; i++) {
    // Skip 4 empty voxels at a time: most of a padded box is background.
    if ((i & 3) == 0 && i + 4 <= length && !v128.any_true(v128.load(img + (<usize>i << 2)))) {
      i += 3;
      continue;
    }
    const bin = load<i32>(img + (<usize>i << 2));
    if (!bin) continue;
    const binV = i32x4.splat(bin);
    store<i32>(img + (<usize>i << 2), 0);
    store<i32>(stack, i);
    let top = 1;
    let size = 0;
    while (top > 0) {
      const k = load<i32>(stack + (<usize>(--top) << 2));
      size++;
      // All equal neighbours as one bit set (3 bits per row), without a branch per row.
      let hits = 0;
      for (let r = 0; r < nRows; r++) {
        const start = k + load<i32>(rowStarts + (<usize>r << 2));
        hits |= (i32x4.bitmask(i32x4.eq(v128.load(img + (<usize>start << 2)), binV)) & laneMask) << (3 * r);
      }
      while (hits) {
        const j = k + load<i32>(bitOffsets + (<usize>ctz(hits) << 2));
        hits &= hits - 1;
        store<i32>(img + (<usize>j << 2), 0); // visited: never matches again
        store<i32>(stack + (<usize>(top++) << 2), j);
      }
    }
    store<i32>(zoneRanks + (<usize>zones << 2), levelRank(bin, lut, levels, nLevels));
    store<i32>(zoneSizes + (<usize>zones << 2), size);
    zones++;
  }
  return zones;
}
