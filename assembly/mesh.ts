// Marching-cubes / marching-squares statistics over a zero-padded binary mask (non-zero bytes inside), following
// pyradiomics' cshape conventions: cube corners in (z, y, x) order (0,0,0) (0,0,1) (0,1,1) (0,1,0)
// (1,0,0) (1,0,1) (1,1,1) (1,1,0); a cube with corner 7 inside is complemented and its volume sign flips.
// Mesh volume and area are linear in per-case sums, so the kernels only count: TypeScript turns the
// counts into volume/area with the triangle table. Vertices (edge midpoints) are reported as doubled
// integer coordinates through per-line minimum/maximum tables, which is all the exact diameters need.

const CUBE_CASE_STRIDE: usize = 40; // 5 f64 per case: count, sum(sign), sum(sign*z), sum(sign*y), sum(sign*x)
const SQUARE_CASE_STRIDE: usize = 24; // 3 f64 per case: count, sum(row), sum(col)

// Lowers the minimum / raises the maximum of line `index` (pairs of i32: min, max) to include `value`.
@inline
function lineUpdate(linesPtr: usize, index: i32, value: i32): void {
  const p = linesPtr + (<usize>index << 3);
  if (value < load<i32>(p)) store<i32>(p, value);
  if (value > load<i32>(p, 4)) store<i32>(p, value, 4);
}

function lineInit(linesPtr: usize, count: i32): void {
  for (let i = 0; i < count; i++) {
    const p = linesPtr + (<usize>i << 3);
    store<i32>(p, i32.MAX_VALUE);
    store<i32>(p, -1, 4);
  }
}

// A vertex at doubled coordinates (z2, y2, x2) extends its x-line and its y-line.
@inline
function meshVertex(z2: i32, y2: i32, x2: i32, w2y: i32, w2x: i32, xLinePtr: usize, yLinePtr: usize): void {
  lineUpdate(xLinePtr, z2 * w2y + y2, x2);
  lineUpdate(yLinePtr, z2 * w2x + x2, y2);
}

// Mask bytes count as inside when non-zero.
@inline
function inside(p: usize): i32 {
  return <i32>(load<u8>(p) != 0);
}

@inline
function addF64(p: usize, v: f64): void {
  store<f64>(p, load<f64>(p) + v);
}

// Adds a run of n ROI voxels at (z, y, x0 .. x0+n-1) to the moments; sx/sxx are Σx and Σx² over the run.
@inline
function addRunMoments(m: usize, z: f64, y: f64, n: f64, sx: f64, sxx: f64): void {
  addF64(m, n);
  addF64(m + 8, n * z);
  addF64(m + 16, n * y);
  addF64(m + 24, sx);
  addF64(m + 32, n * z * z);
  addF64(m + 40, n * y * y);
  addF64(m + 48, sxx);
  addF64(m + 56, n * z * y);
  addF64(m + 64, z * sx);
  addF64(m + 72, y * sx);
}

// Nibble of the 4 voxels at offset o of the row quadruple: bit0 (z,y), bit1 (z,y+1), bit2 (z+1,y), bit3 (z+1,y+1).
@inline
function nibble(r00: usize, r01: usize, r10: usize, r11: usize, o: usize): i32 {
  return inside(r00 + o) | (inside(r01 + o) << 1) | (inside(r10 + o) << 2) | (inside(r11 + o) << 3);
}

// Cubes x0 .. x1-1 of the row quadruple at (z, y), one at a time.
function cubeRun(r00: usize, r01: usize, r10: usize, r11: usize, z: i32, y: i32, x0: i32, x1: i32, w2y: i32, w2x: i32,
  casesPtr: usize, momentsPtr: usize, xLinePtr: usize, yLinePtr: usize): void {
  let here = nibble(r00, r01, r10, r11, <usize>x0);
  for (let x = x0; x < x1; x++) {
    const next = nibble(r00, r01, r10, r11, <usize>(x + 1));
    // Corners at x: 0, 3, 4, 7; at x + 1: 1, 2, 5, 6.
    const raw = (here & 1) | ((here & 6) << 2) | ((here & 8) << 4) | ((next & 3) << 1) | ((next & 12) << 3);
    here = next;
    if (raw == 0) continue;
    if (raw & 1) addRunMoments(momentsPtr, <f64>z, <f64>y, 1, <f64>x, <f64>x * <f64>x); // corner 0 is voxel (z, y, x)
    if (raw == 255) continue;
    let cube = raw;
    let sign = 1.0;
    if (cube & 0x80) {
      cube ^= 0xff;
      sign = -1.0;
    }
    const c = casesPtr + <usize>cube * CUBE_CASE_STRIDE;
    addF64(c, 1);
    addF64(c + 8, sign);
    addF64(c + 16, sign * <f64>z);
    addF64(c + 24, sign * <f64>y);
    addF64(c + 32, sign * <f64>x);
    // Vertices on the three edges at corner 7 (edges 6, 7, 11); after the complement corner 7 is outside,
    // so an edge holds a vertex exactly when its other corner (6, 4, 3) is inside.
    if (cube & 0x40) meshVertex(2 * z + 2, 2 * y + 2, 2 * x + 1, w2y, w2x, xLinePtr, yLinePtr);
    if (cube & 0x10) meshVertex(2 * z + 2, 2 * y + 1, 2 * x, w2y, w2x, xLinePtr, yLinePtr);
    if (cube & 0x08) meshVertex(2 * z + 1, 2 * y + 2, 2 * x, w2y, w2x, xLinePtr, yLinePtr);
  }
}

