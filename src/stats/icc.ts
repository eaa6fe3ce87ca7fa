// Intraclass correlation (Shrout & Fleiss 1979; McGraw & Wong 1996) from the two-way ANOVA mean squares,
// with F tests and 95% confidence intervals as psych::ICC(x, lmer = FALSE) reports them.
import { fQuantileUpper, fSf } from './distributions.js';

export type IccForm = 'ICC1' | 'ICC2' | 'ICC3' | 'ICC1k' | 'ICC2k' | 'ICC3k';
export const ICC_FORMS: readonly IccForm[] = ['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'];

export interface IccResult {
  form: IccForm;
  icc: number;
  F: number;
  df1: number;
  df2: number;
  pValue: number;
  lower: number;
  upper: number;
}

/** ANOVA of a subjects x raters table. */
interface MeanSquares {
  n: number; // subjects
  k: number; // raters
  msb: number; // between subjects
  msw: number; // within subjects (one-way)
  msj: number; // between raters (judges)
  mse: number; // residual (two-way)
}

function meanSquares(table: ArrayLike<ArrayLike<number>>): MeanSquares {
  if (!table || typeof table.length !== 'number') throw new Error('icc: table must be an array of rows (subjects) of ratings');
  const n = table.length;
  if (n < 2) throw new Error(`icc: table has ${n} subject row(s); at least 2 are needed`);
  const k = table[0]?.length ?? 0;
  if (k < 2) throw new Error(`icc: table has ${k} rater column(s); at least 2 are needed`);
  const rowMeans = new Float64Array(n);
  const colMeans = new Float64Array(k);
  let grand = 0;
  for (let i = 0; i < n; i++) {
    const row = table[i];
    if (!row || row.length !== k) throw new Error(`icc: row ${i} has ${row?.length ?? 0} ratings, expected ${k}`);
    for (let j = 0; j < k; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`icc: rating [${i}][${j}] is ${String(v)}, not a finite number`);
      rowMeans[i] += v / k;
      colMeans[j] += v / n;
      grand += v / (n * k);
    }
  }
  let ssb = 0, ssj = 0, ssw = 0, sse = 0;
  for (let i = 0; i < n; i++) ssb += k * (rowMeans[i] - grand) ** 2;
  for (let j = 0; j < k; j++) ssj += n * (colMeans[j] - grand) ** 2;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const v = table[i][j];
      ssw += (v - rowMeans[i]) ** 2;
      sse += (v - rowMeans[i] - colMeans[j] + grand) ** 2;
    }
  }
  if (ssb === 0) throw new Error('icc: every subject has the same mean rating (no between-subject variance); the ICC is undefined');
  return { n, k, msb: ssb / (n - 1), msw: ssw / (n * (k - 1)), msj: ssj / (k - 1), mse: sse / ((n - 1) * (k - 1)) };
}

/** (F - 1) / (F + k - 1), the single-measure ICC bound from an F bound; 1 when F is infinite. */
function singleFromF(F: number, k: number): number {
  return F === Infinity ? 1 : (F - 1) / (F + k - 1);
}

/** 1 - 1/F, the average-measure ICC bound from an F bound. */
function averageFromF(F: number): number {
  return 1 - 1 / F;
}

