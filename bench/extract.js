// Whole-case extraction (all 107 default features, default settings, one thread) against pyradiomics'
// single-process figures from ../shared/docs/pyradiomics-parity.md: brain1 (4,137 ROI voxels) and
// synthetic spherical ROIs of about 7k, 56k and 191k voxels in a noisy 1 mm image.
// Run after `npm run build`: node bench/extract.js
import { fileURLToPath } from 'node:url';
import { readImage } from '../dist/io/index.js';
import { extract } from '../dist/extract.js';
import { Random } from '../dist/random.js';

const data = (...p) => fileURLToPath(new URL(`../../shared/data/${p.join('/')}`, import.meta.url));
const PYRADIOMICS = { brain1: 0.21, '7k': 0.21, '56k': 0.96, '191k': 2.7 }; // seconds, one process, 107 features

function sphereCase(radius) {
  const n = Math.ceil(2 * radius + 8);
  const rng = new Random(radius);
  const image = { data: new Int16Array(n * n * n), size: [n, n, n], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
  const mask = { ...image, data: new Uint8Array(n * n * n) };
  const c = (n - 1) / 2;
  for (let z = 0, i = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++, i++) {
    image.data[i] = Math.round(40 + 30 * Math.sin(x / 3) * Math.cos(y / 4) + rng.normal(0, 15) + z);
    mask.data[i] = (x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2 <= radius * radius ? 1 : 0;
  }
  return { image, mask };
}

const cases = {
  brain1: { image: readImage(data('pyradiomics', 'images', 'brain1_image.nrrd')), mask: readImage(data('pyradiomics', 'images', 'brain1_label.nrrd')) },
  '7k': sphereCase(11.9),
  '56k': sphereCase(23.7),
  '191k': sphereCase(35.7),
};
console.log(`all 107 default features per case, one thread, Node ${process.versions.node}; median of 5 after 2 warm-up runs`);
console.log('| case | ROI voxels | radiomics-wasm | pyradiomics | speed-up |');
console.log('|---|---|---|---|---|');
for (const [name, { image, mask }] of Object.entries(cases)) {
  const times = [];
  let voxels = 0;
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    const result = await extract(image, mask, {});
    if (r >= 2) times.push(performance.now() - t);
    voxels = result['diagnostics_Mask-original_VoxelNum'];
  }
  const ms = times.sort((a, b) => a - b)[2];
  console.log(`| ${name} | ${voxels.toLocaleString('en')} | ${ms.toFixed(0)} ms | ${PYRADIOMICS[name]} s | ${(PYRADIOMICS[name] * 1000 / ms).toFixed(0)}x |`);
}
