// The shipped STS example study (examples/sts/study.yaml) on real CTs of ../shared/data/sts, made small for
// CI: the 24 patients with the smallest tumours (9 with lung metastases), 5-fold LASSO, one mask perturbation.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { parse } from 'csv-parse/sync';
import { loadStudyConfig } from '../../src/study/config.js';
import { runStudy, type StudyResult } from '../../src/study/run.js';
import { dataPath } from '../helpers.js';

const IDS = ['STS_032', 'STS_018', 'STS_050', 'STS_023', 'STS_028', 'STS_006', 'STS_033', 'STS_040', 'STS_014',
  'STS_019', 'STS_008', 'STS_025', 'STS_042', 'STS_035', 'STS_002', 'STS_041', 'STS_024', 'STS_012', 'STS_003', 'STS_015', 'STS_043', 'STS_051', 'STS_047', 'STS_010'];

describe('STS example study on real CT (CI-sized)', () => {
  let dir: string;
  let result: StudyResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sts-study-'));
    const example = resolve('examples/sts');
    const cohort = readFileSync(join(example, 'cohort.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'cohort.csv'), [cohort[0], ...cohort.slice(1).filter((l) => IDS.includes(l.split(',')[0]))].join('\n') + '\n');
    const study = parseYaml(readFileSync(join(example, 'study.yaml'), 'utf8'));
    study.data.dataDir = dataPath('sts');
    study.extraction.params = join(example, study.extraction.params);
    study.lasso.nfolds = 5;
    study.robustness.perturbation = { erodeDilate: [1], translations: [] };
    writeFileSync(join(dir, 'study.yaml'), toYaml(study));
    result = await runStudy(loadStudyConfig(join(dir, 'study.yaml')), join(dir, 'out'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('extracts 107 features per patient, as many ROI voxels as the data summary says', () => {
    expect(result.data.ids.length).toBe(24);
    expect(result.featureNames.length).toBe(107);
    const summary = parse(readFileSync(dataPath('sts', 'ct_summary.csv')), { columns: true }) as Record<string, string>[];
    const rows = parse(readFileSync(join(dir, 'out', 'cache', 'features.csv')), { columns: true }) as Record<string, string>[];
    for (const r of rows) expect(r['diagnostics_Mask-original_VoxelNum'], r.ID).toBe(summary.find((s) => s.id === r.ID)!.roi_voxels);
    // resampled to 3 x 3 x 3 mm as in the paper
    expect(rows.every((r) => r['diagnostics_Image-interpolated_Spacing'] === '(3.0, 3.0, 3.0)')).toBe(true);
  });

  it('joins the clinical table, splits 3:1 by class and runs every step', () => {
    expect(result.data.y.filter((v) => v).length).toBe(9);
    expect(result.splits.test.length).toBe(6);
    expect(result.robustness!.analyses[0].raters).toBe(2);
    expect(result.robustness!.robust.length).toBeGreaterThan(0);
    expect(result.lasso.selected.length).toBeGreaterThan(0);
    expect(result.clinical.factors.map((f) => f.name)).toEqual(['age', 'sex', 'grade', 'mskcc_type']);
    for (const m of ['radscore', 'radiomics', 'nomogram'] as const) {
      for (const s of ['train', 'test'] as const) expect(result.evaluation[m]!.metrics[s].auc).toBeGreaterThanOrEqual(0);
    }
  });
});
