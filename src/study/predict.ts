// Scores one patient with a study's model.json: Rad-score, each model's probability, nomogram points.
import { extract, type ExtractionResult } from '../extract.js';
import { InputError } from '../io/errors.js';
import { loadLightgbmModel } from '../models/lightgbm-text.js';
import { nomogramScore } from '../models/nomogram.js';
import { predictEnsemble } from '../models/trees.js';
import type { Volume } from '../volume.js';
import { clinicalRangeWarnings, encodeClinical, MODEL_NAMES, type ModelName, type StudyModelFile, type TreeModelName } from './model-file.js';

export const RADSCORE_VARIABLE = 'Rad-score';

export interface Prediction {
  radscore: number;
  /** Each model the study built (see model.json "trees"). */
  probabilities: Partial<Record<ModelName, number>>;
  nomogram: { points: Record<string, number>; totalPoints: number; linearPredictor: number };
  thresholds: Partial<Record<ModelName, number>>;
  /** Class by the nomogram at its training Youden threshold. */
  predictedClass: string;
  simulated: boolean;
  /** Present when a clinical value lies outside the training range. */
  warnings?: string[];
}

const plogis = (x: number) => 1 / (1 + Math.exp(-x));

/** z-scored radiomic features of one extraction result, in the model's order. */
export function radiomicVector(model: StudyModelFile, features: Record<string, unknown>, what: string): Record<string, number> {
  const z: Record<string, number> = {};
  for (const name of model.radiomics.features) {
    const x = features[name];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new InputError(what, `feature ${name} is ${x === undefined ? 'missing' : String(x)}`);
    const { mean, sd } = model.radiomics.zscore[name];
    z[name] = (x - mean) / sd;
  }
  return z;
}

/** Scores from already extracted features (e.g. a row of features.csv) and clinical values. */
export function predictFromFeatures(model: StudyModelFile, features: Record<string, unknown>, clinical: Record<string, unknown>, what = 'patient'): Prediction {
  const z = radiomicVector(model, features, what);
  const clin = encodeClinical(model.clinical.variables, clinical, what);
  const warnings = clinicalRangeWarnings(model.clinical.variables, clin);
  let radscore = model.radscore.intercept;
  for (const [name, beta] of Object.entries(model.radscore.coefficients)) radscore += beta * z[name];
  const columns: Record<string, number> = { ...z, ...clin, [RADSCORE_VARIABLE]: radscore };

  const probabilities: Partial<Record<ModelName, number>> = { radscore: plogis(radscore) };
  for (const name of ['clinical', 'radiomics', 'combined'] as TreeModelName[]) {
    const tree = model.trees[name];
    if (!tree) continue;
    const row = tree.columns.map((c) => columns[c]);
    probabilities[name] = predictEnsemble(loadLightgbmModel(tree.lightgbm, `model.json trees.${name}`), [row])[0];
  }
  const score = nomogramScore(model.nomogram.chart, columns);
  probabilities.nomogram = score.risk;
  const ordered = Object.fromEntries(MODEL_NAMES.filter((n) => probabilities[n] !== undefined).map((n) => [n, probabilities[n]]));
  return {
    radscore,
    probabilities: ordered,
    nomogram: { points: score.points, totalPoints: score.totalPoints, linearPredictor: score.lp },
    thresholds: model.thresholds,
    predictedClass: score.risk >= (model.thresholds.nomogram ?? 0.5) ? model.outcome.positive : model.outcome.negative,
    simulated: model.simulated,
    ...(warnings.length ? { warnings } : {}),
  };
}

/** Extracts the model's features from an image and mask, then scores. */
export async function predictCase(model: StudyModelFile, image: Volume | object, mask: Volume | object, clinical: Record<string, unknown>, options: { label?: number; imageName?: string; maskName?: string } = {}): Promise<Prediction & { features: ExtractionResult }> {
  const features = await extract(image, mask, model.extraction.params, options);
  return { ...predictFromFeatures(model, features, clinical, options.imageName ?? 'patient'), features };
}
