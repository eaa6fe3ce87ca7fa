// Resampling benchmark: pyradiomics-style resampling (image + mask) per interpolator on brain1 (to 2 mm) and
// the largest STS ROI (STS_020, to 3 mm and 1 mm), and the WebAssembly B-spline against the same algorithm
// in plain JavaScript (coefficients line by line, then 64-term sums). Run after `npm run build`:
//   node bench/resample.js
import { readImage } from '../dist/io/index.js';
import { DEFAULT_SETTINGS } from '../dist/settings/types.js';
import { resampleImageAndMask, resamplingGrid, labelBoundingBox } from '../dist/preprocess/resample.js';
import { pointToIndexMatrix, indexToPointMatrix } from '../dist/preprocess/resample-grid.js';

const DATA = new URL('../../shared/data/', import.meta.url).pathname;

function time(fn, repeats = 3) {
  fn();
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Plain-JS cubic B-spline: mirror-boundary coefficients per line (exact initial sum), then Σ w·c over 4³. */
function bsplineJs(image, grid) {
  const [nx, ny, nz] = image.size;
  const c = Float64Array.from(image.data);
  const z = Math.sqrt(3) - 2;
  const line = (base, stride, n) => {
    if (n < 2) return;
    for (let i = 0; i < n; i++) c[base + i * stride] *= (1 - z) * (1 - 1 / z);
    let sum = 0;
    for (let i = 0, zn = 1; i < Math.min(n, 18); i++, zn *= z) sum += zn * c[base + i * stride];
    c[base] = sum;
    for (let i = 1; i < n; i++) c[base + i * stride] += z * c[base + (i - 1) * stride];
    const last = base + (n - 1) * stride;
    c[last] = (z / (z * z - 1)) * (z * c[last - stride] + c[last]);
    for (let i = n - 2; i >= 0; i--) c[base + i * stride] = z * (c[base + (i + 1) * stride] - c[base + i * stride]);
  };
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) line(nx * (j + ny * k), 1, nx);
  for (let k = 0; k < nz; k++) for (let i = 0; i < nx; i++) line(i + nx * ny * k, nx, ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) line(i + nx * j, nx * ny, nz);
  const m = indexToPointMatrix(grid.direction, grid.spacing), inv = pointToIndexMatrix(image.direction, image.spacing);
  const mirror = (k, n) => { const p = 2 * n - 2; let r = Math.abs(k) % p; return r >= n ? p - r : r; };
  const weights = (t) => { const w3 = t * t * t / 6, w0 = 1 / 6 + 0.5 * t * (t - 1) - w3, w2 = t + w0 - 2 * w3; return [w0, 1 - w0 - w2 - w3, w2, w3]; };
  const out = new Float64Array(grid.size[0] * grid.size[1] * grid.size[2]);
  let o = 0;
  for (let k = 0; k < grid.size[2]; k++) for (let j = 0; j < grid.size[1]; j++) for (let i = 0; i < grid.size[0]; i++, o++) {
    const d = [0, 1, 2].map((r) => grid.origin[r] + m[3 * r] * i + m[3 * r + 1] * j + m[3 * r + 2] * k - image.origin[r]);
    const ci = [0, 1, 2].map((r) => inv[3 * r] * d[0] + inv[3 * r + 1] * d[1] + inv[3 * r + 2] * d[2]);
    if (ci.some((v, a) => !(v >= -0.5 && v < image.size[a] - 0.5))) continue;
    const f = ci.map(Math.floor), w = ci.map((v, a) => weights(v - f[a]));
    let v = 0;
    for (let c2 = 0; c2 < 4; c2++) for (let c1 = 0; c1 < 4; c1++) for (let c0 = 0; c0 < 4; c0++) {
      const idx = mirror(f[0] - 1 + c0, nx) + nx * (mirror(f[1] - 1 + c1, ny) + ny * mirror(f[2] - 1 + c2, nz));
      v += w[0][c0] * w[1][c1] * w[2][c2] * c[idx];
    }
    out[o] = v;
  }
  return out;
}

const cases = [
  ['brain1 -> 2 mm', 'pyradiomics/images/brain1_image.nrrd', 'pyradiomics/images/brain1_label.nrrd', [2, 2, 2]],
  ['STS_020 -> 3 mm', 'sts/ct/STS_020_image.nii.gz', 'sts/ct/STS_020_mask.nii.gz', [3, 3, 3]],
  ['STS_020 -> 1 mm', 'sts/ct/STS_020_image.nii.gz', 'sts/ct/STS_020_mask.nii.gz', [1, 1, 1]],
];
console.log('| case | input | output | B-spline ms (image + mask) | linear ms | nearest ms | plain-JS B-spline ms (image) | JS / wasm |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [name, imagePath, maskPath, spacing] of cases) {
  const image = readImage(DATA + imagePath), mask = readImage(DATA + maskPath);
  const settings = { ...DEFAULT_SETTINGS, resampledPixelSpacing: spacing };
  const ms = {};
  let size;
  for (const interpolator of ['sitkBSpline', 'sitkLinear', 'sitkNearestNeighbor']) {
    ms[interpolator] = time(() => (size = resampleImageAndMask(image, mask, { ...settings, interpolator }).image.size));
  }
  const grid = resamplingGrid(mask, labelBoundingBox(mask, 1), spacing, 5);
  const js = time(() => bsplineJs(image, grid), 1);
  console.log(`| ${name} | ${image.size.join('x')} | ${size.join('x')} | ${ms.sitkBSpline.toFixed(0)} | ${ms.sitkLinear.toFixed(0)} | ${ms.sitkNearestNeighbor.toFixed(0)} | ${js.toFixed(0)} | ${(js / ms.sitkBSpline).toFixed(1)}x |`);
}
