// `radiomics` command line. Each command lives in its own file and registers itself here.
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { reportError } from './errors.js';
import { registerScoreCommand } from './score.js';
import { registerExtractCommand } from './extract.js';
import { registerBatchCommand } from './batch.js';
import { registerStudyCommand } from './study.js';
import { registerPredictCommand } from './predict.js';
import { registerDemoCommand } from './demo.js';
import { registerAppCommand } from './app.js';

export const program = new Command('radiomics')
  .description('Radiomics feature extraction (pyradiomics-compatible) and radiomic-nomogram modelling')
  .version(VERSION)
  .showHelpAfterError(false)
  // usage errors follow the one-line convention of src/cli/errors.ts (exit code 2); set before commands are added so they inherit it
  .configureOutput({ outputError: (text, write) => write(`radiomics: ${text.replace(/^error: /, '')}`) })
  .exitOverride();

registerExtractCommand(program);
registerScoreCommand(program);
registerBatchCommand(program);
registerStudyCommand(program);
registerPredictCommand(program);
registerDemoCommand(program);
registerAppCommand(program);

export async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exitCode = err.exitCode === 0 ? 0 : 2; // help/version exit 0; commander printed the message
    else reportError(err, { verbose: argv.includes('--verbose') || argv.includes('-v') }); // e.g. a UsageError from an option parser
  }
}
