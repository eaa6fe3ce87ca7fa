import { describe, expect, it } from 'vitest';
import { expectClose, readJson } from '../helpers.js';
import { calibrationCurve, hosmerLemeshow, valProb } from '../../src/stats/index.js';
import { logisticRegression } from '../../src/models/logistic.js';
import { REF, calibrationInputs, scores } from './pima.js';

const TOL = 1e-9;
const reference = readJson(REF, 'pima', 'calibration_hosmer_lemeshow.json');
const crosschecks = readJson(REF, 'pima', 'crosschecks_python.json');

function expectGroups(got: ReturnType<typeof hosmerLemeshow>['groups'], want: any[], what: string): void {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => {
    const w = want[i];
    expect(g.group).toBe(w.group);
    expect(g.n).toBe(w.n);
    expect(g.observedEvents).toBe(w.obs_events);
    if (w.interval) expect(g.interval).toBe(w.interval);
    expectClose(g.meanPredicted, w.mean_pred, TOL, `${what} group ${w.group} mean_pred`);
    expectClose(g.observedRate, w.obs_rate, TOL, `${what} group ${w.group} obs_rate`);
    expectClose(g.expectedEvents, w.exp_events, TOL, `${what} group ${w.group} exp_events`);
  });
}

function expectHl(got: ReturnType<typeof hosmerLemeshow>, want: any, what: string): void {
  expectClose(got.statistic, want.statistic, TOL, `${what} X2`);
  expect(got.df).toBe(want.df);
  expectClose(got.pValue, want.p_value, TOL, `${what} p`);
  expectGroups(got.groups, want.groups, what);
}

// [JSON section, model column, data set, grouping]
const cases: [any, string, 'train' | 'test', 'quantile' | 'equal', string][] = [
  [reference.hl_train_fitted_quantile_groups, 'p_glm_radscore', 'train', 'quantile', 'rad-score train quantile'],
  [reference.hl_train_fitted_equal_size_groups, 'p_glm_radscore', 'train', 'equal', 'rad-score train equal'],
  [reference.hl_test_quantile_groups, 'p_glm_radscore', 'test', 'quantile', 'rad-score test quantile'],
  [reference.hl_test_equal_size_groups, 'p_glm_radscore', 'test', 'equal', 'rad-score test equal'],
  [reference.weak_model.hl_train_fitted_quantile_groups, 'p_weak_model', 'train', 'quantile', 'weak train quantile'],
  [reference.weak_model.hl_train_fitted_equal_size_groups, 'p_weak_model', 'train', 'equal', 'weak train equal'],
  [reference.weak_model.hl_test_quantile_groups, 'p_weak_model', 'test', 'quantile', 'weak test quantile'],
  [reference.weak_model.hl_test_equal_size_groups, 'p_weak_model', 'test', 'equal', 'weak test equal'],
];

describe('Hosmer-Lemeshow (g = 10, df = 8) vs hoslem.test / performance_hosmer and the equal-size definition', () => {
  for (const [want, column, set, grouping, what] of cases) {
    it(what, () => {
      const data = calibrationInputs(set);
      const got = hosmerLemeshow(data.y, data[column], { groups: 10, grouping });
      expectHl(got, want, what);
      // the calibration table of the same grouping is the HL table
      expectGroups(calibrationCurve(data.y, data[column], { bins: 10, strategy: grouping }), want.groups, `${what} curve`);
    });
  }

  it('glmnet probability on test rows, quantile groups', () => {
    const data = scores('test');
    expectHl(hosmerLemeshow(data.y, data.prob), reference.hl_test_glmnet_prob_quantile_groups, 'glmnet prob test');
  });

  it('performance::performance_hosmer and the Python cross-check agree', () => {
    const train = calibrationInputs('train');
    const test = calibrationInputs('test');
    for (const [want, column] of [[reference.performance_hosmer_train, 'p_glm_radscore'], [reference.weak_model.performance_hosmer_train, 'p_weak_model']] as const) {
      const got = hosmerLemeshow(train.y, train[column]);
      expectClose(got.statistic, want.chisq, TOL, 'performance chisq');
      expectClose(got.pValue, want.p_value, TOL, 'performance p');
    }
    const weak = hosmerLemeshow(test.y, test.p_weak_model);
    expectClose(weak.statistic, crosschecks.hl_weak_test_python.statistic, TOL, 'python statistic');
    expectClose(weak.pValue, crosschecks.hl_weak_test_python.p_value, TOL, 'python p');
  });

  it('the calibration inputs are the stored glm fits: y ~ radscore and y ~ z_bp on training rows', () => {
    const train = scores('train');
    const fitted = calibrationInputs('train');
    for (const [coef, column, predictor] of [[reference.glm_coef, 'p_glm_radscore', 'radscore'], [reference.weak_model.glm_coef, 'p_weak_model', 'z_bp']] as const) {
      const fit = logisticRegression(train[predictor].map((x) => [x]), train.y, [predictor]);
      expectClose(fit.intercept, coef['(Intercept)'], TOL, `${predictor} intercept`);
      expectClose(fit.coefficients[predictor], coef[predictor], TOL, `${predictor} slope`);
      fit.fitted.forEach((p, i) => expectClose(p, fitted[column][i], TOL, `fitted ${i}`));
    }
  });
});

