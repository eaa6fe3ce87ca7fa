// Tree ensembles as plain data (LightGBM's struct-of-arrays layout, so a model crosses a worker
// boundary unchanged), their checks, the plain-TypeScript tree walk, and predictEnsemble, which scores
// in WebAssembly (trees-wasm.ts) or with the TypeScript walk.
import { arena as sharedArena, type WasmArena } from '../wasm/arena.js';
import { predictWasm } from './trees-wasm.js';

/** One tree. Internal nodes are 0..numLeaves-2; a child c < 0 is leaf ~c. */
export interface Tree {
  numLeaves: number;
  numCat: number;
  splitFeature: Int32Array;
  splitGain: Float64Array;
  threshold: Float64Array;
  /** Bit 0 categorical, bit 1 default-left, bits 2-3 missing type (0 none, 1 zero, 2 NaN). */
  decisionType: Uint8Array;
  leftChild: Int32Array;
  rightChild: Int32Array;
  leafValue: Float64Array;
  leafWeight: Float64Array;
  leafCount: Float64Array;
  internalValue: Float64Array;
  internalWeight: Float64Array;
  internalCount: Float64Array;
  /** Categorical splits: threshold[node] indexes catBoundaries; catThreshold holds the bitsets (uint32 words). */
  catBoundaries: Int32Array;
  catThreshold: Uint32Array;
  isLinear: boolean;
  /** Linear leaves (isLinear): output = leafConst + sum of leafCoeff * x[leafFeatures]. */
  leafConst?: Float64Array;
  leafFeatures?: Int32Array[];
  leafCoeff?: Float64Array[];
  shrinkage: number;
}

/** A boosted ensemble with everything LightGBM's model text holds. */
export interface Ensemble {
  version: string;
  numClass: number;
  numTreePerIteration: number;
  labelIndex: number;
  maxFeatureIdx: number;
  /** LightGBM's objective line, e.g. "binary sigmoid:1" ('' when the model has none). */
  objective: string;
  averageOutput: boolean;
  featureNames: string[];
  featureInfos: string[];
  monotoneConstraints?: number[];
  trees: Tree[];
  /** Raw text of the optional `parameters:` and `parser:` sections, kept for saving. */
  parameters?: string;
  parser?: string;
}

/** Rows of features: an array of rows, or a row-major Float64Array with its shape. */
export type FeatureRows = ArrayLike<number>[] | { data: Float64Array; rows: number; cols: number };

export type PredictOutput = 'probability' | 'raw' | 'leaf';

export interface PredictOptions {
  /** 'probability' (objective transform applied, default), 'raw' (sum of leaf values) or 'leaf' (leaf index per tree). */
  output?: PredictOutput;
  /** 'wasm' (default) or 'ts' (the plain TypeScript walk; identical results). */
  engine?: 'wasm' | 'ts';
  arena?: WasmArena;
}

// LightGBM's kZeroThreshold: the float literal 1e-35f widened to double.
export const ZERO_THRESHOLD = Math.fround(1e-35);
// 2 GiB of float64: a larger row-major copy is refused with a message rather than a RangeError.
const MAX_VALUES = 2 ** 28;

/** Row-major copy (or the caller's own buffer) with at least `minCols` columns. */
export function toRowMajor(X: FeatureRows, minCols: number, what = 'features'): { data: Float64Array; rows: number; cols: number } {
  if (!Array.isArray(X)) {
    const m = X as { data: Float64Array; rows: number; cols: number };
    if (!(m.data instanceof Float64Array) || !Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.rows < 0 || m.cols < 0 || m.data.length !== m.rows * m.cols) {
      throw new Error(`${what}: expected an array of rows or {data: Float64Array, rows, cols} with data.length = rows * cols`);
    }
    if (m.cols < minCols) throw new Error(`${what}: ${m.cols} columns, the model needs ${minCols}`);
    return m;
  }
  const rows = X.length;
  const cols = rows ? X[0]?.length ?? 0 : minCols;
  if (cols < minCols) throw new Error(`${what}: ${cols} columns, the model needs ${minCols}`);
  if (rows * cols > MAX_VALUES) throw new Error(`${what}: ${rows} x ${cols} values is more than one Float64Array holds here (${MAX_VALUES})`);
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = X[r];
    if (!row || row.length !== cols) throw new Error(`${what}: row ${r} has ${row?.length ?? 0} values, expected ${cols}`);
    for (let c = 0; c < cols; c++) data[r * cols + c] = Number(row[c]);
  }
  return { data, rows, cols };
}

// One LightGBM decision: true = go left.
function goesLeft(tree: Tree, node: number, x: number): boolean {
  const dt = tree.decisionType[node];
  if (dt & 1) {
    if (Number.isNaN(x) || x <= -1) return false;
    const cat = tree.threshold[node];
    const first = tree.catBoundaries[cat];
    const words = tree.catBoundaries[cat + 1] - first;
    if (x >= words * 32) return false;
    const v = Math.trunc(x);
    return ((tree.catThreshold[first + (v >> 5)] >>> (v & 31)) & 1) === 1;
  }
  const missingType = (dt >> 2) & 3;
  if (Number.isNaN(x) && missingType !== 2) x = 0;
  if ((missingType === 1 && Math.abs(x) <= ZERO_THRESHOLD) || (missingType === 2 && Number.isNaN(x))) return (dt & 2) !== 0;
  return x <= tree.threshold[node];
}

