// In-plane maximum diameters of mesh vertices over a family of parallel planes (shape's Maximum2DDiameter*
// and shape2D's MaximumDiameter). Vertices come as per-row extremes (doubled integer coordinates, see mesh.ts):
// each plane's 2D convex hull (monotone chain, exact integer turns) keeps the candidates, and the largest
// squared distance over hull pairs is formed exactly as pyradiomics does: ((a·½)·s − (b·½)·s)² summed.

// Physical coordinate of a doubled index: (index + offset) · spacing.
@inline
function physical(doubled: i32, spacing: f64): f64 {
  return <f64>doubled * 0.5 * spacing;
}

@inline
function ld32(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

@inline
function st32(p: usize, i: i32, v: i32): void {
  store<i32>(p + (<usize>i << 2), v);
}

// Twice the signed area of (o, a, b) over points (u, v): positive for a counter-clockwise turn.
@inline
function turn(uPtr: usize, vPtr: usize, o: i32, a: i32, b: i32): i64 {
  const uo = <i64>ld32(uPtr, o), vo = <i64>ld32(vPtr, o);
  return (<i64>ld32(uPtr, a) - uo) * (<i64>ld32(vPtr, b) - vo) - (<i64>ld32(vPtr, a) - vo) * (<i64>ld32(uPtr, b) - uo);
}

/** Monotone chain over n points sorted by (u, v); writes hull indices (collinear points dropped) to out. */
export function hull2dChain(uPtr: usize, vPtr: usize, n: i32, outPtr: usize): i32 {
  if (n <= 2) {
    for (let i = 0; i < n; i++) st32(outPtr, i, i);
    return n;
  }
  let k = 0;
  for (let i = 0; i < n; i++) {
    while (k >= 2 && turn(uPtr, vPtr, ld32(outPtr, k - 2), ld32(outPtr, k - 1), i) <= 0) k--;
    st32(outPtr, k++, i);
  }
  const lower = k + 1;
  for (let i = n - 2; i >= 0; i--) {
    while (k >= lower && turn(uPtr, vPtr, ld32(outPtr, k - 2), ld32(outPtr, k - 1), i) <= 0) k--;
    st32(outPtr, k++, i);
  }
  return k - 1; // the last point repeats the first
}

// Marks hull vertex (plane p, row r, column c) on its x-line end. mode 0: (z2, y2, x2) = (p, r, c) (slices),
// 1: (r, p, c) (columns), 2: (r, c, p) (rows).
@inline
function markXLineEnd(flagsPtr: usize, xLinesPtr: usize, w2y: i32, bit: u8, mode: i32, p: i32, r: i32, c: i32): void {
  const z2 = mode == 0 ? p : r;
  const y2 = mode == 0 ? r : mode == 1 ? p : c;
  const x2 = mode == 2 ? p : c;
  const i = z2 * w2y + y2;
  const end = ld32(xLinesPtr, 2 * i) == x2 ? 0 : ld32(xLinesPtr, 2 * i + 1) == x2 ? 1 : -1;
  if (end < 0) return;
  const f = flagsPtr + <usize>(2 * i + end);
  store<u8>(f, load<u8>(f) | bit);
}

// Largest squared distance over point pairs in [from, to) of the (u, v) f64 store.
function planePairs(storePtr: usize, from: i32, to: i32, best: f64): f64 {
  for (let i = from; i < to; i++) {
    const ui = load<f64>(storePtr + (<usize>i << 4)), vi = load<f64>(storePtr + (<usize>i << 4), 8);
    for (let j = i + 1; j < to; j++) {
      const du = ui - load<f64>(storePtr + (<usize>j << 4)), dv = vi - load<f64>(storePtr + (<usize>j << 4), 8);
      const d = du * du + dv * dv;
      if (d > best) best = d;
    }
  }
  return best;
}

/**
 * Maximum squared in-plane vertex distance over `planes` planes. Row r of plane p has its column extremes at
 * extremes[2i], extremes[2i+1], i = p·planeStride + r·rowStride (max < 0: empty row). Scratch (caller-sized):
 * work: 6·rows + 1 i32; store: 2·rows·planes (u, v) f64 pairs; starts: planes + 1 i32; bounds: planes f64.
 * With mode >= 0, every hull vertex ORs `bit` into flags (u8 per x-line end, see markXLineEnd).
 */
export function hull2dPlaneFamily(extremesPtr: usize, planes: i32, rows: i32, planeStride: i32, rowStride: i32, spacingU: f64, spacingV: f64,
  workPtr: usize, storePtr: usize, startsPtr: usize, boundsPtr: usize, mode: i32, bit: i32, flagsPtr: usize, xLinesPtr: usize, w2y: i32): f64 {
  const uPtr = workPtr, vPtr = workPtr + (<usize>(2 * rows) << 2), hullPtr = workPtr + (<usize>(4 * rows) << 2);
  let used = 0, widest = -1, widestBound = -1.0;
  for (let p = 0; p < planes; p++) {
    st32(startsPtr, p, used);
    let n = 0;
    for (let r = 0, i = p * planeStride; r < rows; r++, i += rowStride) {
      const lo = ld32(extremesPtr, 2 * i), hi = ld32(extremesPtr, 2 * i + 1);
      if (hi < 0) continue;
      st32(uPtr, n, r); st32(vPtr, n, lo); n++;
      if (hi != lo) {
        st32(uPtr, n, r); st32(vPtr, n, hi); n++;
      }
    }
    let bound = 0.0;
    if (n > 0) {
      const h = hull2dChain(uPtr, vPtr, n, hullPtr);
      let vMin = f64.MAX_VALUE, vMax = -f64.MAX_VALUE;
      for (let k = 0; k < h; k++) {
        const q = ld32(hullPtr, k);
        const pu = physical(ld32(uPtr, q), spacingU), pv = physical(ld32(vPtr, q), spacingV);
        const s = storePtr + (<usize>(used + k) << 4);
        store<f64>(s, pu);
        store<f64>(s, pv, 8);
        vMin = min(vMin, pv);
        vMax = max(vMax, pv);
        if (mode >= 0) markXLineEnd(flagsPtr, xLinesPtr, w2y, <u8>bit, mode, p, ld32(uPtr, q), ld32(vPtr, q));
      }
      const du = physical(ld32(uPtr, n - 1), spacingU) - physical(ld32(uPtr, 0), spacingU); // rows ascend
      bound = du * du + (vMax - vMin) * (vMax - vMin);
      used += h;
    }
    store<f64>(boundsPtr + (<usize>p << 3), bound);
    if (bound > widestBound) {
      widestBound = bound;
      widest = p;
    }
  }
  st32(startsPtr, planes, used);
  if (widest < 0) return 0;
  // The widest plane first, then only planes whose bounding-box diagonal could still beat the best pair
  // (1e-9 relative margin, far above the rounding of bound and distances).
  let best = planePairs(storePtr, ld32(startsPtr, widest), ld32(startsPtr, widest + 1), 0);
  for (let p = 0; p < planes; p++) {
    if (p == widest || load<f64>(boundsPtr + (<usize>p << 3)) * (1 + 1e-9) < best) continue;
    best = planePairs(storePtr, ld32(startsPtr, p), ld32(startsPtr, p + 1), best);
  }
  return best;
}
