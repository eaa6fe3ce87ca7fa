// NGTDM sums: for each ROI voxel with bin i, n_i += 1 and s_i += |i - A|, where A is the mean bin of
// its ROI neighbours (0 added when it has none, as pyradiomics does). Same padded layout as GLDM:
// zero = outside the ROI, right margin >= 3, so 4 consecutive centres are processed at once.
// Voxels are visited in x-fastest order, the order pyradiomics adds to s_i, so sums match bit for bit.
import { levelRank } from './levels';

// |i - sum/count| exactly as pyradiomics: double division, then the difference.
@inline function ngtdmAdd(counts: usize, sums: usize, rank: i32, bin: i32, neighbourSum: f64, neighbourCount: i32): void {
  const diff = neighbourCount ? abs<f64>(<f64>bin - neighbourSum / <f64>neighbourCount) : 0.0;
  const n = counts + (<usize>rank << 3);
  const s = sums + (<usize>rank << 3);
  store<f64>(n, load<f64>(n) + 1.0);
  store<f64>(s, load<f64>(s) + diff);
}

/**
 * img, rowStride, sliceStride, origin, nx, ny, nz, offsets, nOffsets: as gldmAccumulate.
 * counts, sums: Float64 arrays of nLevels (n_i, s_i), zeroed by the caller.
 * wideSums = 1 when maxBin * nOffsets could overflow Int32: neighbour sums are then taken in f64.
 */
export function ngtdmAccumulate(
  img: usize, rowStride: i32, sliceStride: i32, origin: i32, nx: i32, ny: i32, nz: i32,
  offsets: usize, nOffsets: i32, lut: usize, levels: usize, nLevels: i32, counts: usize, sums: usize, wideSums: i32,
): void {
  const zero = i32x4.splat(0);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const row = img + (<usize>(origin + y * rowStride + z * sliceStride) << 2);
      if (wideSums) {
        ngtdmRowScalar(row, nx, offsets, nOffsets, lut, levels, nLevels, counts, sums);
        continue;
      }
      for (let x = 0; x < nx; x += 4) {
        const p = row + (<usize>x << 2);
        const centre = v128.load(p);
        if (!v128.any_true(centre)) continue;
        let count = zero;
        let sum = zero;
        for (let k = 0; k < nOffsets; k++) {
          const neighbour = v128.load(p + (<isize>load<i32>(offsets + (<usize>k << 2)) << 2));
          sum = i32x4.add(sum, neighbour); // outside voxels are 0
          count = i32x4.sub(count, i32x4.ne(neighbour, zero));
        }
        let c = i32x4.extract_lane(centre, 0);
        if (c) ngtdmAdd(counts, sums, levelRank(c, lut, levels, nLevels), c, <f64>i32x4.extract_lane(sum, 0), i32x4.extract_lane(count, 0));
        c = i32x4.extract_lane(centre, 1);
        if (c) ngtdmAdd(counts, sums, levelRank(c, lut, levels, nLevels), c, <f64>i32x4.extract_lane(sum, 1), i32x4.extract_lane(count, 1));
        c = i32x4.extract_lane(centre, 2);
        if (c) ngtdmAdd(counts, sums, levelRank(c, lut, levels, nLevels), c, <f64>i32x4.extract_lane(sum, 2), i32x4.extract_lane(count, 2));
        c = i32x4.extract_lane(centre, 3);
        if (c) ngtdmAdd(counts, sums, levelRank(c, lut, levels, nLevels), c, <f64>i32x4.extract_lane(sum, 3), i32x4.extract_lane(count, 3));
      }
    }
  }
}

function ngtdmRowScalar(row: usize, nx: i32, offsets: usize, nOffsets: i32, lut: usize, levels: usize, nLevels: i32, counts: usize, sums: usize): void {
  for (let x = 0; x < nx; x++) {
    const p = row + (<usize>x << 2);
    const c = load<i32>(p);
    if (!c) continue;
    let count = 0;
    let sum = 0.0;
    for (let k = 0; k < nOffsets; k++) {
      const v = load<i32>(p + (<isize>load<i32>(offsets + (<usize>k << 2)) << 2));
      if (v) {
        count++;
        sum += <f64>v;
      }
    }
    ngtdmAdd(counts, sums, levelRank(c, lut, levels, nLevels), c, sum, count);
  }
}
