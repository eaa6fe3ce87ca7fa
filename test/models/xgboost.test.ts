// XGBoost JSON models: the reference booster (50 trees, depth 4, hist) on the WDBC test rows gives
// XGBoost's leaf ids exactly and its margins and probabilities to float32 precision; saved as LightGBM
// text it loads back with the same scores.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dataPath, readCsv } from '../helpers.js';
import { loadXgboostModel } from '../../src/models/xgboost.js';
import { loadLightgbmModel, saveLightgbmModel } from '../../src/models/lightgbm-text.js';
import { predictEnsemble } from '../../src/models/trees.js';

const json = readFileSync(dataPath('xgboost', 'xgboost_model.json'), 'utf8');
const { model, leafNodeIds } = loadXgboostModel(json, 'xgboost_model.json');
const X = readCsv('lightgbm', 'wdbc_test_lgb.csv').map((r) => model.featureNames.map((f) => Number(r[f])));
const ref = readCsv('xgboost', 'xgboost_pred_test.csv');

describe('XGBoost JSON model (WDBC)', () => {
  it('reads 50 binary:logistic trees over the 30 named features', () => {
    expect(model.trees).toHaveLength(50);
    expect(model.objective).toBe('binary sigmoid:1');
    expect(model.featureNames[7]).toBe('mean_concave_points');
    expect(X).toHaveLength(ref.length);
  });
  for (const engine of ['wasm', 'ts'] as const) {
    it(`${engine}: leaf ids exactly, margins and probabilities to float32 precision`, () => {
      const leaves = predictEnsemble(model, X, { engine, output: 'leaf' });
      const expected = readFileSync(dataPath('xgboost', 'xgboost_pred_test_leaf.txt'), 'utf8').trim().split('\n').map((l) => l.split('\t').map(Number));
      expected.forEach((row, r) => row.forEach((id, t) => expect(leafNodeIds[t][leaves[r * 50 + t]]).toBe(id)));
      const margin = predictEnsemble(model, X, { engine, output: 'raw' });
      const prob = predictEnsemble(model, X, { engine });
      ref.forEach((row, r) => {
        // XGBoost sums 50 float32 leaves in float32 and prints 9 digits: agree to a few float32 ulps
        expect(Math.abs(margin[r] - Number(row.margin))).toBeLessThan(2e-6 * Math.max(1, Math.abs(Number(row.margin))));
        expect(Math.abs(prob[r] - Number(row.prob))).toBeLessThan(1e-6);
      });
    });
  }
  it('thresholds reproduce the float32 rule x < c exactly', () => {
    const tree = model.trees[0];
    const c = Math.fround(0.04951); // root split of tree 0 on mean_concave_points
    expect(tree.splitFeature[0]).toBe(7);
    const t = tree.threshold[0];
    expect(Math.fround(t) < c).toBe(true);
    const above = t + Number.EPSILON * Math.abs(t);
    expect(Math.fround(above) < c).toBe(false);
  });
  it('saves as LightGBM model text that loads back with the same scores', () => {
    const back = loadLightgbmModel(saveLightgbmModel(model));
    expect(predictEnsemble(back, X, { output: 'raw' })).toEqual(predictEnsemble(model, X, { output: 'raw' }));
  });
  it('rejects what it cannot read with one clear error', () => {
    expect(() => loadXgboostModel('{', 'bad.json')).toThrow(/bad.json: not valid JSON/);
    expect(() => loadXgboostModel({ learner: {} }, 'bad.json')).toThrow(/not an XGBoost JSON model/);
    const doc = JSON.parse(json);
    doc.learner.objective.name = 'rank:pairwise';
    expect(() => loadXgboostModel(doc, 'bad.json')).toThrow(/objective "rank:pairwise" is not supported/);
    const cyc = JSON.parse(json);
    cyc.learner.gradient_booster.model.trees[0].left_children[1] = 1;
    expect(() => loadXgboostModel(cyc, 'bad.json')).toThrow(/tree 0: (node 1 is reached twice|not a binary tree)/);
  });
});
