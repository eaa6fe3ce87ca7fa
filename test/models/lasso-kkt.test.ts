// Optimality (KKT) conditions of the lasso objective, closed forms, and input errors: checks that hold
// for any correct solver, for the paths that have no stored glmnet output (gaussian, p > n, standardize).
import { describe, expect, it } from 'vitest';
import { lassoCv } from '../../src/models/lasso-cv.js';
import { lassoCoefAt, lassoPath, lassoPredict, type LassoPath } from '../../src/models/lasso.js';
import { Random } from '../../src/random.js';
import { expectClose } from '../helpers.js';
import { pimaTrain } from './lasso-pima-fixture.js';

/** Deterministic pseudo-random normal matrix (n x p rows) with a sparse signal. */
function synthetic(n: number, p: number, seed: number): { X: number[][]; y: number[]; eta: number[] } {
  const rng = new Random(seed);
  const normal = () => rng.normal();
  const X = Array.from({ length: n }, () => Array.from({ length: p }, normal));
  const eta = X.map((r) => 0.3 + 1.5 * r[0] - 1.2 * r[1] + 0.8 * r[2]);
  const y = eta.map((e) => (rng.uniform() < 1 / (1 + Math.exp(-e)) ? 1 : 0));
  return { X, y, eta };
}

/**
 * Subgradient conditions at every lambda: with r = y - fitted and s_j the column's 1/n standard
 * deviation (1 without standardization), |x_j' r| / (n s_j) = lambda where b_j != 0 (same sign) and
 * <= lambda where b_j = 0; the unpenalized intercept gives sum r = 0.
 */
function expectKkt(path: LassoPath, X: number[][], y: number[], standardize: boolean, tol: number): void {
  const n = X.length, p = X[0].length;
  const sd = Array.from({ length: p }, (_, j) => {
    if (!standardize) return 1;
    const m = X.reduce((a, r) => a + r[j], 0) / n;
    return Math.sqrt(X.reduce((a, r) => a + (r[j] - m) ** 2, 0) / n);
  });
  for (let k = 1; k < path.lambda.length; k++) {
    const fitted = lassoPredict(path, X, path.lambda[k], 'response');
    const r = y.map((v, i) => v - fitted[i]);
    expect(Math.abs(r.reduce((a, b) => a + b, 0)) / n, `sum of residuals at lambda #${k}`).toBeLessThan(tol);
    for (let j = 0; j < p; j++) {
      const g = X.reduce((a, row, i) => a + row[j] * r[i], 0) / (n * sd[j]);
      const b = path.beta[k][j];
      const lam = path.lambda[k];
      if (b === 0) expect(Math.abs(g), `|gradient| of zero coefficient ${j} at lambda #${k}`).toBeLessThan(lam + tol);
      else expect(Math.abs(g - Math.sign(b) * lam), `gradient of active coefficient ${j} at lambda #${k}`).toBeLessThan(tol);
    }
  }
}

describe('KKT conditions', () => {
  const { z, y } = pimaTrain();
  it('gaussian on 0/1 labels (the scikit-learn LassoCV recipe), unstandardized', () => {
    expectKkt(lassoPath(z, y, { family: 'gaussian', standardize: false, thresh: 1e-16 }), z, y, false, 1e-7);
  });
  it('gaussian, standardized', () => {
    const { raw } = pimaTrain();
    expectKkt(lassoPath(raw, y, { family: 'gaussian', thresh: 1e-16 }), raw, y, true, 1e-6);
  });
  it('binomial with p > n (strong rules and KKT re-checks exercised), standardized', () => {
    const { X, y: yb } = synthetic(60, 150, 7);
    const path = lassoPath(X, yb, { family: 'binomial', thresh: 1e-14 });
    expect(path.lambda.length).toBeGreaterThan(10);
    expectKkt(path, X, yb, true, 1e-6);
  });
});

