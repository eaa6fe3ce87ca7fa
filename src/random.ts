// Seeded pseudo-random numbers, so simulations, splits, folds, bagging and synthetic test data are
// reproducible. Two streams, because saved outputs depend on each: `Random` (sfc32) draws the study's
// simulated cohorts and splits; `seededRandom` (mulberry32) draws GBDT bagging, feature sampling and CV
// folds (the README's cross-validation figures). Neither is R's, Python's or LightGBM's stream.

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/** Uniform numbers in [0, 1) from a 32-bit seed (mulberry32 mixing of a Weyl sequence). */
export function seededRandom(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle in place: item i swaps with a uniform j <= i, from the end. */
export function shuffle<T extends { length: number; [i: number]: any }>(items: T, random: Uniform): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}

/** k of 0..n-1 without replacement, in ascending order (selection sampling: each kept with need/left). */
export function sampleSorted(n: number, k: number, random: Uniform): Int32Array {
  const out = new Int32Array(Math.max(0, Math.min(k, n)));
  let need = out.length;
  for (let i = 0, j = 0; i < n && need > 0; i++) {
    if (random() * (n - i) < need) {
      out[j++] = i;
      need--;
    }
  }
  return out;
}

/** A generator of uniform numbers in [0, 1) (sfc32, 128-bit state, seeded by splitmix32). */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uniform();
  }

  uniform(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal (Marsaglia polar method). */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return mean + sd * s;
    }
    let u: number, v: number, r: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      r = u * u + v * v;
    } while (r >= 1 || r === 0);
    const f = Math.sqrt((-2 * Math.log(r)) / r);
    this.spare = v * f;
    return mean + sd * u * f;
  }

  /** Fisher-Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    return shuffle(items, () => this.uniform());
  }
}
