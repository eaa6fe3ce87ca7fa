// Tree-ensemble scoring over a row-major Float64 batch, with LightGBM's decision rules.
// src/models/trees.ts packs the forest into one array of node records (threshold, feature, decision
// bits, two children); a child c < 0 is the global leaf ~c. A tree whose root entry is negative is a
// single leaf. Nothing here allocates.

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

// Node records (24 bytes, see flattenEnsemble in src/models/trees.ts): threshold f64 | feature i32 | decision i32 | left i32 | right i32.
// Walks one tree for one row and returns the global leaf index. The common split (numerical, no missing
// type) is decided without branches and the child is chosen with select, so random paths do not
// cost branch mispredictions.
@inline
function leafOf(row: usize, root: i32, nodes: usize, catBounds: usize, catWords: usize): i32 {
  let node = root;
  while (node >= 0) {
    const rec = nodes + <usize>node * 24;
    const threshold = load<f64>(rec);
    const x = load<f64>(row + (<usize>load<i32>(rec, 8) << 3));
    const decision = load<i32>(rec, 12);
    let left: bool;
    if ((decision & 13) == 0) {
      // NaN counts as 0 when the split has no missing type
      left = <bool>(<i32>(x <= threshold) | (<i32>(x != x) & <i32>(threshold >= 0)));
    } else if ((decision & 1) != 0) {
      left = categoricalGoesLeft(x, <i32>threshold, catBounds, catWords);
    } else {
      left = numericalGoesLeft(x, decision, threshold);
    }
    node = select<i32>(load<i32>(rec, 16), load<i32>(rec, 20), left);
  }
  return ~node;
}

