// The study file (YAML): what data, which outcome, and each step's settings. Defaults are the seed
// paper's (ICC > 0.85, |rho| > 0.9, LASSO 10-fold CV at lambda.min, LightGBM with 3-fold CV, p < 0.05).
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../io/errors.js';

export interface PerturbationConfig {
  /** Erode and dilate the mask by this many voxels (each a separate perturbed segmentation). */
  erodeDilate: number[];
  /** Shift the mask by these offsets in voxels ([x, y, z] each). */
  translations: number[][];
}

export interface StudyConfig {
  file: string;
  /** Where relative paths in the study file resolve. */
  baseDir: string;
  data: {
    cohort?: string;
    features?: string;
    clinical?: string;
    /** Folder that cohort paths resolve against (default: the cohort CSV's folder). */
    dataDir?: string;
    id: string;
    outcome: string;
    positive: string;
  };
  extraction: { params?: string; jobs: number };
  split: { column?: string; testFraction: number; seed: number };
  robustness: { enabled: boolean; masks: string[]; perturbation?: PerturbationConfig; form: 'ICC1' | 'ICC2' | 'ICC3' | 'ICC1k' | 'ICC2k' | 'ICC3k'; threshold: number };
  redundancy: { enabled: boolean; threshold: number };
  lasso: { nfolds: number; lambda: 'min' | '1se'; foldColumn?: string; seed: number; nlambda: number; thresh: number };
  clinical: { variables: string[]; categorical: string[]; alpha: number; select: 'significant' | 'all' };
  gbdt: { params: Record<string, number>; nfolds: number; seed: number };
  evaluation: { hlGroups: number; hlGrouping: 'quantile' | 'equal' };
}

/** LightGBM settings for small cohorts (~100 patients); any LightGBM parameter may be given. */
export const DEFAULT_GBDT_PARAMS: Record<string, number> = {
  num_leaves: 7,
  learning_rate: 0.05,
  num_iterations: 300,
  min_data_in_leaf: 5,
  max_bin: 63,
  lambda_l2: 1,
  feature_fraction: 0.8,
  bagging_fraction: 0.8,
  bagging_freq: 1,
  early_stopping_round: 30,
};

