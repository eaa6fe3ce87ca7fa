// LightGBM model text: the reference model's predictions (probability, raw score, leaf indices) on its
// test rows, byte-identical round trip, hand-built models for the decision rules the reference does not
// exercise (categorical, missing values, linear leaves, multiclass), and corrupt files.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dataPath, readCsv } from '../helpers.js';
import { loadLightgbmModel, saveLightgbmModel, formatG } from '../../src/models/lightgbm-text.js';
import { predictEnsemble, type Ensemble } from '../../src/models/trees.js';

const modelText = readFileSync(dataPath('lightgbm', 'model.txt'), 'utf8');
const readColumn = (file: string) => readFileSync(dataPath('lightgbm', file), 'utf8').trim().split('\n').map(Number);

function testRows(model: Ensemble): number[][] {
  return readCsv('lightgbm', 'wdbc_test_lgb.csv').map((rec) => model.featureNames.map((f) => Number(rec[f])));
}

function expectAbsClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    if (!(err <= tol * Math.max(1, Math.abs(expected[i])))) throw new Error(`${what}[${i}]: got ${actual[i]}, expected ${expected[i]}`);
  }
}

describe('LightGBM reference model (WDBC)', () => {
  const model = loadLightgbmModel(modelText, 'model.txt');
  const X = testRows(model);

  it('reads the header and all 50 trees', () => {
    expect(model.trees).toHaveLength(50);
    expect(model.numClass).toBe(1);
    expect(model.objective).toBe('binary sigmoid:1');
    expect(model.featureNames[7]).toBe('mean_concave_points');
    expect(model.trees[0].numLeaves).toBe(13);
    expect(model.trees[0].threshold[0]).toBe(0.049295000000000005);
  });

  for (const engine of ['wasm', 'ts'] as const) {
    it(`${engine}: probabilities and raw scores match LightGBM to 1e-12`, () => {
      expect(X).toHaveLength(142);
      expectAbsClose(predictEnsemble(model, X, { engine }), readColumn('pred_test_prob.txt'), 1e-12, 'probability');
      expectAbsClose(predictEnsemble(model, X, { engine, output: 'raw' }), readColumn('pred_test_raw.txt'), 1e-12, 'raw');
    });
    it(`${engine}: leaf indices match LightGBM exactly`, () => {
      const expected = readFileSync(dataPath('lightgbm', 'pred_test_leaf.txt'), 'utf8').trim().split('\n').flatMap((l) => l.split('\t').map(Number));
      expect(Array.from(predictEnsemble(model, X, { engine, output: 'leaf' }))).toEqual(expected);
    });
  }

  it('accepts a row-major Float64Array batch and gives the same scores', () => {
    const data = Float64Array.from(X.flat());
    expect(predictEnsemble(model, { data, rows: X.length, cols: 30 })).toEqual(predictEnsemble(model, X));
  });

  it('saves back to byte-identical text', () => {
    expect(saveLightgbmModel(model)).toBe(modelText);
  });
});

describe('number formatting as C printf', () => {
  it('matches %g and %.17g', () => {
    expect(formatG(Math.fround(1e-35), 17)).toBe('1.0000000180025095e-35');
    expect(formatG(1e-5, 17)).toBe('1.0000000000000001e-05');
    expect(formatG(1234.125, 6)).toBe('1234.12'); // exact tie: half to even
    expect(formatG(123456789, 6)).toBe('1.23457e+08');
    expect(formatG(2499, 17)).toBe('2499');
    expect(formatG(0.0001, 6)).toBe('0.0001');
    expect(formatG(0.00001234, 6)).toBe('1.234e-05');
    expect(formatG(-0.61009749590595042, 17)).toBe('-0.61009749590595042');
    expect(formatG(1e100, 6)).toBe('1e+100');
    expect(formatG(999999.5, 6)).toBe('1e+06');
  });
});

