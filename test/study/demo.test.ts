// `radiomics demo` end to end on a small simulated cohort: every output is written, the report's figures
// render in headless Chromium, and `radiomics predict` with model.json reproduces predictions.csv.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { chromium, type Browser } from 'playwright-core';
import { runDemo } from '../../src/cli/demo.js';
import { runPredict } from '../../src/cli/predict.js';
import { parseModelFile } from '../../src/study/model-file.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('radiomics demo (small simulated cohort)', () => {
  let dir: string;
  let out: Awaited<ReturnType<typeof runDemo>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'demo-'));
    out = await runDemo({ output: dir, ivl: 10, lm: 22, jobs: 2, quiet: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the report, figures, tables and a model labelled as simulated', () => {
    for (const f of ['report.html', 'metrics.json', 'model.json', 'predictions.csv', 'features.csv', 'table1.csv', 'figures/icc.svg', 'figures/spearman.svg', 'figures/lasso_path.svg', 'figures/lasso_cv.svg', 'figures/radscore.svg', 'figures/roc_train.svg', 'figures/roc_test.svg', 'figures/calibration_test.svg', 'figures/dca_test.svg', 'figures/nomogram.svg']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const metrics = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    for (const m of ['radscore', 'clinical', 'radiomics', 'combined', 'nomogram']) {
      for (const split of ['train', 'test']) {
        const x = metrics.models[m][split];
        expect(x.auc, `${m} ${split}`).toBeGreaterThanOrEqual(0);
        expect(x.auc_ci[0]).toBeLessThanOrEqual(x.auc);
        for (const k of ['accuracy', 'sensitivity', 'specificity', 'threshold']) expect(typeof x[k], `${m} ${split} ${k}`).toBe('number');
        expect(x.hosmer_lemeshow).toBeDefined();
      }
    }
    expect(metrics.icc.analyses.map((a: any) => a.name)).toEqual(['Mask_retest', 'Mask_rater2']);
    expect(metrics.redundancy.kept.length).toBeGreaterThan(0);
    expect(Object.keys(metrics.lasso.coefficients).length).toBeGreaterThan(0);
    expect(metrics.clinical_factors.length).toBe(11);
    expect(metrics.delong.length).toBe(20);
    expect(parseModelFile(readFileSync(join(dir, 'model.json'), 'utf8')).simulated).toBe(true);
    expect(readFileSync(out.report, 'utf8')).toContain('SIMULATED DATA');
    expect(out.table).toMatch(/Nomogram/);
  });

  it('radiomics predict with model.json gives the probabilities of predictions.csv', async () => {
    const cohort = parse(readFileSync(out.cohort), { columns: true }) as Record<string, string>[];
    const preds = parse(readFileSync(join(dir, 'predictions.csv')), { columns: true }) as Record<string, string>[];
    const model = parseModelFile(readFileSync(join(dir, 'model.json'), 'utf8'));
    const patient = cohort[0];
    const clinical = model.clinical.variables.map((v) => `${v.name}=${patient[v.name]}`);
    const dirOf = out.cohort.replace(/cohort\.csv$/, '');
    const p = await runPredict(dirOf + patient.Image, dirOf + patient.Mask, { model: join(dir, 'model.json'), clinical });
    const row = preds.find((r) => r.ID === patient.ID)!;
    expect(p.radscore).toBeCloseTo(Number(row.radscore), 10);
    for (const m of ['radscore', 'clinical', 'radiomics', 'combined', 'nomogram'] as const) {
      expect(Math.abs(p.probabilities[m]! - Number(row[`prob_${m}`])), m).toBeLessThan(1e-12);
    }
    const points = Object.values(p.nomogram.points).reduce((a, b) => a + b, 0);
    expect(points).toBeCloseTo(p.nomogram.totalPoints, 9);
    expect([model.outcome.positive, model.outcome.negative]).toContain(p.predictedClass);
  });

  it('model.json keeps the training range of numeric clinical variables; predict warns outside it and names a missing --clinical value', async () => {
    const cohort = parse(readFileSync(out.cohort), { columns: true }) as Record<string, string>[];
    const preds = parse(readFileSync(join(dir, 'predictions.csv')), { columns: true }) as Record<string, string>[];
    const train = new Set(preds.filter((r) => r.split === 'train').map((r) => r.ID));
    const model = parseModelFile(readFileSync(join(dir, 'model.json'), 'utf8'));
    const numeric = model.clinical.variables.filter((v) => v.kind === 'numeric');
    expect(numeric.length).toBeGreaterThan(0);
    for (const v of numeric) {
      const values = cohort.filter((r) => train.has(r.ID)).map((r) => Number(r[v.name]));
      expect(v.range, v.name).toEqual([Math.min(...values), Math.max(...values)]);
    }
    const patient = cohort[0];
    const dirOf = out.cohort.replace(/cohort\.csv$/, '');
    const v = numeric[0] as { name: string; range: [number, number] };
    const outside = v.range[1] + 10;
    const clinical = model.clinical.variables.map((c) => `${c.name}=${c.name === v.name ? outside : patient[c.name]}`);
    const p = await runPredict(dirOf + patient.Image, dirOf + patient.Mask, { model: join(dir, 'model.json'), clinical });
    expect(p.warnings).toEqual([`clinical variable "${v.name}" = ${outside} is outside the training range [${v.range[0]}, ${v.range[1]}]`]);
    const last = model.clinical.variables[model.clinical.variables.length - 1].name;
    await expect(runPredict(dirOf + patient.Image, dirOf + patient.Mask, { model: join(dir, 'model.json'), clinical: clinical.filter((c) => !c.startsWith(`${last}=`)) }))
      .rejects.toThrow(`--clinical: missing ${last} (the model uses: ${model.clinical.variables.map((c) => c.name).join(', ')})`);
  });

  it("the report's figures render in headless Chromium without network requests", async () => {
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${out.report}`);
      const boxes = await page.$$eval('svg', (svgs) => svgs.map((s) => ({ w: s.getBoundingClientRect().width, h: s.getBoundingClientRect().height, shapes: s.querySelectorAll('polyline, rect, circle, line').length })));
      expect(boxes.length).toBe(12);
      for (const b of boxes) {
        expect(b.w).toBeGreaterThan(100);
        expect(b.h).toBeGreaterThan(100);
        expect(b.shapes).toBeGreaterThan(5);
      }
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    } finally {
      await browser?.close();
    }
  });
});
