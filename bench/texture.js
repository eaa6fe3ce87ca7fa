// Texture-class benchmark: kernel (matrix) and feature time per class on the IBSI CT phantom ROI
// (125k voxels, binWidth 25) and on a ~200k-voxel synthetic sphere, as ms and ROI voxels/s, plus the
// plain-TypeScript GLCM kernel for comparison. Run after `npm run build`: node bench/texture.js
import { fileURLToPath } from 'node:url';
import { readImage } from '../dist/io/index.js';
import { WasmArena } from '../dist/wasm/arena.js';
import { DEFAULT_SETTINGS } from '../dist/settings/types.js';
import { featureClasses } from '../dist/features/registry.js';
import { anglesFromSettings } from '../dist/features/angles.js';
import { glcmCounts } from '../dist/features/glcm.js';
import { glrlmCounts } from '../dist/features/glrlm.js';
import { glcmCountsReference } from '../dist/features/glcm-ts-reference.js';

const TEXTURE_CLASSES = ['glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'];
const REPEATS = 7;
const settings = { ...DEFAULT_SETTINGS, binWidth: 25 };

/**
 * Median CPU time (user + system) in ms over REPEATS runs after two warm-up runs. Everything timed is
 * single-threaded, so this equals wall time on an idle core and stays stable on a busy shared machine.
 */
function time(fn) {
  fn();
  fn();
  const runs = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = process.cpuUsage();
    fn();
    const used = process.cpuUsage(t0);
    runs.push((used.user + used.system) / 1000);
  }
  runs.sort((a, b) => a - b);
  return runs[REPEATS >> 1];
}

/** Crops to the mask's bounding box and bins as pyradiomics' binWidth: floor(x/W) - floor(min/W) + 1. */
function discretizedRoi(arena, data, mask, size, spacing, binWidth) {
  const [nx, ny] = size;
  const lo = [Infinity, Infinity, Infinity], hi = [-1, -1, -1];
  let min = Infinity;
  for (let k = 0; k < mask.length; k++) {
    if (!mask[k]) continue;
    const p = [k % nx, Math.floor(k / nx) % ny, Math.floor(k / (nx * ny))];
    for (let a = 0; a < 3; a++) (lo[a] = Math.min(lo[a], p[a])), (hi[a] = Math.max(hi[a], p[a]));
    min = Math.min(min, data[k]);
  }
  const box = [0, 1, 2].map((a) => hi[a] - lo[a] + 1);
  const bins = new Int32Array(box[0] * box[1] * box[2]);
  const floorMin = Math.floor(min / binWidth);
  let i = 0, voxelCount = 0;
  for (let z = lo[2]; z <= hi[2]; z++) for (let y = lo[1]; y <= hi[1]; y++) for (let x = lo[0]; x <= hi[0]; x++, i++) {
    const k = x + nx * (y + ny * z);
    if (mask[k]) (bins[i] = Math.floor(data[k] / binWidth) - floorMin + 1), voxelCount++;
  }
  const grayLevels = [...new Set(bins)].filter((b) => b > 0).sort((a, b) => a - b);
  const binsPtr = arena.put(bins, 'benchmark ROI bins');
  return { size: box, spacing, binsPtr, bins: arena.view(Int32Array, binsPtr, bins.length), values: new Float64Array(0), voxelCount, ng: grayLevels.at(-1), grayLevels };
}

function ctPhantomRoi(arena) {
  const dir = fileURLToPath(new URL('../../shared/data/ibsi/ct_phantom/', import.meta.url));
  const image = readImage(dir + 'phantom.nii.gz');
  const mask = readImage(dir + 'mask.nii.gz');
  return discretizedRoi(arena, image.data, mask.data, image.size, image.spacing, 25);
}

/** A sphere of radius 36.5 voxels (~204k voxels) with a smooth pattern plus noise, about 40 bins of width 25. */
function syntheticRoi(arena) {
  const n = 75, c = 37, r2 = 36.5 * 36.5;
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const data = new Float64Array(n * n * n), mask = new Uint8Array(n * n * n);
  for (let z = 0, k = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, k++) {
    mask[k] = (x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 <= r2 ? 1 : 0;
    data[k] = 500 + 250 * Math.sin(x / 6) * Math.cos(y / 9) + 150 * Math.sin(z / 5) + 120 * (random() - 0.5);
  }
  return discretizedRoi(arena, data, mask, [n, n, n], [1, 1, 1], 25);
}

function benchRoi(name, roi, arena) {
  const ctx = (cls) => ({ settings, arena, enabled: [...featureClasses[cls].defaultFeatures] });
  const rows = [];
  const kernels = {
    glcm: () => glcmCounts(roi, anglesFromSettings(roi.size, settings), arena),
    glrlm: () => glrlmCounts(roi, anglesFromSettings(roi.size, settings, { distances: [1] }), arena),
  };
  let sum = 0;
  for (const cls of TEXTURE_CLASSES) {
    if (!featureClasses[cls]) continue;
    const total = time(() => featureClasses[cls].compute(roi, ctx(cls)));
    const kernel = kernels[cls] ? time(kernels[cls]) : NaN;
    sum += total;
    rows.push({ class: cls, kernel, features: total - kernel, total });
  }
  const offsets = anglesFromSettings(roi.size, settings);
  const bins = arena.view(Int32Array, roi.binsPtr, roi.size[0] * roi.size[1] * roi.size[2]); // re-taken: memory may have grown
  const tsKernel = time(() => glcmCountsReference(bins, roi.size, roi.grayLevels, offsets));
  rows.push({ class: 'glcm kernel, plain TS', kernel: tsKernel, features: NaN, total: NaN });
  const classes = rows.filter((r) => TEXTURE_CLASSES.includes(r.class)).length;
  rows.push({ class: `all ${classes} classes`, kernel: NaN, features: NaN, total: sum });

  const fmt = (ms) => (Number.isFinite(ms) ? ms.toFixed(2).padStart(9) : '        -');
  const rate = (ms) => (Number.isFinite(ms) ? ((roi.voxelCount / ms) * 1000 / 1e6).toFixed(1).padStart(8) : '       -');
  console.log(`\n${name}: ${roi.voxelCount} ROI voxels, box ${roi.size.join('x')}, ${roi.grayLevels.length} gray levels (CPU ms, median of ${REPEATS})`);
  console.log('class                   kernel ms  feature ms   total ms   Mvox/s (kernel)  Mvox/s (total)');
  for (const r of rows) console.log(`${r.class.padEnd(22)} ${fmt(r.kernel)}   ${fmt(r.features)}  ${fmt(r.total)}   ${rate(r.kernel)}         ${rate(r.total)}`);
  const wasm = rows.find((r) => r.class === 'glcm').kernel;
  console.log(`GLCM kernel: WebAssembly ${(tsKernel / wasm).toFixed(1)}x faster than plain TypeScript`);
}

const arena = new WasmArena();
benchRoi('IBSI CT phantom (GTV-1, binWidth 25)', ctPhantomRoi(arena), arena);
benchRoi('Synthetic sphere (binWidth 25)', syntheticRoi(arena), arena);