// A hand-built model: tree 0 splits feature 0 (NaN goes left) then categorical feature 1 (categories
// 1 and 33 go left); tree 1 is a single leaf; tree 2 treats zero of feature 2 as missing (goes right).
const handModel = `tree
version=v4
num_class=1
num_tree_per_iteration=1
label_index=0
max_feature_idx=2
objective=regression
feature_names=a b c
feature_infos=[0:10] 0:1:33 [-1:1]
tree_sizes=1 1 1

Tree=0
num_leaves=3
num_cat=1
split_feature=0 1
split_gain=1 1
threshold=2.5 0
decision_type=10 1
left_child=1 -2
right_child=-1 -3
leaf_value=10 20 30
leaf_weight=1 1 1
leaf_count=1 1 1
internal_value=0 0
internal_weight=0 0
internal_count=2 2
cat_boundaries=0 2
cat_threshold=2 2
is_linear=0
shrinkage=1


Tree=1
num_leaves=1
num_cat=0
split_feature=
split_gain=
threshold=
decision_type=
left_child=
right_child=
leaf_value=0.5
leaf_weight=0
leaf_count=0
internal_value=
internal_weight=
internal_count=
is_linear=0
shrinkage=1


Tree=2
num_leaves=2
num_cat=0
split_feature=2
split_gain=1
threshold=0.25
decision_type=4
left_child=-1
right_child=-2
leaf_value=100 200
leaf_weight=1 1
leaf_count=1 1
internal_value=0
internal_weight=0
internal_count=2
is_linear=0
shrinkage=1


end of trees
`;

describe('decision rules on a hand-built model', () => {
  const model = loadLightgbmModel(handModel, 'hand');
  // rows: [a, b, c] -> expected raw = tree0 + 0.5 + tree2
  const cases: [number[], number][] = [
    [[1, 1, 0.1], 20 + 0.5 + 100], // a <= 2.5 -> categorical node: 1 is in {1, 33} -> leaf 1
    [[1, 33, 0.1], 20 + 0.5 + 100],
    [[1, 2, 0.3], 30 + 0.5 + 200], // 2 not in the set; c > 0.25
    [[1, 64, 0], 30 + 0.5 + 200], // category beyond the bitset goes right; c == 0 is missing (zero), default right
    [[1, -3, NaN], 30 + 0.5 + 200], // negative category goes right; NaN counts as zero for the zero-missing split
    [[1, NaN, -1], 30 + 0.5 + 100], // NaN category goes right
    [[NaN, 1, 0.2], 20 + 0.5 + 100], // NaN a: missing type NaN, default left
    [[3, 1, 0.2], 10 + 0.5 + 100],
    [[1, 1.7, 0.2], 20 + 0.5 + 100], // categories truncate toward zero
  ];
  for (const engine of ['wasm', 'ts'] as const) {
    it(`${engine}: NaN default-left, categorical bitsets and zero-as-missing`, () => {
      const raw = predictEnsemble(model, cases.map((c) => c[0]), { engine, output: 'raw' });
      expect(Array.from(raw)).toEqual(cases.map((c) => c[1]));
      expect(Array.from(predictEnsemble(model, [[1, 2, 0.3]], { engine, output: 'leaf' }))).toEqual([2, 0, 1]);
    });
  }
  it('regression output is the raw score and the text round-trips', () => {
    expect(Array.from(predictEnsemble(model, [[1, 1, 0.1]]))).toEqual([120.5]);
    expect(loadLightgbmModel(saveLightgbmModel(model))).toEqual(model);
  });
});

const linearMulticlass = `tree
version=v4
num_class=2
num_tree_per_iteration=2
label_index=0
max_feature_idx=1
objective=multiclass num_class:2
feature_names=x y
feature_infos=[0:1] [0:1]

Tree=0
num_leaves=2
num_cat=0
split_feature=0
split_gain=1
threshold=0.5
decision_type=2
left_child=-1
right_child=-2
leaf_value=1 2
leaf_weight=1 1
leaf_count=1 1
internal_value=0
internal_weight=0
internal_count=2
is_linear=1
leaf_const=0.25 -1
num_features=1 2
leaf_features=1  0 1  
leaf_coeff=2  0.5 -0.5  
shrinkage=1


Tree=1
num_leaves=1
num_cat=0
split_feature=
split_gain=
threshold=
decision_type=
left_child=
right_child=
leaf_value=0.75
leaf_weight=0
leaf_count=0
internal_value=
internal_weight=
internal_count=
is_linear=0
shrinkage=1


end of trees
`;