const TOP_KEYS = ['data', 'extraction', 'split', 'robustness', 'redundancy', 'lasso', 'clinical', 'gbdt', 'evaluation'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function loadStudyConfig(file: string, overrides: { dataDir?: string } = {}): StudyConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(err as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new InputError(file, `not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  return parseStudyConfig(raw, file, overrides);
}

export function parseStudyConfig(raw: unknown, file: string, overrides: { dataDir?: string } = {}): StudyConfig {
  const fail = (msg: string): never => {
    throw new InputError(file, msg);
  };
  if (!isObj(raw)) fail('a study file must be a mapping with a "data" section');
  const root = raw as Obj;
  for (const k of Object.keys(root)) if (!TOP_KEYS.includes(k)) fail(`unknown section "${k}" (valid: ${TOP_KEYS.join(', ')})`);
  const section = (name: string, keys: string[]): Obj => {
    const v = root[name] ?? {};
    if (!isObj(v)) fail(`"${name}" must be a mapping`);
    for (const k of Object.keys(v as Obj)) if (!keys.includes(k)) fail(`unknown key "${name}.${k}" (valid: ${keys.join(', ')})`);
    return v as Obj;
  };
  const str = (o: Obj, name: string, key: string, dflt?: string): string | undefined => {
    const v = o[key];
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'string' && typeof v !== 'number') fail(`"${name}.${key}" must be a string`);
    return String(v);
  };
  const num = (o: Obj, name: string, key: string, dflt: number, check: (x: number) => boolean, rule: string): number => {
    const v = o[key] ?? dflt;
    if (typeof v !== 'number' || !check(v)) fail(`"${name}.${key}" must be ${rule} (got ${JSON.stringify(v)})`);
    return v as number;
  };
  const bool = (o: Obj, name: string, key: string, dflt: boolean): boolean => {
    const v = o[key] ?? dflt;
    if (typeof v !== 'boolean') fail(`"${name}.${key}" must be true or false`);
    return v as boolean;
  };
  const list = (o: Obj, name: string, key: string): string[] => {
    const v = o[key] ?? [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) fail(`"${name}.${key}" must be a list of names`);
    return v as string[];
  };
  const baseDir = dirname(resolve(file));
  const path = (p: string | undefined) => (p === undefined ? undefined : isAbsolute(p) ? p : resolve(baseDir, p));

  const data = section('data', ['cohort', 'features', 'clinical', 'dataDir', 'id', 'outcome', 'positive']);
  const cohort = path(str(data, 'data', 'cohort'));
  const features = path(str(data, 'data', 'features'));
  if (!cohort && !features) fail('"data" needs "cohort" (images and masks to extract) or "features" (a precomputed feature table)');
  if (cohort && features) fail('"data" takes either "cohort" or "features", not both');
  const outcome = str(data, 'data', 'outcome') ?? fail('"data.outcome" (the outcome column) is required');
  const positive = str(data, 'data', 'positive') ?? fail('"data.positive" (the outcome value of the positive class) is required');
  const dataDir = overrides.dataDir ? resolve(overrides.dataDir) : path(str(data, 'data', 'dataDir'));

  const extraction = section('extraction', ['params', 'jobs']);
  const split = section('split', ['column', 'testFraction', 'seed']);
  const robustness = section('robustness', ['enabled', 'masks', 'perturbation', 'form', 'threshold']);
  const redundancy = section('redundancy', ['enabled', 'threshold']);
  const lasso = section('lasso', ['nfolds', 'lambda', 'foldColumn', 'seed', 'nlambda', 'thresh']);
  const clinical = section('clinical', ['variables', 'categorical', 'alpha', 'select']);
  const gbdt = section('gbdt', ['params', 'nfolds', 'seed']);
  const evaluation = section('evaluation', ['hlGroups', 'hlGrouping']);

  const form = str(robustness, 'robustness', 'form', 'ICC2')!;
  if (!['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'].includes(form)) fail(`"robustness.form" must be one of ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k (got ${form})`);
  let perturbation: PerturbationConfig | undefined;
  if (robustness.perturbation !== undefined) {
    const p = robustness.perturbation;
    if (!isObj(p)) fail('"robustness.perturbation" must be a mapping with erodeDilate and/or translations');
    const ed = (p as Obj).erodeDilate ?? [];
    const tr = (p as Obj).translations ?? [];
    if (!Array.isArray(ed) || ed.some((v) => !Number.isInteger(v) || v === 0)) fail('"robustness.perturbation.erodeDilate" must be a list of non-zero integers (voxels; negative erodes)');
    if (!Array.isArray(tr) || tr.some((t) => !Array.isArray(t) || t.length !== 3 || t.some((v: unknown) => !Number.isInteger(v)))) fail('"robustness.perturbation.translations" must be a list of [x, y, z] integer voxel offsets');
    perturbation = { erodeDilate: ed as number[], translations: tr as number[][] };
  }
  const lambdaRule = str(lasso, 'lasso', 'lambda', 'min');
  if (lambdaRule !== 'min' && lambdaRule !== '1se') fail(`"lasso.lambda" must be min or 1se (got ${lambdaRule})`);
  const select = str(clinical, 'clinical', 'select', 'significant');
  if (select !== 'significant' && select !== 'all') fail(`"clinical.select" must be significant or all (got ${select})`);
  const grouping = str(evaluation, 'evaluation', 'hlGrouping', 'quantile');
  if (grouping !== 'quantile' && grouping !== 'equal') fail(`"evaluation.hlGrouping" must be quantile or equal (got ${grouping})`);
  const gbdtParams = gbdt.params ?? {};
  if (!isObj(gbdtParams) || Object.values(gbdtParams).some((v) => typeof v !== 'number')) fail('"gbdt.params" must map LightGBM parameter names to numbers');

  const int = (x: number) => Number.isInteger(x);
  return {
    file,
    baseDir,
    data: {
      cohort,
      features,
      // The clinical table lives with the data: it resolves against dataDir when one is given.
      clinical: ((c) => (c === undefined ? undefined : dataDir && !isAbsolute(c) ? resolve(dataDir, c) : path(c)))(str(data, 'data', 'clinical')),
      dataDir,
      id: str(data, 'data', 'id', 'ID')!,
      outcome,
      positive,
    },
    extraction: { params: path(str(extraction, 'extraction', 'params')), jobs: num(extraction, 'extraction', 'jobs', 0, (x) => int(x) && x >= 0, 'a non-negative integer (0 = one per core)') },
    split: {
      column: str(split, 'split', 'column'),
      testFraction: num(split, 'split', 'testFraction', 0.25, (x) => x > 0 && x < 1, 'between 0 and 1'),
      seed: num(split, 'split', 'seed', 1, int, 'an integer'),
    },
    robustness: {
      enabled: bool(robustness, 'robustness', 'enabled', true),
      masks: list(robustness, 'robustness', 'masks'),
      perturbation,
      form: form as StudyConfig['robustness']['form'],
      threshold: num(robustness, 'robustness', 'threshold', 0.85, (x) => x > -1 && x < 1, 'between -1 and 1'),
    },
    redundancy: { enabled: bool(redundancy, 'redundancy', 'enabled', true), threshold: num(redundancy, 'redundancy', 'threshold', 0.9, (x) => x > 0 && x < 1, 'in (0, 1)') },
    lasso: {
      nfolds: num(lasso, 'lasso', 'nfolds', 10, (x) => int(x) && x >= 3, 'an integer >= 3'),
      lambda: lambdaRule as 'min' | '1se',
      foldColumn: str(lasso, 'lasso', 'foldColumn'),
      seed: num(lasso, 'lasso', 'seed', 1, int, 'an integer'),
      nlambda: num(lasso, 'lasso', 'nlambda', 100, (x) => int(x) && x >= 2, 'an integer >= 2'),
      thresh: num(lasso, 'lasso', 'thresh', 1e-7, (x) => x > 0 && x < 1, 'a convergence threshold in (0, 1) (glmnet thresh; default 1e-7)'),
    },
    clinical: {
      variables: list(clinical, 'clinical', 'variables'),
      categorical: list(clinical, 'clinical', 'categorical'),
      alpha: num(clinical, 'clinical', 'alpha', 0.05, (x) => x > 0 && x < 1, 'between 0 and 1'),
      select: select as 'significant' | 'all',
    },
    gbdt: {
      params: { ...DEFAULT_GBDT_PARAMS, ...(gbdtParams as Record<string, number>) },
      nfolds: num(gbdt, 'gbdt', 'nfolds', 3, (x) => int(x) && x >= 2, 'an integer >= 2'),
      seed: num(gbdt, 'gbdt', 'seed', 1, int, 'an integer'),
    },
    evaluation: {
      hlGroups: num(evaluation, 'evaluation', 'hlGroups', 10, (x) => int(x) && x >= 3, 'an integer >= 3'),
      hlGrouping: grouping as 'quantile' | 'equal',
    },
  };
}
