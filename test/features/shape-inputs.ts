// Inputs for the shape tests: MaskRoi crops of label maps, the IBSI digital phantom, synthetic masks, and a
// plain all-pairs diameter search over mesh vertices to check the hull-based diameters against.
import type { Vec3, Volume } from '../../src/volume.js';
import type { MaskRoi } from '../../src/features/types.js';
import { readImage } from '../../src/io/index.js';
import { dataPath, readJson } from '../helpers.js';

/** The mask `data == label` cropped to its bounding box (no padding), as the shape classes receive it. */
export function cropToLabel(data: ArrayLike<number | bigint>, size: readonly number[], spacing: readonly number[], label = 1): MaskRoi {
  const [nx, ny] = size;
  const lo = [Infinity, Infinity, Infinity], hi = [-1, -1, -1];
  for (let k = 0; k < data.length; k++) {
    if (Number(data[k]) !== label) continue;
    const p = [k % nx, Math.floor(k / nx) % ny, Math.floor(k / (nx * ny))];
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], p[a]);
      hi[a] = Math.max(hi[a], p[a]);
    }
  }
  if (hi[0] < 0) return { size: [1, 1, 1], spacing: [spacing[0], spacing[1], spacing[2]], mask: new Uint8Array(1), voxelCount: 0 };
  const box: Vec3 = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const mask = new Uint8Array(box[0] * box[1] * box[2]);
  let k = 0, voxelCount = 0;
  for (let z = lo[2]; z <= hi[2]; z++) {
    for (let y = lo[1]; y <= hi[1]; y++) {
      for (let x = lo[0]; x <= hi[0]; x++) {
        mask[k] = Number(data[x + nx * (y + ny * z)]) === label ? 1 : 0;
        voxelCount += mask[k++];
      }
    }
  }
  return { size: box, spacing: [spacing[0], spacing[1], spacing[2]], mask, voxelCount };
}

/** A pyradiomics test label map (images/<case>_label.nrrd) as a cropped MaskRoi. */
export function caseMask(testCase: string, label = 1): MaskRoi {
  const volume: Volume = readImage(dataPath('pyradiomics', 'images', `${testCase}_label.nrrd`));
  return cropToLabel(volume.data, volume.size, volume.spacing, label);
}

/** The same label map with every slice but z = `slice` zeroed (the upstream shape2D test masks). */
export function caseSliceMask(testCase: string, slice: number, label = 1): MaskRoi {
  const volume: Volume = readImage(dataPath('pyradiomics', 'images', `${testCase}_label.nrrd`));
  const [nx, ny] = volume.size;
  const data = Array.from(volume.data as ArrayLike<number>, (v, k) => (Math.floor(k / (nx * ny)) === slice ? Number(v) : 0));
  return cropToLabel(data, volume.size, volume.spacing, label);
}

/** The IBSI digital phantom's morphological mask. */
export function phantomMask(): MaskRoi {
  const phantom = readJson('ibsi', 'phantom', 'phantom.json');
  return cropToLabel(phantom.mask_flat, phantom.shape_xyz, phantom.spacing_mm_xyz);
}

/** A MaskRoi from a predicate over voxel centres (x, y, z) in [0, size). */
export function maskFrom(size: Vec3, spacing: Vec3, inside: (x: number, y: number, z: number) => boolean): MaskRoi {
  const data = new Uint8Array(size[0] * size[1] * size[2]);
  let k = 0;
  for (let z = 0; z < size[2]; z++) for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++) data[k++] = inside(x, y, z) ? 1 : 0;
  return cropToLabel(data, size, spacing);
}

/**
 * pyradiomics' diameters by brute force: every edge of the padded mask between an inside and an outside
 * voxel holds a vertex at its midpoint, at physical (index + offset) · spacing in (z, y, x) order; the
 * maxima over all vertex pairs (with equal z, equal y, equal x, and overall) are returned squared-rooted.
 */
export function allPairsDiameters(roi: MaskRoi): [number, number, number, number] {
  const [X, Y, Z] = roi.size;
  const [sx, sy, sz] = roi.spacing;
  const at = (x: number, y: number, z: number) => (x < 0 || y < 0 || z < 0 || x >= X || y >= Y || z >= Z ? 0 : roi.mask[x + X * (y + Y * z)]);
  const pts: number[][] = [];
  for (let z = -1; z <= Z; z++) {
    for (let y = -1; y <= Y; y++) {
      for (let x = -1; x <= X; x++) {
        const v = at(x, y, z);
        // padded index = index + 1
        if (v !== at(x + 1, y, z)) pts.push([(z + 1) * sz, (y + 1) * sy, (x + 1.5) * sx]);
        if (v !== at(x, y + 1, z)) pts.push([(z + 1) * sz, (y + 1.5) * sy, (x + 1) * sx]);
        if (v !== at(x, y, z + 1)) pts.push([(z + 1.5) * sz, (y + 1) * sy, (x + 1) * sx]);
      }
    }
  }
  const best = [0, 0, 0, 0];
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i];
    for (let j = 0; j < i; j++) {
      const b = pts[j];
      const dz = a[0] - b[0], dy = a[1] - b[1], dx = a[2] - b[2];
      const d = dz * dz + dy * dy + dx * dx;
      if (a[0] === b[0] && d > best[0]) best[0] = d;
      if (a[1] === b[1] && d > best[1]) best[1] = d;
      if (a[2] === b[2] && d > best[2]) best[2] = d;
      if (d > best[3]) best[3] = d;
    }
  }
  return best.map(Math.sqrt) as [number, number, number, number];
}
