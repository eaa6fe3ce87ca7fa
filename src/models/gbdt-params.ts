// Training parameters for trainGbdt, with LightGBM's names, aliases and defaults, so a LightGBM
// config (train.conf) or a Python params dict can be passed as it is.

export interface GbdtParams {
  objective: 'binary';
  num_iterations: number;
  learning_rate: number;
  num_leaves: number;
  max_depth: number;
  min_data_in_leaf: number;
  min_sum_hessian_in_leaf: number;
  max_bin: number;
  min_data_in_bin: number;
  bin_construct_sample_cnt: number;
  lambda_l1: number;
  lambda_l2: number;
  min_gain_to_split: number;
  max_delta_step: number;
  feature_fraction: number;
  bagging_fraction: number;
  bagging_freq: number;
  early_stopping_round: number;
  metric: 'binary_logloss' | 'auc';
  seed: number;
  bagging_seed: number;
  feature_fraction_seed: number;
  data_random_seed: number;
  boost_from_average: boolean;
  use_missing: boolean;
  feature_pre_filter: boolean;
  sigmoid: number;
  scale_pos_weight: number;
  is_unbalance: boolean;
}

export const GBDT_DEFAULTS: Readonly<GbdtParams> = Object.freeze({
  objective: 'binary',
  num_iterations: 100,
  learning_rate: 0.1,
  num_leaves: 31,
  max_depth: -1,
  min_data_in_leaf: 20,
  min_sum_hessian_in_leaf: 1e-3,
  max_bin: 255,
  min_data_in_bin: 3,
  bin_construct_sample_cnt: 200000,
  lambda_l1: 0,
  lambda_l2: 0,
  min_gain_to_split: 0,
  max_delta_step: 0,
  feature_fraction: 1,
  bagging_fraction: 1,
  bagging_freq: 0,
  early_stopping_round: 0,
  metric: 'binary_logloss',
  seed: 0,
  bagging_seed: 3,
  feature_fraction_seed: 2,
  data_random_seed: 1,
  boost_from_average: true,
  use_missing: true,
  feature_pre_filter: true,
  sigmoid: 1,
  scale_pos_weight: 1,
  is_unbalance: false,
});

// LightGBM's aliases for the parameters above.
const ALIASES: Record<string, keyof GbdtParams> = {
  objective_type: 'objective', app: 'objective', application: 'objective', loss: 'objective',
  num_iteration: 'num_iterations', n_iter: 'num_iterations', num_tree: 'num_iterations', num_trees: 'num_iterations',
  num_round: 'num_iterations', num_rounds: 'num_iterations', nrounds: 'num_iterations', num_boost_round: 'num_iterations',
  n_estimators: 'num_iterations', max_iter: 'num_iterations',
  shrinkage_rate: 'learning_rate', eta: 'learning_rate',
  num_leaf: 'num_leaves', max_leaves: 'num_leaves', max_leaf: 'num_leaves', max_leaf_nodes: 'num_leaves',
  min_data_per_leaf: 'min_data_in_leaf', min_data: 'min_data_in_leaf', min_child_samples: 'min_data_in_leaf', min_samples_leaf: 'min_data_in_leaf',
  min_sum_hessian_per_leaf: 'min_sum_hessian_in_leaf', min_sum_hessian: 'min_sum_hessian_in_leaf', min_hessian: 'min_sum_hessian_in_leaf',
  min_child_weight: 'min_sum_hessian_in_leaf', max_bins: 'max_bin', subsample_for_bin: 'bin_construct_sample_cnt',
  reg_alpha: 'lambda_l1', l1_regularization: 'lambda_l1', reg_lambda: 'lambda_l2', lambda: 'lambda_l2', l2_regularization: 'lambda_l2',
  min_split_gain: 'min_gain_to_split', max_tree_output: 'max_delta_step', max_leaf_output: 'max_delta_step',
  sub_feature: 'feature_fraction', colsample_bytree: 'feature_fraction',
  sub_row: 'bagging_fraction', subsample: 'bagging_fraction', bagging: 'bagging_fraction', subsample_freq: 'bagging_freq',
  early_stopping_rounds: 'early_stopping_round', early_stopping: 'early_stopping_round', n_iter_no_change: 'early_stopping_round',
  metrics: 'metric', metric_types: 'metric', random_seed: 'seed', random_state: 'seed', unbalance: 'is_unbalance', unbalanced_sets: 'is_unbalance',
};

// Keys that steer LightGBM's I/O or threading, not the model: accepted and ignored.
const IGNORED = new Set([
  'task', 'data', 'train', 'train_data', 'valid', 'valid_data', 'test', 'header', 'has_header', 'label_column', 'label',
  'output_model', 'model_output', 'deterministic', 'num_threads', 'num_thread', 'nthread', 'nthreads', 'n_jobs',
  'verbosity', 'verbose', 'force_col_wise', 'force_row_wise', 'device_type', 'device', 'boosting', 'boosting_type', 'boost',
]);

