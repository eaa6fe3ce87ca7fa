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
 * Maximum in-plane diameter over a family of planes. Row r of plane p holds the column extremes
 * extremes[2·index(p, r)], extremes[2·index(p, r) + 1] (max < 0 when empty). Each plane's 2D hull vertices are
 * reported to `onHull(plane, row, col)`; rows and columns are doubled indices.
 */
function planeFamilyMax(
  planes: number,
  rows: number,
  extremes: Int32Array,
  index: (plane: number, row: number) => number,
  spacingU: number,
  spacingV: number,
  onHull?: (plane: number, row: number, col: number) => void,
): number {
  const u = new Float64Array(2 * rows), v = new Float64Array(2 * rows);
  const pu = new Float64Array(2 * rows), pv = new Float64Array(2 * rows), zero = new Float64Array(2 * rows);
  const hull = new Int32Array(2 * rows + 1);
  let best = 0;
  for (let p = 0; p < planes; p++) {
    let n = 0;
    for (let r = 0; r < rows; r++) {
      const i = index(p, r);
      const lo = extremes[2 * i], hi = extremes[2 * i + 1];
      if (hi < 0) continue;
      u[n] = r; v[n] = lo; n++;
      if (hi !== lo) {
        u[n] = r; v[n] = hi; n++;
      }
    }
    if (n === 0) continue;
    const h = hull2DSorted(u, v, n, hull);
    for (let k = 0; k < h; k++) {
      pu[hull[k]] = physical(u[hull[k]], spacingU);
      pv[hull[k]] = physical(v[hull[k]], spacingV);
      onHull?.(p, u[hull[k]], v[hull[k]]);
    }
    // The coordinate fixed in the plane contributes an exact 0 first: (0 + du²) + dv² equals du² + dv².
    const d = maxPairSquared(hull, h, zero, pu, pv);
    if (d > best) best = d;
  }
  return best;
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
  const slice = planeFamilyMax(2 * nz, w2y, xLines, (z2, y2) => z2 * w2y + y2, sy, sx, (z2, y2, x2) => markSlice(z2, y2, x2));
  const column = planeFamilyMax(w2y, 2 * nz, xLines, (y2, z2) => z2 * w2y + y2, sz, sx, (y2, z2, x2) => markColumn(z2, y2, x2));
  const row = planeFamilyMax(w2x, 2 * nz, yLines, (x2, z2) => z2 * w2x + x2, sz, sy, (x2, z2, y2) => markRow(z2, y2, x2));
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
  return Math.sqrt(planeFamilyMax(1, 2 * rows, rowLines, (_p, r2) => r2, sRow, sCol));
}
