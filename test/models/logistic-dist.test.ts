// Normal and chi-square tails against values R prints (pnorm, qnorm, pchisq) and closed forms.
import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail, normalQuantile, normalTwoSidedP, normalUpperTail } from '../../src/models/logistic-dist.js';
import { expectClose } from '../helpers.js';

describe('normal', () => {
  // [z, R pnorm(-z)]
  const tails: [number, number][] = [
    [1.959963984540054, 0.025],
    [3, 0.001349898031630095],
    [5, 2.866515718791939e-7],
    [10, 7.619853024160527e-24],
    [0, 0.5],
  ];
  for (const [z, p] of tails) {
    it(`P(Z > ${z}) = ${p}`, () => {
      expectClose(normalUpperTail(z), p, 1e-13, `upper tail at ${z}`);
      expectClose(normalUpperTail(-z), 1 - p, 1e-15, `upper tail at ${-z}`);
      expectClose(normalTwoSidedP(-z), 2 * p, 1e-13, `two-sided at ${z}`);
    });
  }
  it('quantiles (R qnorm)', () => {
    expectClose(normalQuantile(0.975), 1.959963984540054, 1e-15, 'qnorm(0.975)');
    expectClose(normalQuantile(0.995), 2.575829303548901, 1e-15, 'qnorm(0.995)');
    expectClose(normalQuantile(0.05), -1.644853626951472, 1e-15, 'qnorm(0.05)');
    expect(() => normalQuantile(1)).toThrow(/must be in \(0, 1\)/);
  });
});

describe('chi-square upper tail', () => {
  it('df = 2 and 4 closed forms: exp(-x/2) and exp(-x/2)(1 + x/2)', () => {
    for (const x of [0.1, 1, 5.99, 30, 120]) {
      expectClose(chiSquareUpperTail(x, 2), Math.exp(-x / 2), 1e-14, `df 2 at ${x}`);
      expectClose(chiSquareUpperTail(x, 4), Math.exp(-x / 2) * (1 + x / 2), 1e-14, `df 4 at ${x}`);
    }
  });
  it('df = 1 critical value (R qchisq(0.95, 1)) and df = 1 as a two-sided normal tail', () => {
    expectClose(chiSquareUpperTail(3.841458820694124, 1), 0.05, 1e-13, 'df 1 at 3.84');
    for (const x of [0.5, 4, 40]) expectClose(chiSquareUpperTail(x, 1), normalTwoSidedP(Math.sqrt(x)), 1e-14, `df 1 at ${x}`);
  });
  it('rejects a non-integer df', () => expect(() => chiSquareUpperTail(1, 1.5)).toThrow(/positive integer/));
});
