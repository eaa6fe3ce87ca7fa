// Pima reference inputs shared by the statistics tests (read in place from ../shared/data).
import { readCsv } from '../helpers.js';

export const REF = 'stats-reference';
export const PIMA_FEATURES = ['npreg', 'glu', 'bp', 'skin', 'bmi', 'ped', 'age'] as const;

/** Column-wise numbers of a CSV. */
export function columns(rows: Record<string, string>[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const key of Object.keys(rows[0])) out[key] = rows.map((r) => Number(r[key]));
  return out;
}

/** MASS::Pima.tr (set = train) or Pima.te (set = test) rows of tabular/pima.csv. */
export function pimaRows(set: 'train' | 'test'): Record<string, string>[] {
  return readCsv('tabular', 'pima.csv').filter((r) => r.set === set);
}

export function scores(set: 'train' | 'test'): Record<string, number[]> {
  return columns(readCsv(REF, 'pima', `scores_${set}.csv`));
}

/** Rows y, p_glm_radscore, p_weak_model (train: fitted values; test: predictions). */
export function calibrationInputs(set: 'train' | 'test'): Record<string, number[]> {
  return columns(readCsv(REF, 'pima', set === 'train' ? 'calibration_train_fitted.csv' : 'calibration_test_predictions.csv'));
}
