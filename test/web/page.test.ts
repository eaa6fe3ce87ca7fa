// The offline page in Debian's Chromium: brain1 through the page's worker must give every feature of
// `radiomics extract` on the same files (relative 1e-12), and no request may leave the page's origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { PAGE_DIR } from '../../src/cli/app.js';
import { dataPath, expectClose } from '../helpers.js';
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
    // the table shows each feature once, the exact value in its title
    const cells = await page.$$eval('[data-testid=features-table] tbody tr', (rows) => rows.map((r) => [(r as HTMLElement).dataset.feature!, (r as HTMLTableRowElement).cells[2].title]));
    expect(cells.length).toBe(107);
    for (const [k, title] of cells) expect(Number(title)).toBe(result[k]);
    // the viewer shows the slice with the largest ROI area
    expect(await page.textContent('#slice-info')).toMatch(/^slice \d+ \/ 25 .* ROI \d+ voxels on this slice$/);
    expect(s.errors).toEqual([]);
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