// One walk step of a tree whose splits are all simple (numerical, no missing type); a finished walk
// (node < 0) stays where it is. Four of these run interleaved so their load latencies overlap.
@inline
function simpleStep(node: i32, row: usize, nodes: usize): i32 {
  const rec = nodes + <usize>max(node, 0) * 24;
  const threshold = load<f64>(rec);
  const x = load<f64>(row + (<usize>load<i32>(rec, 8) << 3));
  const left = <bool>(<i32>(x <= threshold) | (<i32>(x != x) & <i32>(threshold >= 0)));
  return select<i32>(node, select<i32>(load<i32>(rec, 16), load<i32>(rec, 20), left), node < 0);
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

// Adds one tree's output at `leaf` to the row's class slot.
@inline
function addLeaf(slot: usize, row: usize, leaf: i32, leafValue: usize, hasLinear: i32, leafConst: usize, linStart: usize, linFeature: usize, linCoeff: usize): void {
  const value = hasLinear != 0
    ? linearLeafOutput(row, leaf, leafValue, leafConst, linStart, linFeature, linCoeff)
    : load<f64>(leafValue + (<usize>leaf << 3));
  store<f64>(slot, load<f64>(slot) + value);
}

/**
 * Raw scores: out[r * numClass + t % numClass] += output of tree t, trees added in order from 0.
 * `out` must be zeroed by the caller. treeSimple[t] = 1 when all splits of tree t are numerical without
 * a missing type (walked four rows at a time). With hasLinear = 0 the linear-leaf pointers are not read.
 */
export function treesPredictRaw(
  rows: usize, numRows: i32, numCols: i32, numTrees: i32, numClass: i32, treeRoot: usize, treeSimple: usize,
  nodes: usize, catBounds: usize, catWords: usize, leafValue: usize,
  hasLinear: i32, leafConst: usize, linStart: usize, linFeature: usize, linCoeff: usize,
  out: usize,
): void {
  const rowBytes = <usize>numCols << 3;
  const outRowBytes = <usize>numClass << 3;
  for (let r0 = 0; r0 < numRows; r0 += ROW_BLOCK) {
    const r1 = min(r0 + ROW_BLOCK, numRows);
    for (let t = 0; t < numTrees; t++) {
      const root = load<i32>(treeRoot + (<usize>t << 2));
      const outClass = out + (<usize>(t % numClass) << 3);
      let r = r0;
      if (load<i32>(treeSimple + (<usize>t << 2)) != 0) {
        for (; r + 8 <= r1; r += 8) {
          const r0p = rows + <usize>r * rowBytes;
          let a = root, b = root, c = root, d = root, e = root, f = root, g = root, h = root;
          while ((a & b & c & d & e & f & g & h) >= 0) {
            a = simpleStep(a, r0p, nodes);
            b = simpleStep(b, r0p + rowBytes, nodes);
            c = simpleStep(c, r0p + 2 * rowBytes, nodes);
            d = simpleStep(d, r0p + 3 * rowBytes, nodes);
            e = simpleStep(e, r0p + 4 * rowBytes, nodes);
            f = simpleStep(f, r0p + 5 * rowBytes, nodes);
            g = simpleStep(g, r0p + 6 * rowBytes, nodes);
            h = simpleStep(h, r0p + 7 * rowBytes, nodes);
          }
          const slot = outClass + <usize>r * outRowBytes;
          addLeaf(slot, r0p, ~a, leafValue, hasLinear, leafConst, linStart, linFeature, linCoeff);
          addLeaf(slot + outRowBytes, r0p + rowBytes, ~b, leafValue, hasLinear, leafConst, linStart, linFeature, linCoeff);
          addLeaf(slot + 2 * outRowBytes, r0p + 2 * rowBytes, ~c, leafValue, hasLinear, leafConst, linStart, linFeature, linCoeff);
          addLeaf(slot + 3 * outRowBytes, r0p + 3 * rowBytes, ~d, leafValue, hasLinear, leafConst, linStart, linFeature, linCoeff);
          addLeaf(slot + 4 * outRowBytes, r0p + 4 * rowBytes, ~e, leafValue, hasLinear, leafConst, linStart, linFeature, linCoeff);
          addLeaf(slot + 5 * outRowBytes, r0p + 5 * rowBytes, ~f, leafValue, hasLinear, leafConst, linStart, linFeature, linCoeff);
          addLeaf(slot + 6 * outRowBytes, r0p + 6 * rowBytes, ~g, leafValue, hasLinear, leafConst, linStart, linFeature, linCoeff);
          addLeaf(slot + 7 * outRowBytes, r0p + 7 * rowBytes, ~h, leafValue, hasLinear, leafConst, linStart, linFeature, linCoeff);
        }
      }
      for (; r < r1; r++) {
        const row = rows + <usize>r * rowBytes;
        const leaf = leafOf(row, root, nodes, catBounds, catWords);
        addLeaf(outClass + <usize>r * outRowBytes, row, leaf, leafValue, hasLinear, leafConst, linStart, linFeature, linCoeff);
      }
    }
  }
}

/** Leaf indices: out[r * numTrees + t] = leaf of tree t (numbered within the tree) for row r. */
export function treesPredictLeaf(
  rows: usize, numRows: i32, numCols: i32, numTrees: i32, treeRoot: usize, treeLeafBase: usize,
  nodes: usize, catBounds: usize, catWords: usize, out: usize,
): void {
  const rowBytes = <usize>numCols << 3;
  for (let r0 = 0; r0 < numRows; r0 += ROW_BLOCK) {
    const r1 = min(r0 + ROW_BLOCK, numRows);
    for (let t = 0; t < numTrees; t++) {
      const root = load<i32>(treeRoot + (<usize>t << 2));
      const base = load<i32>(treeLeafBase + (<usize>t << 2));
      for (let r = r0; r < r1; r++) {
        const row = rows + <usize>r * rowBytes;
        const leaf = leafOf(row, root, nodes, catBounds, catWords);
        store<i32>(out + ((<usize>r * <usize>numTrees + <usize>t) << 2), leaf - base);
      }
    }
  }
}
