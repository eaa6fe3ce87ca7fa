import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readCohort } from '../../src/batch/cohort.js';
import { runBatch } from '../../src/batch/run.js';
import { parseParams } from '../../src/settings/index.js';
import { dataPath } from '../helpers.js';

// Three small real CTs (STS), plus broken cases that must fail alone.
const GOOD = ['STS_019', 'STS_015', 'STS_002'];

describe('batch extraction over a cohort', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'batch-'));
    writeFileSync(join(dir, 'corrupt.nii.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5]));
    const sts = dataPath('sts', 'ct');
    const lines = ['ID,Image,Mask,Label,site'];
    lines.push(`${GOOD[0]},${sts}/${GOOD[0]}_image.nii.gz,${sts}/${GOOD[0]}_mask.nii.gz,,a`);
    lines.push(`missing,${sts}/STS_019_image.nii.gz,does_not_exist.nii.gz,,b`);
    lines.push(`${GOOD[1]},${sts}/${GOOD[1]}_image.nii.gz,${sts}/${GOOD[1]}_mask.nii.gz,,c`);
    lines.push(`corrupt,corrupt.nii.gz,${sts}/STS_019_mask.nii.gz,,d`);
    lines.push(`mismatch,${sts}/STS_019_image.nii.gz,${sts}/STS_002_mask.nii.gz,,e`);
    lines.push(`nolabel,${sts}/STS_019_image.nii.gz,${sts}/STS_019_mask.nii.gz,2,f`);
    lines.push(`${GOOD[2]},${sts}/${GOOD[2]}_image.nii.gz,${sts}/${GOOD[2]}_mask.nii.gz,,g`);
    writeFileSync(join(dir, 'cohort.csv'), lines.join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps good rows in input order when other cases fail, with one error line each', async () => {
    const out = join(dir, 'features.csv');
    const cohort = readCohort(join(dir, 'cohort.csv'));
    const result = await runBatch(cohort, { params: parseParams(''), jobs: 2, out });
    expect(result.failed).toBe(4);
    const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.ID)).toEqual([GOOD[0], 'missing', GOOD[1], 'corrupt', 'mismatch', 'nolabel', GOOD[2]]);
    expect(rows.map((r) => r.site).join('')).toBe('abcdefg');
    const byId = Object.fromEntries(rows.map((r) => [r.ID, r]));
    for (const id of GOOD) {
      expect(byId[id].diagnostics_Error).toBe('');
      const features = Object.keys(byId[id]).filter((k) => k.startsWith('original_'));
      expect(features.length).toBe(107);
      expect(features.every((k) => Number.isFinite(Number(byId[id][k])))).toBe(true);
    }
    // The ROI voxel counts are those of ../shared/data/sts/ct_summary.csv.
    const summary = parse(readFileSync(dataPath('sts', 'ct_summary.csv')), { columns: true }) as Record<string, string>[];
    for (const id of GOOD) expect(byId[id]['diagnostics_Mask-original_VoxelNum']).toBe(summary.find((s) => s.id === id)!.roi_voxels);
    expect(byId.missing.diagnostics_Error).toMatch(/does_not_exist\.nii\.gz: no such file/);
    expect(byId.corrupt.diagnostics_Error).toMatch(/corrupt\.nii\.gz: /);
    expect(byId.mismatch.diagnostics_Error).toMatch(/size|geometry|spacing|origin/i);
    expect(byId.nolabel.diagnostics_Error).toMatch(/label 2/i);
    for (const r of rows) expect(r.diagnostics_Error.includes('\n')).toBe(false);
    expect(existsSync(`${out}.partial.jsonl`)).toBe(false);
  });

  it('--resume reuses finished cases from an interrupted run and recomputes the rest', async () => {
    const out = join(dir, 'resumed.csv');
    const cohort = readCohort(join(dir, 'cohort.csv'));
    const first = await runBatch({ ...cohort, cases: cohort.cases.slice(0, 1) }, { params: parseParams(''), jobs: 1, out: join(dir, 'first.csv') });
    expect(first.failed).toBe(0);
    // Fake an interruption: a journal with one finished case and a line cut off mid-write.
    const journal = readFileSync(join(dir, 'first.csv'), 'utf8');
    expect(journal.length).toBeGreaterThan(0);
    copyFileSync(join(dir, 'first.csv'), out);
    copyFileSync(join(dir, 'first.csv.keys.json'), `${out}.keys.json`);
    writeFileSync(`${out}.partial.jsonl`, '{"key": "cut off');
    const second = await runBatch(cohort, { params: parseParams(''), jobs: 2, out, resume: true });
    expect(second.reused).toBe(1);
    expect(second.rows.length).toBe(7);
    const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(rows[0].original_firstorder_Mean).toBe((parse(readFileSync(join(dir, 'first.csv')), { columns: true }) as Record<string, string>[])[0].original_firstorder_Mean);
    expect(rows.filter((r) => !r.diagnostics_Error).length).toBe(3);
    // Changed parameters: nothing is reused.
    const third = await runBatch({ ...cohort, cases: cohort.cases.slice(0, 1) }, { params: parseParams('setting: {binWidth: 10}'), jobs: 1, out, resume: true });
    expect(third.reused).toBe(0);
  });

  it('a bad row (Label, missing cells, empty Mask) fails alone in batch mode, and stops a whole-file read', async () => {
    const sts = dataPath('sts', 'ct');
    const lines = ['ID,Image,Mask,Label,site', `${GOOD[2]},${sts}/${GOOD[2]}_image.nii.gz,${sts}/${GOOD[2]}_mask.nii.gz,,a`];
    lines.push(`badlabel,${sts}/${GOOD[2]}_image.nii.gz,${sts}/${GOOD[2]}_mask.nii.gz,x,b`, `short,${sts}/${GOOD[2]}_image.nii.gz`, `nomask,${sts}/${GOOD[2]}_image.nii.gz,,,d`, `long,${sts}/${GOOD[2]}_image.nii.gz,${sts}/${GOOD[2]}_mask.nii.gz,,e,extra`);
    const path = join(dir, 'badrows.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    expect(() => readCohort(path)).toThrow(`${path}: line 3: Label "x" is not a positive integer`);
    const out = join(dir, 'badrows-features.csv');
    const result = await runBatch(readCohort(path, { badRows: 'case' }), { params: parseParams('featureClass: {firstorder: [Mean]}'), jobs: 1, out });
    expect(result.failed).toBe(4);
    const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.ID, r.diagnostics_Error])).toEqual([
      [GOOD[2], ''],
      ['badlabel', `${path}: line 3: Label "x" is not a positive integer`],
      ['short', `${path}: line 4: 2 cells, the header has 5 columns`],
      ['nomask', `${path}: line 5: empty Mask`],
      ['long', `${path}: line 6: 6 cells, the header has 5 columns`],
    ]);
    expect(Number(rows[0].original_firstorder_Mean)).toBeGreaterThan(0);
  });

  it('rejects cohort files without the required columns, or without rows', () => {
    writeFileSync(join(dir, 'header-only.csv'), 'Image,Mask\n');
    expect(() => readCohort(join(dir, 'header-only.csv'))).toThrow(/header-only\.csv: no cases \(the CSV has a header but no rows\)/);
    writeFileSync(join(dir, 'bad.csv'), 'ID,Image\nx,a.nrrd\n');
    expect(() => readCohort(join(dir, 'bad.csv'))).toThrow(/bad\.csv: missing column "Mask"/);
  });
});

describe('worker pool', () => {
  it('starts its threads once however many tasks arrive together', async () => {
    const { WorkerPool } = await import('../../src/batch/pool.js');
    const pool = new WorkerPool(2);
    try {
      const versions = await Promise.all(Array.from({ length: 12 }, () => pool.run((engine) => engine.version())));
      expect(new Set(versions).size).toBe(1);
      expect(pool.threads).toBe(2);
    } finally {
      await pool.close();
    }
  });
});
