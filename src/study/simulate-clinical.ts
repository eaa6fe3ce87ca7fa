// SIMULATED clinical variables for an IVL/LM cohort, drawn from the group statistics of Table 1 of the
// seed paper (Frontiers in Oncology 2023, doi:10.3389/fonc.2023.1239124): 37 IVL and 87 LM patients.
// Continuous variables: normal with the group's mean and SD. Binary variables: exactly the group's
// count of positives (round(proportion * n)), randomly assigned, so the simulated Table 1 matches.
import { Random } from '../random.js';

export interface GroupStats {
  continuous: Record<string, { mean: number; sd: number; digits: number }>;
  binary: Record<string, number>; // proportion positive
}

export const TABLE1: Record<'IVL' | 'LM', GroupStats> = {
  IVL: {
    continuous: {
      age: { mean: 43.32, sd: 8.09, digits: 0 },
      bmi: { mean: 25.01, sd: 3.03, digits: 1 },
      weight: { mean: 63.82, sd: 8.87, digits: 1 },
      height: { mean: 159.68, sd: 4.94, digits: 0 },
    },
    binary: { symptoms: 0.9459, reproductive_history: 0.9189, menopause: 0.1351, er_positive: 0.8919, pr_positive: 0.973, hypertension: 0.1081, diabetes: 0.1351 },
  },
  LM: {
    continuous: {
      age: { mean: 47.87, sd: 7.86, digits: 0 },
      bmi: { mean: 23.59, sd: 4.22, digits: 1 },
      weight: { mean: 60.43, sd: 11.59, digits: 1 },
      height: { mean: 159.98, sd: 5.43, digits: 0 },
    },
    binary: { symptoms: 0.3793, reproductive_history: 0.9195, menopause: 0.4023, er_positive: 0.7701, pr_positive: 1.0, hypertension: 0.2759, diabetes: 0.1379 },
  },
};

export type ClinicalRow = Record<string, number>;

/** Clinical rows for `n` patients of one group. */
export function simulateClinical(group: 'IVL' | 'LM', n: number, rng: Random): ClinicalRow[] {
  const stats = TABLE1[group];
  const rows: ClinicalRow[] = Array.from({ length: n }, () => ({}));
  for (const [name, { mean, sd, digits }] of Object.entries(stats.continuous)) {
    const scale = 10 ** digits;
    for (const row of rows) row[name] = Math.round(rng.normal(mean, sd) * scale) / scale;
  }
  for (const [name, p] of Object.entries(stats.binary)) {
    const positives = Math.round(p * n);
    const flags = rng.shuffle(Array.from({ length: n }, (_, i) => (i < positives ? 1 : 0)));
    rows.forEach((row, i) => (row[name] = flags[i]));
  }
  return rows;
}
