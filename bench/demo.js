// Wall time of `npm start` (radiomics demo) from nothing: simulation, extraction of 124 + 70 masks, and
// the study's modelling and report, on a fresh output folder; then a second run reusing the cache.
// Run after `npm run build`: node bench/demo.js
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../dist/cli/demo.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-demo-'));
const t0 = performance.now();
const first = await runDemo({ output: dir, quiet: true });
const cold = (performance.now() - t0) / 1000;
const t1 = performance.now();
await runDemo({ output: dir, quiet: true });
const warm = (performance.now() - t1) / 1000;
rmSync(dir, { recursive: true, force: true });
console.log(`radiomics demo (124 simulated patients, ${availableParallelism()} cores, Node ${process.versions.node})`);
console.log('| run | wall time |');
console.log('|---|---|');
console.log(`| first (simulate + extract + study) | ${cold.toFixed(1)} s |`);
console.log(`| again (cohort and features cached) | ${warm.toFixed(1)} s |`);
console.log(`\n${first.table}`);
