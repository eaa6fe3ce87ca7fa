// Step 6: Table 1 on the training set (test chosen by normality and expected counts) and the clinical
// factors that enter the models: those with p < alpha (paper), or all listed ones.
import { InputError } from '../io/errors.js';
import { table1, type Table1Result } from '../stats/table1.js';
import type { StudyConfig } from './config.js';
import type { StudyData } from './data.js';
import { cellNumber } from './data.js';
import { UNKNOWN_LEVEL, type ClinicalVariable } from './model-file.js';

export interface ClinicalFactor {
  name: string;
  test: string;
  statistic: number | null;
  p: number;
  selected: boolean;
}

export interface ClinicalResult {
  table: Table1Result;
  factors: ClinicalFactor[];
  variables: ClinicalVariable[];
}

const isNumeric = (values: string[]) => values.every((v) => Number.isFinite(cellNumber(v)));

export function clinicalStep(cfg: StudyConfig, data: StudyData, train: number[]): ClinicalResult {
  const names = cfg.clinical.variables;
  const outcomeLabel = (i: number) => (data.y[i] ? cfg.data.positive : data.negative);
  const rows = train.map((i) => {
    const r: Record<string, unknown> = { __outcome: outcomeLabel(i) };
    for (const v of names) r[v] = data.rows[i][v] === '' ? undefined : data.rows[i][v];
    return r;
  });
  const kinds = new Map<string, 'continuous' | 'categorical'>();
  for (const v of names) {
    const values = train.map((i) => data.rows[i][v]).filter((x) => x !== '' && x !== undefined);
    const distinct = new Set(values);
    kinds.set(v, cfg.clinical.categorical.includes(v) || !isNumeric(values) || distinct.size <= 2 ? 'categorical' : 'continuous');
  }
  const table = names.length
    ? table1(rows, { outcome: '__outcome', variables: names.map((name) => ({ name, type: kinds.get(name)! })), alpha: cfg.clinical.alpha, groupOrder: [cfg.data.positive, data.negative] })
    : { outcome: cfg.data.outcome, groups: [], n: train.length, rows: [] };
  table.outcome = cfg.data.outcome;
  const factors: ClinicalFactor[] = table.rows.map((row) => ({
    name: row.variable,
    test: row.test?.name ?? row.note ?? 'no test',
    statistic: row.test?.statistic ?? null,
    p: row.test?.pValue ?? NaN,
    selected: cfg.clinical.select === 'all' || (row.test !== null && row.test.pValue < cfg.clinical.alpha),
  }));
  const variables: ClinicalVariable[] = factors.filter((f) => f.selected).map((f) => {
    const all = data.rows.map((r) => (r[f.name] ?? '').trim());
    const missing = data.ids.filter((_, i) => all[i] === '');
    const present = all.filter((v) => v !== '');
    if (isNumeric(present) && kinds.get(f.name) === 'continuous' || (isNumeric(present) && !missing.length)) {
      if (missing.length) throw new InputError(cfg.data.clinical ?? cfg.data.cohort ?? cfg.file, `clinical factor "${f.name}" is missing for ${missing.length} patients (e.g. ${missing.slice(0, 3).join(', ')}); numeric factors need a value for everyone`);
      const trainValues = train.map((i) => cellNumber(data.rows[i][f.name] ?? ''));
      return { name: f.name, kind: 'numeric' as const, range: [Math.min(...trainValues), Math.max(...trainValues)] as [number, number] };
    }
    // Categorical: levels sorted (the first is the reference); missing values form their own level.
    const levels = [...new Set(present)].sort();
    if (missing.length) levels.push(UNKNOWN_LEVEL);
    return { name: f.name, kind: 'categorical' as const, levels };
  });
  return { table, factors, variables };
}
