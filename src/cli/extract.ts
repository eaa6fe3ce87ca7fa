// `radiomics extract IMAGE MASK`: pyradiomics' command line for one case. Parameters from a pyradiomics
// YAML file and/or --setting key:value; output one flat JSON object (default) or a CSV row.
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { extractFromFiles, loadExtractionParams, type ExtractionResult } from '../extract.js';
import { InputError } from '../io/errors.js';
import { applySettingOverrides, parseParams } from '../settings/index.js';
import { positiveInteger, withErrorReporting } from './errors.js';
import { toCsv, toJson } from './format.js';

export interface ExtractCommandOptions {
  param?: string;
  label?: number;
  setting?: string[];
  format?: 'json' | 'csv';
  output?: string;
  verbose?: boolean;
  /** ROI name when the mask is a DICOM RTSTRUCT (segment number or label for a DICOM-SEG). */
  roi?: string;
}

/** Runs one extraction and returns the formatted text (written to options.output when given). */
export async function runExtract(image: string, mask: string, options: ExtractCommandOptions, log: (line: string) => void = () => {}): Promise<string> {
  const started = Date.now();
  let params = options.param ? loadExtractionParams(options.param) : parseParams('');
  if (options.setting?.length) params = applySettingOverrides(params, options.setting);
  const result: ExtractionResult = await extractFromFiles(image, mask, params, { label: options.label, roi: options.roi, warn: (m) => log(`radiomics: warning: ${m}`) });
  const text = options.format === 'csv' ? toCsv([{ image, mask, result }]) : toJson(result) + '\n';
  if (options.output) {
    try {
      writeFileSync(options.output, text);
    } catch (err) {
      throw new InputError(options.output, `cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  if (options.verbose) log(`radiomics: ${Object.keys(result).filter((k) => !k.startsWith('diagnostics_')).length} features in ${Date.now() - started} ms`);
  return text;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description('extract pyradiomics-compatible features (Original image type) for one image and mask')
    .argument('<image>', 'image file: NRRD (.nrrd, .nhdr) or NIfTI (.nii, .nii.gz), or a DICOM series (folder or one file)')
    .argument('<mask>', 'label map on the image grid (same formats), or a DICOM RTSTRUCT / SEG (see --roi)')
    .option('-p, --param <file>', 'pyradiomics parameter file (YAML: setting, imageType, featureClass, voxelSetting)')
    .option('-l, --label <n>', 'label value of the ROI in the mask (overrides setting.label; default 1)', (v) => positiveInteger('--label', v))
    .option('-s, --setting <key:value>', 'override one setting, YAML value, repeatable (e.g. binWidth:10, resegmentRange:[-3,3])', collect)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'csv']).default('json'))
    .option('-o, --output <file>', 'write the output to this file instead of stdout')
    .option('--roi <name>', 'ROI name when MASK is a DICOM RTSTRUCT (segment number or label for a DICOM-SEG)')
    .option('-v, --verbose', 'report timing and warnings on stderr; show stack traces for errors')
    .addHelpText('after', `
Output: one flat object in pyradiomics' order: diagnostics_* entries, then original_<class>_<Feature>
numbers (JSON null where a feature is NaN). CSV: a header row and one row, cells as pyradiomics writes them.
Errors: one line "radiomics: <file>: <problem>" on stderr and exit code 1 (2 for bad options).

Examples:
  radiomics extract ../shared/data/pyradiomics/images/brain1_image.nrrd ../shared/data/pyradiomics/images/brain1_label.nrrd
  radiomics extract img.nii.gz mask.nii.gz --param Params.yaml --setting binWidth:10 --format csv -o features.csv`)
    .action(
      withErrorReporting(async (image: string, mask: string, opts: { param?: string; label?: number; setting?: string[]; format: 'json' | 'csv'; output?: string; verbose?: boolean; roi?: string }) => {
        const log = (line: string) => process.stderr.write(line + '\n');
        const text = await runExtract(image, mask, { param: opts.param, label: opts.label, setting: opts.setting, format: opts.format, output: opts.output, verbose: opts.verbose, roi: opts.roi }, log);
        if (!opts.output) process.stdout.write(text);
      }, (image: string) => image),
    );
}
