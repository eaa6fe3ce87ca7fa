// Leaf-wise tree growth (LightGBM's SerialTreeLearner): at each step split the leaf with the best gain;
// build the histogram of the smaller child in WebAssembly and get the larger one as parent - smaller;
// a feature with no valid split in the parent is not tried in its children. Rows of each leaf are a
// contiguous range of one index array, partitioned stably in WebAssembly.
import type { WasmArena } from '../wasm/arena.js';
import { kernel } from '../wasm/module.js';
import { MISSING_NAN, type BinnedData } from './gbdt-binning.js';
import type { GbdtParams } from './gbdt-params.js';
import { findBestThreshold, isBetterSplit, leafOutput, noSplit, type SplitInfo } from './gbdt-split.js';
import type { Tree } from './trees.js';

type Kernel = (...args: number[]) => number;

/** A grown tree plus where each leaf's rows sit in the learner's row index array. */
export interface GrownTree {
  tree: Tree;
  leafBegin: Int32Array;
  leafCount: Int32Array;
}

// The tree under construction, in LightGBM's numbering (left child keeps the leaf id, right gets a new one).
class TreeBuilder {
  numLeaves = 1;
  readonly splitFeature: Int32Array; readonly splitGain: Float64Array; readonly threshold: Float64Array;
  readonly decisionType: Uint8Array; readonly leftChild: Int32Array; readonly rightChild: Int32Array;
  readonly leafValue: Float64Array; readonly leafWeight: Float64Array; readonly leafCount: Float64Array; readonly leafParent: Int32Array;
  readonly internalValue: Float64Array; readonly internalWeight: Float64Array; readonly internalCount: Float64Array;
  readonly leafDepth: Int32Array;

  constructor(maxLeaves: number) {
    const n = maxLeaves;
    [this.splitFeature, this.leftChild, this.rightChild] = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
    [this.splitGain, this.threshold, this.internalValue, this.internalWeight, this.internalCount] =
      [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    this.decisionType = new Uint8Array(n);
    [this.leafValue, this.leafWeight, this.leafCount] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    [this.leafParent, this.leafDepth] = [new Int32Array(n).fill(-1), new Int32Array(n)];
  }

  split(leaf: number, feature: number, threshold: number, s: SplitInfo, leftCount: number, rightCount: number, gain: number, missingType: number): number {
    const node = this.numLeaves - 1;
    const right = this.numLeaves;
    const parent = this.leafParent[leaf];
    if (parent >= 0) {
      if (this.leftChild[parent] === ~leaf) this.leftChild[parent] = node;
      else this.rightChild[parent] = node;
    }
    this.splitFeature[node] = feature;
    this.splitGain[node] = gain;
    this.threshold[node] = threshold;
    this.decisionType[node] = (s.defaultLeft ? 2 : 0) | (missingType << 2);
    this.leftChild[node] = ~leaf;
    this.rightChild[node] = ~right;
    this.leafParent[leaf] = this.leafParent[right] = node;
    this.internalValue[node] = this.leafValue[leaf];
    this.internalWeight[node] = s.leftSumHessian + s.rightSumHessian;
    this.internalCount[node] = leftCount + rightCount;
    this.leafValue[leaf] = Number.isNaN(s.leftOutput) ? 0 : s.leftOutput;
    this.leafWeight[leaf] = s.leftSumHessian;
    this.leafCount[leaf] = leftCount;
    this.leafValue[right] = Number.isNaN(s.rightOutput) ? 0 : s.rightOutput;
    this.leafWeight[right] = s.rightSumHessian;
    this.leafCount[right] = rightCount;
    this.leafDepth[right] = ++this.leafDepth[leaf];
    return this.numLeaves++;
  }

  build(): Tree {
    const n = this.numLeaves, m = n - 1;
    return {
      numLeaves: n, numCat: 0, splitFeature: this.splitFeature.slice(0, m), splitGain: this.splitGain.slice(0, m),
      threshold: this.threshold.slice(0, m), decisionType: this.decisionType.slice(0, m), leftChild: this.leftChild.slice(0, m),
      rightChild: this.rightChild.slice(0, m), leafValue: this.leafValue.slice(0, n), leafWeight: this.leafWeight.slice(0, n),
      leafCount: this.leafCount.slice(0, n), internalValue: this.internalValue.slice(0, m), internalWeight: this.internalWeight.slice(0, m),
      internalCount: this.internalCount.slice(0, m), catBoundaries: new Int32Array(0), catThreshold: new Uint32Array(0), isLinear: false, shrinkage: 1,
    };
  }
}

/** Grows trees on one binned dataset; owns its arena buffers (gradients, row indices, histogram pool). */
export class TreeLearner {
  readonly gradPtr: number;
  readonly hessPtr: number;
  private readonly rowsPtr: number;
  private readonly scratchPtr: number;
  private readonly orderedPtr: number;
  private readonly featuresPtr: number;
  private readonly offsetsPtr: number;
  private readonly histPtr: number;
  private readonly slotPairs: number;
  private readonly maxLeaves: number;

