// Shape (3D) feature time: the IBSI CT phantom ROI, a ~200k-voxel clinical ROI (STS_016) and a synthetic
// ~200k-voxel ellipsoid. Run after `npm run build`: node bench/shape.js
import { fileURLToPath } from 'node:url';
import { readImage } from '../dist/io/index.js';
import { computeShape, meshFromMask, SHAPE_FEATURES } from '../dist/features/shape.js';
import { meshDiameters } from '../dist/features/shape-diameters.js';

const data = (...p) => fileURLToPath(new URL(`../../shared/data/${p.join('/')}`, import.meta.url));

function cropToLabel(volume) {
  const [nx, ny] = volume.size;
  const lo = [Infinity, Infinity, Infinity], hi = [-1, -1, -1];
  for (let k = 0; k < volume.data.length; k++) {
    if (Number(volume.data[k]) !== 1) continue;
    const p = [k % nx, Math.floor(k / nx) % ny, Math.floor(k / (nx * ny))];
    for (let a = 0; a < 3; a++) [lo[a], hi[a]] = [Math.min(lo[a], p[a]), Math.max(hi[a], p[a])];
  }
  const size = [0, 1, 2].map((a) => hi[a] - lo[a] + 1);
  const mask = new Uint8Array(size[0] * size[1] * size[2]);
  let k = 0, voxelCount = 0;
  for (let z = lo[2]; z <= hi[2]; z++)
    for (let y = lo[1]; y <= hi[1]; y++)
      for (let x = lo[0]; x <= hi[0]; x++) voxelCount += mask[k++] = Number(volume.data[x + nx * (y + ny * z)]) === 1 ? 1 : 0;
  return { size, spacing: volume.spacing, mask, voxelCount };
}

function ellipsoid(radii, spacing) {
  const size = radii.map((r) => 2 * Math.ceil(r) + 1);
  const mask = new Uint8Array(size[0] * size[1] * size[2]);
  let k = 0, voxelCount = 0;
  for (let z = 0; z < size[2]; z++)
    for (let y = 0; y < size[1]; y++)
      for (let x = 0; x < size[0]; x++) {
        const d = [x, y, z].map((v, a) => (v - (size[a] - 1) / 2) / radii[a]);
        voxelCount += mask[k++] = d[0] ** 2 + d[1] ** 2 + d[2] ** 2 <= 1 ? 1 : 0;
      }
  return { size, spacing, mask, voxelCount };
}

// Median over runs of the process CPU time (user + system, all threads), less disturbed than wall time
// on a shared machine, and of the wall time.
function median(fn, runs) {
  const cpu = [], wall = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage(), t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const mid = (a) => a.sort((x, y) => x - y)[Math.floor(runs / 2)].toFixed(1);
  return `${mid(cpu)} / ${mid(wall)}`;
}

const cases = [
  ['IBSI CT phantom GTV', cropToLabel(readImage(data('ibsi', 'ct_phantom', 'mask.nii.gz')))],
  ['STS_016 GTV', cropToLabel(readImage(data('sts', 'ct', 'STS_016_mask.nii.gz')))],
  ['ellipsoid 60x45x25 mm-voxels', ellipsoid([60, 45, 25], [0.977, 0.977, 1])],
];

const rows = [];
for (const [name, roi] of cases) {
  const first = median(() => computeShape(roi, SHAPE_FEATURES), 1); // first call: JIT (compiler threads count as CPU)
  for (let i = 0; i < 10; i++) computeShape(roi, SHAPE_FEATURES);
  const total = median(() => computeShape(roi, SHAPE_FEATURES), 21);
  let mesh;
  const meshMs = median(() => (mesh = meshFromMask(roi)), 21);
  const [sx, sy, sz] = roi.spacing;
  const diamMs = median(() => meshDiameters(mesh.lines, sz, sy, sx), 21);
  rows.push({ ROI: name, voxels: roi.voxelCount, bbox: roi.size.join('x'), 'first call': first, 'all 14 cpu/wall ms': total, 'mesh': meshMs, 'diameters': diamMs });
}
console.table(rows);
console.log('ms as CPU / wall, medians of 21 runs after warm-up; single thread');
