// The offline page in Debian's Chromium: brain1 through the page's worker must give every feature of
// `radiomics extract` on the same files (relative 1e-12), and no request may leave the page's origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { PAGE_DIR } from '../../src/cli/app.js';
import { runDemo } from '../../src/cli/demo.js';
import { MODEL_NAMES, parseModelFile } from '../../src/study/model-file.js';
import { dataPath, expectClose, readBaseline } from '../helpers.js';
import { foreignRequests, openPage, type PageSession } from './browser.js';

const run = promisify(execFile);
const CLI = new URL('../../bin/radiomics.js', import.meta.url).pathname;
const IMAGE = dataPath('pyradiomics/images/brain1_image.nrrd');
const MASK = dataPath('pyradiomics/images/brain1_label.nrrd');

/** `radiomics extract` JSON (NaN/Infinity are null there). */
async function cliExtract(image: string, mask: string): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [CLI, 'extract', image, mask], { maxBuffer: 1 << 24 });
  return JSON.parse(stdout);
}

describe('offline page (Chromium)', () => {
  let s: PageSession;
  beforeAll(async () => {
    if (!existsSync(`${PAGE_DIR}index.html`)) throw new Error(`${PAGE_DIR}: page not built; run \`npm run build\``);
    s = await openPage();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('extracts brain1 in the browser with every feature equal to `radiomics extract`', async () => {
    const { page } = s;
    await page.setInputFiles('[data-testid=image-input]', IMAGE);
    await page.setInputFiles('[data-testid=mask-input]', MASK);
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-testid=features-table] tbody tr', { timeout: 120_000 });
    const result = await page.evaluate(() => window.__lastResult!.features);
    const expected = await cliExtract(IMAGE, MASK);
    const names = Object.keys(expected).filter((k) => k.startsWith('original_'));
    expect(names.length).toBe(107);
    expect(Object.keys(result).filter((k) => k.startsWith('original_')).sort()).toEqual([...names].sort());
    for (const k of names) {
      const want = expected[k] === null ? NaN : (expected[k] as number);
      expectClose(result[k] as number, want, 1e-12, k);
    }
    // the browser's SHA-1 path (crypto.subtle, mask as uint32) gives pyradiomics' image and mask hashes
    const baseline = readBaseline('firstorder');
    for (const k of ['diagnostics_Image-original_Hash', 'diagnostics_Mask-original_Hash']) expect(result[k], k).toBe(baseline.brain1[k]);
    // the table shows each feature once, the exact value in its title
    const cells = await page.$$eval('[data-testid=features-table] tbody tr', (rows) => rows.map((r) => [(r as HTMLElement).dataset.feature!, (r as HTMLTableRowElement).cells[2].title]));
    expect(cells.length).toBe(107);
    for (const [k, title] of cells) expect(Number(title)).toBe(result[k]);
    // the viewer shows the slice with the largest ROI area
    expect(await page.textContent('#slice-info')).toMatch(/^slice \d+ \/ 25 .* ROI \d+ voxels on this slice$/);
    expect(s.errors).toEqual([]);
    expect(foreignRequests(s)).toEqual([]);
  });

  it('takes files dropped on the image and mask zones', async () => {
    const { page } = s;
    const before = await page.evaluate(() => window.__lastResult!.features);
    for (const [zone, path] of [['#image-zone', IMAGE], ['#mask-zone', MASK]] as const) {
      const dataTransfer = await page.evaluateHandle(({ name, base64 }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name));
        return dt;
      }, { name: path.split('/').pop()!, base64: readFileSync(path).toString('base64') });
      await page.dispatchEvent(zone, 'drop', { dataTransfer });
    }
    expect(await page.$eval('[data-testid=image-input]', (el) => (el as HTMLInputElement).files![0].name)).toBe('brain1_image.nrrd');
    expect(await page.$eval('[data-testid=mask-input]', (el) => (el as HTMLInputElement).files![0].name)).toBe('brain1_label.nrrd');
    await page.evaluate(() => (window.__lastResult = undefined));
    await page.click('[data-testid=run]');
    await page.waitForFunction(() => window.__lastResult, undefined, { timeout: 120_000 });
    expect(await page.evaluate(() => window.__lastResult!.features)).toEqual(before);
  });

  it('downloads the features as CSV with the cells of `radiomics extract --format csv`', async () => {
    const { page } = s;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-csv]')]);
    expect(download.suggestedFilename()).toBe('brain1_image_features.csv');
    const csv = parse(readFileSync((await download.path())!), { columns: true }) as Record<string, string>[];
    const cli = parse((await run(process.execPath, [CLI, 'extract', IMAGE, MASK, '--format', 'csv'])).stdout, { columns: true }) as Record<string, string>[];
    expect(csv.length).toBe(1);
    expect(csv[0].Image).toBe('brain1_image.nrrd');
    expect(csv[0].Mask).toBe('brain1_label.nrrd');
    const names = Object.keys(cli[0]).filter((k) => k.startsWith('original_'));
    expect(names.length).toBe(107);
    const shown = await page.evaluate(() => window.__lastResult!.features);
    for (const k of names) {
      expect(Number(csv[0][k]), k).toBe(shown[k]); // full precision in the file
      expectClose(Number(csv[0][k]), Number(cli[0][k]), 1e-12, k);
    }
  });

  it('reads a DICOM series and an RTSTRUCT in the browser with the features of `radiomics extract --roi`', async () => {
    const { page } = s;
    const dir = dataPath('sts/dicom/STS_019');
    const slices = readdirSync(`${dir}/CT`).map((f) => `${dir}/CT/${f}`);
    await page.setInputFiles('[data-testid=image-input]', slices);
    await page.setInputFiles('[data-testid=mask-input]', `${dir}/RTSTRUCT.dcm`);
    await page.fill('[data-testid=roi-input]', 'GTV_Mass_CT');
    await page.evaluate(() => (window.__lastResult = undefined));
    await page.click('[data-testid=run]');
    await page.waitForFunction(() => window.__lastResult, undefined, { timeout: 120_000 });
    const result = await page.evaluate(() => window.__lastResult!.features);
    const { stdout } = await run(process.execPath, [CLI, 'extract', `${dir}/CT`, `${dir}/RTSTRUCT.dcm`, '--roi', 'GTV_Mass_CT'], { maxBuffer: 1 << 24 });
    const expected = JSON.parse(stdout);
    expect(result['diagnostics_Mask-original_VoxelNum']).toBe(5564);
    const names = Object.keys(expected).filter((k) => k.startsWith('original_'));
    expect(names.length).toBe(107);
    for (const k of names) expectClose(result[k] as number, expected[k] === null ? NaN : expected[k], 1e-12, k);
    await page.fill('[data-testid=roi-input]', '');
    expect(foreignRequests(s)).toEqual([]);
  });

  it('shows a readable one-line error for a file that is not an image', async () => {
    const { page } = s;
    await page.setInputFiles('[data-testid=image-input]', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
    await page.setInputFiles('[data-testid=mask-input]', MASK);
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-testid=error]:not([hidden])');
    expect(await page.textContent('[data-testid=error]')).toBe('notes.txt: unsupported image format (NRRD .nrrd/.nhdr and NIfTI .nii/.nii.gz are supported)');
    expect(foreignRequests(s)).toEqual([]);
  });

  it('blocks requests to other origins (CSP), and the request log would catch one', async () => {
    // the page's Content-Security-Policy stops a request to another origin before it is sent
    const blocked = await s.page.evaluate(() => fetch('http://127.0.0.2:9/x').then(() => 'sent', (e) => String(e)));
    expect(blocked).toMatch(/TypeError/);
    expect(foreignRequests(s)).toEqual([]);
    // the same log records a foreign request from a page without that policy
    const other = await s.context.newPage();
    await other.evaluate(() => fetch('http://127.0.0.2:9/x').catch(() => undefined));
    expect(foreignRequests(s)).toEqual(['http://127.0.0.2:9/x']);
    await other.close();
    s.requests.splice(s.requests.indexOf('http://127.0.0.2:9/x'), 1);
  });
});

