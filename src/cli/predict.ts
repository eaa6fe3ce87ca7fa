// `radiomics predict --model model.json IMAGE MASK --clinical age=45 symptoms=1`: scores one patient
// with a study's model: Rad-score, each model's probability, nomogram points, predicted class.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readDicomMask, readImage } from '../io/index.js';
import { InputError } from '../io/errors.js';
import { parseModelFile, UNKNOWN_LEVEL } from '../study/model-file.js';
import { predictCase, type Prediction } from '../study/predict.js';
import { positiveInteger, UsageError, withErrorReporting } from './errors.js';

export interface PredictCommandOptions {
  model: string;
  label?: number;
  clinical?: string[];
  roi?: string;
}

/** name=value pairs of --clinical. */
export function parseClinical(pairs: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--clinical: "${pair}" is not name=value`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

export async function runPredict(image: string, mask: string, opts: PredictCommandOptions): Promise<Omit<Prediction, never>> {
  let text: string;
  try {
    text = readFileSync(opts.model, 'utf8');
  } catch (err) {
    throw new InputError(opts.model, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(err as Error).message})`);
  }
  const model = parseModelFile(text, opts.model);
  const clinical = parseClinical(opts.clinical);
  const known = new Set(model.clinical.variables.map((v) => v.name));
  const extra = Object.keys(clinical).filter((k) => !known.has(k));
  if (extra.length) throw new UsageError(`--clinical: the model does not use ${extra.join(', ')} (it uses: ${[...known].join(', ') || 'no clinical variables'})`);
  // categorical variables with an "unknown" level may be left out; the others are needed
  const needed = model.clinical.variables.filter((v) => v.kind === 'numeric' || !v.levels.includes(UNKNOWN_LEVEL)).map((v) => v.name);
  const missing = needed.filter((name) => !(name in clinical));
  if (missing.length) throw new UsageError(`--clinical: missing ${missing.join(', ')} (the model uses: ${[...known].join(', ')})`);
  const img = readImage(image);
  const msk = readDicomMask(mask, img, opts.roi) ?? readImage(mask);
  const { features: _features, ...prediction } = await predictCase(model, img, msk, clinical, { label: opts.label, imageName: image, maskName: mask });
  return prediction;
}

export function registerPredictCommand(program: Command): void {
  program
    .command('predict')
    .description("score one patient with a study's model.json: Rad-score, each model's probability, nomogram points, predicted class")
    .argument('<image>', 'image file (NRRD, NIfTI or a DICOM series)')
    .argument('<mask>', 'mask on the image grid (or a DICOM RTSTRUCT/SEG, see --roi)')
    .requiredOption('-m, --model <file>', 'model.json written by `radiomics study`')
    .option('-l, --label <n>', 'label value of the ROI in the mask (default: the study\'s)', (v) => positiveInteger('--label', v))
    .option('-c, --clinical <name=value...>', 'clinical values the model uses, e.g. age=45 symptoms=1', (v: string, prev: string[] = []) => [...prev, ...v.split(/\s+/).filter(Boolean)])
    .option('--roi <name>', 'ROI name when MASK is a DICOM RTSTRUCT')
    .option('-v, --verbose', 'show stack traces for errors')
    .addHelpText('after', `
Output: JSON with radscore, probabilities per model, nomogram points per variable and in total, the
predicted class (nomogram probability at the training Youden threshold) and whether the model is simulated;
"warnings" (also on stderr) when a numeric clinical value lies outside the training patients' range.

Example:
  radiomics predict --model demo-output/model.json IMAGE.nrrd MASK.nrrd --clinical age=45 symptoms=1 menopause=0 hypertension=0`)
    .action(
      withErrorReporting(async (image: string, mask: string, opts: PredictCommandOptions) => {
        const prediction = await runPredict(image, mask, opts);
        for (const w of prediction.warnings ?? []) process.stderr.write(`radiomics: warning: --clinical: ${w}\n`);
        process.stdout.write(JSON.stringify(prediction, null, 2) + '\n');
      }, (image: string) => image),
    );
}
