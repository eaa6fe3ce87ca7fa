// Plain-TypeScript GLCM counting, the same contract as glcmCounts (src/features/glcm.ts) without
// WebAssembly: the benchmark's baseline and an independent cross-check of the kernel in tests.
import type { Vec3 } from '../volume.js';
import { angleCount } from './angles.js';

/**
 * Raw co-occurrence counts: out[a][rank(v)][rank(v + offset_a)] for all voxel pairs inside the box and the
 * ROI, n×n per angle with n = grayLevels.length (bins not in grayLevels, and 0, are outside the ROI).
 */
export function glcmCountsReference(bins: Int32Array, size: Vec3, grayLevels: readonly number[], offsets: Int32Array): Uint32Array {
  const [sx, sy, sz] = size;
  const n = grayLevels.length;
  const maxBin = grayLevels.length ? grayLevels[grayLevels.length - 1] : 0;
  const rankOf = new Int32Array(maxBin + 1).fill(-1);
  grayLevels.forEach((g, r) => (rankOf[g] = r));
  const ranks = new Int32Array(bins.length);
  for (let i = 0; i < bins.length; i++) ranks[i] = bins[i] >= 0 && bins[i] <= maxBin ? rankOf[bins[i]] : -1;
  const angles = angleCount(offsets);
  const out = new Uint32Array(angles * n * n);
  for (let a = 0; a < angles; a++) {
    const dx = offsets[3 * a], dy = offsets[3 * a + 1], dz = offsets[3 * a + 2];
    const block = a * n * n;
    for (let z = Math.max(0, -dz); z < Math.min(sz, sz - dz); z++) {
      for (let y = Math.max(0, -dy); y < Math.min(sy, sy - dy); y++) {
        const row = (z * sy + y) * sx;
        const shift = dx + (dy + dz * sy) * sx;
        for (let x = Math.max(0, -dx); x < Math.min(sx, sx - dx); x++) {
          const here = ranks[row + x];
          const there = ranks[row + x + shift];
          if (here >= 0 && there >= 0) out[block + here * n + there]++;
        }
      }
    }
  }
  return out;
}