describe('closed forms', () => {
  it('orthogonal design: gaussian coefficients are soft-thresholded x_j\'y / n', () => {
    // Centred, mutually orthogonal +-1 columns (Walsh functions) with unit 1/n variance.
    const X = Array.from({ length: 8 }, (_, i) => [i & 1 ? 1 : -1, i & 2 ? 1 : -1, i & 4 ? 1 : -1]);
    const y = [3.1, -0.4, 2.2, 0.9, -1.7, 0.3, 4.0, 1.1];
    const path = lassoPath(X, y, { family: 'gaussian', standardize: false, thresh: 1e-20 });
    const xty = [0, 1, 2].map((j) => X.reduce((a, r, i) => a + r[j] * y[i], 0) / 8);
    expectClose(path.lambda[0], Math.max(...xty.map(Math.abs)), 1e-12, 'lambda_max (reported first lambda)');
    for (let k = 0; k < path.lambda.length; k++) {
      const lam = path.lambda[k];
      xty.forEach((c, j) => {
        const expected = Math.sign(c) * Math.max(Math.abs(c) - lam, 0);
        expect(Math.abs(path.beta[k][j] - expected), `beta[${k}][${j}]`).toBeLessThan(1e-10);
      });
      expectClose(path.intercept[k], y.reduce((a, b) => a + b, 0) / 8, 1e-12, `intercept[${k}]`);
    }
  });

  it('binomial lambda_max is max |x_j\'(y - mean y)| / n and the sequence is geometric down to ratio 1e-2 when p > n', () => {
    const { X, y } = synthetic(30, 40, 3);
    const path = lassoPath(X, y, { family: 'binomial', standardize: false });
    const ybar = y.reduce((a, b) => a + b, 0) / y.length;
    const lmax = Math.max(...X[0].map((_, j) => Math.abs(X.reduce((a, r, i) => a + r[j] * (y[i] - ybar), 0)) / y.length));
    expectClose(path.lambda[0], lmax, 1e-12, 'lambda_max (reported first lambda)');
    const ratio = Math.pow(1e-2, 1 / 99);
    for (let k = 1; k < path.lambda.length; k++) expectClose(path.lambda[k] / path.lambda[k - 1], ratio, 1e-12, `lambda ratio ${k}`);
  });

  it('interpolates coefficients linearly between path lambdas and clamps outside', () => {
    const { z, y } = pimaTrain();
    const path = lassoPath(z, y, { family: 'binomial', standardize: false });
    const mid = (path.lambda[10] + path.lambda[11]) / 2;
    const c = lassoCoefAt(path, mid);
    c.beta.forEach((b, j) => expectClose(b, (path.beta[10][j] + path.beta[11][j]) / 2, 1e-12, `beta ${j}`));
    expect(Array.from(lassoCoefAt(path, 1e-9).beta)).toEqual(path.beta[path.beta.length - 1]);
  });
});

describe('cross-validation without foldid', () => {
  it('random folds are reproducible by seed and balanced', () => {
    const { z, y } = pimaTrain();
    const a = lassoCv(z, y, { family: 'gaussian', nfolds: 5, seed: 42, standardize: false });
    const b = lassoCv(z, y, { family: 'gaussian', nfolds: 5, seed: 42, standardize: false });
    expect(a.foldid).toEqual(b.foldid);
    expect(a.cvm).toEqual(b.cvm);
    for (let f = 1; f <= 5; f++) expect(a.foldid.filter((g) => g === f).length).toBe(40);
    expect(a.measure).toBe('mse');
    expect(a.cvm[a.indexMin]).toBe(Math.min(...a.cvm));
    expect(a.cvm[a.index1se]).toBeLessThanOrEqual(a.cvm[a.indexMin] + a.cvsd[a.indexMin]);
  });
});

describe('CV curve aggregation', () => {
  /** cvm/cvsd recomputed from separate fold fits: per-fold mean deviance, fold-size weights, SE over K - 1. */
  function manualCv(X: number[][], y: number[], foldid: number[], lambda: number[], grouped: boolean) {
    const K = Math.max(...foldid);
    const loss = y.map(() => new Array(lambda.length).fill(0));
    for (let f = 1; f <= K; f++) {
      const tr = y.map((_, i) => i).filter((i) => foldid[i] !== f);
      const te = y.map((_, i) => i).filter((i) => foldid[i] === f);
      const fit = lassoPath(tr.map((i) => X[i]), tr.map((i) => y[i]), { family: 'binomial', standardize: false });
      lambda.forEach((lam, k) => {
        const p = lassoPredict(fit, te.map((i) => X[i]), lam, 'response');
        te.forEach((i, t) => {
          const pc = Math.min(Math.max(p[t], 1e-5), 1 - 1e-5);
          loss[i][k] = -2 * (y[i] * Math.log(pc) + (1 - y[i]) * Math.log(1 - pc));
        });
      });
    }
    return lambda.map((_, k) => {
      const groups = grouped ? Array.from({ length: K }, (_, f) => y.map((_, i) => i).filter((i) => foldid[i] === f + 1)) : y.map((_, i) => [i]);
      const vals = groups.map((g) => g.reduce((s, i) => s + loss[i][k], 0) / g.length);
      const w = groups.map((g) => g.length);
      const sw = w.reduce((a, b) => a + b, 0);
      const m = vals.reduce((s, v, j) => s + w[j] * v, 0) / sw;
      const se = Math.sqrt(vals.reduce((s, v, j) => s + w[j] * (v - m) ** 2, 0) / sw / (vals.length - 1));
      return [m, se];
    });
  }
  it('grouped (>= 3 rows per fold): unequal folds weighted by size', () => {
    const { X, y } = synthetic(47, 6, 11);
    const foldid = y.map((_, i) => (i * 7) % 4 + 1);
    const cv = lassoCv(X, y, { family: 'binomial', foldid, standardize: false });
    manualCv(X, y, foldid, cv.lambda, true).forEach(([m, se], k) => {
      expectClose(cv.cvm[k], m, 1e-12, `cvm[${k}]`);
      expectClose(cv.cvsd[k], se, 1e-12, `cvsd[${k}]`);
    });
  });
  it('ungrouped when folds hold fewer than 3 rows (cv.glmnet grouped = FALSE)', () => {
    const { X, y } = synthetic(16, 3, 5);
    const foldid = y.map((_, i) => (i % 8) + 1);
    const cv = lassoCv(X, y, { family: 'binomial', foldid, standardize: false });
    manualCv(X, y, foldid, cv.lambda, false).forEach(([m, se], k) => {
      expectClose(cv.cvm[k], m, 1e-12, `cvm[${k}]`);
      expectClose(cv.cvsd[k], se, 1e-12, `cvsd[${k}]`);
    });
  });
});

