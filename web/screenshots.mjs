// Writes docs/screenshots/page-before.png and page-after.png: the page with a case and a study model
// chosen, then after Run. Usage (after `npm run build`):
//   node web/screenshots.mjs [model.json [image mask [name=value ...]]]
// Without a model.json it runs the demo study on a small simulated cohort first (about a minute); the
// case defaults to brain1 and clinical values to the first level (categorical) or 1 (numeric).
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startAppServer } from '../dist/cli/app.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = join(root, '..', 'shared', 'data', 'pyradiomics', 'images');
const out = join(root, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });

let modelPath = process.argv[2];
if (!modelPath) {
  const { runDemo } = await import('../dist/cli/demo.js');
  const dir = mkdtempSync(join(tmpdir(), 'screenshots-'));
  await runDemo({ output: dir, ivl: 12, lm: 20, seed: 7, jobs: 1, quiet: true });
  modelPath = join(dir, 'model.json');
}
const model = JSON.parse(readFileSync(modelPath, 'utf8'));
const [image, mask] = process.argv[4] ? [process.argv[3], process.argv[4]] : [join(data, 'brain1_image.nrrd'), join(data, 'brain1_label.nrrd')];
const given = Object.fromEntries(process.argv.slice(5).map((p) => p.split('=')));

const app = await startAppServer({ port: 0 });
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-')), {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  headless: true,
  viewport: { width: 1360, height: 940 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(app.url);
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Ready'));
  await page.setInputFiles('[data-testid=image-input]', image);
  await page.setInputFiles('[data-testid=mask-input]', mask);
  await page.setInputFiles('[data-testid=model-input]', modelPath);
  // one plausible value per clinical variable: the first level, or 1
  for (const v of model.clinical.variables) {
    const field = page.locator(`[data-testid="clinical-${v.name}"]`);
    if (v.kind === 'categorical') await field.selectOption(given[v.name] ?? v.levels[0]);
    else await field.fill(given[v.name] ?? '1');
  }
  await page.screenshot({ path: join(out, 'page-before.png') });
  await page.click('[data-testid=run]');
  await page.waitForSelector('[data-testid=probability]', { timeout: 120_000 });
  await page.fill('[data-testid=features-filter]', 'glcm');
  await page.screenshot({ path: join(out, 'page-after.png'), fullPage: true });
  console.log(`wrote ${out}/page-before.png and page-after.png`);
} finally {
  await context.close();
  await app.close();
}
