import { describe, expect, it } from 'vitest';
import { expectClose, readJson } from '../helpers.js';
import { auc, confusionMetrics, delongCi, delongTest, rocCurve, youdenThreshold } from '../../src/stats/index.js';
import { REF, scores } from './pima.js';

const TOL = 1e-9;
const reference = readJson(REF, 'pima', 'roc_delong.json');

function expectMetrics(got: ReturnType<typeof confusionMetrics>, want: any, what: string): void {
  expect([got.tp, got.fp, got.tn, got.fn]).toEqual([want.TP, want.FP, want.TN, want.FN]);
  for (const [ours, theirs] of [['accuracy', 'accuracy'], ['sensitivity', 'sensitivity'], ['specificity', 'specificity'], ['ppv', 'ppv'], ['npv', 'npv']] as const) {
    expectClose(got[ours], want[theirs], TOL, `${what} ${ours}`);
  }
}

describe('ROC and DeLong vs pROC 1.18 (levels = c(0, 1), direction = "<")', () => {
  for (const set of ['train', 'test'] as const) {
    const data = scores(set);
    const want = reference[set];

    it(`${set}: AUC, DeLong variance and 95% CI of radscore, z_glu, z_bp`, () => {
      for (const score of ['radscore', 'z_glu', 'z_bp']) {
        const ci = delongCi(data.y, data[score], 0.95);
        const w = want.auc[score];
        expectClose(ci.auc, w.auc, TOL, `${set} ${score} auc`);
        expectClose(auc(data.y, data[score]), w.auc, TOL, `${set} ${score} auc()`);
        expectClose(ci.variance, w.var_delong, TOL, `${set} ${score} var`);
        expectClose(ci.lower, w.ci_lower, TOL, `${set} ${score} lower`);
        expectClose(ci.upper, w.ci_upper, TOL, `${set} ${score} upper`);
      }
      // the probability is a monotone transform of the rad-score: same AUC
      expectClose(auc(data.y, data.prob), want.auc.radscore.auc, TOL, `${set} prob auc`);
    });

    it(`${set}: paired DeLong tests radscore vs z_glu and vs z_bp`, () => {
      for (const other of ['z_glu', 'z_bp']) {
        const test = delongTest(data.y, data.radscore, data[other]);
        const w = want.delong_tests[`radscore_vs_${other}`];
        expectClose(test.z, w.Z, TOL, `${set} ${other} Z`);
        expectClose(test.pValue, w.p_value, TOL, `${set} ${other} p`);
        expectClose(test.aucA, w.auc1, TOL, `${set} auc1`);
        expectClose(test.aucB, w.auc2, TOL, `${set} auc2`);
      }
    });

    it(`${set}: metrics at prob >= 0.5`, () => {
      expectMetrics(confusionMetrics(data.y, data.prob, 0.5), want['metrics_prob_ge_0.5'], `${set} p>=0.5`);
    });

    it(`${set}: Youden threshold (midpoint rule) and its metrics`, () => {
      const youden = youdenThreshold(data.y, data.radscore);
      expectClose(youden.threshold, want.youden.threshold_on_radscore, TOL, `${set} Youden threshold`);
      expect(youden.tiedThresholds).toHaveLength(1);
      const metrics = confusionMetrics(data.y, data.radscore, youden.threshold);
      expectMetrics(metrics, want.youden, `${set} Youden`);
      expectClose(youden.sensitivity, want.youden.sensitivity, TOL, 'Youden sensitivity');
      expectClose(youden.specificity, want.youden.specificity, TOL, 'Youden specificity');
    });
  }

  it('rocCurve: thresholds run from -Inf through midpoints to +Inf, and the trapezoid area equals the AUC', () => {
    const data = scores('test');
    const curve = rocCurve(data.y, data.z_bp);
    expect(curve.thresholds[0]).toBe(-Infinity);
    expect(curve.thresholds.at(-1)).toBe(Infinity);
    expect([curve.sensitivities[0], curve.specificities[0]]).toEqual([1, 0]);
    expect([curve.sensitivities.at(-1), curve.specificities.at(-1)]).toEqual([0, 1]);
    let area = 0;
    for (let i = 1; i < curve.thresholds.length; i++) {
      area += ((curve.specificities[i] - curve.specificities[i - 1]) * (curve.sensitivities[i] + curve.sensitivities[i - 1])) / 2;
    }
    expectClose(area, reference.test.auc.z_bp.auc, TOL, 'trapezoid area');
  });

  it('degenerate inputs: one class, NaN scores, identical scores, empty predicted class', () => {
    expect(() => auc([1, 1, 1], [0.1, 0.2, 0.3])).toThrow(/only one class present/);
    expect(() => auc([0, 1, 2], [0.1, 0.2, 0.3])).toThrow(/labels must be 0 or 1/);
    expect(() => delongCi([0, 1], [0.1, NaN])).toThrow(/value 1 is NaN/);
    expect(() => auc([0, 1], [0.1])).toThrow(/2 values but scores has 1/);
    const y = [0, 0, 1, 1, 0, 1];
    const s = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9];
    expect(() => delongTest(y, s, s)).toThrow(/zero variance/);
    // constant scores: AUC 1/2 with zero variance, not NaN
    expect(delongCi(y, [1, 1, 1, 1, 1, 1])).toMatchObject({ auc: 0.5, variance: 0, lower: 0.5, upper: 0.5 });
    const none = confusionMetrics(y, s, 2);
    expect([none.tp, none.fp, none.sensitivity, none.specificity]).toEqual([0, 0, 0, 1]);
    expect(none.ppv).toBeNaN(); // documented: no predicted positives
  });
});
