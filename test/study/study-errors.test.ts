// Bad study inputs fail with one clear line before any extraction or model fitting starts.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStudyConfig } from '../../src/study/config.js';
import { loadStudyData } from '../../src/study/data.js';
import { runStudy } from '../../src/study/run.js';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'study-err-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A feature table of n patients with outcome values from `outcome(i)`. */
function features(name: string, n: number, outcome: (i: number) => string, extra: (i: number) => Record<string, string | number> = () => ({})): void {
  const rows = Array.from({ length: n }, (_, i) => ({ ID: `p${i}`, y: outcome(i), f1: Math.sin(i), f2: Math.cos(i * 3), ...extra(i) }));
  const cols = Object.keys(rows[0]);
  writeFileSync(join(dir, name), [cols.join(','), ...rows.map((r) => cols.map((c) => (r as any)[c]).join(','))].join('\n') + '\n');
}

function study(name: string, yaml: string) {
  writeFileSync(join(dir, name), yaml);
  return loadStudyConfig(join(dir, name));
}

describe('study input errors', () => {
  it('missing outcome column', async () => {
    features('a.csv', 40, (i) => String(i % 2));
    const cfg = study('a.yaml', 'data: {features: a.csv, outcome: diagnosis, positive: "1"}\n');
    await expect(runStudy(cfg, join(dir, 'out'))).rejects.toThrow(/a\.csv: missing outcome column "diagnosis"/);
  });
  it('missing clinical column', () => {
    features('b.csv', 40, (i) => String(i % 2));
    const cfg = study('b.yaml', 'data: {features: b.csv, outcome: y, positive: "1"}\nclinical: {variables: [age]}\n');
    expect(() => loadStudyData(cfg)).toThrow(/b\.csv: missing clinical column "age"/);
  });
  it('one class only', () => {
    features('c.csv', 40, () => 'LM');
    const cfg = study('c.yaml', 'data: {features: c.csv, outcome: y, positive: LM}\n');
    expect(() => loadStudyData(cfg)).toThrow(/one class only/);
  });
  it('one class only in an outcome that comes from the clinical table: the error names that table', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `p${i},${Math.sin(i)}`);
    writeFileSync(join(dir, 'c2.csv'), ['ID,f1', ...rows].join('\n') + '\n');
    writeFileSync(join(dir, 'clin2.csv'), ['ID,lung_mets', ...Array.from({ length: 40 }, (_, i) => `p${i},0`)].join('\n') + '\n');
    const cfg = study('c2.yaml', 'data: {features: c2.csv, clinical: clin2.csv, outcome: lung_mets, positive: "0"}\n');
    expect(() => loadStudyData(cfg)).toThrow(`${join(dir, 'clin2.csv')}: outcome "lung_mets" has one class only (0): a classifier needs both`);
  });
  it('positive value absent', () => {
    features('d.csv', 40, (i) => (i % 2 ? 'LM' : 'X'));
    const cfg = study('d.yaml', 'data: {features: d.csv, outcome: y, positive: IVL}\n');
    expect(() => loadStudyData(cfg)).toThrow(/has no value "IVL" \(values: X, LM\)/);
  });
  it('too few cases for the folds', () => {
    features('e.csv', 16, (i) => (i < 4 ? '1' : '0'));
    const cfg = study('e.yaml', 'data: {features: e.csv, outcome: y, positive: "1"}\n');
    expect(() => loadStudyData(cfg)).toThrow(/too few training cases for the folds: 3 1 and 9 0 in training for 10-fold LASSO/);
  });
  it('IDs that do not join the clinical table', () => {
    features('f.csv', 40, (i) => String(i % 2));
    writeFileSync(join(dir, 'clin.csv'), 'ID,age\nq1,50\nq2,60\n');
    const cfg = study('f.yaml', 'data: {features: f.csv, clinical: clin.csv, outcome: y, positive: "1"}\n');
    expect(() => loadStudyData(cfg)).toThrow(/clin\.csv: 40 of 40 IDs have no clinical row \(e\.g\. p0, p1, p2\): IDs do not join/);
  });
  it('missing image files are found before extraction', () => {
    writeFileSync(join(dir, 'cohort.csv'), 'ID,Image,Mask,y\np1,nope.nrrd,nope_mask.nrrd,1\n');
    const cfg = study('g.yaml', 'data: {cohort: cohort.csv, outcome: y, positive: "1"}\n');
    expect(() => loadStudyData(cfg)).toThrow(/cohort\.csv: p1: .*nope\.nrrd: no such file/);
  });
  it('unknown keys and invalid values in the study file', () => {
    expect(() => study('h.yaml', 'data: {features: a.csv, outcome: y, positive: "1"}\nlaso: {nfolds: 10}\n')).toThrow(/h\.yaml: unknown section "laso"/);
    expect(() => study('i.yaml', 'data: {features: a.csv, outcome: y, positive: "1"}\nlasso: {nfolds: 1}\n')).toThrow(/"lasso\.nfolds" must be an integer >= 3 \(got 1\)/);
    expect(() => study('j.yaml', 'data: {outcome: y, positive: "1"}\n')).toThrow(/needs "cohort".*or "features"/);
  });
  it('split values other than train/test', () => {
    features('k.csv', 40, (i) => String(i % 2), (i) => ({ split: i % 4 ? 'train' : 'holdout' }));
    const cfg = study('k.yaml', 'data: {features: k.csv, outcome: y, positive: "1"}\nsplit: {column: split}\n');
    expect(() => loadStudyData(cfg)).toThrow(/split column "split": patient p0 has "holdout" \(use train or test\)/);
  });
});