/**
 * Walks all 2x2x2 cells of a padded mask (nx*ny*nz bytes, x fastest, border voxels 0).
 * cases: 128 x 5 f64 (zeroed by the caller); moments: 10 f64 (zeroed): N, Sz, Sy, Sx, Szz, Syy, Sxx, Szy, Szx, Syx
 * of ROI voxel indices. Lines (i32 min/max pairs, initialised here): x-lines (2nz x 2ny) hold x2 per (z2, y2),
 * y-lines (2nz x 2nx) hold y2 per (z2, x2).
 * Runs of 16 cubes that are all outside (or all inside) are recognised with SIMD and skipped.
 */
export function meshCubes(maskPtr: usize, nx: i32, ny: i32, nz: i32, casesPtr: usize, momentsPtr: usize, xLinePtr: usize, yLinePtr: usize): void {
  const w2x = 2 * nx, w2y = 2 * ny, w2z = 2 * nz;
  lineInit(xLinePtr, w2z * w2y);
  lineInit(yLinePtr, w2z * w2x);
  const rowStride = <usize>nx;
  const sliceStride = <usize>nx * <usize>ny;
  const cubesPerRow = nx - 1;
  for (let z = 0; z < nz - 1; z++) {
    for (let y = 0; y < ny - 1; y++) {
      const r00 = maskPtr + <usize>z * sliceStride + <usize>y * rowStride;
      const r01 = r00 + rowStride;
      const r10 = r00 + sliceStride;
      const r11 = r10 + rowStride;
      let x = 0;
      // Cubes x .. x+15 read voxels x .. x+16 of the four rows.
      for (; x + 16 <= cubesPerRow; x += 16) {
        const o = <usize>x;
        const a0 = v128.load(r00 + o), b0 = v128.load(r00 + o + 1);
        const a1 = v128.load(r01 + o), b1 = v128.load(r01 + o + 1);
        const a2 = v128.load(r10 + o), b2 = v128.load(r10 + o + 1);
        const a3 = v128.load(r11 + o), b3 = v128.load(r11 + o + 1);
        const any = v128.or(v128.or(v128.or(a0, b0), v128.or(a1, b1)), v128.or(v128.or(a2, b2), v128.or(a3, b3)));
        if (!v128.any_true(any)) continue;
        if (i8x16.all_true(a0) && i8x16.all_true(b0) && i8x16.all_true(a1) && i8x16.all_true(b1) &&
            i8x16.all_true(a2) && i8x16.all_true(b2) && i8x16.all_true(a3) && i8x16.all_true(b3)) {
          const fx = <f64>x; // Σ(x+i) = 16x + 120, Σ(x+i)² = 16x² + 240x + 1240 for i = 0..15
          addRunMoments(momentsPtr, <f64>z, <f64>y, 16, 16 * fx + 120, 16 * fx * fx + 240 * fx + 1240);
          continue;
        }
        cubeRun(r00, r01, r10, r11, z, y, x, x + 16, w2y, w2x, casesPtr, momentsPtr, xLinePtr, yLinePtr);
      }
      if (x < cubesPerRow) cubeRun(r00, r01, r10, r11, z, y, x, cubesPerRow, w2y, w2x, casesPtr, momentsPtr, xLinePtr, yLinePtr);
    }
  }
}

/**
 * Walks all 2x2 cells of a padded 2D mask (ncols*nrows bytes, columns fastest, border 0). Corners: p0 (r, c),
 * p1 (r, c+1), p2 (r+1, c+1), p3 (r+1, c). cases: 16 x 3 f64 (zeroed); moments: 6 f64 (zeroed): N, Sr, Sc, Srr,
 * Scc, Src. rowLines (2*nrows i32 min/max pairs, initialised here) hold the doubled column c2 per doubled row r2.
 */
export function meshSquares(maskPtr: usize, ncols: i32, nrows: i32, casesPtr: usize, momentsPtr: usize, rowLinePtr: usize): void {
  lineInit(rowLinePtr, 2 * nrows);
  const stride = <usize>ncols;
  let count = 0.0, sr = 0.0, sc = 0.0, srr = 0.0, scc = 0.0, src = 0.0;
  for (let r = 0; r < nrows - 1; r++) {
    const top = maskPtr + <usize>r * stride;
    const bottom = top + stride;
    for (let c = 0; c < ncols - 1; c++) {
      const o = <usize>c;
      let square = inside(top + o) | (inside(top + o + 1) << 1) | (inside(bottom + o + 1) << 2) | (inside(bottom + o) << 3);
      if (square == 0) continue;
      if (square & 1) {
        const fr = <f64>r, fc = <f64>c;
        count += 1; sr += fr; sc += fc; srr += fr * fr; scc += fc * fc; src += fr * fc;
      }
      if (square == 15) continue;
      const p = casesPtr + <usize>square * SQUARE_CASE_STRIDE;
      addF64(p, 1);
      addF64(p + 8, <f64>r);
      addF64(p + 16, <f64>c);
      // Vertices on the edges at p3 (edges 3 and 2); complemented so that p3 is outside.
      if (square & 8) square ^= 15;
      if (square & 1) lineUpdate(rowLinePtr, 2 * r + 1, 2 * c);
      if (square & 4) lineUpdate(rowLinePtr, 2 * r + 2, 2 * c + 1);
    }
  }
  store<f64>(momentsPtr, count);
  store<f64>(momentsPtr, sr, 8);
  store<f64>(momentsPtr, sc, 16);
  store<f64>(momentsPtr, srr, 24);
  store<f64>(momentsPtr, scc, 32);
  store<f64>(momentsPtr, src, 40);
}