/** All six forms at confidence level 1 - alpha (psych's defaults: alpha = 0.05). */
export function iccAll(table: ArrayLike<ArrayLike<number>>, alpha = 0.05): Record<IccForm, IccResult> {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`icc: alpha ${alpha} must lie strictly between 0 and 1`);
  const { n, k, msb, msw, msj, mse } = meanSquares(table);
  const tail = alpha / 2;
  // ICC(1,1) = (MSB - MSW) / (MSB + (k-1) MSW); ICC(1,k) = (MSB - MSW) / MSB
  const icc1 = (msb - msw) / (msb + (k - 1) * msw);
  const icc1k = (msb - msw) / msb;
  // ICC(2,1) = (MSB - MSE) / (MSB + (k-1) MSE + k (MSJ - MSE) / n); ICC(2,k) = (MSB - MSE) / (MSB + (MSJ - MSE) / n)
  const icc2 = (msb - mse) / (msb + (k - 1) * mse + (k * (msj - mse)) / n);
  const icc2k = (msb - mse) / (msb + (msj - mse) / n);
  // ICC(3,1) = (MSB - MSE) / (MSB + (k-1) MSE); ICC(3,k) = (MSB - MSE) / MSB
  const icc3 = (msb - mse) / (msb + (k - 1) * mse);
  const icc3k = (msb - mse) / msb;

  // One-way F = MSB/MSW on (n-1, n(k-1)); two-way F = MSB/MSE on (n-1, (n-1)(k-1)).
  const df11 = n - 1, df12 = n * (k - 1);
  const df21 = n - 1, df22 = (n - 1) * (k - 1);
  const F1 = msb / msw;
  const F2 = msb / mse;
  const p1 = fSf(F1, df11, df12);
  const p2 = fSf(F2, df21, df22);

  const F1L = F1 / fQuantileUpper(tail, df11, df12);
  const F1U = F1 * fQuantileUpper(tail, df12, df11);
  const F3L = F2 / fQuantileUpper(tail, df21, df22);
  const F3U = F2 * fQuantileUpper(tail, df22, df21);

  // ICC(2,1) interval: Satterthwaite df v for the denominator (McGraw & Wong 1996, case 2A).
  const Fj = msj / mse;
  let v: number;
  if (mse === 0) v = k - 1; // limit of the expression below as Fj -> infinity
  else {
    const vn = (k - 1) * (n - 1) * (k * icc2 * Fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
    const vd = (n - 1) * k * k * icc2 * icc2 * Fj * Fj + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
    v = vn / vd;
  }
  const FU2 = fQuantileUpper(tail, n - 1, v);
  const FL2 = fQuantileUpper(tail, v, n - 1);
  const spread = k * msj + (k * n - k - n) * mse;
  const L2 = (n * (msb - FU2 * mse)) / (FU2 * spread + n * msb);
  const U2 = (n * (FL2 * msb - mse)) / (spread + n * FL2 * msb);
  const L2k = (L2 * k) / (1 + L2 * (k - 1));
  const U2k = (U2 * k) / (1 + U2 * (k - 1));

  const row = (form: IccForm, icc: number, F: number, df1: number, df2: number, pValue: number, lower: number, upper: number): IccResult =>
    ({ form, icc, F, df1, df2, pValue, lower, upper });
  return {
    ICC1: row('ICC1', icc1, F1, df11, df12, p1, singleFromF(F1L, k), singleFromF(F1U, k)),
    ICC2: row('ICC2', icc2, F2, df21, df22, p2, L2, U2),
    ICC3: row('ICC3', icc3, F2, df21, df22, p2, singleFromF(F3L, k), singleFromF(F3U, k)),
    ICC1k: row('ICC1k', icc1k, F1, df11, df12, p1, averageFromF(F1L), averageFromF(F1U)),
    ICC2k: row('ICC2k', icc2k, F2, df21, df22, p2, L2k, U2k),
    ICC3k: row('ICC3k', icc3k, F2, df21, df22, p2, averageFromF(F3L), averageFromF(F3U)),
  };
}

/**
 * One ICC form for a subjects x raters table (rows = subjects, columns = raters): the estimate, its F test
 * (F, df1, df2, p) and the (1 - alpha) confidence interval, as psych::ICC(x, lmer = FALSE) gives them.
 * Perfect agreement (zero residual) gives F = Infinity, p = 0 and bounds of 1.
 */
export function icc(table: ArrayLike<ArrayLike<number>>, form: IccForm, alpha = 0.05): IccResult {
  if (!ICC_FORMS.includes(form)) throw new Error(`icc: unknown form "${String(form)}"; use one of ${ICC_FORMS.join(', ')}`);
  return iccAll(table, alpha)[form];
}
