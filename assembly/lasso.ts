// Lasso coordinate descent: one pass over a list of columns (f64x2 SIMD dot products and residual
// updates). Column-major x (n rows), all pointers into the caller's arena; nothing is allocated.

@inline function dotF64(a: usize, b: usize, n: i32): f64 {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o = <usize>i << 3;
    s0 = f64x2.add(s0, f64x2.mul(v128.load(a + o), v128.load(b + o)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(a + o + 16), v128.load(b + o + 16)));
  }
  let s = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1) + (f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1));
  for (; i < n; i++) s += load<f64>(a + (<usize>i << 3)) * load<f64>(b + (<usize>i << 3));
  return s;
}

/**
 * For each column k in cols[0..count): g = r . x_k, beta_k <- S(g + xv_k beta_k, l1) / xv_k (soft
 * threshold); if it moved, r -= (beta_k - old) * w_k (w = x for least squares, v * x for IRLS) and
 * dlx = max(dlx, xv_k d^2). When `activate` is set, a column that moves for the first time is appended
 * to active[] (flags[k] marks membership; state[0] as i32 counts them). state[1] as f64 accumulates
 * d (2 g - d xv_k), the least-squares R^2 gain. Returns dlx.
 */
export function lassoCoordinatePass(x: usize, w: usize, r: usize, n: i32, cols: usize, count: i32, beta: usize, xv: usize, l1: f64, flags: usize, active: usize, state: usize, activate: i32): f64 {
  let dlx: f64 = 0;
  let rsqGain = load<f64>(state, 8);
  const colBytes = <usize>n << 3;
  for (let c = 0; c < count; c++) {
    const k = load<i32>(cols + (<usize>c << 2));
    const xk = x + <usize>k * colBytes;
    const wk = w + <usize>k * colBytes;
    const bk = load<f64>(beta + (<usize>k << 3));
    const xvk = load<f64>(xv + (<usize>k << 3));
    const g = dotF64(r, xk, n);
    const u = g + xvk * bk;
    const au = Math.abs(u) - l1;
    const nb = au > 0 ? (u < 0 ? -au : au) / xvk : 0.0;
    store<f64>(beta + (<usize>k << 3), nb);
    if (nb == bk) continue;
    if (activate && load<u8>(flags + <usize>k) == 0) {
      store<u8>(flags + <usize>k, 1);
      const nin = load<i32>(state);
      store<i32>(active + (<usize>nin << 2), k);
      store<i32>(state, nin + 1);
    }
    const d = nb - bk;
    rsqGain += d * (2 * g - d * xvk);
    dlx = Math.max(dlx, xvk * d * d);
    const dv = f64x2.splat(d);
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const o = <usize>i << 3;
      v128.store(r + o, f64x2.sub(v128.load(r + o), f64x2.mul(dv, v128.load(wk + o))));
    }
    for (; i < n; i++) {
      const o = <usize>i << 3;
      store<f64>(r + o, load<f64>(r + o) - d * load<f64>(wk + o));
    }
  }
  store<f64>(state, rsqGain, 8);
  return dlx;
}

/** out[c] = r . x_k for each column k in cols[0..count) (gradients for strong-rule / KKT checks). */
export function lassoColumnDots(x: usize, r: usize, n: i32, cols: usize, count: i32, out: usize): void {
  const colBytes = <usize>n << 3;
  for (let c = 0; c < count; c++) {
    const k = load<i32>(cols + (<usize>c << 2));
    store<f64>(out + (<usize>c << 3), dotF64(r, x + <usize>k * colBytes, n));
  }
}

/** For each listed column: w_k = v * x_k (elementwise) and xv[k] = w_k . x_k (IRLS-weighted variance). */
export function lassoWeightColumns(x: usize, v: usize, w: usize, n: i32, cols: usize, count: i32, xv: usize): void {
  const colBytes = <usize>n << 3;
  for (let c = 0; c < count; c++) {
    const k = load<i32>(cols + (<usize>c << 2));
    const xk = x + <usize>k * colBytes;
    const wk = w + <usize>k * colBytes;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const o = <usize>i << 3;
      v128.store(wk + o, f64x2.mul(v128.load(v + o), v128.load(xk + o)));
    }
    for (; i < n; i++) {
      const o = <usize>i << 3;
      store<f64>(wk + o, load<f64>(v + o) * load<f64>(xk + o));
    }
    store<f64>(xv + (<usize>k << 3), dotF64(wk, xk, n));
  }
}

/** eta = b0 + sum over the listed columns of beta_k x_k, accumulated column by column in list order. */
export function lassoLinearPredictor(x: usize, n: i32, cols: usize, count: i32, beta: usize, b0: f64, eta: usize): void {
  const colBytes = <usize>n << 3;
  const start = f64x2.splat(b0);
  let i = 0;
  for (; i + 1 < n; i += 2) v128.store(eta + (<usize>i << 3), start);
  for (; i < n; i++) store<f64>(eta + (<usize>i << 3), b0);
  for (let c = 0; c < count; c++) {
    const k = load<i32>(cols + (<usize>c << 2));
    const xk = x + <usize>k * colBytes;
    const bk = load<f64>(beta + (<usize>k << 3));
    const bv = f64x2.splat(bk);
    i = 0;
    for (; i + 1 < n; i += 2) {
      const o = <usize>i << 3;
      v128.store(eta + o, f64x2.add(v128.load(eta + o), f64x2.mul(bv, v128.load(xk + o))));
    }
    for (; i < n; i++) {
      const o = <usize>i << 3;
      store<f64>(eta + o, load<f64>(eta + o) + bk * load<f64>(xk + o));
    }
  }
}
