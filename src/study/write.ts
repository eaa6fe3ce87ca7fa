// Writes a finished study to OUTDIR: report.html, figures/*.svg, metrics.json, model.json,
// predictions.csv, features.csv, table1.csv.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { featuresCsv, metricsJson, modelJson, predictionsCsv, table1Csv, toJson } from './outputs.js';
import { reportHtml } from './report.js';
import { studyFigures } from './report-figures.js';
import type { StudyResult } from './run.js';

export interface WrittenStudy {
  report: string;
  files: string[];
}

export function writeStudy(r: StudyResult, outDir: string, opts: { title?: string; simulated?: boolean } = {}): WrittenStudy {
  const title = opts.title ?? `Radiomic nomogram study: ${r.cfg.data.outcome} = ${r.cfg.data.positive}`;
  const simulated = opts.simulated ?? false;
  mkdirSync(join(outDir, 'figures'), { recursive: true });
  const files: string[] = [];
  const put = (name: string, text: string) => {
    writeFileSync(join(outDir, name), text);
    files.push(name);
  };
  const figs = studyFigures(r);
  for (const [name, svg] of Object.entries(figs)) put(`figures/${name}.svg`, svg);
  put('metrics.json', toJson(metricsJson(r)));
  put('model.json', toJson(modelJson(r, { title, simulated })));
  put('predictions.csv', predictionsCsv(r));
  put('features.csv', featuresCsv(r));
  put('table1.csv', table1Csv(r));
  put('report.html', reportHtml(r, figs, { title, simulated }));
  return { report: join(outDir, 'report.html'), files };
}