const INTEGER_KEYS = new Set(['num_iterations', 'num_leaves', 'max_depth', 'min_data_in_leaf', 'max_bin', 'min_data_in_bin',
  'bin_construct_sample_cnt', 'bagging_freq', 'early_stopping_round', 'seed', 'bagging_seed', 'feature_fraction_seed', 'data_random_seed']);

/** Reads LightGBM config text ("key = value" lines, # comments) into a plain object. */
export function parseLightgbmConfig(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [n, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`LightGBM config line ${n + 1}: expected "key = value", got "${line}"`);
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

function toBool(key: string, v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === '1' || v === 'true') return true;
  if (v === 0 || v === '0' || v === 'false') return false;
  throw new Error(`GBDT parameter ${key}: "${String(v)}" is not true/false`);
}

function toNumber(key: string, v: unknown): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`GBDT parameter ${key}: "${String(v)}" is not a finite number`);
  if (INTEGER_KEYS.has(key) && !Number.isInteger(n)) throw new Error(`GBDT parameter ${key}: ${n} is not an integer`);
  return n;
}

// Each range check: [key, predicate, description].
const RANGES: [keyof GbdtParams, (v: number) => boolean, string][] = [
  ['num_iterations', (v) => v >= 0 && v <= 1e6, 'between 0 and 1e6'],
  ['learning_rate', (v) => v > 0, 'positive'],
  ['num_leaves', (v) => v >= 2 && v <= 131072, 'between 2 and 131072'],
  ['min_data_in_leaf', (v) => v >= 0, 'at least 0'],
  ['min_sum_hessian_in_leaf', (v) => v >= 0, 'at least 0'],
  ['max_bin', (v) => v >= 2 && v <= 65535, 'between 2 and 65535'],
  ['min_data_in_bin', (v) => v >= 1, 'at least 1'],
  ['bin_construct_sample_cnt', (v) => v >= 1, 'at least 1'],
  ['lambda_l1', (v) => v >= 0, 'at least 0'],
  ['lambda_l2', (v) => v >= 0, 'at least 0'],
  ['min_gain_to_split', (v) => v >= 0, 'at least 0'],
  ['feature_fraction', (v) => v > 0 && v <= 1, 'in (0, 1]'],
  ['bagging_fraction', (v) => v > 0 && v <= 1, 'in (0, 1]'],
  ['bagging_freq', (v) => v >= 0, 'at least 0'],
  ['early_stopping_round', (v) => v >= 0, 'at least 0'],
  ['sigmoid', (v) => v > 0, 'positive'],
  ['scale_pos_weight', (v) => v > 0, 'positive'],
];

/**
 * Full parameters from a partial object (LightGBM names or aliases; values may be strings as in a
 * config file). Unknown keys and out-of-range values are errors naming the key.
 */
export function resolveGbdtParams(input: Record<string, unknown> = {}): GbdtParams {
  const p: GbdtParams = { ...GBDT_DEFAULTS };
  const given = new Set<string>();
  for (const [rawKey, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const key: string = ALIASES[rawKey] ?? rawKey;
    if (IGNORED.has(key)) {
      if ((key === 'boosting' || key === 'boosting_type' || key === 'boost') && value !== 'gbdt') throw new Error(`GBDT parameter ${rawKey}: only "gbdt" is supported, got "${String(value)}"`);
      continue;
    }
    if (!(key in GBDT_DEFAULTS)) throw new Error(`GBDT parameter "${rawKey}" is unknown or not supported`);
    if (given.has(key)) throw new Error(`GBDT parameter ${key} is given twice (through an alias)`);
    given.add(key);
    const dflt = (GBDT_DEFAULTS as any)[key];
    if (key === 'objective') {
      if (value !== 'binary') throw new Error(`GBDT parameter objective: only "binary" is supported, got "${String(value)}"`);
    } else if (key === 'metric') {
      if (value !== 'binary_logloss' && value !== 'auc') throw new Error(`GBDT parameter metric: "${String(value)}" is not binary_logloss or auc`);
      p.metric = value;
    } else if (typeof dflt === 'boolean') {
      (p as any)[key] = toBool(key, value);
    } else {
      (p as any)[key] = toNumber(key, value);
    }
  }
  for (const [key, ok, desc] of RANGES) if (!ok(p[key] as number)) throw new Error(`GBDT parameter ${key}: ${p[key]} must be ${desc}`);
  // LightGBM: an explicit `seed` derives the other seeds unless they are given themselves.
  if (given.has('seed')) {
    if (!given.has('bagging_seed')) p.bagging_seed = p.seed + 3;
    if (!given.has('feature_fraction_seed')) p.feature_fraction_seed = p.seed + 2;
    if (!given.has('data_random_seed')) p.data_random_seed = p.seed + 1;
  }
  return p;
}
