// model.json: everything needed to score a new patient with a finished study, as versioned plain JSON
// (extraction settings, feature order, z-score parameters, Rad-score and nomogram coefficients and
// axes, tree models in LightGBM's text format, and the Youden thresholds chosen on training data).
import type { Params } from '../settings/types.js';
import type { Nomogram } from '../models/nomogram.js';
import { InputError } from '../io/errors.js';

export const MODEL_FORMAT = 'radiomics-wasm/study-model';
export const MODEL_VERSION = 1;

export const MODEL_NAMES = ['radscore', 'clinical', 'radiomics', 'combined', 'nomogram'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
export type TreeModelName = 'clinical' | 'radiomics' | 'combined';

/** A clinical variable as the models see it: numeric as is, categorical as indicators of levels[1..]. */
export type ClinicalVariable =
  /** `range`: the training patients' [min, max]; a value outside it is scored with a warning (extrapolation). */
  | { name: string; kind: 'numeric'; range?: [number, number] }
  | { name: string; kind: 'categorical'; levels: string[] };

export interface StudyModelFile {
  format: typeof MODEL_FORMAT;
  version: number;
  created: string;
  engine: string;
  title: string;
  /** True when the model was trained on simulated data (the demo). */
  simulated: boolean;
  outcome: { column: string; positive: string; negative: string };
  extraction: { params: Params };
  /** Radiomic features entering the models (LASSO-selected), with training z-score parameters. */
  radiomics: { features: string[]; zscore: Record<string, { mean: number; sd: number }> };
  radscore: { intercept: number; coefficients: Record<string, number>; lambda: number; rule: 'min' | '1se' };
  clinical: { variables: ClinicalVariable[] };
  /** Logistic nomogram over the Rad-score and the clinical design columns; axes as rms draws them. */
  nomogram: { intercept: number; coefficients: Record<string, number>; chart: Nomogram };
  /** Models a study could build (no clinical model without clinical factors). */
  trees: Partial<Record<TreeModelName, { columns: string[]; lightgbm: string }>>;
  thresholds: Partial<Record<ModelName, number>>;
}

/** The level a categorical factor's missing values get (when the training data had missing values). */
export const UNKNOWN_LEVEL = 'unknown';

/** Column name of a level indicator: "name=level", whitespace as _ (LightGBM feature names have none). */
export function indicatorColumn(name: string, level: string): string {
  return `${name}=${level}`.replace(/\s+/g, '_');
}

/** Design-matrix column names of the clinical variables (numeric as is, categorical as indicators). */
export function clinicalColumns(variables: ClinicalVariable[]): string[] {
  return variables.flatMap((v) => (v.kind === 'numeric' ? [v.name] : v.levels.slice(1).map((l) => indicatorColumn(v.name, l))));
}

/** Warnings for numeric clinical values outside the training range (the models extrapolate there). */
export function clinicalRangeWarnings(variables: ClinicalVariable[], encoded: Record<string, number>): string[] {
  const out: string[] = [];
  for (const v of variables) {
    if (v.kind !== 'numeric' || !v.range) continue;
    const x = encoded[v.name];
    if (x < v.range[0] || x > v.range[1]) out.push(`clinical variable "${v.name}" = ${x} is outside the training range [${v.range[0]}, ${v.range[1]}]`);
  }
  return out;
}

/** Encodes one patient's clinical values; `what` names the source in errors. */
export function encodeClinical(variables: ClinicalVariable[], values: Record<string, unknown>, what: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of variables) {
    const raw = values[v.name];
    const empty = raw === undefined || raw === null || String(raw).trim() === '';
    if (empty && v.kind === 'categorical' && v.levels.includes(UNKNOWN_LEVEL)) {
      for (const l of v.levels.slice(1)) out[indicatorColumn(v.name, l)] = l === UNKNOWN_LEVEL ? 1 : 0;
      continue;
    }
    if (empty) throw new InputError(what, `missing clinical variable "${v.name}"`);
    if (v.kind === 'numeric') {
      const x = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isFinite(x)) throw new InputError(what, `clinical variable "${v.name}" must be a number (got "${String(raw)}")`);
      out[v.name] = x;
    } else {
      const level = String(raw).trim();
      if (!v.levels.includes(level)) throw new InputError(what, `clinical variable "${v.name}" must be one of ${v.levels.join(', ')} (got "${level}")`);
      for (const l of v.levels.slice(1)) out[indicatorColumn(v.name, l)] = level === l ? 1 : 0;
    }
  }
  return out;
}

/** Parses and checks a model.json text. */
export function parseModelFile(text: string, name = 'model.json'): StudyModelFile {
  let m: StudyModelFile;
  try {
    m = JSON.parse(text);
  } catch (err) {
    throw new InputError(name, `not valid JSON (${(err as Error).message})`);
  }
  if (!m || m.format !== MODEL_FORMAT) throw new InputError(name, `not a radiomics-wasm study model (format "${(m as any)?.format ?? 'missing'}")`);
  if (m.version !== MODEL_VERSION) throw new InputError(name, `model version ${m.version} is not supported (this engine reads version ${MODEL_VERSION})`);
  for (const key of ['extraction', 'radiomics', 'radscore', 'clinical', 'nomogram', 'trees', 'thresholds'] as const) {
    if (!m[key]) throw new InputError(name, `missing "${key}"`);
  }
  return m;
}
