// GLDM counts: for each ROI voxel, the number of ROI neighbours whose bin differs by at most alpha
// ("dependent" neighbours); counts[rank(bin) * nCols + dependence] += 1.
// The image is a zero-padded Int32 copy of the bins (0 = outside the ROI) with a right margin of
// >= 3 voxels, so 4 consecutive centres are processed at once and no neighbour read is bounds-checked.
import { levelRank } from './levels';

@inline function gldmCount(counts: usize, nCols: i32, rank: i32, dependence: i32): void {
  const at = counts + ((<usize>rank * nCols + dependence) << 2);
  store<i32>(at, load<i32>(at) + 1);
}

/**
 * img: padded bins; rowStride/sliceStride: padded x and x*y extents; origin: linear index of box voxel
 * (0,0,0); nx, ny, nz: box size; offsets: nOffsets linear neighbour offsets (Int32); counts: Int32
 * matrix nLevels x nCols (nCols = nOffsets + 1), zeroed by the caller.
 */
export function gldmAccumulate(
  img: usize, rowStride: i32, sliceStride: i32, origin: i32, nx: i32, ny: i32, nz: i32,
  offsets: usize, nOffsets: i32, alpha: i32, lut: usize, levels: usize, nLevels: i32, counts: usize, nCols: i32,
): void {
  const zero = i32x4.splat(0);
  const alphaV = i32x4.splat(alpha);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = img + (<usize>(origin + y * rowStride + z * sliceStride) << 2);
      for (let x = 0; x < nx; x += 4) {
        const p = row + (<usize>x << 2);
        const centre = v128.load(p);
        if (!v128.any_true(centre)) continue;
        let dependence = zero;
        for (let k = 0; k < nOffsets; k++) {
          const neighbour = v128.load(p + (<isize>load<i32>(offsets + (<usize>k << 2)) << 2));
          const close = i32x4.le_s(i32x4.abs(i32x4.sub(centre, neighbour)), alphaV);
          const inRoi = i32x4.ne(neighbour, zero);
          dependence = i32x4.sub(dependence, v128.and(close, inRoi)); // true lanes are -1
        }
        // Lanes past the box end read the zero margin, so a zero centre also covers them.
        let c = i32x4.extract_lane(centre, 0);
        if (c) gldmCount(counts, nCols, levelRank(c, lut, levels, nLevels), i32x4.extract_lane(dependence, 0));
        c = i32x4.extract_lane(centre, 1);
        if (c) gldmCount(counts, nCols, levelRank(c, lut, levels, nLevels), i32x4.extract_lane(dependence, 1));
        c = i32x4.extract_lane(centre, 2);
        if (c) gldmCount(counts, nCols, levelRank(c, lut, levels, nLevels), i32x4.extract_lane(dependence, 2));
        c = i32x4.extract_lane(centre, 3);
        if (c) gldmCount(counts, nCols, levelRank(c, lut, levels, nLevels), i32x4.extract_lane(dependence, 3));
      }
    }
  }
}
