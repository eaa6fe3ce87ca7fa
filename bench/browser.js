// Browser vs Node: extraction time for the IBSI CT phantom (phantom.nii.gz + mask.nii.gz, default
// settings, all 107 features) in one run: in-process in Node, through a Node worker_threads engine, and
// through the offline page's Web Worker in Debian's Chromium (playwright-core), also with additionalInfo: false. Wall time, median of 7
// after 2 warm-up runs; the worker rows include copying the 9.8 MB volume to the worker on every call.
// Run after `npm run build`: node bench/browser.js
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { extract, parseParams, readImage } from '../dist/index.js';
import { startNodeEngine } from '../dist/worker.js';
import { startAppServer } from '../dist/cli/app.js';

const DATA = fileURLToPath(new URL('../../shared/data/ibsi/ct_phantom/', import.meta.url));
const IMAGE = DATA + 'phantom.nii.gz', MASK = DATA + 'mask.nii.gz';
const WARMUP = 2, REPEATS = 7;

async function median(fn) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const runs = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    await fn();
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return { median: runs[REPEATS >> 1], min: runs[0] };
}

const image = readImage(IMAGE), mask = readImage(MASK);
const rows = [];
let reference;
// additionalInfo: false leaves out the diagnostics (SHA-1 of image and mask, whole-image summaries), as in pyradiomics
const NO_DIAGNOSTICS = 'setting:\n  additionalInfo: false\n';
rows.push(['Node, in-process extract()', await median(async () => (reference = await extract(image, mask)))]);
rows.push(['Node, in-process, additionalInfo: false', await median(() => extract(image, mask, parseParams(NO_DIAGNOSTICS)))]);

const node = startNodeEngine();
try {
  rows.push(['Node worker_threads engine (comlink)', await median(() => node.engine.extract(image, mask))]);
} finally {
  await node.close();
}

const app = await startAppServer({ port: 0 });
const profile = mkdtempSync(join(tmpdir(), 'bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  headless: true,
});
let browserVersion;
try {
  browserVersion = context.browser()?.version();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(app.url);
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Ready'));
  await page.setInputFiles('[data-testid=image-input]', IMAGE);
  await page.setInputFiles('[data-testid=mask-input]', MASK);
  // in the page: decode both files in its worker once, then time engine.extract round trips
  const results = await page.evaluate(async ({ warmup, repeats, noDiagnostics }) => {
    const engine = window.__engine;
    const files = async (id) => Promise.all(Array.from(document.getElementById(id).files).map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const img = await engine.readImage(await files('image-input'));
    const msk = await engine.readMask(await files('mask-input'));
    const time = async (params) => {
      let features;
      for (let i = 0; i < warmup; i++) features = await engine.extract(img, msk, params);
      const runs = [];
      for (let i = 0; i < repeats; i++) {
        const t0 = performance.now();
        features = await engine.extract(img, msk, params);
        runs.push(performance.now() - t0);
      }
      runs.sort((a, b) => a - b);
      return { median: runs[repeats >> 1], min: runs[0], features };
    };
    return [await time(undefined), await time(noDiagnostics)];
  }, { warmup: WARMUP, repeats: REPEATS, noDiagnostics: NO_DIAGNOSTICS });
  const [result, resultNoDiagnostics] = results;
  rows.push([`Chromium ${browserVersion} Web Worker (the page's engine)`, result]);
  rows.push([`Chromium ${browserVersion} Web Worker, additionalInfo: false`, resultNoDiagnostics]);
  // same numbers in both: the comparison is of the same work
  const names = Object.keys(reference).filter((k) => k.startsWith('original_'));
  const worst = Math.max(...names.map((k) => (reference[k] === result.features[k] ? 0 : Math.abs(result.features[k] - reference[k]) / Math.abs(reference[k]))));
  rows.at(-2).push(`${names.length} features, max relative difference to Node ${worst.toExponential(1)}`);
} finally {
  await context.close();
  await app.close();
  rmSync(profile, { recursive: true, force: true });
}

const roi = mask.data.reduce((n, v) => n + (v ? 1 : 0), 0);
console.log(`IBSI CT phantom ${image.size.join('x')}, ROI ${roi} voxels, default settings (binWidth 25), Node ${process.versions.node}`);
console.log('| where | median ms | min ms | vs Node in-process |');
console.log('|---|---|---|---|');
for (const [name, t] of rows) console.log(`| ${name} | ${t.median.toFixed(1)} | ${t.min.toFixed(1)} | ${(t.median / rows[0][1].median).toFixed(2)}x |`);
for (const row of rows) if (row[2]) console.log(`(${row[2]})`);
