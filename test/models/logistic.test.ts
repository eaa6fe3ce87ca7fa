// logisticRegression against rms::lrm and R glm on Pima, closed forms (Firth on 2x2 tables), numerical
// second derivatives for the standard errors, and the separation / singularity errors.
import { describe, expect, it } from 'vitest';
import { logisticRegression } from '../../src/models/logistic.js';
import { normalSf } from '../../src/stats/distributions.js';
import { expectClose, readCsv, readJson } from '../helpers.js';
import { pimaTrain } from './lasso-pima-fixture.js';

const rms = readJson('stats-reference', 'pima', 'nomogram_rms.json');
const calib = readJson('stats-reference', 'pima', 'calibration_hosmer_lemeshow.json');
const { raw, y } = pimaTrain();
const X3 = raw.map((r) => [r[1], r[4], r[5]]); // glu, bmi, ped
const fit = logisticRegression(X3, y, ['glu', 'bmi', 'ped']);

describe('lrm(y ~ glu + bmi + ped) on Pima.tr', () => {
  it('coefficients and -2 log-likelihoods', () => {
    expectClose(fit.intercept, rms.coefficients.Intercept, 1e-9, 'Intercept');
    for (const name of ['glu', 'bmi', 'ped']) expectClose(fit.coefficients[name], rms.coefficients[name], 1e-9, name);
    expectClose(fit.nullDeviance, rms.loglik[0], 1e-12, '-2LL null');
    expectClose(fit.deviance, rms.loglik[1], 1e-12, '-2LL model');
    expectClose(fit.aic, rms.loglik[1] + 8, 1e-12, 'AIC');
  });

  it('model statistics (LR test, R2, Brier, lrm C and Dxy)', () => {
    expectClose(fit.lrChi2, rms.stats['Model L.R.'], 1e-10, 'Model L.R.');
    expect(fit.lrDf).toBe(rms.stats['d.f.']);
    // lrm reports 1 - pchisq(), exact only to ~1e-16 absolute; ours is the upper tail itself.
    expect(Math.abs(fit.lrP - rms.stats.P)).toBeLessThan(2.3e-16);
    expectClose(fit.r2, rms.stats.R2, 1e-10, 'R2');
    expectClose(fit.brier, rms.stats.Brier, 1e-10, 'Brier');
    // lrm 6.5 counts one discordant case-control pair as tied (its C/Dxy come from its Fortran's
    // internal tables); C is the exact pair count here, so the two agree to within one pair.
    const pairs = 68 * 132;
    expect(Math.abs(fit.c - rms.stats.C) * pairs).toBeLessThanOrEqual(0.5 + 1e-9);
    expect(Math.abs(fit.dxy - rms.stats.Dxy) * pairs).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('exact C counts every case-control pair (ties 1/2)', () => {
    let concordant = 0, pairs = 0;
    fit.fitted.forEach((pi, i) => {
      if (y[i] !== 1) return;
      fit.fitted.forEach((pj, j) => {
        if (y[j] !== 0) return;
        pairs++;
        concordant += pi > pj ? 1 : pi === pj ? 0.5 : 0;
      });
    });
    expect(fit.c).toBe(concordant / pairs);
    expect(fit.dxy).toBeCloseTo(2 * fit.c - 1, 15);
  });

  it('standard errors: covariance inverts X\'WX, which is the numerical Hessian of -loglik', () => {
    const k = 4;
    const design = X3.map((r) => [1, ...r]);
    const beta = [fit.intercept, fit.coefficients.glu, fit.coefficients.bmi, fit.coefficients.ped];
    const negLogLik = (b: number[]) => design.reduce((s, row, i) => {
      const eta = row.reduce((a, x, j) => a + x * b[j], 0);
      return s - (y[i] * eta - Math.log1p(Math.exp(eta)));
    }, 0);
    const info = [0, 1, 2, 3].map((a) => [0, 1, 2, 3].map((c) => design.reduce((s, row, i) => s + row[a] * row[c] * fit.fitted[i] * (1 - fit.fitted[i]), 0)));
    const h = beta.map((b) => 1e-3 * Math.max(Math.abs(b), 0.01));
    for (let a = 0; a < k; a++) {
      for (let c = 0; c < k; c++) {
        const at = (da: number, dc: number) => negLogLik(beta.map((b, j) => b + (j === a ? da * h[a] : 0) + (j === c ? dc * h[c] : 0)));
        const numeric = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h[a] * h[c]);
        expectClose(numeric, info[a][c], 1e-5, `Hessian[${a}][${c}]`);
        const prod = fit.covariance[a].reduce((s, v, j) => s + v * info[j][c], 0);
        expect(Math.abs(prod - (a === c ? 1 : 0)), `(cov * info)[${a}][${c}]`).toBeLessThan(1e-9);
      }
    }
    for (const t of fit.terms) {
      expectClose(t.z, t.estimate / t.se, 1e-15, `z ${t.name}`);
      expectClose(t.orLower, Math.exp(t.estimate - 1.959963984540054 * t.se), 1e-14, `OR lower ${t.name}`);
      expectClose(t.orUpper, Math.exp(t.estimate + 1.959963984540054 * t.se), 1e-14, `OR upper ${t.name}`);
    }
  });

  it('Wald p-values are two-sided normal tails of z', () => {
    for (const t of fit.terms) expectClose(t.p, 2 * normalSf(Math.abs(t.z)), 1e-14, `p ${t.name}`);
  });
});

describe('other glm fits stored with the calibration references', () => {
  const scores = readCsv('stats-reference', 'pima', 'scores_train.csv');
  const yy = scores.map((r) => Number(r.y));
  it('glm(y ~ radscore)', () => {
    const f = logisticRegression(scores.map((r) => [Number(r.radscore)]), yy, ['radscore']);
    expectClose(f.intercept, calib.glm_coef['(Intercept)'], 1e-9, 'intercept');
    expectClose(f.coefficients.radscore, calib.glm_coef.radscore, 1e-9, 'radscore');
  });
  it('glm(y ~ z_bp)', () => {
    const f = logisticRegression(scores.map((r) => [Number(r.z_bp)]), yy, ['z_bp']);
    expectClose(f.intercept, calib.weak_model.glm_coef['(Intercept)'], 1e-9, 'intercept');
    expectClose(f.coefficients.z_bp, calib.weak_model.glm_coef.z_bp, 1e-9, 'z_bp');
  });
});

/** Rows of a 2x2 table: a exposed cases, b exposed controls, c unexposed cases, d unexposed controls. */
function table2x2(a: number, b: number, c: number, d: number): { X: number[][]; y: number[] } {
  const X: number[][] = [], yy: number[] = [];
  const add = (x: number, out: number, count: number) => {
    for (let i = 0; i < count; i++) {
      X.push([x]);
      yy.push(out);
    }
  };
  add(1, 1, a);
  add(1, 0, b);
  add(0, 1, c);
  add(0, 0, d);
  return { X, y: yy };
}

describe('Firth penalization', () => {
  // With one binary predictor Firth's estimates are the log odds with 1/2 added to every cell.
  for (const [a, b, c, d] of [[7, 3, 4, 9], [5, 0, 2, 6]]) {
    it(`2x2 table ${a}/${b}/${c}/${d}${b === 0 ? ' (separated: zero cell)' : ''}`, () => {
      const { X, y: yy } = table2x2(a, b, c, d);
      const f = logisticRegression(X, yy, ['x'], { firth: true });
      expectClose(f.intercept, Math.log((c + 0.5) / (d + 0.5)), 1e-9, 'intercept');
      expectClose(f.coefficients.x, Math.log(((a + 0.5) * (d + 0.5)) / ((b + 0.5) * (c + 0.5))), 1e-9, 'log odds ratio');
      expect(f.firth).toBe(true);
    });
  }
});

describe('errors', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['complete separation', () => logisticRegression([[1], [2], [3], [4], [5], [6]], [0, 0, 0, 1, 1, 1], ['dose']), /separation.*"dose".*firth/],
    ['quasi-complete separation', () => logisticRegression(table2x2(5, 0, 2, 6).X, table2x2(5, 0, 2, 6).y, ['x']), /separation/],
    ['collinear column', () => logisticRegression(X3.map((r) => [r[0], r[1], 2 * r[0] - r[1]]), y, ['glu', 'bmi', 'combo']), /singular design: "combo"/],
    ['constant column', () => logisticRegression(X3.map((r) => [r[0], 5]), y, ['glu', 'five']), /singular design: "five" is constant/],
    ['one class', () => logisticRegression([[1], [2], [3]], [1, 1, 1]), /only one class/],
    ['more coefficients than rows', () => logisticRegression([[1, 2, 3], [2, 1, 0]], [0, 1]), /2 rows cannot estimate 4/],
    ['not 0/1', () => logisticRegression([[1], [2], [3]], [0, 1, 3]), /value 3 at row 2 is not 0\/1/],
    ['Infinity in X', () => logisticRegression([[1], [Infinity], [3]], [0, 1, 0]), /row 1, column 0 is Infinity/],
    ['names', () => logisticRegression([[1], [2], [3]], [0, 1, 0], ['a', 'b']), /2 names for 1 columns/],
  ];
  for (const [what, run, message] of cases) it(what, () => expect(run).toThrow(message));
});
