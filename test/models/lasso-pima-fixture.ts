// Pima training rows z-scored with the stored training parameters (stats-reference/pima).
import { readCsv, readJson } from '../helpers.js';

export const PIMA_FEATURES = ['npreg', 'glu', 'bp', 'skin', 'bmi', 'ped', 'age'];

export function pimaTrain(): { raw: number[][]; z: number[][]; y: number[]; foldid: number[] } {
  const params = readJson('stats-reference', 'pima', 'zscore_params.json');
  const rows = readCsv('tabular', 'pima.csv').filter((r) => r.set === 'train');
  const raw = rows.map((r) => PIMA_FEATURES.map((f) => Number(r[f])));
  const z = raw.map((row) => row.map((v, j) => (v - params.mean[PIMA_FEATURES[j]]) / params.sd[PIMA_FEATURES[j]]));
  const y = rows.map((r) => Number(r.y));
  const folds = readCsv('stats-reference', 'pima', 'pima_foldid.csv');
  const foldid = folds.map((r) => Number(r.fold10));
  folds.forEach((r, i) => {
    if (Number(r.y) !== y[i]) throw new Error(`pima_foldid.csv row ${i}: y differs from pima.csv`);
  });
  return { raw, z, y, foldid };
}