describe('offline page with a study model (Chromium)', () => {
  let s: PageSession;
  let dir: string;
  beforeAll(async () => {
    // a model.json written by the study code now: the demo study on a small simulated cohort
    dir = mkdtempSync(join(tmpdir(), 'page-model-'));
    await runDemo({ output: dir, ivl: 12, lm: 20, seed: 7, jobs: 1, quiet: true });
    s = await openPage();
  }, 600_000);
  afterAll(async () => {
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('scores a patient with model.json as `radiomics predict` does', async () => {
    const { page } = s;
    const modelPath = join(dir, 'model.json');
    const model = parseModelFile(readFileSync(modelPath, 'utf8'));
    const cohortDir = join(dir, 'simulated-cohort');
    const patient = (parse(readFileSync(join(cohortDir, 'cohort.csv')), { columns: true }) as Record<string, string>[])[2];
    const image = join(cohortDir, patient.Image), mask = join(cohortDir, patient.Mask);
    const clinical = Object.fromEntries(model.clinical.variables.map((v) => [v.name, patient[v.name]]));

    await page.setInputFiles('[data-testid=model-input]', modelPath);
    await expect.poll(() => page.isVisible('#simulated-banner')).toBe(true);
    expect(await page.textContent('#simulated-banner')).toBe('SIMULATED model — not for clinical use');
    for (const [name, value] of Object.entries(clinical)) {
      const field = page.locator(`[data-testid="clinical-${name}"]`);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
    await page.setInputFiles('[data-testid=image-input]', image);
    await page.setInputFiles('[data-testid=mask-input]', mask);
    await page.click('[data-testid=run]');
    await page.waitForSelector('[data-testid=probability]', { timeout: 120_000 });
    const got = await page.evaluate(() => window.__lastResult!.prediction!);

    const args = [CLI, 'predict', '--model', modelPath, image, mask, ...Object.entries(clinical).flatMap(([k, v]) => ['--clinical', `${k}=${v}`])];
    const want = JSON.parse((await run(process.execPath, args, { maxBuffer: 1 << 24 })).stdout);
    const names = MODEL_NAMES.filter((n) => want.probabilities[n] !== undefined);
    expect(names).toContain('nomogram');
    expect(Object.keys(got.probabilities)).toEqual(names);
    for (const n of names) expectClose(got.probabilities[n]!, want.probabilities[n], 1e-12, `${n} probability`);
    expectClose(got.radscore, want.radscore, 1e-12, 'Rad-score');
    expectClose(got.nomogram.totalPoints, want.nomogram.totalPoints, 1e-12, 'total points');
    expect(got.predictedClass).toBe(want.predictedClass);
    expect(await page.textContent('[data-testid=probability]')).toBe(`${(want.probabilities.nomogram * 100).toFixed(1)}%`);
    expect(await page.textContent('[data-testid=predicted-class]')).toBe(want.predictedClass);
    // the worker API's predict (extract with the model's settings, then score) in the browser gives the same
    const direct = await page.evaluate(async ({ text, clinical }) => {
      const engine = window.__engine!;
      const bytes = async (id: string) => Promise.all(Array.from((document.getElementById(id) as HTMLInputElement).files!).map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const img = await engine.readImage(await bytes('image-input'));
      const msk = await engine.readMask(await bytes('mask-input'));
      const { features: _features, ...prediction } = await engine.predict(text, img, msk, clinical);
      return prediction;
    }, { text: readFileSync(modelPath, 'utf8'), clinical });
    for (const n of names) expectClose(direct.probabilities[n]!, want.probabilities[n], 1e-12, `engine.predict ${n} probability`);
    expect(direct.predictedClass).toBe(want.predictedClass);
    // the nomogram marks each variable's points and the total
    expect(await page.locator('[data-testid=nomogram] svg circle').count()).toBe(model.nomogram.chart.variables.length + 1);
    expect(s.errors).toEqual([]);
    expect(foreignRequests(s)).toEqual([]);
  });

  it('says which clinical value is missing, and scores again when it is entered', async () => {
    const { page } = s;
    const before = await page.evaluate(() => window.__lastResult!.prediction!);
    const model = parseModelFile(readFileSync(join(dir, 'model.json'), 'utf8'));
    const first = model.clinical.variables[0];
    const field = page.locator(`[data-testid="clinical-${first.name}"]`);
    const value = await field.inputValue();
    if (first.kind === 'numeric') await field.fill('');
    else await field.selectOption('');
    await expect.poll(() => page.textContent('#prediction')).toBe(`Enter ${first.name} to score this patient.`);
    expect(await page.evaluate(() => window.__lastResult!.prediction)).toBeUndefined();
    if (first.kind === 'numeric') await field.fill(value);
    else await field.selectOption(value);
    await page.waitForSelector('[data-testid=probability]');
    const after = await page.evaluate(() => window.__lastResult!.prediction!);
    expect(after.probabilities).toEqual(before.probabilities);
  });

  it('warns when a numeric clinical value lies outside the training range', async () => {
    const { page } = s;
    const model = parseModelFile(readFileSync(join(dir, 'model.json'), 'utf8'));
    const v = model.clinical.variables.find((c) => c.kind === 'numeric' && c.range) as { name: string; range: [number, number] };
    const field = page.locator(`[data-testid="clinical-${v.name}"]`);
    const value = await field.inputValue();
    await field.fill(String(v.range[1] + 10));
    const warning = `Warning: clinical variable "${v.name}" = ${v.range[1] + 10} is outside the training range [${v.range[0]}, ${v.range[1]}]; the models extrapolate here.`;
    await expect.poll(() => page.textContent('.range-warning')).toBe(warning);
    await field.fill(value);
    await expect.poll(() => page.locator('.range-warning').count()).toBe(0);
  });
});
