// Discretisation + first-order features on the IBSI CT phantom ROI (GTV-1, 125,256 voxels), default
// settings (binWidth 25). Run after `npm run build`: node bench/firstorder.js
import { fileURLToPath } from 'node:url';
import { readImage } from '../dist/io/index.js';
import { checkParams } from '../dist/settings/index.js';
import { prepareCase, textureInput } from '../dist/preprocess/index.js';
import { firstorder } from '../dist/features/firstorder.js';
import { WasmArena } from '../dist/wasm/arena.js';

const data = (...p) => fileURLToPath(new URL(`../../shared/data/${p.join('/')}`, import.meta.url));
const image = readImage(data('ibsi', 'ct_phantom', 'phantom.nii.gz'));
const mask = readImage(data('ibsi', 'ct_phantom', 'mask.nii.gz'));
const settings = checkParams({}).setting;
const arena = new WasmArena();

const t0 = performance.now();
const prepared = prepareCase(image, mask, settings, { arena });
const prepareMs = performance.now() - t0;
const enabled = [...firstorder.defaultFeatures];

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const runs = 15;
const discretize = [];
const features = [];
let roi;
for (let i = 0; i < runs + 2; i++) {
  arena.reset();
  const a = performance.now();
  roi = textureInput(prepared, settings, arena);
  const b = performance.now();
  firstorder.compute(roi, { settings, arena, enabled });
  const c = performance.now();
  if (i >= 2) {
    discretize.push(b - a);
    features.push(c - b);
  }
}
const d = median(discretize), f = median(features);
const voxels = roi.voxelCount;
console.log(`IBSI CT phantom: ${voxels} ROI voxels, bounding box ${roi.size.join('x')}, ${roi.grayLevels.length} gray levels (binWidth 25); median of ${runs} runs`);
console.log('| step | ms | ROI voxels/s |');
console.log('|---|---|---|');
console.log(`| mask checks (once, whole 204x201x60 image) | ${prepareMs.toFixed(1)} | |`);
console.log(`| crop + discretise (wasm kernel) | ${d.toFixed(2)} | ${(voxels / (d / 1000) / 1e6).toFixed(1)} M |`);
console.log(`| 18 first-order features | ${f.toFixed(2)} | ${(voxels / (f / 1000) / 1e6).toFixed(1)} M |`);
console.log(`| discretise + first-order | ${(d + f).toFixed(2)} | ${(voxels / ((d + f) / 1000) / 1e6).toFixed(1)} M |`);
