// XGBoost JSON models (Booster.save_model, format of 1.x/2.x gbtree) as our Ensemble, so they score with
// predictEnsemble and save as LightGBM model text. XGBoost compares float32 features with float32
// split values (x < c goes left, NaN follows default_left); each is turned into the equivalent double
// threshold for LightGBM's x <= t rule. The base score is folded into the first tree(s).
import type { Ensemble, Tree } from './trees.js';

const OBJECTIVES: Record<string, string> = {
  'binary:logistic': 'binary sigmoid:1',
  'reg:logistic': 'binary sigmoid:1',
  'binary:logitraw': 'regression',
  'reg:squarederror': 'regression',
  'reg:linear': 'regression',
  'multi:softprob': 'multiclass',
  'multi:softmax': 'multiclass',
};

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

// The float32 just below c (c a float32 value).
function prevFloat32(c: number): number {
  if (c === 0) return -Math.fround(1.401298464324817e-45);
  f32[0] = c;
  u32[0] += c > 0 ? -1 : 1;
  return f32[0];
}

// The largest double x with fround(x) < c, i.e. x <= t exactly when XGBoost sends x left.
function thresholdBelow(c: number): number {
  if (c === -Infinity || Number.isNaN(c)) return -Infinity;
  if (c === Infinity) return Number.MAX_VALUE; // every finite float32 is below
  const below = prevFloat32(c);
  if (below === -Infinity) return -Infinity;
  const mid = (below + c) / 2; // exact in double; rounds to the float32 with the even mantissa
  f32[0] = below;
  if (u32[0] % 2 === 0) return mid;
  f64[0] = mid;
  i64[0] += mid > 0 ? -1n : 1n;
  return f64[0];
}

function asArray(v: unknown, n: number, what: string): number[] {
  if (!Array.isArray(v) || v.length !== n || v.some((x) => typeof x !== 'number')) throw new Error(`${what} must be ${n} numbers`);
  return v as number[];
}

