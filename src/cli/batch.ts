// `radiomics batch COHORT.csv -o FEATURES.csv`: pyradiomics' batch mode over a worker pool.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { readCohort } from '../batch/cohort.js';
import { runBatch } from '../batch/run.js';
import { applySettingOverrides, parseParams } from '../settings/index.js';
import { loadExtractionParams } from '../extract.js';
import { positiveInteger, UsageError, withErrorReporting } from './errors.js';
import { progressBar } from './progress.js';

export interface BatchCommandOptions {
  output?: string;
  param?: string;
  setting?: string[];
  jobs?: number;
  resume?: boolean;
  progress?: boolean;
  /** Folder that relative Image/Mask paths resolve against (default: the CSV's folder). */
  dataDir?: string;
}

/** Runs the batch; returns the number of failed cases. */
export async function runBatchCommand(cohortPath: string, opts: BatchCommandOptions): Promise<number> {
  if (!opts.output) throw new UsageError('-o/--output FEATURES.csv is required');
  let params = opts.param ? loadExtractionParams(opts.param) : parseParams('');
  if (opts.setting?.length) params = applySettingOverrides(params, opts.setting);
  const cohort = readCohort(cohortPath, { baseDir: opts.dataDir, badRows: 'case' });
  const progress = progressBar('extract', { enabled: opts.progress ?? !!process.stderr.isTTY });
  try {
    const result = await runBatch(cohort, {
      params,
      jobs: opts.jobs ?? availableParallelism(),
      out: opts.output,
      resume: opts.resume,
      onProgress: (done, total, failed) => progress.update(done, total, failed),
    });
    progress.stop();
    if (result.failed) process.stderr.write(`radiomics: ${result.failed} of ${cohort.cases.length} cases failed (see diagnostics_Error in ${opts.output})\n`);
    return result.failed;
  } finally {
    progress.stop();
  }
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerBatchCommand(program: Command): void {
  program
    .command('batch')
    .description('extract features for every case of a cohort CSV (pyradiomics batch mode) with a worker pool')
    .argument('<cohort>', 'CSV with columns Image, Mask, optional Label and ID (paths relative to the CSV); other columns are carried over')
    .option('-o, --output <file>', 'features CSV to write (one row per case, input order)')
    .option('-p, --param <file>', 'pyradiomics parameter file (YAML)')
    .option('-s, --setting <key:value>', 'override one setting, repeatable', collect)
    .option('-j, --jobs <n>', 'worker threads (default: number of cores)', (v) => positiveInteger('--jobs', v))
    .option('-d, --data-dir <dir>', "folder that relative Image/Mask paths resolve against (default: the CSV's folder)")
    .option('--resume', 'reuse cases finished by an earlier (possibly interrupted) run with the same output file')
    .option('-v, --verbose', 'show stack traces for errors')
    .addHelpText('after', `
A case that fails gets its error in a diagnostics_Error column and the batch goes on; the exit code is 1
when any case failed. Finished cases are journaled to <output>.partial.jsonl as they complete, so an
interrupted run continues with --resume. A progress bar is shown on a terminal.

Example:
  radiomics batch examples/sts/cohort.csv --data-dir ../shared/data/sts -o sts_features.csv --jobs 2`)
    .action(
      withErrorReporting(async (cohort: string, opts: BatchCommandOptions) => {
        const failed = await runBatchCommand(cohort, opts);
        if (failed) process.exitCode = 1;
      }, (cohort: string) => cohort),
    );
}
