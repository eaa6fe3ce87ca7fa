import { describe, expect, it } from 'vitest';
import { expectClose, readJson } from '../helpers.js';
import { distributions as d } from '../../src/stats/index.js';
import { logGamma } from '../../src/stats/special.js';
import { REF } from './pima.js';

const TOL = 1e-9;
const icc = readJson(REF, 'pima', 'icc_psych.json');
const R = readJson(REF, 'pima', 'univariate_tests_R.json');
const roc = readJson(REF, 'pima', 'roc_delong.json');

describe('tails against R values stored in the reference files', () => {
  it('F upper tail = psych ICC p-values (down to 4.6e-55)', () => {
    for (const raters of ['two_raters', 'three_raters']) {
      for (const feature of Object.values<any>(icc[raters])) {
        for (const form of Object.values<any>(feature)) expectClose(d.fSf(form.F, form.df1, form.df2), form.p, TOL, `pf(${form.F}, ${form.df1}, ${form.df2})`);
      }
    }
  });

  it('t two-sided p = R t.test p-values from the stored t and df (Welch df non-integer)', () => {
    for (const v of Object.values<any>(R.continuous)) {
      for (const t of [v.student_t, v.welch_t]) expectClose(d.tTwoSidedP(t.t, t.df), t.p_value, TOL, `2 pt(-|${t.t}|, ${t.df})`);
    }
  });

  it('chi-square upper tail = R chisq.test p-values from the stored X2', () => {
    for (const v of Object.values<any>(R.categorical)) {
      for (const c of [v.chisq_no_yates, v.chisq_yates].filter(Boolean)) expectClose(d.chiSquareSf(c.X2, c.df), c.p_value, TOL, `pchisq(${c.X2}, ${c.df})`);
    }
  });

  it('normal two-sided p = pROC roc.test p-values from the stored Z (down to 6.7e-15)', () => {
    for (const set of ['train', 'test']) {
      for (const t of Object.values<any>(roc[set].delong_tests)) expectClose(d.normalTwoSidedP(t.Z), t.p_value, TOL, `2 pnorm(-|${t.Z}|)`);
    }
  });
});

describe('closed forms and identities', () => {
  it('chi-square with 2 df: P(X > x) = exp(-x/2), even at 1e-300', () => {
    for (const x of [0.01, 1, 10, 100, 1380]) expectClose(d.chiSquareSf(x, 2), Math.exp(-x / 2), 1e-13, `chi2(2) at ${x}`);
  });

  it('t with 1 df (Cauchy): two-sided p = 1 - 2 atan(|t|)/π = 2 atan(1/|t|)/π', () => {
    for (const t of [0.1, 1, 3, 1e3, 1e8]) expectClose(d.tTwoSidedP(t, 1), (2 * Math.atan(1 / t)) / Math.PI, 1e-13, `t(1) at ${t}`);
  });

  it('F(2, 2): P(F > f) = 1/(1 + f); t² ~ F(1, df); chi-square(1) = two-sided normal', () => {
    for (const f of [0.01, 1, 50, 1e6]) expectClose(d.fSf(f, 2, 2), 1 / (1 + f), 1e-13, `F(2,2) at ${f}`);
    for (const [t, df] of [[2.5, 7], [7.7, 198], [0.3, 3.5]]) expectClose(d.fSf(t * t, 1, df), d.tTwoSidedP(t, df), 1e-13, `t²=F at ${t}`);
    for (const z of [0.5, 3, 7.79, 30]) expectClose(d.chiSquareSf(z * z, 1), d.normalTwoSidedP(z), 1e-13, `chi2(1) at ${z * z}`);
  });

  it('quantiles invert the tails: qnorm(0.975), qf round trips', () => {
    expectClose(d.normalQuantile(0.975), 1.959963984540054, 1e-15, 'qnorm(0.975)');
    for (const p of [1e-300, 1e-12, 0.01, 0.3, 0.7, 0.999]) expectClose(d.normalCdf(d.normalQuantile(p)), p, 1e-13, `pnorm(qnorm(${p}))`);
    for (const [upper, a, b] of [[0.025, 29, 60], [0.025, 1.7, 29], [0.025, 29, 1.7], [1e-10, 3, 4], [0.5, 1, 1]]) {
      expectClose(d.fSf(d.fQuantileUpper(upper, a, b), a, b), upper, 1e-12, `pf(qf(${upper}, ${a}, ${b}))`);
    }
  });

  it('logGamma: Γ(n) = (n-1)!, Γ(1/2) = sqrt(π)', () => {
    expectClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15, 'lgamma(1/2)');
    expectClose(logGamma(21), Math.log(2432902008176640000), 1e-15, 'lgamma(21)');
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
  });

  it('invalid arguments give clear errors', () => {
    expect(() => d.tTwoSidedP(NaN, 3)).toThrow(/t statistic must be a finite number/);
    expect(() => d.chiSquareSf(3, 0)).toThrow(/degrees of freedom must be a positive/);
    expect(() => d.normalQuantile(1)).toThrow(/strictly between 0 and 1/);
    expect(() => d.fSf(NaN, 1, 1)).toThrow(/F statistic is NaN/);
  });
});
