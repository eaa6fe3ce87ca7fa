import { describe, expect, it } from 'vitest';
import { expectClose, readCsv, readJson } from '../helpers.js';
import { decisionCurve, defaultDcaThresholds, zScore, zScoreParams } from '../../src/stats/index.js';
import { PIMA_FEATURES, REF, calibrationInputs, columns, pimaRows, scores } from './pima.js';

const TOL = 1e-9;

describe('decisionCurve vs the stored DCA (p >= pt, thresholds 0.01..0.99)', () => {
  const test = calibrationInputs('test');
  const glmnet = scores('test');
  const cases: [string, number[], number[]][] = [
    ['dca_test_glm_radscore.csv', test.y, test.p_glm_radscore],
    ['dca_test_glmnet_prob.csv', glmnet.y, glmnet.prob],
    ['dca_test_weak_model.csv', test.y, test.p_weak_model],
  ];
  for (const [file, y, p] of cases) {
    it(file, () => {
      const want = columns(readCsv(REF, 'pima', file));
      const got = decisionCurve(y, p);
      expect(got).toHaveLength(want.threshold.length);
      got.forEach((point, i) => {
        expectClose(point.threshold, want.threshold[i], 1e-12, `threshold ${i}`);
        expect([point.tp, point.fp]).toEqual([want.TP[i], want.FP[i]]);
        expectClose(point.netBenefit, want.net_benefit[i], TOL, `${file} NB at ${want.threshold[i]}`);
        expectClose(point.treatAll, want.treat_all[i], TOL, `${file} treat-all at ${want.threshold[i]}`);
        expect(point.treatNone).toBe(want.treat_none[i]);
      });
    });
  }

  it('explicit thresholds and bad thresholds', () => {
    expect(decisionCurve(test.y, test.p_glm_radscore, [0.2]).map((d) => d.threshold)).toEqual([0.2]);
    expect(defaultDcaThresholds()).toHaveLength(99);
    expect(() => decisionCurve(test.y, test.p_glm_radscore, [0.5, 1])).toThrow(/threshold 1 must lie strictly between 0 and 1/);
  });
});

describe('zScoreParams / zScore vs zscore_params.json (training mean and n-1 sd)', () => {
  const want = readJson(REF, 'pima', 'zscore_params.json');
  const train = pimaRows('train');
  const trainColumns = Object.fromEntries(PIMA_FEATURES.map((f) => [f, train.map((r) => Number(r[f]))]));
  const params = zScoreParams(trainColumns);

  it('means and sds of the 7 features', () => {
    expect(want.features).toEqual([...PIMA_FEATURES]);
    for (const f of PIMA_FEATURES) {
      expectClose(params.mean[f], want.mean[f], TOL, `${f} mean`);
      expectClose(params.sd[f], want.sd[f], TOL, `${f} sd`);
    }
  });

  it('test rows use the training parameters: z_glu and z_bp of scores_test.csv', () => {
    const test = pimaRows('test');
    const z = zScore({ glu: test.map((r) => Number(r.glu)), bp: test.map((r) => Number(r.bp)) }, params);
    const stored = scores('test');
    z.glu.forEach((v, i) => expectClose(v, stored.z_glu[i], TOL, `z_glu ${i}`));
    z.bp.forEach((v, i) => expectClose(v, stored.z_bp[i], TOL, `z_bp ${i}`));
  });

  it('constant columns and unknown columns are errors', () => {
    expect(() => zScoreParams({ a: [2, 2, 2] })).toThrow(/"a" is constant/);
    expect(() => zScore({ b: [1] }, params)).toThrow(/no training parameters for column "b"/);
  });
});
