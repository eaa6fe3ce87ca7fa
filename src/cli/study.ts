// `radiomics study STUDY.yaml -o OUTDIR`: the whole radiomic-nomogram method on a cohort.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadStudyConfig } from '../study/config.js';
import { runStudy } from '../study/run.js';
import { writeStudy } from '../study/write.js';
import { MODEL_NAMES } from '../study/model-file.js';
import { MODEL_LABELS } from '../study/report-figures.js';
import { withErrorReporting } from './errors.js';
import { studyProgress } from './progress.js';

export interface StudyCommandOptions {
  output?: string;
  dataDir?: string;
  quiet?: boolean;
  title?: string;
  simulated?: boolean;
}

/** Runs a study file; returns the report path. Progress and step lines go to stderr on a terminal. */
export async function runStudyCommand(file: string, opts: StudyCommandOptions): Promise<{ report: string; table: string }> {
  const cfg = loadStudyConfig(file, { dataDir: opts.dataDir });
  const outDir = resolve(opts.output ?? 'study-output');
  const hooks = studyProgress('radiomics study', !!process.stderr.isTTY && !opts.quiet);
  const result = await runStudy(cfg, outDir, hooks).finally(hooks.stop);
  const written = writeStudy(result, outDir, { title: opts.title, simulated: opts.simulated });
  return { report: written.report, table: aucTable(result) };
}

/** The per-model AUC table printed at the end. */
export function aucTable(r: Awaited<ReturnType<typeof runStudy>>): string {
  const rows = [['model', 'train AUC (95% CI)', 'test AUC (95% CI)']];
  for (const m of MODEL_NAMES) {
    const e = r.evaluation[m];
    if (!e) continue;
    const cell = (s: 'train' | 'test') => `${e.metrics[s].auc.toFixed(3)} (${e.metrics[s].auc_ci[0].toFixed(3)}-${e.metrics[s].auc_ci[1].toFixed(3)})`;
    rows.push([MODEL_LABELS[m], cell('train'), cell('test')]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n');
}

export function registerStudyCommand(program: Command): void {
  program
    .command('study')
    .description('run a radiomic-nomogram study (extraction, ICC, Spearman, LASSO Rad-score, clinical factors, boosted trees, nomogram, evaluation) and write its report')
    .argument('<study>', 'study file (YAML); see examples/ivl-demo and examples/sts')
    .option('-o, --output <dir>', 'output folder (report.html, figures/, metrics.json, model.json, predictions.csv, features.csv, table1.csv)', 'study-output')
    .option('-d, --data-dir <dir>', 'folder the cohort\'s image/mask paths and the clinical table resolve against (overrides data.dataDir)')
    .option('-q, --quiet', 'no progress output')
    .option('-v, --verbose', 'show stack traces for errors')
    .addHelpText('after', `
Features are cached in OUTDIR/cache and reused when images, masks and parameters are unchanged.

Example:
  radiomics study examples/sts/study.yaml --data-dir ../shared/data/sts -o sts-study`)
    .action(
      withErrorReporting(async (file: string, opts: StudyCommandOptions) => {
        const { report, table } = await runStudyCommand(file, opts);
        process.stdout.write(`${table}\n\nreport: ${report}\n`);
      }, (file: string) => file),
    );
}
