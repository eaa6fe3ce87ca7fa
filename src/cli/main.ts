// `radiomics` command line. Each command lives in its own file and registers itself here.
import { Command } from 'commander';
import { VERSION } from '../version.js';
import { registerScoreCommand } from './score.js';

export const program = new Command('radiomics')
  .description('Radiomics feature extraction (pyradiomics-compatible) and radiomic-nomogram modelling')
  .version(VERSION)
  .showHelpAfterError(false);

registerScoreCommand(program);

export async function main(argv: string[]): Promise<void> {
  await program.parseAsync(argv);
}