  constructor(private readonly data: BinnedData, private readonly p: GbdtParams, private readonly a: WasmArena) {
    const n = data.numData;
    this.maxLeaves = p.num_leaves;
    this.slotPairs = data.totalBins;
    a.check(n * 32 + this.maxLeaves * this.slotPairs * 16, `gradient histograms (${this.maxLeaves} leaves x ${this.slotPairs} bins)`);
    this.gradPtr = a.alloc(n * 4, 'gradients');
    this.hessPtr = a.alloc(n * 4, 'hessians');
    this.rowsPtr = a.alloc(n * 4, 'leaf row indices');
    this.scratchPtr = a.alloc(n * 4, 'partition scratch');
    this.orderedPtr = a.alloc(n * 16, 'ordered gradients');
    this.featuresPtr = a.alloc(data.numFeatures * 4, 'feature list');
    this.offsetsPtr = a.put(data.histOffsets, 'histogram offsets');
    this.histPtr = a.alloc(this.maxLeaves * this.slotPairs * 16, 'histogram pool');
  }

  /** Gradient and hessian views to fill before train() (float32, as LightGBM's score_t). */
  gradients(): { grad: Float32Array; hess: Float32Array } {
    return { grad: this.a.view(Float32Array, this.gradPtr, this.data.numData), hess: this.a.view(Float32Array, this.hessPtr, this.data.numData) };
  }

  /** Row indices of the leaves of the last grown tree. */
  rows(): Int32Array {
    return this.a.view(Int32Array, this.rowsPtr, this.data.numData);
  }