// One XGBoost tree: internal nodes numbered by node id order (root first), leaves likewise.
function convertTree(t: any, numFeature: number, what: string): { tree: Tree; leafNodeIds: Int32Array } {
  const n = Number(t?.tree_param?.num_nodes);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what}: tree_param.num_nodes is missing or invalid`);
  const left = asArray(t.left_children, n, `${what}: left_children`);
  const right = asArray(t.right_children, n, `${what}: right_children`);
  const feature = asArray(t.split_indices, n, `${what}: split_indices`);
  const cond = asArray(t.split_conditions, n, `${what}: split_conditions`);
  const defLeft = asArray(t.default_left, n, `${what}: default_left`);
  if ((t.categories_nodes ?? []).length > 0 || (t.split_type ?? []).some((s: number) => s !== 0)) throw new Error(`${what}: categorical splits are not supported`);
  const isLeaf = (i: number) => left[i] === -1;
  const internal: number[] = [], leaves: number[] = [];
  for (let i = 0; i < n; i++) (isLeaf(i) ? leaves : internal).push(i);
  if (leaves.length !== internal.length + 1 || (n > 1 && isLeaf(0))) throw new Error(`${what}: not a binary tree rooted at node 0`);
  const nodeIndex = new Map(internal.map((id, k) => [id, k]));
  const leafIndex = new Map(leaves.map((id, k) => [id, k]));
  const child = (id: number): number => {
    if (!(Number.isInteger(id) && id > 0 && id < n)) throw new Error(`${what}: child node ${id} is out of range`);
    return isLeaf(id) ? ~leafIndex.get(id)! : nodeIndex.get(id)!;
  };
  const m = internal.length;
  const tree: Tree = {
    numLeaves: leaves.length, numCat: 0,
    splitFeature: Int32Array.from(internal, (id) => feature[id]), splitGain: Float64Array.from(internal, (id) => t.loss_changes?.[id] ?? 0),
    threshold: Float64Array.from(internal, (id) => thresholdBelow(Math.fround(cond[id]))),
    decisionType: Uint8Array.from(internal, (id) => (2 << 2) | (defLeft[id] ? 2 : 0)),
    leftChild: Int32Array.from(internal, (id) => child(left[id])), rightChild: Int32Array.from(internal, (id) => child(right[id])),
    leafValue: Float64Array.from(leaves, (id) => Math.fround(cond[id])), leafWeight: Float64Array.from(leaves, (id) => t.sum_hessian?.[id] ?? 0),
    leafCount: new Float64Array(leaves.length), internalValue: new Float64Array(m), internalWeight: Float64Array.from(internal, (id) => t.sum_hessian?.[id] ?? 0),
    internalCount: new Float64Array(m), catBoundaries: new Int32Array(0), catThreshold: new Uint32Array(0), isLinear: false, shrinkage: 1,
  };
  for (const f of tree.splitFeature) if (!(f >= 0 && f < numFeature)) throw new Error(`${what}: split feature ${f} is outside 0..${numFeature - 1}`);
  const seen = new Uint8Array(n);
  const stack = [0];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen[id]++) throw new Error(`${what}: node ${id} is reached twice`);
    if (!isLeaf(id)) stack.push(left[id], right[id]);
  }
  if (seen.includes(0)) throw new Error(`${what}: some nodes are not reachable from the root`);
  return { tree, leafNodeIds: Int32Array.from(leaves) };
}

/**
 * Reads an XGBoost JSON model (text or parsed object). Returns the ensemble and, per tree, the XGBoost
 * node id of each leaf (leaf k of our tree is node leafNodeIds[t][k], as XGBoost's pred_leaf reports).
 */
export function loadXgboostModel(json: string | object, name = 'XGBoost model'): { model: Ensemble; leafNodeIds: Int32Array[] } {
  let doc: any;
  try {
    doc = typeof json === 'string' ? JSON.parse(json) : json;
  } catch (err) {
    throw new Error(`${name}: not valid JSON (${(err as Error).message})`);
  }
  const learner = doc?.learner;
  const booster = learner?.gradient_booster;
  if (!booster?.model?.trees) throw new Error(`${name}: not an XGBoost JSON model (no learner.gradient_booster.model.trees)`);
  if (booster.name !== 'gbtree') throw new Error(`${name}: booster "${booster.name}" is not supported (gbtree only)`);
  const objName = learner.objective?.name;
  if (!(objName in OBJECTIVES)) throw new Error(`${name}: objective "${objName}" is not supported`);
  const params = learner.learner_model_param ?? {};
  const numFeature = Number(params.num_feature);
  const numClass = Math.max(1, Number(params.num_class) || 0);
  const baseScore = Math.fround(Number(params.base_score ?? 0.5));
  if (!Number.isInteger(numFeature) || numFeature < 1 || !Number.isFinite(baseScore)) throw new Error(`${name}: learner_model_param num_feature/base_score invalid`);
  const raw = booster.model.trees as unknown[];
  const info: number[] = booster.model.tree_info ?? raw.map(() => 0);
  info.forEach((cls, i) => {
    if (cls !== i % numClass) throw new Error(`${name}: tree ${i} belongs to class ${cls}; expected trees ordered round-robin by class`);
  });
  const converted = raw.map((t, i) => convertTree(t, numFeature, `${name}: tree ${i}`));
  // base margin: logit(base_score) for logistic objectives, the score itself otherwise
  const logistic = objName === 'binary:logistic' || objName === 'reg:logistic';
  const base = logistic ? -Math.log(1 / baseScore - 1) : baseScore;
  for (let k = 0; k < Math.min(numClass, converted.length); k++) {
    const leaves = converted[k].tree.leafValue;
    for (let j = 0; j < leaves.length; j++) leaves[j] += base;
  }
  const names: string[] = learner.feature_names?.length === numFeature ? learner.feature_names : Array.from({ length: numFeature }, (_, i) => `f${i}`);
  const objective = OBJECTIVES[objName] === 'multiclass' ? `multiclass num_class:${numClass}` : OBJECTIVES[objName];
  return {
    model: {
      version: 'v4', numClass, numTreePerIteration: numClass, labelIndex: 0, maxFeatureIdx: numFeature - 1, objective,
      averageOutput: false, featureNames: names.slice(), featureInfos: names.map(() => 'none'), trees: converted.map((c) => c.tree),
    },
    leafNodeIds: converted.map((c) => c.leafNodeIds),
  };
}