describe('valProb vs rms::val.prob on test rows', () => {
  const keys: [keyof ReturnType<typeof valProb>, string][] = [
    ['r2', 'R2'], ['d', 'D'], ['dChiSq', 'D:Chi-sq'], ['u', 'U'], ['uChiSq', 'U:Chi-sq'], ['uP', 'U:p'], ['q', 'Q'],
    ['brier', 'Brier'], ['intercept', 'Intercept'], ['slope', 'Slope'], ['eMax', 'Emax'], ['e90', 'E90'], ['eAvg', 'Eavg'],
    ['spiegelhalterZ', 'S:z'], ['spiegelhalterP', 'S:p'],
  ];
  for (const [want, column] of [[reference.val_prob_test, 'p_glm_radscore'], [reference.weak_model.val_prob_test, 'p_weak_model']] as const) {
    it(column, () => {
      const data = calibrationInputs('test');
      const got = valProb(data.y, data[column]);
      for (const [ours, theirs] of keys) expectClose(got[ours], want[theirs], TOL, `${column} ${theirs}`);
      expect(want['D:p']).toBeNull(); // val.prob reports NA; ours is the chi-square p on 1 df
      expect(got.dP).toBeLessThan(0.01);
    });
  }

  it('C and Dxy: exact concordance; rms 6.5 agrees on the weak model and is 1.5 pairs in 24307 off on the rad-score', () => {
    const data = calibrationInputs('test');
    const weak = valProb(data.y, data.p_weak_model);
    expectClose(weak.c, reference.weak_model.val_prob_test['C (ROC)'], TOL, 'weak C');
    expectClose(weak.dxy, reference.weak_model.val_prob_test.Dxy, TOL, 'weak Dxy');
    // The rad-score probabilities have no ties; pROC's AUC of the same model is the exact value.
    const rad = valProb(data.y, data.p_glm_radscore);
    expectClose(rad.c, readJson(REF, 'pima', 'roc_delong.json').test.auc.radscore.auc, TOL, 'rad-score C = pROC AUC');
    const pairs = 109 * 223;
    expect(Math.abs(rad.c - reference.val_prob_test['C (ROC)']) * pairs).toBeCloseTo(1.5, 6);
  });
});

describe('calibration input checks', () => {
  it('gives one-line errors for bad probabilities and groupings', () => {
    expect(() => hosmerLemeshow([0, 1, 1], [0.2, 1.3, 0.5])).toThrow(/probability 1 is 1.3, outside \[0, 1\]/);
    expect(() => hosmerLemeshow([0, 1], [0.2, 0.3], { groups: 2 })).toThrow(/at least 3/);
    expect(() => hosmerLemeshow([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toThrow(/all predicted probabilities are equal/);
    expect(() => hosmerLemeshow([0, 1], [0.2, 0.3], { grouping: 'deciles' as never })).toThrow(/unknown grouping/);
    expect(() => valProb([0, 1, 1], [0, 0.5, 0.7])).toThrow(/logit\(p\) needs 0 < p < 1/);
    expect(() => valProb([1, 1, 1], [0.2, 0.5, 0.7])).toThrow(/only one class/);
  });

  it('uniform calibration bins drop empty bins and keep their place', () => {
    const curve = calibrationCurve([0, 0, 1, 1], [0.05, 0.15, 0.95, 0.91], { bins: 10 });
    expect(curve.map((b) => b.group)).toEqual([1, 2, 10]);
    expect(curve[2]).toMatchObject({ n: 2, observedEvents: 2, observedRate: 1, lower: 0.9, upper: 1 });
    // bins are right-closed like numpy.searchsorted(edges, p, 'left'): 0.1 and 0.3 close their bins
    expect(calibrationCurve([0, 1, 1], [0.1, 0.3, 0.30000000000000004], { bins: 10 }).map((b) => [b.group, b.n])).toEqual([[1, 1], [3, 2]]);
  });
});
