// Maximum diameters over mesh vertices, identical to pyradiomics' all-pairs search but without it.
// Vertices arrive as doubled integer coordinates through per-line extremes (see assembly/mesh.ts): a vertex
// strictly inside a line segment of other vertices is never extreme, so only line ends are candidates.
// Candidates go through an exact convex hull; the maximum is then taken over hull pairs with the very float
// formula pyradiomics uses on physical coordinates ((index + offset) · spacing), so results match bit for bit.
import { hull2DSorted, hullVertices3D } from './hull.js';

/** Line extremes of the 3D mesh, as written by the meshCubes kernel (i32 min/max pairs; max −1 if empty). */
export interface MeshLines {
  /** Padded mask size (x, y, z). */
  nx: number;
  ny: number;
  nz: number;
  /** x2 extremes per (z2, y2): index z2 * 2ny + y2. */
  xLines: Int32Array;
  /** y2 extremes per (z2, x2): index z2 * 2nx + x2. */
  yLines: Int32Array;
  /** z2 extremes per (y2, x2): index y2 * 2nx + x2. */
  zLines: Int32Array;
}

/** pyradiomics' diameters: [Slice (equal z), Column (equal y), Row (equal x), 3D]. */
export type Diameters = [number, number, number, number];

/** Physical coordinate of a doubled index, computed as pyradiomics does: (index + offset) · spacing. */
const physical = (doubled: number, spacing: number) => doubled * 0.5 * spacing;

/** Maximum squared distance over all pairs of `ids`, summing squared components in (a, b, c) order. */
function maxPairSquared(ids: ArrayLike<number>, n: number, a: Float64Array, b: Float64Array, c: Float64Array): number {
  let best = 0;
  for (let i = 0; i < n; i++) {
    const ai = a[ids[i]], bi = b[ids[i]], ci = c[ids[i]];
    for (let j = i + 1; j < n; j++) {
      const da = ai - a[ids[j]], db = bi - b[ids[j]], dc = ci - c[ids[j]];
      const d = da * da + db * db + dc * dc;
      if (d > best) best = d;
    }
  }
  return best;
}

/**
 * The same maximum, skipping pairs that cannot win: |p − q| <= r_p + r_q with r the distance to the centroid.
 * Points go by decreasing r, so a loop stops once even the largest remaining bound is below the best
 * (with a 1e-9 relative margin, far above the rounding of r and of the distances).
 */
function maxPairSquaredPruned(ids: Int32Array, a: Float64Array, b: Float64Array, c: Float64Array): number {
  const n = ids.length;
  if (n < 2) return 0;
  let ca = 0, cb = 0, cc = 0;
  for (const i of ids) {
    ca += a[i]; cb += b[i]; cc += c[i];
  }
  ca /= n; cb /= n; cc /= n;
  const radius = new Float64Array(n);
  for (let k = 0; k < n; k++) radius[k] = Math.hypot(a[ids[k]] - ca, b[ids[k]] - cb, c[ids[k]] - cc);
  const order = Int32Array.from({ length: n }, (_, k) => k).sort((p, q) => radius[q] - radius[p]);
  const pa = Float64Array.from(order, (k) => a[ids[k]]), pb = Float64Array.from(order, (k) => b[ids[k]]);
  const pc = Float64Array.from(order, (k) => c[ids[k]]), r = Float64Array.from(order, (k) => radius[k]);
  const margin = 1 + 1e-9;
  let best = 0;
  for (let i = 0; i < n; i++) {
    if (4 * r[i] * r[i] * margin < best) break;
    const ai = pa[i], bi = pb[i], ci = pc[i], ri = r[i];
    for (let j = i + 1; j < n; j++) {
      if ((ri + r[j]) * (ri + r[j]) * margin < best) break;
      const da = ai - pa[j], db = bi - pb[j], dc = ci - pc[j];
      const d = da * da + db * db + dc * dc;
      if (d > best) best = d;
    }
  }
  return best;
}

/**
 * Maximum in-plane diameter over a family of planes. Row r of plane p holds the column extremes at
 * extremes[2i], extremes[2i + 1] with i = p·planeStride + r·rowStride (max < 0 when empty). Each plane's 2D
 * hull vertices are reported to `onHull(plane, row, col)`; rows and columns are doubled indices. Planes are
 * searched by decreasing bounding-box diagonal and skipped once that bound cannot beat the best pair.
 */
