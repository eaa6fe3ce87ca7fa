// Small numerical helpers shared by the feature classes.

/** numpy's np.spacing(1): pyradiomics adds it inside every log2 so that p = 0 contributes 0. */
export const EPS = 2.220446049250313e-16;

/** Mean over the non-NaN entries (numpy nanmean); NaN when all are NaN or the list is empty. */
export function nanMean(values: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  return n ? sum / n : NaN;
}

/** Throws `<what>: unknown feature "<name>"` for the first name in none of the `known` lists (before any work). */
export function checkFeatureNames(what: string, names: readonly string[], ...known: (readonly string[])[]): void {
  for (const name of names) if (!known.some((list) => list.includes(name))) throw new Error(`${what}: unknown feature "${name}"`);
}

/** The named features of a formula table applied to `stats`, with an error naming the class for an unknown name. */
export function evaluate<S>(table: Record<string, (s: S) => number>, stats: S, names: readonly string[], what: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of names) {
    if (!Object.hasOwn(table, name)) throw new Error(`${what}: unknown feature "${name}"`);
    out[name] = table[name](stats);
  }
  return out;
}