describe('bad input gives one clear error', () => {
  const X = [[1, 2], [2, 1], [3, 5], [4, 4]];
  const cases: [string, () => unknown, RegExp][] = [
    ['one class', () => lassoPath(X, [1, 1, 1, 1]), /only one class/],
    ['non-binary y', () => lassoPath(X, [0, 1, 2, 1]), /not 0\/1/],
    ['NaN in X', () => lassoPath([[1, NaN], [2, 1], [3, 5], [4, 4]], [0, 1, 0, 1]), /row 0, column 1 is NaN/],
    ['ragged X', () => lassoPath([[1, 2], [2], [3, 5], [4, 4]], [0, 1, 0, 1]), /row 1 has 1 values, expected 2/],
    ['y length', () => lassoPath(X, [0, 1, 0]), /length 3 does not match the 4 rows/],
    ['constant columns', () => lassoPath([[1, 2], [1, 2], [1, 2]], [0, 1, 0]), /every column is constant/],
    ['constant gaussian y', () => lassoPath(X, [2, 2, 2, 2], { family: 'gaussian' }), /constant response/],
    ['bad family', () => lassoPath(X, [0, 1, 0, 1], { family: 'poisson' as any }), /not supported/],
    ['bad ratio', () => lassoPath(X, [0, 1, 0, 1], { lambdaMinRatio: 2 }), /lambdaMinRatio/],
    ['negative lambda', () => lassoPath(X, [0, 1, 0, 1], { lambda: [0.1, -1] }), /lambda: values/],
    ['names', () => lassoPath(X, [0, 1, 0, 1], { names: ['a'] }), /1 names for 2 columns/],
    ['two folds', () => lassoCv(X, [0, 1, 0, 1], { foldid: [1, 2, 1, 2] }), /at least 3/],
    ['empty fold', () => lassoCv(X, [0, 1, 0, 1], { foldid: [1, 3, 1, 3] }), /fold 2 of 1..3 has no rows/],
    ['absurd fold number', () => lassoCv(X, [0, 1, 0, 1], { foldid: [1, 2, 3, 1e9] }), /fold number 1000000000 exceeds the 4 rows/],
    ['auc on gaussian', () => lassoCv(X, [0, 1, 0, 1], { family: 'gaussian', measure: 'auc', nfolds: 3 }), /needs the binomial family/],
    ['auc with small folds', () => lassoCv(X, [0, 1, 0, 1], { measure: 'auc', nfolds: 3 }), /at least 10 rows per fold/],
    ['one-class training fold', () => lassoCv([[1], [2], [3], [4], [5], [6]], [1, 1, 0, 0, 1, 1], { foldid: [1, 1, 2, 2, 3, 3] }), /fold 2: y: only one class/],
    ['huge X', () => lassoPath({ data: new Float64Array(0), rows: 1e5, cols: 1e4 }, []), /100000 x 10000 is too large/],
    ['X data length', () => lassoPath({ data: new Float64Array(3), rows: 2, cols: 2 }, [0, 1]), /data has 3 values but 2 x 2 needs 4/],
  ];
  for (const [what, run, message] of cases) it(what, () => expect(run).toThrow(message));
});
