// Batch scoring of an Ensemble in WebAssembly (assembly/trees.ts): the forest is packed into node records
// and the rows are copied into the arena in blocks, so any batch size uses bounded memory.
import type { WasmArena } from '../wasm/arena.js';
import { kernel } from '../wasm/module.js';
import type { Ensemble } from './trees.js';

// Rows per WebAssembly call.
const CHUNK_ROWS = 16384;

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

/** Raw scores (K per row) or leaf indices (one per tree per row) of a row-major batch. */
export function predictWasm(model: Ensemble, m: { data: Float64Array; rows: number; cols: number }, leaf: boolean, a: WasmArena): Float64Array | Int32Array {
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

