// Connected components of a 0/1 map with 26-connectivity (SimpleITK's ConnectedComponent with
// FullyConnectedOn), counted by an iterative flood fill limited to the bounding box.
import type { Vec3 } from '../volume.js';
import type { BoundingBox } from './roi.js';

export function countComponents26(mask: Uint8Array, size: Vec3, box: BoundingBox): number {
  const [nx, ny] = size;
  const seen = new Uint8Array(mask.length);
  const stack = new Int32Array(Math.max(1, box.size[0] * box.size[1] * box.size[2]));
  const x1 = box.lo[0] + box.size[0], y1 = box.lo[1] + box.size[1], z1 = box.lo[2] + box.size[2];
  let components = 0;
  for (let z = box.lo[2]; z < z1; z++) {
    for (let y = box.lo[1]; y < y1; y++) {
      for (let x = box.lo[0]; x < x1; x++) {
        const start = x + nx * (y + ny * z);
        if (!mask[start] || seen[start]) continue;
        components++;
        let top = 0;
        stack[top++] = start;
        seen[start] = 1;
        while (top > 0) {
          const i = stack[--top];
          const cx = i % nx, cy = Math.floor(i / nx) % ny, cz = Math.floor(i / (nx * ny));
          for (let dz = -1; dz <= 1; dz++) {
            const zz = cz + dz;
            if (zz < box.lo[2] || zz >= z1) continue;
            for (let dy = -1; dy <= 1; dy++) {
              const yy = cy + dy;
              if (yy < box.lo[1] || yy >= y1) continue;
              for (let dx = -1; dx <= 1; dx++) {
                const xx = cx + dx;
                if (xx < box.lo[0] || xx >= x1) continue;
                const j = xx + nx * (yy + ny * zz);
                if (mask[j] && !seen[j]) {
                  seen[j] = 1;
                  stack[top++] = j;
                }
              }
            }
          }
        }
      }
    }
  }
  return components;
}
