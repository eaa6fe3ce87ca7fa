// Gradient boosting with LightGBM's binary objective (trainGbdt): start from the log-odds of the label
// mean, fit each tree to float32 gradients/hessians of the log-loss, shrink it by the learning rate,
// optional bagging and per-tree feature sampling, early stopping on a validation set. The result is an
// Ensemble that saves as LightGBM model text.
import { arena as sharedArena, type WasmArena } from '../wasm/arena.js';
import { binDataset, featureInfo } from './gbdt-binning.js';
import { binaryLogloss, rocAuc } from './gbdt-metrics.js';
import { resolveGbdtParams, type GbdtParams } from './gbdt-params.js';
import { sampleSorted, seededRandom } from '../random.js';
import { K_EPSILON } from './gbdt-split.js';
import { TreeLearner } from './gbdt-tree.js';
import { formatG } from './lightgbm-text.js';
import { toRowMajor, treeOutput, ZERO_THRESHOLD, type Ensemble, type FeatureRows, type Tree } from './trees.js';

export interface TrainGbdtOptions {
  /** Validation rows for early stopping (params.early_stopping_round) and the metric history. */
  valid?: { X: FeatureRows; y: ArrayLike<number> };
  /** Column names (default Column_0, Column_1, ... as LightGBM). */
  featureNames?: string[];
  arena?: WasmArena;
}

export interface GbdtResult {
  model: Ensemble;
  params: GbdtParams;
  /** Iterations kept in the model (the best one with early stopping). */
  bestIteration: number;
  /** Validation metric after each iteration (empty without a validation set). */
  validMetric: number[];
}

const maybeZero = (x: number) => (Math.abs(x) > ZERO_THRESHOLD ? x : 0);

// Tree::Shrinkage and Tree::AddBias (AddBias also resets shrinkage to 1, as LightGBM records it).
function shrinkTree(t: Tree, rate: number): void {
  for (let i = 0; i < t.numLeaves; i++) t.leafValue[i] = maybeZero(t.leafValue[i] * rate);
  for (let i = 0; i < t.numLeaves - 1; i++) t.internalValue[i] = maybeZero(t.internalValue[i] * rate);
  t.shrinkage *= rate;
}
function addBias(t: Tree, bias: number): void {
  for (let i = 0; i < t.numLeaves; i++) t.leafValue[i] = maybeZero(t.leafValue[i] + bias);
  for (let i = 0; i < t.numLeaves - 1; i++) t.internalValue[i] = maybeZero(t.internalValue[i] + bias);
  t.shrinkage = 1;
}

function checkLabels(y: ArrayLike<number>, n: number, what: string): Float64Array {
  if (!y || y.length !== n) throw new Error(`${what}: ${y?.length ?? 0} labels for ${n} rows`);
  const out = Float64Array.from(y as ArrayLike<number>, Number);
  out.forEach((v, i) => {
    if (v !== 0 && v !== 1) throw new Error(`${what}: label ${i} is ${y[i]}, the binary objective needs 0 or 1`);
  });
  return out;
}

function checkFeatures(m: { data: Float64Array; rows: number; cols: number }, what: string): void {
  for (let i = 0; i < m.data.length; i++) {
    if (m.data[i] === Infinity || m.data[i] === -Infinity) throw new Error(`${what}: row ${Math.floor(i / m.cols)} column ${i % m.cols} is infinite (use NaN for missing)`);
  }
}

