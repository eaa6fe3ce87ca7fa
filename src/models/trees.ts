// Tree ensembles as plain data (LightGBM's struct-of-arrays layout, so a model crosses a worker
// boundary unchanged), a plain-TypeScript tree walk, and batch scoring in WebAssembly.
import { arena as sharedArena, type WasmArena } from '../wasm/arena.js';
import { kernel } from '../wasm/module.js';

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
// Rows per WebAssembly call: bounds arena use for any batch size.
const CHUNK_ROWS = 16384;

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
  const cols = rows ? X[0].length : minCols;
  if (cols < minCols) throw new Error(`${what}: ${cols} columns, the model needs ${minCols}`);
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
 * The forest as assembly/trees.ts walks it (global node and leaf numbering): 24-byte node records
 * threshold f64 | feature i32 | decision i32 | left i32 | right i32, plus leaf and bitset arrays.
 */
export function flattenEnsemble(model: Ensemble) {
  const trees = model.trees;
  let nodes = 0, leaves = 0, cats = 0, words = 0, lin = 0;
  for (const t of trees) {
    nodes += t.numLeaves - 1; leaves += t.numLeaves; cats += t.numCat; words += t.catThreshold.length;
    if (t.isLinear) for (const f of t.leafFeatures!) lin += f.length;
  }
  const f = {
    treeRoot: new Int32Array(trees.length), treeLeafBase: new Int32Array(trees.length), treeSimple: new Int32Array(trees.length),
    nodes: new Float64Array(3 * nodes),
    catBounds: new Int32Array(cats + 1), catWords: new Uint32Array(words), leafValue: new Float64Array(leaves),
    hasLinear: trees.some((t) => t.isLinear), leafConst: new Float64Array(leaves), linStart: new Int32Array(leaves + 1),
    linFeature: new Int32Array(lin), linCoeff: new Float64Array(lin),
  };
  const ints = new Int32Array(f.nodes.buffer);
  let n0 = 0, l0 = 0, c0 = 0, w0 = 0, k0 = 0;
  trees.forEach((t, i) => {
    const child = (c: number) => (c >= 0 ? c + n0 : ~(~c + l0));
    f.treeRoot[i] = t.numLeaves > 1 ? n0 : ~l0;
    f.treeLeafBase[i] = l0;
    f.treeSimple[i] = t.decisionType.every((d) => (d & 13) === 0) ? 1 : 0;
    for (let j = 0; j < t.numLeaves - 1; j++) {
      const k = n0 + j;
      f.nodes[3 * k] = t.decisionType[j] & 1 ? t.threshold[j] + c0 : t.threshold[j];
      ints[6 * k + 2] = t.splitFeature[j];
      ints[6 * k + 3] = t.decisionType[j];
      ints[6 * k + 4] = child(t.leftChild[j]);
      ints[6 * k + 5] = child(t.rightChild[j]);
    }
    for (let c = 0; c < t.numCat; c++) f.catBounds[c0 + c + 1] = w0 + t.catBoundaries[c + 1];
    f.catWords.set(t.catThreshold, w0);
    f.leafValue.set(t.leafValue, l0);
    for (let j = 0; j < t.numLeaves; j++) {
      f.leafConst[l0 + j] = t.isLinear ? t.leafConst![j] : t.leafValue[j];
      f.linStart[l0 + j] = k0;
      if (t.isLinear) {
        f.linFeature.set(t.leafFeatures![j], k0);
        f.linCoeff.set(t.leafCoeff![j], k0);
        k0 += t.leafFeatures![j].length;
      }
    }
    n0 += t.numLeaves - 1; l0 += t.numLeaves; c0 += t.numCat; w0 += t.catThreshold.length;
  });
  f.linStart[leaves] = k0;
  return f;
}

type RawKernel = (...args: number[]) => void;

function predictWasm(model: Ensemble, m: { data: Float64Array; rows: number; cols: number }, leaf: boolean, a: WasmArena): Float64Array | Int32Array {
  const flat = flattenEnsemble(model);
  const k = model.numTreePerIteration;
  const nTrees = model.trees.length;
  const width = leaf ? nTrees : k;
  const result = leaf ? new Int32Array(m.rows * width) : new Float64Array(m.rows * width);
  const mark = a.mark();
  try {
    const p = {
      root: a.put(flat.treeRoot), leafBase: a.put(flat.treeLeafBase), simple: a.put(flat.treeSimple), nodes: a.put(flat.nodes),
      catBounds: a.put(flat.catBounds), catWords: a.put(flat.catWords),
      leafValue: a.put(flat.leafValue), leafConst: a.put(flat.leafConst), linStart: a.put(flat.linStart),
      linFeature: a.put(flat.linFeature), linCoeff: a.put(flat.linCoeff),
    };
    const chunk = Math.max(1, Math.min(CHUNK_ROWS, m.rows));
    a.check(chunk * (m.cols + width) * 8, `scoring ${chunk} rows`);
    const rowsPtr = a.alloc(chunk * m.cols * 8, 'score input rows');
    const outPtr = a.alloc(chunk * width * 8, 'score output');
    const raw = kernel<RawKernel>('treesPredictRaw');
    const leafKernel = kernel<RawKernel>('treesPredictLeaf');
    for (let r0 = 0; r0 < m.rows; r0 += chunk) {
      const n = Math.min(chunk, m.rows - r0);
      a.view(Float64Array, rowsPtr, n * m.cols).set(m.data.subarray(r0 * m.cols, (r0 + n) * m.cols));
      if (leaf) {
        leafKernel(rowsPtr, n, m.cols, nTrees, p.root, p.leafBase, p.nodes, p.catBounds, p.catWords, outPtr);
        result.set(a.view(Int32Array, outPtr, n * width), r0 * width);
      } else {
        a.view(Float64Array, outPtr, n * width).fill(0);
        raw(rowsPtr, n, m.cols, nTrees, k, p.root, p.simple, p.nodes, p.catBounds, p.catWords, p.leafValue, flat.hasLinear ? 1 : 0, p.leafConst, p.linStart, p.linFeature, p.linCoeff, outPtr);
        result.set(a.view(Float64Array, outPtr, n * width), r0 * width);
      }
    }
  } finally {
    a.release(mark);
  }
  return result;
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
