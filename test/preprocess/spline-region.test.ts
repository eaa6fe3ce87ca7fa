// The B-spline coefficient kernel filters y and z lines only where the sampler reads: there, the
// coefficients must equal those of filtering every line of the block.
import { describe, expect, it } from 'vitest';
import { arena } from '../../src/wasm/arena.js';
import { kernel } from '../../src/wasm/module.js';

type Coefficients = (p: number, nx: number, ny: number, nz: number, x0: number, x1: number, y0: number, y1: number) => void;

describe('resampleSplineCoefficients over a read region', () => {
  it('gives the whole-block coefficients inside the region, bit for bit', () => {
    const a = arena();
    const [nx, ny, nz] = [23, 17, 11];
    const n = nx * ny * nz;
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * 100 + (i % 7));
    const mark = a.mark();
    try {
      const full = a.put(values), part = a.put(values);
      const coefficients = kernel<Coefficients>('resampleSplineCoefficients');
      coefficients(full, nx, ny, nz, 0, nx, 0, ny);
      coefficients(part, nx, ny, nz, 5, 14, 3, 9);
      const f = a.view(Float64Array, full, n), p = a.view(Float64Array, part, n);
      let compared = 0;
      for (let z = 0; z < nz; z++) for (let y = 3; y < 9; y++) for (let x = 5; x < 14; x++, compared++) {
        const i = x + nx * (y + ny * z);
        expect(Object.is(p[i], f[i])).toBe(true);
      }
      expect(compared).toBe(9 * 6 * nz);
      expect(f.some((v, i) => v !== values[i])).toBe(true);
    } finally {
      a.release(mark);
    }
  });
});
