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
  const rankOf = new Map(grayLevels.map((g, r) => [g, r]));
  const ranks = Int32Array.from(bins, (b) => rankOf.get(b) ?? -1);
  const angles = angleCount(offsets);
  const out = new Uint32Array(angles * n * n);
  for (let a = 0; a < angles; a++) {
    const dx = offsets[3 * a], dy = offsets[3 * a + 1], dz = offsets[3 * a + 2];
    const block = a * n * n;
    for (let z = Math.max(0, -dz); z < Math.min(sz, sz - dz); z++) {
      for (let y = Math.max(0, -dy); y < Math.min(sy, sy - dy); y++) {
        for (let x = Math.max(0, -dx); x < Math.min(sx, sx - dx); x++) {
          const here = ranks[(z * sy + y) * sx + x];
          const there = ranks[((z + dz) * sy + (y + dy)) * sx + (x + dx)];
          if (here >= 0 && there >= 0) out[block + here * n + there]++;
        }
      }
    }
  }
  return out;
}
