// nomogram against rms::nomogram(lrm(y ~ glu + bmi + ped), fun = plogis, lp = TRUE, maxscale = 100)
// on Pima.tr: stats-reference/pima/nomogram_rms.json and its print() output nomogram_rms_print.txt.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logisticRegression } from '../../src/models/logistic.js';
import { formatNomogram, nomogram, nomogramScore } from '../../src/models/nomogram.js';
import { prettyTicks } from '../../src/models/nomogram-ticks.js';
import { dataPath, expectClose, readJson } from '../helpers.js';
import { pimaTrain } from './lasso-pima-fixture.js';

const ref = readJson('stats-reference', 'pima', 'nomogram_rms.json');
const printed = readFileSync(dataPath('stats-reference', 'pima', 'nomogram_rms_print.txt'), 'utf8');
const { raw, y } = pimaTrain();
const fit = logisticRegression(raw.map((r) => [r[1], r[4], r[5]]), y, ['glu', 'bmi', 'ped']);
const axes: Record<string, number[]> = {};
for (const [name, rows] of Object.entries<any[]>(ref.points_per_variable)) axes[name] = rows.map((r) => r.value);
const nomo = nomogram(fit, { axes, maxScale: 100, riskAt: ref.risk_axis.risk, lpAt: ref.lp_axis.x_real });
const TOL = 1e-9; // the fit matches lrm to ~1e-12; points inherit that

/** print(nomogram) as tables: header numbers, then name -> [[value, points], ...] and the risk table. */
function parsePrint(text: string): { perUnit: string; perPoint: string; tables: Record<string, number[][]> } {
  const perUnit = /Points per unit of linear predictor:\s*(\S+)/.exec(text)![1];
  const perPoint = /Linear predictor units per point\s*:\s*(\S+)/.exec(text)![1];
  const tables: Record<string, number[][]> = {};
  let current: string | null = null;
  for (const line of text.split('\n')) {
    const head = /^\s*(\S+(?: Points)?)\s+(Points|Risk)\s*$/.exec(line);
    if (head) {
      current = head[2] === 'Risk' ? 'Risk' : head[1];
      tables[current] = [];
    } else if (current && /^\s*[-\d.]+\s+[-\d.]+\s*$/.test(line)) tables[current].push(line.trim().split(/\s+/).map(Number));
    else if (!line.trim()) current = current && tables[current].length ? null : current;
  }
  return { perUnit, perPoint, tables };
}

describe('rms nomogram of lrm(y ~ glu + bmi + ped)', () => {
  it('scale: points per unit of linear predictor', () => {
    const perUnit = 100 / (fit.coefficients.glu * (200 - 60)); // glu has the widest |b| x range
    expectClose(nomo.pointsPerUnitLp, perUnit, 1e-14, 'points per unit lp');
    expectClose(nomo.pointsPerUnitLp, Number(parsePrint(printed).perUnit), 5e-7, 'printed points per unit');
    expectClose(nomo.lpPerPoint, Number(parsePrint(printed).perPoint), 5e-7, 'printed lp per point');
  });

  it('points per variable value', () => {
    for (const v of nomo.variables) {
      ref.points_per_variable[v.name].forEach((row: any, i: number) => {
        expect(v.values[i]).toBe(row.value);
        if (row.points === 0) expect(Math.abs(v.points[i])).toBeLessThan(1e-12);
        else expectClose(v.points[i], row.points, TOL, `${v.name} = ${row.value}`);
      });
    }
  });

  it('total points axis (default ticks) and the lp and risk axes', () => {
    expect(nomo.totalPointsAt).toEqual(ref.total_points_axis.x);
    ref.lp_axis.x.forEach((pts: number, i: number) => expectClose(nomo.lpAxis.points[i], pts, TOL, `lp ${ref.lp_axis.x_real[i]}`));
    ref.risk_axis.total_points.forEach((pts: number, i: number) => expectClose(nomo.riskAxis.points[i], pts, TOL, `risk ${ref.risk_axis.risk[i]}`));
  });

  it('risk axis with the exact inverse (qlogis) differs from rms\'s 1000-point interpolation by < 1e-5', () => {
    const exact = nomogram(fit, { axes, riskAt: ref.risk_axis.risk, lpAt: ref.lp_axis.x_real, riskInverse: 'exact' });
    exact.riskAxis.risk.forEach((r, i) => {
      const lp = Math.log(r / (1 - r));
      expectClose(exact.riskAxis.points[i], (lp - exact.lpAtZeroPoints) * exact.pointsPerUnitLp, 1e-14, `exact risk ${r}`);
      expectClose(exact.riskAxis.points[i], ref.risk_axis.total_points[i], 1e-5, `rms risk ${r}`);
    });
  });

  it('profiles: total points, linear predictor and risk', () => {
    for (const prof of ref.profiles) {
      const s = nomogramScore(nomo, { glu: prof.glu, bmi: prof.bmi, ped: prof.ped });
      const what = `profile ${prof.glu}/${prof.bmi}/${prof.ped}`;
      if (prof.total_points === 0) expect(Math.abs(s.totalPoints)).toBeLessThan(1e-12);
      else expectClose(s.totalPoints, prof.total_points, TOL, `${what} points`);
      expectClose(s.lp, prof.lp, TOL, `${what} lp`);
      expectClose(s.risk, prof.risk, TOL, `${what} risk`);
    }
  });

  it('formatNomogram prints the same tables as print(nomogram)', () => {
    const expected = parsePrint(printed);
    const ours = parsePrint(formatNomogram(nomo));
    expect(ours).toEqual(expected);
    expect(Object.keys(expected.tables)).toEqual(['glu', 'bmi', 'ped', 'Risk']);
    expect(Object.values(expected.tables).map((t) => t.length)).toEqual([8, 7, 6, 11]);
    expect(formatNomogram(nomo)).toMatch(/\n\s+1\.0\s+28\n/); // R's common decimals: 0.0 0.5 1.0 ...
  });
});

