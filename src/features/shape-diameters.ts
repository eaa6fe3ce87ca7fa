// Maximum diameters over mesh vertices, identical to pyradiomics' all-pairs search but without it.
// Vertices arrive as doubled integer coordinates through per-line extremes (see assembly/mesh.ts): a vertex
// strictly inside a line segment of other vertices is never extreme, so only line ends are candidates.
// In-plane maxima come from per-plane 2D hulls (assembly/hull2d.ts); the 3D maximum from an exact 3D hull of
// the vertices that all three in-plane hulls kept. Pairs are scored with the very float formula pyradiomics
// uses on physical coordinates ((index + offset) · spacing), so results match its all-pairs search bit for bit.
import { arena as threadArena, type WasmArena } from '../wasm/arena.js';
import { kernel } from '../wasm/module.js';
import { hullVertices3D } from './hull.js';

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
}

/** pyradiomics' diameters: [Slice (equal z), Column (equal y), Row (equal x), 3D]. */
export type Diameters = [number, number, number, number];

/** Physical coordinate of a doubled index, computed as pyradiomics does: (index + offset) · spacing. */
const physical = (doubled: number, spacing: number) => doubled * 0.5 * spacing;

/**
 * Maximum squared distance over pairs of `ids`, components summed in (a, b, c) order. Pairs that cannot win are
 * skipped: |p − q| <= r_p + r_q with r the distance to the centroid. Points go by decreasing r, so a loop stops
 * once even its largest remaining bound is below the best (1e-9 relative margin, far above the rounding of r).
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

type PlaneFamilyKernel = (extremes: number, planes: number, rows: number, planeStride: number, rowStride: number, spacingU: number, spacingV: number,
  work: number, store: number, starts: number, bounds: number, mode: number, bit: number, flags: number, xLines: number, w2y: number) => number;

/** Byte size of the hull2dPlaneFamily scratch for `planes` planes of `rows` rows. */
const familyScratchBytes = (planes: number, rows: number) => 4 * (6 * rows + 1) + 32 * rows * planes + 4 * (planes + 1) + 8 * planes;

/**
 * Runs hull2dPlaneFamily for one family of planes: returns the maximum squared in-plane distance.
 * `mode` >= 0 also ORs `bit` into the x-line-end flags for every in-plane hull vertex.
 */
function planeFamily(arena: WasmArena, extremesPtr: number, planes: number, rows: number, planeStride: number, rowStride: number,
  spacingU: number, spacingV: number, mode = -1, bit = 0, flagsPtr = 0, xLinesPtr = 0, w2y = 0): number {
  const mark = arena.mark();
  try {
    const work = arena.alloc(4 * (6 * rows + 1), 'diameter scratch');
    const store = arena.alloc(32 * rows * planes, 'diameter hull store');
    const starts = arena.alloc(4 * (planes + 1), 'diameter plane starts');
    const bounds = arena.alloc(8 * planes, 'diameter plane bounds');
    return kernel<PlaneFamilyKernel>('hull2dPlaneFamily')(extremesPtr, planes, rows, planeStride, rowStride, spacingU, spacingV,
      work, store, starts, bounds, mode, bit, flagsPtr, xLinesPtr, w2y);
  } finally {
    arena.release(mark);
  }
}

/**
 * The four mesh diameters for spacing (sz, sy, sx), as pyradiomics' calculate_coefficients returns them.
 * A 3D extreme point is also extreme in its z-, y- and x-plane, so the 3D hull only gets vertices that the
 * three in-plane hulls all kept (each identified as the low or high end of its x-line).
 */
export function meshDiameters(lines: MeshLines, sz: number, sy: number, sx: number, arena: WasmArena = threadArena()): Diameters {
  const { nx, ny, nz, xLines, yLines } = lines;
  const w2x = 2 * nx, w2y = 2 * ny, w2z = 2 * nz;
  const scratch = Math.max(familyScratchBytes(w2z, w2y), familyScratchBytes(w2y, w2z), familyScratchBytes(w2x, w2z));
  arena.check(xLines.byteLength + yLines.byteLength + xLines.length + scratch + 10 * 64, `diameters of a ${nx - 2}x${ny - 2}x${nz - 2} mask`);
  const mark = arena.mark();
  try {
    const xPtr = arena.put(xLines, 'diameter x-lines');
    const yPtr = arena.put(yLines, 'diameter y-lines');
    const flagsPtr = arena.alloc(xLines.length, 'diameter hull flags'); // per x-line end: 1 slice, 2 column, 4 row hull
    const slice = planeFamily(arena, xPtr, w2z, w2y, w2y, 1, sy, sx, 0, 1, flagsPtr, xPtr, w2y);
    const column = planeFamily(arena, xPtr, w2y, w2z, 1, w2y, sz, sx, 1, 2, flagsPtr, xPtr, w2y);
    const row = planeFamily(arena, yPtr, w2x, w2z, 1, w2x, sz, sy, 2, 4, flagsPtr, xPtr, w2y);
    const flags = arena.view(Uint8Array, flagsPtr, xLines.length);
    let count = 0;
    for (let k = 0; k < flags.length; k++) if (flags[k] === 7) count++;
    const zs = new Int32Array(count), ys = new Int32Array(count), xs = new Int32Array(count);
    for (let k = 0, c = 0; k < flags.length; k++) {
      if (flags[k] !== 7) continue;
      const i = k >> 1;
      zs[c] = Math.floor(i / w2y);
      ys[c] = i % w2y;
      xs[c++] = xLines[k];
    }
    const hull = hullVertices3D(xs, ys, zs);
    const pz = Float64Array.from(zs, (v) => physical(v, sz));
    const py = Float64Array.from(ys, (v) => physical(v, sy));
    const px = Float64Array.from(xs, (v) => physical(v, sx));
    const max3D = maxPairSquaredPruned(hull, pz, py, px);
    return [Math.sqrt(slice), Math.sqrt(column), Math.sqrt(row), Math.sqrt(max3D)];
  } finally {
    arena.release(mark);
  }
}

/** Maximum diameter of a 2D contour from its row extremes (doubled column per doubled row). */
export function contourDiameter(rowLines: Int32Array, rows: number, sRow: number, sCol: number, arena: WasmArena = threadArena()): number {
  arena.check(rowLines.byteLength + familyScratchBytes(1, 2 * rows) + 5 * 64, `diameter of a contour with ${rows} rows`);
  const mark = arena.mark();
  try {
    return Math.sqrt(planeFamily(arena, arena.put(rowLines, 'contour row lines'), 1, 2 * rows, 0, 1, sRow, sCol));
  } finally {
    arena.release(mark);
  }
}
