// lassoCv / lassoPath against R glmnet 4.1-6 on Pima (stats-reference/pima/glmnet_cv.json and friends).
import { describe, expect, it } from 'vitest';
import { lassoCv, type LassoMeasure } from '../../src/models/lasso-cv.js';
import { lassoCoefficients, lassoPath, type LassoCoefficients } from '../../src/models/lasso.js';
import { expectClose, readJson } from '../helpers.js';
import { PIMA_FEATURES, pimaTrain } from './lasso-pima-fixture.js';

const ref = readJson('stats-reference', 'pima', 'glmnet_cv.json');
const { z, y, foldid } = pimaTrain();
const TOL = 1e-6; // the tolerance for lambdas, coefficients and the CV curve

/** Coefficient tables as glmnet prints them: "(Intercept)" plus one entry per feature. */
function expectCoefficients(got: LassoCoefficients, expected: Record<string, number>, what: string): void {
  for (const [name, value] of Object.entries(expected)) {
    const actual = name === '(Intercept)' ? got.intercept : got.coefficients[name];
    if (value === 0) expect(actual, `${what} ${name}`).toBe(0);
    else expectClose(actual, value, TOL, `${what} ${name}`);
  }
}

const strictOpts = { family: 'binomial' as const, foldid, standardize: false, thresh: 1e-12, maxit: 1e7, names: PIMA_FEATURES };

describe('cv.glmnet(binomial, deviance, thresh 1e-12) on Pima', () => {
  const cv = lassoCv(z, y, strictOpts);

  it('has the same lambda path, CV curve and nzero', () => {
    expect(cv.lambda.length).toBe(ref.path.lambda.length);
    ref.path.lambda.forEach((l: number, k: number) => {
      expectClose(cv.lambda[k], l, TOL, `lambda[${k}]`);
      expectClose(cv.cvm[k], ref.path.cvm[k], TOL, `cvm[${k}]`);
      expectClose(cv.cvsd[k], ref.path.cvsd[k], TOL, `cvsd[${k}]`);
      expect(cv.nzero[k], `nzero[${k}]`).toBe(ref.path.nzero[k]);
    });
  });

  it('picks lambda.min and lambda.1se with their coefficients', () => {
    expectClose(cv.lambdaMin, ref.lambda_min, TOL, 'lambda.min');
    expectClose(cv.lambda1se, ref.lambda_1se, TOL, 'lambda.1se');
    expect(cv.indexMin + 1).toBe(ref.index_min);
    expect(cv.index1se + 1).toBe(ref.index_1se);
    expectCoefficients(cv.coefMin, ref.coef_lambda_min, 'lambda.min');
    expectCoefficients(cv.coef1se, ref.coef_lambda_1se, 'lambda.1se');
    expect(cv.coefMin.selected).toEqual(ref.nonzero_lambda_min);
  });
});

describe('other measures and the default threshold', () => {
  const cases: { measure: LassoMeasure; stored: any }[] = [
    { measure: 'class', stored: ref.type_measure_class },
    { measure: 'auc', stored: ref.type_measure_auc },
  ];
  for (const { measure, stored } of cases) {
    it(`type.measure = ${measure}: same CV curve and lambda.min`, () => {
      const cv = lassoCv(z, y, { ...strictOpts, measure });
      stored.cvm.forEach((m: number, k: number) => expect(Math.abs(cv.cvm[k] - m), `${measure} cvm[${k}]`).toBeLessThan(1e-12));
      expectClose(cv.lambdaMin, stored.lambda_min, TOL, `${measure} lambda.min`);
    });
  }

  it('thresh 1e-7 (glmnet default): same lambdas, coefficients, and distance of its CV curve from the 1e-12 one', () => {
    const r = ref.default_thresh_1e7;
    const cv = lassoCv(z, y, { family: 'binomial', foldid, standardize: false, names: PIMA_FEATURES });
    expectClose(cv.lambdaMin, r.lambda_min, TOL, 'lambda.min');
    expectClose(cv.lambda1se, r.lambda_1se, TOL, 'lambda.1se');
    expectCoefficients(cv.coefMin, r.coef_lambda_min, 'lambda.min (thresh 1e-7)');
    const diff = Math.max(...ref.path.cvm.map((m: number, k: number) => Math.abs(cv.cvm[k] - m)));
    expectClose(diff, r.max_abs_cvm_diff_vs_1e12, 1e-3, 'max |cvm(1e-7) - cvm(1e-12)|');
  });
});

describe('fixed lambda (glmnet thresh 1e-14, the problem sklearn saga solves with C = 1/(n lambda))', () => {
  const fixed = readJson('stats-reference', 'pima', 'glmnet_fixed_lambda_for_sklearn_C.json');
  const saga = readJson('stats-reference', 'pima', 'sklearn_l1_logistic.json').fits;
  for (const [key, entry] of Object.entries<any>(fixed)) {
    it(`${key}: lambda = ${entry.lambda}`, () => {
      const fit = lassoPath(z, y, { family: 'binomial', lambda: [entry.lambda], standardize: false, thresh: 1e-14, names: PIMA_FEATURES });
      const coef = lassoCoefficients(fit, 0);
      expectCoefficients(coef, entry.coef, `glmnet ${key}`);
      // sklearn saga (tol 1e-12) reaches the same optimum to ~1e-6 (stats-definitions.md).
      const s = saga[key].saga;
      expectCoefficients(coef, { '(Intercept)': s.intercept, ...s.coef }, `saga ${key}`);
    });
  }
});
