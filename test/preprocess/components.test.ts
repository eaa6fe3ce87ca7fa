import { describe, expect, it } from 'vitest';
import { countComponents26 } from '../../src/preprocess/components.js';
import { Random } from '../../src/random.js';
import type { Vec3 } from '../../src/volume.js';

/** Plain breadth-first flood fill over the 26 neighbours, for comparison. */
function floodCount(mask: Uint8Array, [nx, ny, nz]: Vec3): number {
  const seen = new Uint8Array(mask.length);
  let count = 0;
  for (let s = 0; s < mask.length; s++) {
    if (!mask[s] || seen[s]) continue;
    count++;
    const queue = [s];
    seen[s] = 1;
    while (queue.length) {
      const i = queue.pop()!;
      const x = i % nx, y = Math.floor(i / nx) % ny, z = Math.floor(i / (nx * ny));
      for (let dz = -1; dz <= 1; dz++) for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx, yy = y + dy, zz = z + dz;
        if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) continue;
        const j = xx + nx * (yy + ny * zz);
        if (mask[j] && !seen[j]) (seen[j] = 1), queue.push(j);
      }
    }
  }
  return count;
}

describe('countComponents26', () => {
  it('equals a flood fill on random masks of several densities', () => {
    const rng = new Random(3);
    for (let t = 0; t < 60; t++) {
      const size: Vec3 = [3 + rng.int(9), 3 + rng.int(9), 1 + rng.int(6)];
      const density = [0.05, 0.15, 0.3, 0.5][t % 4];
      const mask = Uint8Array.from({ length: size[0] * size[1] * size[2] }, () => (rng.uniform() < density ? 1 : 0));
      const box = { lo: [0, 0, 0] as Vec3, size };
      expect(countComponents26(mask, size, box), `trial ${t}`).toBe(floodCount(mask, size));
    }
  });
  it('joins voxels that touch only at a corner and counts inside the box only', () => {
    const size: Vec3 = [4, 4, 4];
    const mask = new Uint8Array(64);
    mask[0] = 1; // (0,0,0)
    mask[1 + 4 * (1 + 4 * 1)] = 1; // (1,1,1): corner neighbour
    mask[3 + 4 * (3 + 4 * 3)] = 1; // (3,3,3): separate
    expect(countComponents26(mask, size, { lo: [0, 0, 0], size })).toBe(2);
    expect(countComponents26(mask, size, { lo: [0, 0, 0], size: [2, 2, 2] })).toBe(1);
  });
});