/** Leaf index of one row (features at data[offset + f]). */
export function treeLeaf(tree: Tree, data: ArrayLike<number>, offset = 0): number {
  let node = tree.numLeaves > 1 ? 0 : -1;
  while (node >= 0) node = goesLeft(tree, node, data[offset + tree.splitFeature[node]]) ? tree.leftChild[node] : tree.rightChild[node];
  return ~node;
}

/** Output of one tree for one row, linear leaves included. */
export function treeOutput(tree: Tree, data: ArrayLike<number>, offset = 0): number {
  const leaf = treeLeaf(tree, data, offset);
  if (!tree.isLinear) return tree.leafValue[leaf];
  const features = tree.leafFeatures![leaf];
  const coeff = tree.leafCoeff![leaf];
  let out = tree.leafConst![leaf];
  for (let k = 0; k < features.length; k++) {
    const x = data[offset + features[k]];
    if (Number.isNaN(x)) return tree.leafValue[leaf];
    out += coeff[k] * x;
  }
  return out;
}

/** Raw scores by the plain TypeScript walk: out[r * K + t % K], K = numTreePerIteration. */
export function predictRawTs(model: Ensemble, m: { data: Float64Array; rows: number; cols: number }): Float64Array {
  const k = model.numTreePerIteration;
  const out = new Float64Array(m.rows * k);
  for (let r = 0; r < m.rows; r++) {
    const offset = r * m.cols;
    for (let t = 0; t < model.trees.length; t++) out[r * k + (t % k)] += treeOutput(model.trees[t], m.data, offset);
  }
  return out;
}

function predictLeafTs(model: Ensemble, m: { data: Float64Array; rows: number; cols: number }): Int32Array {
  const n = model.trees.length;
  const out = new Int32Array(m.rows * n);
  for (let r = 0; r < m.rows; r++) for (let t = 0; t < n; t++) out[r * n + t] = treeLeaf(model.trees[t], m.data, r * m.cols);
  return out;
}

/**
 * Checks a tree so that walking it terminates and stays in bounds: array lengths, split features, every
 * internal node and leaf reached exactly once from the root, categorical bitsets and linear leaves.
 */
