// GLCM MCC kernels (see src/features/glcm-mcc.ts): the symmetrised correlation matrix and its Householder
// tridiagonalisation, the O(n³) parts, as f64x2 loops over contiguous rows. All arrays are f64, row-major.

const EPS: f64 = 2.220446049250313e-16; // numpy's np.spacing(1), as pyradiomics adds it

/**
 * For the m active rows (indices i32 at activePtr) of the n×n matrix p with marginals px, py, writes
 *   S = ½ (D^½ Q D^-½ + transpose), Q(a,b) = Σ_k p(i_a,k) p(i_b,k) / (px(i_a) py(k) + ε), D = diag(px(i_a))
 * into s (m×m). scratch: 2·m·n f64 (the weighted rows and the plain rows of the active levels).
 */
export function glcmMccMatrix(pPtr: usize, n: i32, pxPtr: usize, pyPtr: usize, activePtr: usize, m: i32, scratchPtr: usize, sPtr: usize): void {
  const rowBytes = <usize>n << 3;
  const weighted = scratchPtr;
  const plain = scratchPtr + <usize>m * rowBytes;
  for (let a = 0; a < m; a++) {
    const i = load<i32>(activePtr + (<usize>a << 2));
    const px = load<f64>(pxPtr + (<usize>i << 3));
    const src = pPtr + <usize>i * rowBytes;
    for (let k = 0; k < n; k++) {
      const v = load<f64>(src + (<usize>k << 3));
      store<f64>(plain + <usize>a * rowBytes + (<usize>k << 3), v);
      store<f64>(weighted + <usize>a * rowBytes + (<usize>k << 3), v / (px * load<f64>(pyPtr + (<usize>k << 3)) + EPS));
    }
  }
  // Q(a,b) = <weighted row a, plain row b>, stored in s, then symmetrised in place.
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) store<f64>(sPtr + ((<usize>a * m + b) << 3), dot(weighted + <usize>a * rowBytes, plain + <usize>b * rowBytes, n));
  }
  for (let a = 0; a < m; a++) {
    const ra = Math.sqrt(load<f64>(pxPtr + (<usize>load<i32>(activePtr + (<usize>a << 2)) << 3)));
    for (let b = a; b < m; b++) {
      const rb = Math.sqrt(load<f64>(pxPtr + (<usize>load<i32>(activePtr + (<usize>b << 2)) << 3)));
      const ab = sPtr + ((<usize>a * m + b) << 3);
      const ba = sPtr + ((<usize>b * m + a) << 3);
      const value = 0.5 * ((load<f64>(ab) * ra) / rb + (load<f64>(ba) * rb) / ra);
      store<f64>(ab, value);
      store<f64>(ba, value);
    }
  }
}

/**
 * Householder reduction of the symmetric m×m matrix at aPtr (destroyed) to tridiagonal form with the same
 * eigenvalues: diagonal d (m), off-diagonal e (m - 1). v, w: m f64 scratch each.
 */
export function glcmTridiagonalise(aPtr: usize, m: i32, vPtr: usize, wPtr: usize, dPtr: usize, ePtr: usize): void {
  const rowBytes = <usize>m << 3;
  for (let k = 0; k < m - 2; k++) {
    const below = k + 1;
    let norm: f64 = 0;
    for (let i = below; i < m; i++) {
      const x = load<f64>(aPtr + <usize>i * rowBytes + (<usize>k << 3));
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm == 0) {
      store<f64>(ePtr + (<usize>k << 3), 0);
      continue;
    }
    const x0 = load<f64>(aPtr + <usize>below * rowBytes + (<usize>k << 3));
    const alpha = x0 > 0 ? -norm : norm; // (I - β v vᵀ) x = α e₁
    let vNorm2: f64 = 0;
    for (let i = below; i < m; i++) {
      let x = load<f64>(aPtr + <usize>i * rowBytes + (<usize>k << 3));
      if (i == below) x -= alpha;
      store<f64>(vPtr + (<usize>i << 3), x);
      vNorm2 += x * x;
    }
    store<f64>(ePtr + (<usize>k << 3), alpha);
    if (vNorm2 == 0) continue;
    const beta = 2 / vNorm2;
    // w = β A v, w -= (β/2)(wᵀv) v, then A -= v wᵀ + w vᵀ on the trailing block.
    const len = m - below;
    const vTail = vPtr + (<usize>below << 3);
    const wTail = wPtr + (<usize>below << 3);
    let wv: f64 = 0;
    for (let i = below; i < m; i++) {
      const wi = beta * dot(aPtr + <usize>i * rowBytes + (<usize>below << 3), vTail, len);
      store<f64>(wPtr + (<usize>i << 3), wi);
      wv += wi * load<f64>(vPtr + (<usize>i << 3));
    }
    const correction = 0.5 * beta * wv;
    for (let i = below; i < m; i++) {
      const p = wPtr + (<usize>i << 3);
      store<f64>(p, load<f64>(p) - correction * load<f64>(vPtr + (<usize>i << 3)));
    }
    for (let i = below; i < m; i++) {
      rankTwoUpdate(aPtr + <usize>i * rowBytes + (<usize>below << 3), vTail, wTail, load<f64>(vPtr + (<usize>i << 3)), load<f64>(wPtr + (<usize>i << 3)), len);
    }
  }
  for (let i = 0; i < m; i++) store<f64>(dPtr + (<usize>i << 3), load<f64>(aPtr + <usize>i * rowBytes + (<usize>i << 3)));
  if (m >= 2) store<f64>(ePtr + (<usize>(m - 2) << 3), load<f64>(aPtr + <usize>(m - 1) * rowBytes + (<usize>(m - 2) << 3)));
}

// Σ x[k] y[k], two lanes at a time.
function dot(x: usize, y: usize, n: i32): f64 {
  let acc = f64x2.splat(0);
  let k = 0;
  for (; k + 2 <= n; k += 2) acc = f64x2.add(acc, f64x2.mul(v128.load(x + (<usize>k << 3)), v128.load(y + (<usize>k << 3))));
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; k < n; k++) sum += load<f64>(x + (<usize>k << 3)) * load<f64>(y + (<usize>k << 3));
  return sum;
}

// row[j] -= vi·w[j] + wi·v[j] for j < n.
@inline
function rankTwoUpdate(row: usize, v: usize, w: usize, vi: f64, wi: f64, n: i32): void {
  const viVec = f64x2.splat(vi);
  const wiVec = f64x2.splat(wi);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const p = row + (<usize>j << 3);
    const update = f64x2.add(f64x2.mul(viVec, v128.load(w + (<usize>j << 3))), f64x2.mul(wiVec, v128.load(v + (<usize>j << 3))));
    v128.store(p, f64x2.sub(v128.load(p), update));
  }
  for (; j < n; j++) {
    const p = row + (<usize>j << 3);
    store<f64>(p, load<f64>(p) - (vi * load<f64>(w + (<usize>j << 3)) + wi * load<f64>(v + (<usize>j << 3))));
  }
}