function planeFamilyMax(
  planes: number,
  rows: number,
  extremes: Int32Array,
  planeStride: number,
  rowStride: number,
  spacingU: number,
  spacingV: number,
  onHull?: (plane: number, row: number, col: number) => void,
): number {
  const u = new Int32Array(2 * rows), v = new Int32Array(2 * rows);
  const hull = new Int32Array(2 * rows + 1);
  let pu: Float64Array = new Float64Array(4 * rows), pv: Float64Array = new Float64Array(4 * rows);
  const start = new Int32Array(planes + 1), bound = new Float64Array(planes);
  let used = 0;
  for (let p = 0; p < planes; p++) {
    start[p] = used;
    let n = 0;
    for (let r = 0, i = p * planeStride; r < rows; r++, i += rowStride) {
      const lo = extremes[2 * i], hi = extremes[2 * i + 1];
      if (hi < 0) continue;
      u[n] = r; v[n] = lo; n++;
      if (hi !== lo) {
        u[n] = r; v[n] = hi; n++;
      }
    }
    if (n === 0) continue;
    const h = hull2DSorted(u, v, n, hull);
    if (used + h > pu.length) {
      pu = grow(pu, 2 * (used + h));
      pv = grow(pv, 2 * (used + h));
    }
    let vMin = Infinity, vMax = -Infinity;
    for (let k = 0; k < h; k++) {
      const q = hull[k];
      pu[used + k] = physical(u[q], spacingU);
      pv[used + k] = physical(v[q], spacingV);
      vMin = Math.min(vMin, pv[used + k]);
      vMax = Math.max(vMax, pv[used + k]);
      if (onHull) onHull(p, u[q], v[q]);
    }
    const du = physical(u[n - 1], spacingU) - physical(u[0], spacingU); // rows are sorted
    bound[p] = du * du + (vMax - vMin) * (vMax - vMin);
    used += h;
  }
  start[planes] = used;
  const order = Array.from({ length: planes }, (_, p) => p).sort((a, b) => bound[b] - bound[a]);
  const zero = new Float64Array(used), ids = Int32Array.from({ length: used }, (_, k) => k);
  let best = 0;
  for (const p of order) {
    if (bound[p] * (1 + 1e-9) < best) break; // bound ≥ every pair distance² of the plane (margin for rounding)
    // The coordinate fixed in the plane contributes an exact 0 first: (0 + du²) + dv² equals du² + dv².
    const d = maxPairSquared(ids.subarray(start[p], start[p + 1]), start[p + 1] - start[p], zero, pu, pv);
    if (d > best) best = d;
  }
  return best;
}

function grow(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

/**
 * The four mesh diameters for spacing (sz, sy, sx), as pyradiomics' calculate_coefficients returns them.
 * A 3D extreme point is also extreme in its z-, y- and x-plane, so the 3D hull only gets vertices that the
 * three in-plane hulls all kept (each identified as the low or high end of its x-line).
 */
export function meshDiameters(lines: MeshLines, sz: number, sy: number, sx: number): Diameters {
  const { nx, ny, nz, xLines, yLines } = lines;
  const w2x = 2 * nx, w2y = 2 * ny;
  const flags = new Uint8Array(xLines.length); // per x-line end: bit 1 slice hull, 2 column hull, 4 row hull
  const mark = (bit: number) => (z2: number, y2: number, x2: number) => {
    const i = z2 * w2y + y2;
    if (xLines[2 * i] === x2) flags[2 * i] |= bit;
    else if (xLines[2 * i + 1] === x2) flags[2 * i + 1] |= bit;
  };
  const markSlice = mark(1), markColumn = mark(2), markRow = mark(4);
  const slice = planeFamilyMax(2 * nz, w2y, xLines, w2y, 1, sy, sx, (z2, y2, x2) => markSlice(z2, y2, x2));
  const column = planeFamilyMax(w2y, 2 * nz, xLines, 1, w2y, sz, sx, (y2, z2, x2) => markColumn(z2, y2, x2));
  const row = planeFamilyMax(w2x, 2 * nz, yLines, 1, w2x, sz, sy, (x2, z2, y2) => markRow(z2, y2, x2));
  const zs: number[] = [], ys: number[] = [], xs: number[] = [];
  for (let k = 0; k < flags.length; k++) {
    if (flags[k] !== 7) continue;
    const i = k >> 1;
    zs.push(Math.floor(i / w2y)); ys.push(i % w2y); xs.push(xLines[k]);
  }
  const hull = hullVertices3D(Int32Array.from(xs), Int32Array.from(ys), Int32Array.from(zs));
  const pz = Float64Array.from(zs, (v) => physical(v, sz));
  const py = Float64Array.from(ys, (v) => physical(v, sy));
  const px = Float64Array.from(xs, (v) => physical(v, sx));
  const max3D = maxPairSquaredPruned(hull, pz, py, px);
  return [Math.sqrt(slice), Math.sqrt(column), Math.sqrt(row), Math.sqrt(max3D)];
}

/** Maximum diameter of a 2D contour from its row extremes (doubled column per doubled row). */
export function contourDiameter(rowLines: Int32Array, rows: number, sRow: number, sCol: number): number {
  // One plane: reuse the plane routine with a single plane and no fixed coordinate.
  return Math.sqrt(planeFamilyMax(1, 2 * rows, rowLines, 0, 1, sRow, sCol));
}
