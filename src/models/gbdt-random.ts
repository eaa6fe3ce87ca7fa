// Seeded randomness for bagging, feature sampling and CV folds: deterministic given the seed.
// (Our own stream: same seed, same model here, but not LightGBM's random numbers.)

/** Uniform numbers in [0, 1) from a 32-bit seed (mulberry32 mixing of a Weyl sequence). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** k of 0..n-1 without replacement, in ascending order (selection sampling: each kept with need/left). */
export function sampleSorted(n: number, k: number, random: () => number): Int32Array {
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

/** Fisher-Yates shuffle in place. */
export function shuffle<T extends { length: number; [i: number]: any }>(a: T, random: () => number): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}