function parametersText(p: GbdtParams): string {
  const keys: (keyof GbdtParams)[] = ['objective', 'num_iterations', 'learning_rate', 'num_leaves', 'max_depth', 'min_data_in_leaf',
    'min_sum_hessian_in_leaf', 'bagging_fraction', 'bagging_freq', 'bagging_seed', 'feature_fraction', 'feature_fraction_seed',
    'early_stopping_round', 'max_delta_step', 'lambda_l1', 'lambda_l2', 'min_gain_to_split', 'max_bin', 'min_data_in_bin',
    'bin_construct_sample_cnt', 'data_random_seed', 'use_missing', 'feature_pre_filter', 'is_unbalance', 'scale_pos_weight',
    'sigmoid', 'boost_from_average', 'metric'];
  const show = (v: unknown) => (typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  return ['[boosting: gbdt]', ...keys.map((k) => `[${k}: ${show(p[k])}]`)].join('\n') + '\n';
}

/**
 * Trains a binary gradient-boosted tree ensemble the way LightGBM does (histogram bins, leaf-wise
 * growth, the same gain and leaf-output formulas). `params` takes LightGBM names and aliases.
 */
export function trainGbdt(X: FeatureRows, y: ArrayLike<number>, params: Record<string, unknown> = {}, options: TrainGbdtOptions = {}): GbdtResult {
  const p = resolveGbdtParams(params);
  const m = toRowMajor(X, 1, 'trainGbdt features');
  if (m.rows < 1) throw new Error('trainGbdt: no training rows');
  checkFeatures(m, 'trainGbdt features');
  const labels = checkLabels(y, m.rows, 'trainGbdt labels');
  const names = options.featureNames ?? Array.from({ length: m.cols }, (_, i) => `Column_${i}`);
  if (names.length !== m.cols) throw new Error(`trainGbdt: ${names.length} feature names for ${m.cols} columns`);
  const badName = names.find((s) => typeof s !== 'string' || s === '' || /\s/.test(s));
  if (badName !== undefined) throw new Error(`trainGbdt: feature name "${badName}" is empty or contains whitespace`);
  if (p.early_stopping_round > 0 && !options.valid) throw new Error('trainGbdt: early_stopping_round needs options.valid (validation rows)');
  const valid = options.valid ? toRowMajor(options.valid.X, m.cols, 'trainGbdt validation features') : null;
  if (valid && valid.cols !== m.cols) throw new Error(`trainGbdt: validation rows have ${valid.cols} columns, training rows ${m.cols}`);
  const validLabels = valid ? checkLabels(options.valid!.y, valid.rows, 'trainGbdt validation labels') : null;

  const a = options.arena ?? sharedArena();
  const mark = a.mark();
  try {
    const data = binDataset(m.data, m.rows, m.cols, p, a);
    const learner = new TreeLearner(data, p, a);
    const n = m.rows;
    const nPos = labels.reduce((s, v) => s + v, 0);
    // label weights (is_unbalance balances the classes; scale_pos_weight multiplies the positive weight)
    let wPos = 1, wNeg = 1;
    if (p.is_unbalance && nPos > 0 && nPos < n) {
      if (nPos > n - nPos) wNeg = nPos / (n - nPos);
      else wPos = (n - nPos) / nPos;
    }
    wPos *= p.scale_pos_weight;
    const needTrain = nPos > 0 && nPos < n && data.used.length > 0;
    const scores = new Float64Array(n);
    const validScores = valid ? new Float64Array(valid.rows) : null;
    const trees: Tree[] = [];
    const validMetric: number[] = [];
    const featureRandom = seededRandom(p.feature_fraction_seed);
    const bagRandom = seededRandom(p.bagging_seed);
    const useBagging = p.bagging_freq > 0 && p.bagging_fraction < 1;
    let bag: Int32Array | null = null;
    let bestScore = -Infinity, bestIter = 0;
    for (let iter = 0; iter < p.num_iterations; iter++) {
      let initScore = 0;
      if (iter === 0 && p.boost_from_average) {
        // log-odds of the clamped label mean, divided by sigmoid
        const pavg = Math.max(K_EPSILON, Math.min(1 - K_EPSILON, nPos / n));
        initScore = Math.log(pavg / (1 - pavg)) / p.sigmoid;
        if (Math.abs(initScore) > K_EPSILON) {
          for (let i = 0; i < n; i++) scores[i] += initScore;
          if (validScores) for (let i = 0; i < validScores.length; i++) validScores[i] += initScore;
        } else initScore = 0;
      }
      let tree: Tree;
      if (needTrain) {
        const { grad, hess } = learner.gradients();
        for (let i = 0; i < n; i++) {
          // LightGBM's binary log-loss gradients with labels in {-1, +1}
          const label = labels[i] > 0 ? 1 : -1;
          const weight = labels[i] > 0 ? wPos : wNeg;
          const response = (-label * p.sigmoid) / (1 + Math.exp(label * p.sigmoid * scores[i]));
          const abs = Math.abs(response);
          grad[i] = response * weight;
          hess[i] = abs * (p.sigmoid - abs) * weight;
        }
        if (useBagging && iter % p.bagging_freq === 0) bag = sampleSorted(n, Math.trunc(p.bagging_fraction * n), bagRandom);
        const featureMask = new Uint8Array(m.cols);
        if (p.feature_fraction < 1) {
          const k = Math.max(Math.round(data.used.length * p.feature_fraction), Math.min(2, data.used.length));
          for (const j of sampleSorted(data.used.length, k, featureRandom)) featureMask[data.used[j]] = 1;
        } else featureMask.fill(1);
        const grown = learner.train(featureMask, bag);
        tree = grown.tree;
        if (tree.numLeaves > 1) {
          shrinkTree(tree, p.learning_rate);
          const rows = learner.rows();
          for (let leaf = 0; leaf < tree.numLeaves; leaf++) {
            const v = tree.leafValue[leaf];
            for (let j = grown.leafBegin[leaf]; j < grown.leafBegin[leaf] + grown.leafCount[leaf]; j++) scores[rows[j]] += v;
          }
          if (bag) {
            const inBag = new Uint8Array(n);
            for (const r of bag) inBag[r] = 1;
            for (let i = 0; i < n; i++) if (!inBag[i]) scores[i] += treeOutput(tree, m.data, i * m.cols);
          }
          if (validScores) for (let i = 0; i < valid!.rows; i++) validScores[i] += treeOutput(tree, valid!.data, i * valid!.cols);
          if (initScore !== 0) addBias(tree, initScore);
        }
      } else {
        tree = constantTree(0, n);
      }
      if (tree.numLeaves <= 1) {
        // nothing left to split: keep a constant first tree, stop
        if (trees.length === 0) trees.push(constantTree(initScore, n));
        break;
      }
      trees.push(tree);
      if (valid) {
        const prob = validScores!.map((s) => 1 / (1 + Math.exp(-p.sigmoid * s)));
        const metric = p.metric === 'auc' ? rocAuc(validLabels!, prob) : binaryLogloss(validLabels!, prob);
        validMetric.push(metric);
        const score = p.metric === 'auc' ? metric : -metric;
        if (score > bestScore) [bestScore, bestIter] = [score, trees.length];
        else if (p.early_stopping_round > 0 && trees.length - bestIter >= p.early_stopping_round) break;
      }
    }
    const kept = p.early_stopping_round > 0 && bestIter > 0 ? bestIter : trees.length;
    const model: Ensemble = {
      version: 'v4', numClass: 1, numTreePerIteration: 1, labelIndex: 0, maxFeatureIdx: m.cols - 1,
      objective: `binary sigmoid:${formatG(p.sigmoid, 6)}`, averageOutput: false, featureNames: names.slice(),
      featureInfos: data.mappers.map((mapper) => featureInfo(mapper, formatG)), trees: trees.slice(0, kept),
      parameters: parametersText(p),
    };
    return { model, params: p, bestIteration: kept, validMetric };
  } finally {
    a.release(mark);
  }
}

function constantTree(value: number, count: number): Tree {
  return {
    numLeaves: 1, numCat: 0, splitFeature: new Int32Array(0), splitGain: new Float64Array(0), threshold: new Float64Array(0),
    decisionType: new Uint8Array(0), leftChild: new Int32Array(0), rightChild: new Int32Array(0), leafValue: Float64Array.of(value),
    leafWeight: new Float64Array(1), leafCount: Float64Array.of(count), internalValue: new Float64Array(0), internalWeight: new Float64Array(0),
    internalCount: new Float64Array(0), catBoundaries: new Int32Array(0), catThreshold: new Uint32Array(0), isLinear: false, shrinkage: 1,
  };
}
