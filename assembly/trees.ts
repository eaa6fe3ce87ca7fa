// Tree-ensemble scoring over a row-major Float64 batch, with LightGBM's decision rules.
// src/models/trees.ts flattens the forest into parallel arrays (a struct of arrays): node i of the
// whole forest has a feature, a threshold, decision bits and two children; a child c < 0 is the
// global leaf ~c. A tree whose root entry is negative is a single leaf. Nothing here allocates.

// LightGBM's kZeroThreshold is the float literal 1e-35f widened to double.
const ZERO_THRESHOLD: f64 = <f64>(<f32>1e-35);
// Rows scored together per tree: the block's rows stay in cache while every tree walks them.
const ROW_BLOCK: i32 = 128;

// Numerical split (decision bits: 1 categorical, 2 default-left, bits 2-3 missing type 0 none / 1 zero / 2 NaN).
@inline
function numericalGoesLeft(x: f64, decision: i32, threshold: f64): bool {
  const missingType = (decision >> 2) & 3;
  if (isNaN(x) && missingType != 2) x = 0;
  if ((missingType == 1 && abs(x) <= ZERO_THRESHOLD) || (missingType == 2 && isNaN(x))) return (decision & 2) != 0;
  return x <= threshold;
}

// Categorical split: left when bit x of the split's bitset is set; NaN, negative and out-of-range go right.
@inline
function categoricalGoesLeft(x: f64, catIndex: i32, catBounds: usize, catWords: usize): bool {
  if (isNaN(x) || x <= -1.0) return false;
  const first = load<i32>(catBounds + (<usize>catIndex << 2));
  const words = load<i32>(catBounds + (<usize>(catIndex + 1) << 2)) - first;
  if (x >= <f64>words * 32.0) return false;
  const v = <i32>x;
  const word = load<u32>(catWords + (<usize>(first + (v >> 5)) << 2));
  return ((word >> (<u32>v & 31)) & 1) != 0;
}

// Walks one tree for one row and returns the global leaf index.
@inline
function leafOf(
  row: usize, root: i32,
  nodeFeature: usize, nodeThreshold: usize, nodeDecision: usize, nodeLeft: usize, nodeRight: usize,
  catBounds: usize, catWords: usize,
): i32 {
  let node = root;
  while (node >= 0) {
    const n = <usize>node;
    const x = load<f64>(row + (<usize>load<i32>(nodeFeature + (n << 2)) << 3));
    const decision = <i32>load<u8>(nodeDecision + n);
    const threshold = load<f64>(nodeThreshold + (n << 3));
    const left = (decision & 1) != 0
      ? categoricalGoesLeft(x, <i32>threshold, catBounds, catWords)
      : numericalGoesLeft(x, decision, threshold);
    node = left ? load<i32>(nodeLeft + (n << 2)) : load<i32>(nodeRight + (n << 2));
  }
  return ~node;
}

// Linear leaf: const + sum coeff * x in stored order; any NaN input falls back to the plain leaf value.
@inline
function linearLeafOutput(row: usize, leaf: i32, leafValue: usize, leafConst: usize, linStart: usize, linFeature: usize, linCoeff: usize): f64 {
  const begin = load<i32>(linStart + (<usize>leaf << 2));
  const end = load<i32>(linStart + (<usize>(leaf + 1) << 2));
  let out = load<f64>(leafConst + (<usize>leaf << 3));
  for (let k = begin; k < end; k++) {
    const x = load<f64>(row + (<usize>load<i32>(linFeature + (<usize>k << 2)) << 3));
    if (isNaN(x)) return load<f64>(leafValue + (<usize>leaf << 3));
    out += load<f64>(linCoeff + (<usize>k << 3)) * x;
  }
  return out;
}

/**
 * Raw scores: out[r * numClass + t % numClass] += output of tree t, trees added in order from 0.
 * `out` must be zeroed by the caller. With hasLinear = 0 the linear-leaf pointers are not read.
 */
export function treesPredictRaw(
  rows: usize, numRows: i32, numCols: i32, numTrees: i32, numClass: i32, treeRoot: usize,
  nodeFeature: usize, nodeThreshold: usize, nodeDecision: usize, nodeLeft: usize, nodeRight: usize,
  catBounds: usize, catWords: usize, leafValue: usize,
  hasLinear: i32, leafConst: usize, linStart: usize, linFeature: usize, linCoeff: usize,
  out: usize,
): void {
  const rowBytes = <usize>numCols << 3;
  for (let r0 = 0; r0 < numRows; r0 += ROW_BLOCK) {
    const r1 = min(r0 + ROW_BLOCK, numRows);
    for (let t = 0; t < numTrees; t++) {
      const root = load<i32>(treeRoot + (<usize>t << 2));
      const outClass = out + (<usize>(t % numClass) << 3);
      for (let r = r0; r < r1; r++) {
        const row = rows + <usize>r * rowBytes;
        const leaf = leafOf(row, root, nodeFeature, nodeThreshold, nodeDecision, nodeLeft, nodeRight, catBounds, catWords);
        const value = hasLinear != 0
          ? linearLeafOutput(row, leaf, leafValue, leafConst, linStart, linFeature, linCoeff)
          : load<f64>(leafValue + (<usize>leaf << 3));
        const slot = outClass + ((<usize>r * <usize>numClass) << 3);
        store<f64>(slot, load<f64>(slot) + value);
      }
    }
  }
}

/** Leaf indices: out[r * numTrees + t] = leaf of tree t (numbered within the tree) for row r. */
export function treesPredictLeaf(
  rows: usize, numRows: i32, numCols: i32, numTrees: i32, treeRoot: usize, treeLeafBase: usize,
  nodeFeature: usize, nodeThreshold: usize, nodeDecision: usize, nodeLeft: usize, nodeRight: usize,
  catBounds: usize, catWords: usize, out: usize,
): void {
  const rowBytes = <usize>numCols << 3;
  for (let r0 = 0; r0 < numRows; r0 += ROW_BLOCK) {
    const r1 = min(r0 + ROW_BLOCK, numRows);
    for (let t = 0; t < numTrees; t++) {
      const root = load<i32>(treeRoot + (<usize>t << 2));
      const base = load<i32>(treeLeafBase + (<usize>t << 2));
      for (let r = r0; r < r1; r++) {
        const row = rows + <usize>r * rowBytes;
        const leaf = leafOf(row, root, nodeFeature, nodeThreshold, nodeDecision, nodeLeft, nodeRight, catBounds, catWords);
        store<i32>(out + ((<usize>r * <usize>numTrees + <usize>t) << 2), leaf - base);
      }
    }
  }
}