describe('defaults and errors', () => {
  it('pretty ticks as R pretty()', () => {
    expect(prettyTicks(1, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(prettyTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(prettyTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('default axes cover the observed range; default risks are reachable', () => {
    const auto = nomogram(fit);
    for (const v of auto.variables) {
      const [lo, hi] = fit.ranges[v.name];
      expect(v.values[0]).toBeLessThanOrEqual(lo);
      expect(v.values[v.values.length - 1]).toBeGreaterThanOrEqual(hi);
    }
    expect(Math.max(...auto.variables.map((v) => Math.max(...v.points)))).toBeCloseTo(100, 12);
    // lp axis from the fitted linear predictors; risks from plogis of its range, all placed on it.
    const lps = fit.linearPredictor;
    expect(auto.lpAxis.lp[0]).toBeLessThanOrEqual(Math.min(...lps));
    expect(auto.lpAxis.lp[auto.lpAxis.lp.length - 1]).toBeGreaterThanOrEqual(Math.max(...lps));
    expect(auto.riskAxis.risk.length).toBeGreaterThan(3);
    for (const pts of auto.riskAxis.points) {
      expect(pts).toBeGreaterThanOrEqual(auto.lpAxis.points[0]);
      expect(pts).toBeLessThanOrEqual(auto.lpAxis.points[auto.lpAxis.points.length - 1]);
    }
  });

  it('a negative coefficient gives its points at the low end of the axis', () => {
    const n = nomogram({ intercept: 0, coefficients: { a: -2, b: 1 } }, { axes: { a: [0, 1, 2], b: [0, 1] } });
    expect(n.variables[0].points).toEqual([100, 50, 0]);
    expect(n.variables[1].points).toEqual([0, 25]);
  });

  const cases: [string, () => unknown, RegExp][] = [
    ['unknown axis', () => nomogram(fit, { axes: { age: [1, 2] } }), /axes.age: not a variable/],
    ['NaN axis value', () => nomogram(fit, { axes: { glu: [60, NaN] } }), /axes.glu\[1\] = NaN/],
    ['risk outside (0, 1)', () => nomogram(fit, { riskAt: [0.5, 1] }), /riskAt\[1\] = 1/],
    ['bad maxScale', () => nomogram(fit, { maxScale: 0 }), /maxScale/],
    ['no range for default axis', () => nomogram({ intercept: 0, coefficients: { a: 1 } }), /axes.a: no axis values/],
    ['flat model', () => nomogram({ intercept: 0, coefficients: { a: 0 } }, { axes: { a: [0, 1] } }), /constant/],
    ['missing score value', () => nomogramScore(nomo, { glu: 100, bmi: 30 }), /value of ped is undefined/],
  ];
  for (const [what, run, message] of cases) it(what, () => expect(run).toThrow(message));
});