  /** Grows one tree on the rows in `bag` (all rows when null), using the features with featureMask[f] = 1. */
  train(featureMask: Uint8Array, bag: Int32Array | null): GrownTree {
    const { data, p, a } = this;
    const nLeaves = this.maxLeaves;
    const F = data.numFeatures;
    const rows = this.rows();
    const count = bag ? bag.length : data.numData;
    if (bag) rows.set(bag);
    else for (let i = 0; i < count; i++) rows[i] = i;
    const { grad, hess } = this.gradients();
    let sumG = 0, sumH = 0;
    for (let i = 0; i < count; i++) {
      sumG += grad[rows[i]];
      sumH += hess[rows[i]];
    }
    const leafBegin = new Int32Array(nLeaves), leafCount = new Int32Array(nLeaves);
    const leafSumG = new Float64Array(nLeaves), leafSumH = new Float64Array(nLeaves);
    leafCount[0] = count;
    leafSumG[0] = sumG;
    leafSumH[0] = sumH;
    const builder = new TreeBuilder(nLeaves);
    builder.leafValue[0] = leafOutput(sumG, sumH, p);
    const best: SplitInfo[] = Array.from({ length: nLeaves }, noSplit);
    const slotOf = new Int32Array(nLeaves).fill(-1);
    const splittable = new Uint8Array(nLeaves * F);
    let nextSlot = 0;
    const gather = kernel<Kernel>('gbdtGatherGradients');
    const histogram = kernel<Kernel>('gbdtHistogram');
    const subtract = kernel<Kernel>('gbdtHistogramSubtract');
    const partition = kernel<Kernel>('gbdtPartition');

    const findBestSplits = (smaller: number, larger: number, parentSlot: number) => {
      const used: number[] = [];
      for (const f of data.used) {
        if (!featureMask[f]) continue;
        if (parentSlot >= 0 && !splittable[parentSlot * F + f]) {
          splittable[slotOf[smaller] * F + f] = 0;
          continue;
        }
        used.push(f);
      }
      a.view(Int32Array, this.featuresPtr, used.length).set(used);
      const slotPtr = (leaf: number) => this.histPtr + slotOf[leaf] * this.slotPairs * 16;
      gather(this.rowsPtr + leafBegin[smaller] * 4, leafCount[smaller], this.gradPtr, this.hessPtr, this.orderedPtr);
      histogram(data.binsPtr, data.binWidth, data.numData, this.featuresPtr, used.length, this.offsetsPtr,
        this.rowsPtr + leafBegin[smaller] * 4, leafCount[smaller], this.orderedPtr, slotPtr(smaller));
      if (larger >= 0) {
        for (const f of used) {
          const off = data.histOffsets[f] * 16;
          subtract(slotPtr(larger) + off, slotPtr(smaller) + off, data.histOffsets[f + 1] - data.histOffsets[f]);
        }
      }
      const hist = a.view(Float64Array, this.histPtr, nLeaves * this.slotPairs * 2);
      for (const leaf of larger >= 0 ? [smaller, larger] : [smaller]) {
        let leafBest = noSplit(), candidate = noSplit();
        const base = slotOf[leaf] * this.slotPairs;
        for (const f of used) {
          const ok = findBestThreshold(hist, base + data.histOffsets[f], data.mappers[f], leafSumG[leaf], leafSumH[leaf], leafCount[leaf], p, candidate);
          candidate.feature = f;
          splittable[slotOf[leaf] * F + f] = ok ? 1 : 0;
          if (isBetterSplit(candidate, leafBest)) [leafBest, candidate] = [candidate, leafBest];
        }
        best[leaf] = leafBest;
      }
    };

    // Chooses histogram slots (the larger child inherits the parent's) and finds both children's best splits.
    const prepareAndFind = (left: number, right: number) => {
      if (p.max_depth > 0 && builder.leafDepth[left] >= p.max_depth) {
        best[left].gain = -Infinity;
        if (right >= 0) best[right].gain = -Infinity;
        return;
      }
      const nLeft = leafCount[left], nRight = right >= 0 ? leafCount[right] : 0;
      if (nRight < 2 * p.min_data_in_leaf && nLeft < 2 * p.min_data_in_leaf) {
        best[left].gain = -Infinity;
        if (right >= 0) best[right].gain = -Infinity;
        return;
      }
      if (right < 0) {
        slotOf[left] = nextSlot++;
        findBestSplits(left, -1, -1);
      } else if (nLeft < nRight) {
        slotOf[right] = slotOf[left];
        slotOf[left] = nextSlot++;
        findBestSplits(left, right, slotOf[right]);
      } else {
        slotOf[right] = nextSlot++;
        findBestSplits(right, left, slotOf[left]);
      }
    };

    let left = 0, right = -1;
    for (let step = 0; step < nLeaves - 1; step++) {
      prepareAndFind(left, right);
      let bestLeaf = 0;
      for (let l = 1; l < nLeaves; l++) if (isBetterSplit(best[l], best[bestLeaf])) bestLeaf = l;
      const s = best[bestLeaf];
      if (!(s.gain > 0)) break;
      const m = data.mappers[s.feature];
      const begin = leafBegin[bestLeaf], total = leafCount[bestLeaf];
      const nLeft = partition(data.binsPtr, data.binWidth, data.numData, s.feature, s.threshold, m.missingType === MISSING_NAN ? m.numBin - 1 : -1,
        s.defaultLeft ? 1 : 0, this.rowsPtr + begin * 4, total, this.scratchPtr);
      const newLeaf = builder.split(bestLeaf, s.feature, m.upperBounds[s.threshold], s, nLeft, total - nLeft, Math.fround(s.gain + p.min_gain_to_split), m.missingType);
      leafCount[bestLeaf] = nLeft;
      leafBegin[newLeaf] = begin + nLeft;
      leafCount[newLeaf] = total - nLeft;
      [leafSumG[bestLeaf], leafSumH[bestLeaf]] = [s.leftSumGradient, s.leftSumHessian];
      [leafSumG[newLeaf], leafSumH[newLeaf]] = [s.rightSumGradient, s.rightSumHessian];
      left = bestLeaf;
      right = newLeaf;
    }
    return { tree: builder.build(), leafBegin: leafBegin.slice(0, builder.numLeaves), leafCount: leafCount.slice(0, builder.numLeaves) };
  }
}
