// LightGBM's model text format (docs: ../shared/docs/lightgbm-model-format.md): reading and writing,
// symmetric, so a LightGBM model loaded and saved again gives the same text, and our own trained
// models load in LightGBM. Numbers are written as C's printf does (%.17g for values LightGBM writes
// at round-trip precision, %g elsewhere), decided from the exact binary value.
import { checkTree, type Ensemble, type Tree } from './trees.js';

const MAX_TREE_KEYS = 22;

/** C printf "%.{precision}g" of a double, rounding the exact binary value half-to-even like glibc. */
export function formatG(x: number, precision = 6): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  let { digits, exp } = roundDigits(Math.abs(x), precision);
  digits = digits.replace(/0+$/, '') || '0';
  if (exp < -4 || exp >= precision) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${int}${frac ? '.' + frac : ''}`;
}

// `precision` significant digits of x > 0 (half-to-even on the exact value); value = d.ddd × 10^exp.
function roundDigits(x: number, precision: number): { digits: string; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const mant = (BigInt(hi & 0xfffff) << 32n) + BigInt(lo) + (biased ? 1n << 52n : 0n);
  const e2 = (biased || 1) - 1075;
  // x = mant × 2^e2 = all × 10^-scale exactly
  const all = e2 >= 0 ? (mant << BigInt(e2)).toString() : (mant * 5n ** BigInt(-e2)).toString();
  const scale = e2 >= 0 ? 0 : -e2;
  let exp = all.length - 1 - scale;
  let kept = all.slice(0, precision).padEnd(precision, '0');
  const rest = all.slice(precision);
  const up = rest.length > 0 && (rest[0] > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || Number(kept[kept.length - 1]) % 2 === 1)));
  if (up) {
    kept = (BigInt(kept) + 1n).toString();
    if (kept.length > precision) {
      kept = kept.slice(0, precision);
      exp += 1;
    }
  }
  return { digits: kept, exp };
}

function parseNumber(token: string): number {
  if (/^[+-]?inf(inity)?$/i.test(token)) return token.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(token)) return NaN;
  return token === '' ? NaN : Number(token);
}

// Reads one tree block (key=value lines) with every check a walker needs to terminate.
function parseTree(lines: string[], index: number, maxFeatureIdx: number, where: string): Tree {
  const what = `${where}: Tree=${index}`;
  const kv = new Map<string, string>();
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`${what}: malformed line "${line.slice(0, 60)}"`);
    kv.set(line.slice(0, eq), line.slice(eq + 1));
  }
  if (kv.size > MAX_TREE_KEYS) throw new Error(`${what}: ${kv.size} keys, LightGBM trees have at most ${MAX_TREE_KEYS}`);
  const count = (key: string): number => {
    const v = Number(kv.get(key));
    if (!kv.has(key) || !Number.isInteger(v) || v < 0) throw new Error(`${what}: ${key} is missing or not a non-negative integer`);
    return v;
  };
  const numLeaves = count('num_leaves');
  const numCat = count('num_cat');
  if (numLeaves < 1) throw new Error(`${what}: num_leaves must be at least 1`);
  const nums = (key: string, n: number, required: boolean, check: 'any' | 'value' | 'int' = 'any'): number[] => {
    const raw = kv.get(key);
    if (raw === undefined) {
      if (required) throw new Error(`${what}: ${key} is missing`);
      return new Array(n).fill(0);
    }
    const tokens = raw.trim() === '' ? [] : raw.trim().split(/\s+/);
    if (n >= 0 && tokens.length !== n) throw new Error(`${what}: ${key} has ${tokens.length} values, expected ${n}`);
    const out = tokens.map(parseNumber);
    for (const v of out) {
      if (check === 'int' && !Number.isInteger(v)) throw new Error(`${what}: ${key} holds "${v}", not an integer`);
      if (check === 'value' && Number.isNaN(v)) throw new Error(`${what}: ${key} holds a value that is not a number`);
    }
    return out;
  };
  const internal = numLeaves - 1;
  const split = internal > 0;
  const tree: Tree = {
    numLeaves, numCat,
    splitFeature: Int32Array.from(nums('split_feature', internal, split, 'int')),
    splitGain: Float64Array.from(nums('split_gain', internal, false)),
    threshold: Float64Array.from(nums('threshold', internal, split, 'value')),
    decisionType: Uint8Array.from(nums('decision_type', internal, false, 'int')),
    leftChild: Int32Array.from(nums('left_child', internal, split, 'int')),
    rightChild: Int32Array.from(nums('right_child', internal, split, 'int')),
    leafValue: Float64Array.from(nums('leaf_value', numLeaves, true, 'value')),
    leafWeight: Float64Array.from(nums('leaf_weight', numLeaves, false)),
    leafCount: Float64Array.from(nums('leaf_count', numLeaves, false)),
    internalValue: Float64Array.from(nums('internal_value', internal, false)),
    internalWeight: Float64Array.from(nums('internal_weight', internal, false)),
    internalCount: Float64Array.from(nums('internal_count', internal, false)),
    catBoundaries: Int32Array.from(numCat > 0 ? nums('cat_boundaries', numCat + 1, true, 'int') : []),
    catThreshold: Uint32Array.from(numCat > 0 ? nums('cat_threshold', -1, true, 'int') : []),
    isLinear: kv.has('is_linear') && count('is_linear') === 1,
    shrinkage: kv.has('shrinkage') ? parseNumber(kv.get('shrinkage')!) : 1,
  };
  for (const d of tree.decisionType) if (d > 15) throw new Error(`${what}: decision_type ${d} has unknown bits`);
  if (tree.isLinear) parseLinear(tree, nums);
  checkTree(tree, maxFeatureIdx, what);
  return tree;
}

type NumsReader = (key: string, n: number, required: boolean, check?: 'any' | 'value' | 'int') => number[];

function parseLinear(tree: Tree, nums: NumsReader): void {
  const n = tree.numLeaves;
  tree.leafConst = Float64Array.from(nums('leaf_const', n, true, 'value'));
  const perLeaf = nums('num_features', n, true, 'int');
  const total = perLeaf.reduce((a, b) => a + b, 0);
  const features = nums('leaf_features', total, true, 'int');
  const coeff = nums('leaf_coeff', total, true, 'value');
  tree.leafFeatures = [];
  tree.leafCoeff = [];
  let k = 0;
  for (const m of perLeaf) {
    tree.leafFeatures.push(Int32Array.from(features.slice(k, k + m)));
    tree.leafCoeff.push(Float64Array.from(coeff.slice(k, k + m)));
    k += m;
  }
}

/** Parses LightGBM model text (as written by LightGBM's save_model / the CLI); `name` labels errors. */
export function loadLightgbmModel(text: string, name = 'LightGBM model'): Ensemble {
  if (typeof text !== 'string') throw new Error(`${name}: model text must be a string`);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const normalized = lines.join('\n');
  if (lines[0]?.trim() !== 'tree') throw new Error(`${name}: not a LightGBM model text (first line "${(lines[0] ?? '').slice(0, 40)}", expected "tree")`);
  const header = new Map<string, string>();
  let i = 1;
  for (; i < lines.length && !lines[i].startsWith('Tree=') && lines[i] !== 'end of trees'; i++) {
    const line = lines[i];
    if (line === '') continue;
    const eq = line.indexOf('=');
    header.set(eq < 0 ? line : line.slice(0, eq), eq < 0 ? '' : line.slice(eq + 1));
  }
  const intKey = (key: string, dflt?: number): number => {
    const v = header.has(key) ? Number(header.get(key)) : dflt;
    if (v === undefined || !Number.isInteger(v) || v < 0) throw new Error(`${name}: header ${key} is missing or not a non-negative integer`);
    return v;
  };
  const numClass = intKey('num_class');
  const maxFeatureIdx = intKey('max_feature_idx');
  const featureNames = (header.get('feature_names') ?? '').trim().split(/\s+/).filter(Boolean);
  if (featureNames.length !== maxFeatureIdx + 1) throw new Error(`${name}: feature_names lists ${featureNames.length} names, max_feature_idx says ${maxFeatureIdx + 1}`);
  const numTreePerIteration = intKey('num_tree_per_iteration', numClass);
  if (numTreePerIteration < 1) throw new Error(`${name}: num_tree_per_iteration must be at least 1`);
  const trees: Tree[] = [];
  while (i < lines.length && lines[i].startsWith('Tree=')) {
    const start = ++i;
    while (i < lines.length && lines[i] !== '') i++;
    if (i >= lines.length) throw new Error(`${name}: truncated or corrupt in tree ${trees.length} (no "end of trees")`);
    trees.push(parseTree(lines.slice(start, i), trees.length, maxFeatureIdx, name));
    while (i < lines.length && lines[i] === '') i++;
  }
  if (lines[i] !== 'end of trees') throw new Error(`${name}: truncated or corrupt after tree ${trees.length} (no "end of trees")`);
  const sizes = header.get('tree_sizes')?.trim().split(/\s+/).filter(Boolean);
  if (sizes && sizes.length !== trees.length) throw new Error(`${name}: tree_sizes lists ${sizes.length} trees, the file holds ${trees.length}`);
  if (trees.length % numTreePerIteration !== 0) throw new Error(`${name}: ${trees.length} trees is not a multiple of num_tree_per_iteration ${numTreePerIteration}`);
  const section = (start: string, end: string): string | undefined => {
    const a = normalized.indexOf(`\n${start}\n`);
    const b = normalized.indexOf(`\n${end}`, a + 1);
    return a < 0 || b < 0 ? undefined : normalized.slice(a + start.length + 2, b);
  };
  const monotone = header.get('monotone_constraints');
  return {
    version: header.get('version') ?? 'v4',
    numClass, numTreePerIteration, labelIndex: intKey('label_index', 0), maxFeatureIdx,
    objective: header.get('objective') ?? '',
    averageOutput: header.has('average_output'),
    featureNames,
    featureInfos: (header.get('feature_infos') ?? '').trim().split(/\s+/).filter(Boolean),
    ...(monotone !== undefined ? { monotoneConstraints: monotone.trim().split(/\s+/).filter(Boolean).map(Number) } : {}),
    trees,
    parameters: section('parameters:', 'end of parameters'),
    parser: section('parser:', 'end of parser'),
  };
}

const g17 = (a: ArrayLike<number>) => Array.from(a, (v) => formatG(v, 17)).join(' ');
const g6 = (a: ArrayLike<number>) => Array.from(a, (v) => formatG(v, 6)).join(' ');
const ints = (a: ArrayLike<number>) => Array.from(a, (v) => String(v)).join(' ');

function treeToString(t: Tree): string {
  const out = [
    `num_leaves=${t.numLeaves}`, `num_cat=${t.numCat}`, `split_feature=${ints(t.splitFeature)}`, `split_gain=${g6(t.splitGain)}`,
    `threshold=${g17(t.threshold)}`, `decision_type=${ints(t.decisionType)}`, `left_child=${ints(t.leftChild)}`,
    `right_child=${ints(t.rightChild)}`, `leaf_value=${g17(t.leafValue)}`, `leaf_weight=${g17(t.leafWeight)}`,
    `leaf_count=${ints(t.leafCount)}`, `internal_value=${g6(t.internalValue)}`, `internal_weight=${g6(t.internalWeight)}`,
    `internal_count=${ints(t.internalCount)}`,
  ];
  if (t.numCat > 0) out.push(`cat_boundaries=${ints(t.catBoundaries)}`, `cat_threshold=${ints(t.catThreshold)}`);
  out.push(`is_linear=${t.isLinear ? 1 : 0}`);
  if (t.isLinear) {
    // LightGBM separates leaves with an extra space; readers split on any whitespace.
    out.push(`leaf_const=${g17(t.leafConst!)}`, `num_features=${ints(t.leafFeatures!.map((f) => f.length))}`,
      `leaf_features=${t.leafFeatures!.map((f) => (f.length ? ints(f) + ' ' : '') + ' ').join('')}`,
      `leaf_coeff=${t.leafCoeff!.map((c) => (c.length ? g17(c) + ' ' : '') + ' ').join('')}`);
  }
  out.push(`shrinkage=${formatG(t.shrinkage, 6)}`);
  return out.join('\n') + '\n\n';
}

/** Split counts per feature (splits with positive gain), as LightGBM saves them, most used first. */
export function featureImportances(model: Ensemble): { name: string; count: number }[] {
  const counts = new Array(model.featureNames.length).fill(0);
  for (const t of model.trees) for (let j = 0; j < t.numLeaves - 1; j++) if (t.splitGain[j] > 0) counts[t.splitFeature[j]]++;
  const list = model.featureNames.map((name, f) => ({ name, count: counts[f] })).filter((x) => x.count > 0);
  return list.sort((a, b) => b.count - a.count); // stable: ties keep feature order
}

/** LightGBM model text for an ensemble (loaded or trained here). */
export function saveLightgbmModel(model: Ensemble): string {
  const bad = model.featureNames.find((n) => n === '' || /\s/.test(n));
  if (bad !== undefined) throw new Error(`saveLightgbmModel: feature name "${bad}" is empty or contains whitespace, which the text format cannot hold`);
  const blocks = model.trees.map((t, i) => `Tree=${i}\n${treeToString(t)}\n`);
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  const head = ['tree', `version=${model.version}`, `num_class=${model.numClass}`, `num_tree_per_iteration=${model.numTreePerIteration}`,
    `label_index=${model.labelIndex}`, `max_feature_idx=${model.maxFeatureIdx}`];
  if (model.objective) head.push(`objective=${model.objective}`);
  if (model.averageOutput) head.push('average_output');
  head.push(`feature_names=${model.featureNames.join(' ')}`);
  if (model.monotoneConstraints) head.push(`monotone_constraints=${model.monotoneConstraints.join(' ')}`);
  head.push(`feature_infos=${model.featureInfos.join(' ')}`, `tree_sizes=${blocks.map(bytes).join(' ')}`);
  let text = head.join('\n') + '\n\n' + blocks.join('') + 'end of trees\n';
  text += '\nfeature_importances:\n' + featureImportances(model).map((x) => `${x.name}=${x.count}\n`).join('');
  if (model.parameters !== undefined) text += `\nparameters:\n${model.parameters}\nend of parameters\n`;
  if (model.parser !== undefined) text += `\nparser:\n${model.parser}\nend of parser\n`;
  return text;
}
