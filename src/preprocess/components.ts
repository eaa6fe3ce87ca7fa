// Connected components of a 0/1 map with 26-connectivity (SimpleITK's ConnectedComponent with
// FullyConnectedOn), counted in one raster scan of the bounding box with union-find over the 13
// neighbours already visited.

import type { Vec3 } from '../volume.js';
import type { BoundingBox } from './roi.js';

export function countComponents26(mask: Uint8Array, size: Vec3, box: BoundingBox): number {
  const [nx, ny] = size;
  const [bx, by, bz] = box.size;
  // provisional label per box voxel (0 = background); parent[] links labels to their set's root
  const labels = new Int32Array(bx * by * bz);
  const parent: number[] = [0];
  let merges = 0;
  const find = (a: number) => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]];
    return a;
  };
  /** Joins the set of root `label` with the set of `other` (0: none); returns the joined set's root. */
  const unite = (label: number, other: number): number => {
    if (!other || other === label) return label;
    const b = find(other);
    if (b === label) return label;
    merges++;
    if (b < label) return (parent[label] = b);
    parent[b] = label;
    return label;
  };
  // the 13 neighbours visited before a voxel in raster order: their (dx, dy, dz) and box-index offsets
  const ddx = new Int8Array(13), ddy = new Int8Array(13), ddz = new Int8Array(13), backward = new Int32Array(13);
  for (let dz = -1, n = 0; dz <= 0; dz++) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if (dz === 0 && (dy > 0 || (dy === 0 && dx >= 0))) continue;
        [ddx[n], ddy[n], ddz[n], backward[n]] = [dx, dy, dz, dx + bx * (dy + by * dz)];
        n++;
      }
    }
  }
  // the 4 of them at dx = +1: (y-1, z), and (y-1), (y), (y+1) in slice z-1
  const [upRight, belowUpRight, belowRight, belowDownRight] = [backward[11], backward[2], backward[5], backward[8]];
  for (let z = 0, k = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      const row = box.lo[0] + nx * (box.lo[1] + y + ny * (box.lo[2] + z));
      for (let x = 0; x < bx; x++, k++) {
        if (!mask[row + x]) continue;
        const left = x > 0 ? labels[k - 1] : 0;
        let label = 0;
        if (left) {
          // the left neighbour is already joined to its 13 earlier neighbours: all of ours but the 4
          // at x + 1. Same sets, far fewer finds.
          label = find(left);
          if (x + 1 < bx) {
            if (y > 0) label = unite(label, labels[k + upRight]);
            if (z > 0) {
              if (y > 0) label = unite(label, labels[k + belowUpRight]);
              label = unite(label, labels[k + belowRight]);
              if (y + 1 < by) label = unite(label, labels[k + belowDownRight]);
            }
          }
        } else {
          const interior = x > 0 && x < bx - 1 && y > 0 && y < by - 1 && z > 0;
          for (let n = 0; n < 13; n++) {
            if (!interior) {
              const xx = x + ddx[n], yy = y + ddy[n];
              if (xx < 0 || xx >= bx || yy < 0 || yy >= by || z + ddz[n] < 0) continue;
            }
            const other = labels[k + backward[n]];
            if (other) label = label ? unite(label, other) : find(other);
          }
          if (!label) {
            label = parent.length;
            parent.push(label);
          }
        }
        labels[k] = label;
      }
    }
  }
  return parent.length - 1 - merges;
}
