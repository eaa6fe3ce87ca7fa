import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runExtract } from '../../src/cli/extract.js';
import { errorLine, UsageError } from '../../src/cli/errors.js';
import { pythonFloat } from '../../src/cli/format.js';
import { InputError } from '../../src/io/errors.js';
import { dataPath, expectClose, readBaseline, readJson } from '../helpers.js';
import { tempDir, writeFile } from '../io/fixtures.js';

const image = dataPath('pyradiomics', 'images', 'brain1_image.nrrd');
const mask = dataPath('pyradiomics', 'images', 'brain1_label.nrrd');
const reference = readJson('pyradiomics', 'reference', 'brain1_default.json');
const bin = new URL('../../bin/radiomics.js', import.meta.url).pathname;
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: new URL('../..', import.meta.url).pathname });

describe('radiomics extract (in process)', () => {
  it('JSON: one flat object, diagnostics then every default feature equal to pyradiomics', async () => {
    const result = JSON.parse(await runExtract(image, mask, {}));
    const keys = Object.keys(result);
    expect(keys.findIndex((k) => k.startsWith('original_'))).toBe(keys.filter((k) => k.startsWith('diagnostics_')).length);
    for (const [key, value] of Object.entries(reference)) if (key.startsWith('original_firstorder_')) expectClose(result[key], value as number, 1e-9, key);
  });
  it('--param file, --setting overrides and --label', async () => {
    const dir = tempDir('radiomics-cli-');
    const param = writeFile(dir, 'p.yaml', 'setting:\n  binWidth: 25\n  label: 2\nfeatureClass:\n  firstorder: [Entropy, Mean]\n');
    const result = JSON.parse(await runExtract(image, mask, { param, label: 1, setting: ['binWidth:5', 'normalize:true', 'normalizeScale:100'] }));
    expect(Object.keys(result).filter((k) => k.startsWith('original_'))).toEqual(['original_firstorder_Entropy', 'original_firstorder_Mean']);
    const baseline = readBaseline('firstorder').brain1_normalization;
    expectClose(result.original_firstorder_Entropy, Number(baseline.original_firstorder_Entropy), 1e-9, 'Entropy');
    expectClose(result.original_firstorder_Mean, Number(baseline.original_firstorder_Mean), 1e-9, 'Mean');
    expect(result.diagnostics_Configuration_Settings.label).toBe(1);
  });
  it('CSV: header row and one row with pyradiomics-style cells; -o writes the file', async () => {
    const out = join(tempDir('radiomics-cli-'), 'f.csv');
    await runExtract(image, mask, { format: 'csv', output: out });
    const [header, row, ...rest] = parse(readFileSync(out, 'utf8')) as string[][];
    expect(rest).toHaveLength(0);
    expect(header.slice(0, 2)).toEqual(['Image', 'Mask']);
    const cell = (k: string) => row[header.indexOf(k)];
    expect(cell('diagnostics_Mask-original_BoundingBox')).toBe('(162, 84, 11, 47, 70, 7)');
    expect(cell('diagnostics_Image-original_Spacing')).toBe('(0.7812499999999999, 0.7812499999999999, 6.499999999999998)');
    expect(cell('original_firstorder_Median')).toBe('812.0');
    expectClose(Number(cell('original_firstorder_Energy')), reference.original_firstorder_Energy, 1e-9, 'Energy');
  });
  it('Python float text', () => {
    expect([1, 0.5, 1e-5, 1.5e-7, 1e16, 123456789012345.6, -0, NaN].map(pythonFloat)).toEqual(['1.0', '0.5', '1e-05', '1.5e-07', '1e+16', '123456789012345.6', '-0.0', 'nan']);
  });
});

describe('error lines', () => {
  it('name the input and the problem, first line only', () => {
    expect(errorLine(new InputError('a.nrrd', 'truncated'))).toBe('radiomics: a.nrrd: truncated');
    expect(errorLine(new Error('GLCM matrix needs 900 MiB\nmore'), 'img.nii')).toBe('radiomics: img.nii: GLCM matrix needs 900 MiB');
    expect(errorLine(new Error('mask: label 2 not present'), 'img.nii')).toBe('radiomics: mask: label 2 not present');
    expect(errorLine(new UsageError('--label: "x" is not a positive integer'))).toBe('radiomics: --label: "x" is not a positive integer');
  });
});

describe('radiomics extract (built CLI: run `npm run build` first)', () => {
  it('--help documents every option', () => {
    const r = cli('extract', '--help');
    expect(r.status).toBe(0);
    for (const option of ['--param', '--label', '--setting', '--format', '--output', '--verbose', '--help']) expect(r.stdout).toContain(option);
  });
  it('prints JSON for brain1 and exits 0', () => {
    const r = cli('extract', image, mask, '--setting', 'binWidth:25');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expectClose(result.original_firstorder_Entropy, reference.original_firstorder_Entropy, 1e-9, 'Entropy');
  });
  it('a bad file: one line on stderr, exit 1, no stack trace; --verbose adds it', () => {
    const r = cli('extract', '/nonexistent/x.nrrd', mask);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('radiomics: /nonexistent/x.nrrd: no such file\n');
    expect(r.stdout).toBe('');
    for (const flag of ['--verbose', '-v']) {
      const v = cli('extract', '/nonexistent/x.nrrd', mask, flag);
      expect(v.stderr.split('\n').length, flag).toBeGreaterThan(3);
    }
  });
  it('bad options and settings: one line, exit 2 for usage', () => {
    expect(cli('extract', image, mask, '--label', 'two')).toMatchObject({ status: 2, stderr: 'radiomics: --label: "two" is not a positive integer\n' });
    expect(cli('extract', image, mask, '--format', 'xml')).toMatchObject({ status: 2 });
    expect(cli('extract', image, mask, '--setting', 'binWidth:-1')).toMatchObject({ status: 1, stderr: 'radiomics: --setting: setting binWidth must be > 0 (got -1)\n' });
    expect(cli('extract', image, mask, '--label', '5')).toMatchObject({ status: 1, stderr: `radiomics: ${mask}: label 5 is not present; labels present: 1\n` });
  });
  it('a feature name typo in a parameter file is reported against that file', () => {
    const file = writeFile(tempDir(), 'typo.yaml', 'featureClass:\n  glcm: [Contrastt]\n');
    const r = cli('extract', image, mask, '--param', file);
    expect(r.status).toBe(1);
    expect(r.stderr.startsWith(`radiomics: ${file}: unknown glcm feature "Contrastt" (valid: Autocorrelation, `)).toBe(true);
  });
});