export function checkTree(t: Tree, maxFeatureIdx: number, what: string): void {
  const n = t.numLeaves, m = n - 1;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what}: num_leaves ${n} must be a positive integer`);
  const lengths: [string, ArrayLike<number>, number][] = [['split_feature', t.splitFeature, m], ['threshold', t.threshold, m],
    ['decision_type', t.decisionType, m], ['left_child', t.leftChild, m], ['right_child', t.rightChild, m], ['leaf_value', t.leafValue, n]];
  for (const [key, a, len] of lengths) if (a?.length !== len) throw new Error(`${what}: ${key} has ${a?.length} values, expected ${len}`);
  for (const f of t.splitFeature) if (!(f >= 0 && f <= maxFeatureIdx)) throw new Error(`${what}: split_feature ${f} is outside 0..${maxFeatureIdx} (max_feature_idx)`);
  if (t.numCat > 0 || t.decisionType.some((d) => d & 1)) {
    const b = t.catBoundaries;
    if (b.length !== t.numCat + 1 || b[0] !== 0 || b[b.length - 1] !== t.catThreshold.length || b.some((v, i) => i > 0 && v < b[i - 1])) {
      throw new Error(`${what}: cat_boundaries must rise from 0 to the ${t.catThreshold.length} words of cat_threshold`);
    }
    t.decisionType.forEach((d, node) => {
      const c = t.threshold[node];
      if (d & 1 && !(Number.isInteger(c) && c >= 0 && c < t.numCat)) throw new Error(`${what}: categorical node ${node} names bitset ${c}, outside 0..${t.numCat - 1}`);
    });
  }
  if (t.isLinear) {
    if (t.leafConst?.length !== n || t.leafFeatures?.length !== n || t.leafCoeff?.length !== n) throw new Error(`${what}: linear leaves need leaf_const, leaf_features and leaf_coeff for ${n} leaves`);
    t.leafFeatures.forEach((fs, leaf) => {
      if (fs.length !== t.leafCoeff![leaf].length) throw new Error(`${what}: leaf ${leaf} has ${fs.length} features and ${t.leafCoeff![leaf].length} coefficients`);
      for (const f of fs) if (!(f >= 0 && f <= maxFeatureIdx)) throw new Error(`${what}: leaf_features ${f} is outside 0..${maxFeatureIdx}`);
    });
  }
  if (n === 1) return;
  const seenNode = new Uint8Array(m), seenLeaf = new Uint8Array(n);
  const stack = [0];
  seenNode[0] = 1;
  while (stack.length) {
    const node = stack.pop()!;
    for (const c of [t.leftChild[node], t.rightChild[node]]) {
      if (c >= 0) {
        if (c >= m || seenNode[c]) throw new Error(`${what}: child ${c} of node ${node} is out of range or reached twice`);
        seenNode[c] = 1;
        stack.push(c);
      } else {
        if (~c >= n || seenLeaf[~c]) throw new Error(`${what}: leaf ${~c} under node ${node} is out of range or reached twice`);
        seenLeaf[~c] = 1;
      }
    }
  }
  if (seenNode.includes(0) || seenLeaf.includes(0)) throw new Error(`${what}: some nodes or leaves are not reachable from the root`);
}

/** Checks a whole ensemble (see checkTree) before it is walked. */
export function checkEnsemble(model: Ensemble, what = 'model'): void {
  const k = model?.numTreePerIteration;
  if (!model || !Array.isArray(model.trees) || !Number.isInteger(k) || k < 1 || model.trees.length % k !== 0) {
    throw new Error(`${what}: not a tree ensemble (trees must be a multiple of num_tree_per_iteration)`);
  }
  if (!Number.isInteger(model.maxFeatureIdx) || model.maxFeatureIdx < 0) throw new Error(`${what}: max_feature_idx must be a non-negative integer`);
  model.trees.forEach((t, i) => checkTree(t, model.maxFeatureIdx, `${what}: tree ${i}`));
}

/** Objective transform of raw scores (LightGBM's ConvertOutput), in place on rows of K values. */
export function convertOutput(model: Ensemble, raw: Float64Array): Float64Array {
  const [name, ...opts] = model.objective.trim().split(/\s+/);
  const param = (key: string, dflt: number) => {
    const o = opts.find((s) => s.startsWith(key + ':'));
    return o ? Number(o.slice(key.length + 1)) : dflt;
  };
  const k = model.numTreePerIteration;
  const sigmoidOf = (s: number, a: number) => 1 / (1 + Math.exp(-a * s));
  if (name === 'multiclass' || name === 'softmax') {
    for (let r = 0; r < raw.length; r += k) softmaxInPlace(raw, r, k);
  } else if (name === 'binary' || name === 'multiclassova') {
    const a = param('sigmoid', 1);
    for (let i = 0; i < raw.length; i++) raw[i] = sigmoidOf(raw[i], a);
  } else if (name === 'cross_entropy' || name === 'xentropy') {
    for (let i = 0; i < raw.length; i++) raw[i] = sigmoidOf(raw[i], 1);
  } else if (name === 'cross_entropy_lambda' || name === 'xentlambda') {
    for (let i = 0; i < raw.length; i++) raw[i] = Math.log1p(Math.exp(raw[i]));
  } else if (name === 'poisson' || name === 'gamma' || name === 'tweedie') {
    for (let i = 0; i < raw.length; i++) raw[i] = Math.exp(raw[i]);
  } else if (name === 'regression' && opts.includes('sqrt')) {
    for (let i = 0; i < raw.length; i++) raw[i] = Math.sign(raw[i]) * raw[i] * raw[i];
  }
  return raw;
}

// softmax(x)_i = exp(x_i - max) / sum_j exp(x_j - max)
function softmaxInPlace(v: Float64Array, start: number, k: number): void {
  let max = -Infinity;
  for (let i = 0; i < k; i++) max = Math.max(max, v[start + i]);
  let sum = 0;
  for (let i = 0; i < k; i++) sum += v[start + i] = Math.exp(v[start + i] - max);
  for (let i = 0; i < k; i++) v[start + i] /= sum;
}

/**
 * Scores rows with an ensemble: probability (default), raw score or leaf indices. Results are row-major:
 * K values per row (K = numTreePerIteration; 1 for binary/regression) or one leaf per tree per row.
 */
export function predictEnsemble(model: Ensemble, X: FeatureRows, options: PredictOptions & { output: 'leaf' }): Int32Array;
export function predictEnsemble(model: Ensemble, X: FeatureRows, options?: PredictOptions): Float64Array;
export function predictEnsemble(model: Ensemble, X: FeatureRows, options: PredictOptions = {}): Float64Array | Int32Array {
  const output = options.output ?? 'probability';
  if (!['probability', 'raw', 'leaf'].includes(output)) throw new Error(`predictEnsemble: output "${output}" is not one of probability, raw, leaf`);
  checkEnsemble(model, 'predictEnsemble');
  const m = toRowMajor(X, model.maxFeatureIdx + 1);
  const useTs = options.engine === 'ts';
  if (output === 'leaf') return useTs ? predictLeafTs(model, m) : predictWasm(model, m, true, options.arena ?? sharedArena());
  const raw = useTs ? predictRawTs(model, m) : (predictWasm(model, m, false, options.arena ?? sharedArena()) as Float64Array);
  if (model.averageOutput && model.trees.length) {
    const iterations = model.trees.length / model.numTreePerIteration;
    for (let i = 0; i < raw.length; i++) raw[i] /= iterations;
  }
  return output === 'raw' ? raw : convertOutput(model, raw);
}
