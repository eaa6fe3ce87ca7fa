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
