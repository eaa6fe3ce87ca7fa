import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Random } from '../../src/random.js';
import { simulateClinical, TABLE1 } from '../../src/study/simulate-clinical.js';
import { simulateCase } from '../../src/study/simulate-image.js';
import { simulateCohort } from '../../src/study/simulate.js';

describe('simulated IVL/LM cohort (seed paper Table 1)', () => {
  it('binary clinical variables have exactly the paper group counts', () => {
    const rng = new Random(1);
    const ivl = simulateClinical('IVL', 37, rng);
    const lm = simulateClinical('LM', 87, rng);
    // Table 1: symptoms 35/37 IVL and 33/87 LM; menopause 5/37 and 35/87.
    expect(ivl.filter((r) => r.symptoms === 1).length).toBe(35);
    expect(lm.filter((r) => r.symptoms === 1).length).toBe(33);
    expect(ivl.filter((r) => r.menopause === 1).length).toBe(5);
    expect(lm.filter((r) => r.menopause === 1).length).toBe(35);
    const meanAge = lm.reduce((a, r) => a + r.age, 0) / lm.length;
    expect(Math.abs(meanAge - TABLE1.LM.continuous.age.mean)).toBeLessThan(3 * (7.86 / Math.sqrt(87)));
  });

  it('the same seed gives the same patient', () => {
    const a = simulateCase('IVL', new Random(5));
    const b = simulateCase('IVL', new Random(5));
    expect(a.image.data).toEqual(b.image.data);
    expect(a.maskRaterA.data).toEqual(b.maskRaterA.data);
  });

  it('IVL masses carry tubular extensions that lower compactness relative to LM on average', () => {
    const rng = new Random(11);
    const ratio = (g: 'IVL' | 'LM') => {
      let acc = 0;
      for (let i = 0; i < 6; i++) {
        const c = simulateCase(g, rng);
        const [nx, ny] = c.image.size;
        const m = c.maskRaterA.data;
        let volume = 0, faces = 0;
        for (let i2 = 0; i2 < m.length; i2++) {
          if (!m[i2]) continue;
          volume++;
          for (const step of [1, -1, nx, -nx, nx * ny, -nx * ny]) if (!m[i2 + step]) faces++;
        }
        acc += faces / volume ** (2 / 3);
      }
      return acc / 6;
    };
    expect(ratio('IVL')).toBeGreaterThan(ratio('LM'));
  });

  it('writes a cohort CSV with 37 IVL, 87 LM and 35 + 35 repeated segmentations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    try {
      const csv = simulateCohort(dir, { ivl: 3, lm: 5, iccSubset: 2 });
      const rows = parse(readFileSync(csv), { columns: true }) as Record<string, string>[];
      expect(rows.length).toBe(8);
      expect(rows.filter((r) => r.diagnosis === 'IVL').length).toBe(3);
      expect(rows.filter((r) => r.Mask_retest).length).toBe(2);
      expect(rows.filter((r) => r.Mask_rater2).length).toBe(2);
      expect(rows.every((r) => r.simulated === 'yes')).toBe(true);
      const header = readFileSync(join(dir, rows[0].Image)).subarray(0, 200).toString('latin1');
      expect(header).toMatch(/^NRRD0004\ntype: int16\n/);
      expect(header).toContain('space directions: (1.25,0,0) (0,1.25,0) (0,0,3)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