describe('linear leaves and multiclass softmax', () => {
  const model = loadLightgbmModel(linearMulticlass, 'linear');
  const rows = [[0.2, 3], [0.8, 4], [0.2, NaN]];
  // class 0: tree 0 (linear); class 1: tree 1 (constant 0.75)
  const class0 = [0.25 + 2 * 3, -1 + 0.5 * 0.8 - 0.5 * 4, 1];
  for (const engine of ['wasm', 'ts'] as const) {
    it(`${engine}: leaf_const + coeff·x, NaN falls back to leaf_value; softmax per row`, () => {
      const raw = predictEnsemble(model, rows, { engine, output: 'raw' });
      expect(Array.from(raw)).toEqual(class0.flatMap((c) => [c, 0.75]));
      const prob = predictEnsemble(model, rows, { engine });
      for (let r = 0; r < rows.length; r++) {
        const e0 = Math.exp(class0[r] - Math.max(class0[r], 0.75)), e1 = Math.exp(0.75 - Math.max(class0[r], 0.75));
        expect(prob[2 * r]).toBeCloseTo(e0 / (e0 + e1), 15);
        expect(prob[2 * r] + prob[2 * r + 1]).toBeCloseTo(1, 15);
      }
    });
  }
  it('round-trips linear trees through text', () => {
    const sizes = linearMulticlass.split(/(?=Tree=|end of trees)/).slice(1, -1).map((b) => b.length);
    const expected = linearMulticlass.replace('feature_infos=[0:1] [0:1]\n', `feature_infos=[0:1] [0:1]\ntree_sizes=${sizes.join(' ')}\n`)
      .replace('end of trees\n', 'end of trees\n\nfeature_importances:\nx=1\n');
    expect(saveLightgbmModel(model)).toBe(expected);
  });
});

describe('corrupt model text gives one clear error', () => {
  const bad: [string, string, RegExp][] = [
    ['not a model', 'hello\nworld', /not a LightGBM model text/],
    ['truncated', modelText.slice(0, 5000), /truncated or corrupt/],
    ['cycle', handModel.replace('left_child=1 -2', 'left_child=1 1'), /reached twice/],
    ['feature range', handModel.replace('split_feature=0 1', 'split_feature=0 7'), /split_feature 7 is outside 0..2/],
    ['leaf count', handModel.replace('leaf_value=10 20 30', 'leaf_value=10 20'), /leaf_value has 2 values, expected 3/],
    ['NaN threshold', handModel.replace('threshold=2.5 0', 'threshold=abc 0'), /threshold holds a value that is not a number/],
    ['bitset index', handModel.replace('threshold=2.5 0', 'threshold=2.5 4'), /categorical node 1 names bitset 4/],
    ['tree_sizes', handModel.replace('tree_sizes=1 1 1', 'tree_sizes=1 1'), /tree_sizes lists 2 trees, the file holds 3/],
    ['names', handModel.replace('feature_names=a b c', 'feature_names=a b'), /feature_names lists 2 names/],
  ];
  for (const [what, text, message] of bad) {
    it(what, () => expect(() => loadLightgbmModel(text, 'bad.txt')).toThrow(message));
  }
  it('predictEnsemble checks a model built in code before walking it (no hang on a cycle)', () => {
    const model = loadLightgbmModel(handModel);
    const broken = { ...model, trees: [{ ...model.trees[0], leftChild: Int32Array.of(1, 1) }] };
    expect(() => predictEnsemble(broken, [[1, 2, 3]])).toThrow(/predictEnsemble: tree 0: child 1 of node 1 is out of range or reached twice/);
    expect(() => predictEnsemble({ ...model, numTreePerIteration: 2 }, [[1, 2, 3]])).toThrow(/not a tree ensemble/);
  });
  it('rejects a batch with too few columns', () => {
    const model = loadLightgbmModel(handModel);
    expect(() => predictEnsemble(model, [[1, 2]])).toThrow(/2 columns, the model needs 3/);
  });
});
