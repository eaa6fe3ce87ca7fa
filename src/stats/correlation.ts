// Spearman rank correlation (R cor(method = 'spearman'), scipy.stats.spearmanr) and the recursive
// |rho| > threshold redundancy filter of docs/stats-definitions.md.
import { averageRanks, finiteValues, sameLength } from './descriptive.js';

/** Pearson r = Σ(x-x̄)(y-ȳ) / sqrt(Σ(x-x̄)² Σ(y-ȳ)²). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  sameLength(x, y, 'pearson: x', 'y');
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

function rankedColumn(values: ArrayLike<number>, what: string): Float64Array {
  const checked = finiteValues(values, what, 2);
  const ranks = averageRanks(checked);
  if (ranks.every((r) => r === ranks[0])) throw new Error(`${what} is constant; its rank correlation is undefined`);
  return ranks;
}

/** Spearman rho = Pearson correlation of the average ranks (ties get their mean rank). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  sameLength(x, y, 'spearman: x', 'y');
  return pearson(rankedColumn(x, 'spearman: x'), rankedColumn(y, 'spearman: y'));
}

export interface CorrelationMatrix {
  names: string[];
  /** matrix[i][j] = rho between names[i] and names[j]; 1 on the diagonal. */
  matrix: number[][];
}

/** Spearman matrix of named columns of equal length (R cor(X, method = 'spearman')). */
export function spearmanMatrix(columns: Record<string, ArrayLike<number>>): CorrelationMatrix {
  const names = Object.keys(columns);
  if (names.length === 0) throw new Error('spearmanMatrix: no columns given');
  const length = columns[names[0]].length;
  const ranks = names.map((name) => {
    if (columns[name].length !== length) throw new Error(`spearmanMatrix: column "${name}" has ${columns[name].length} values, "${names[0]}" has ${length}`);
    return rankedColumn(columns[name], `spearmanMatrix: column "${name}"`);
  });
  const matrix = names.map(() => new Array<number>(names.length).fill(1));
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) matrix[i][j] = matrix[j][i] = pearson(ranks[i], ranks[j]);
  }
  return { names, matrix };
}

export interface RedundancyStep {
  feature: string;
  /** Remaining features it correlated with above the threshold when dropped. */
  nPartners: number;
  /** Mean |rho| to the other remaining features when dropped. */
  meanAbsRho: number;
}

export interface RedundancyResult {
  kept: string[];
  /** Dropped features in drop order. */
  dropped: string[];
  steps: RedundancyStep[];
}

/**
 * Recursive redundancy filter: while some pair of remaining features has |rho| > threshold, drop the
 * feature with the most such partners; ties go to the larger mean |rho| to the other remaining features,
 * then to the later column. rho is pairwise, so the matrix is not recomputed. Accepts raw columns (Spearman
 * is computed) or a precomputed correlation matrix.
 */
export function redundancyFilter(input: Record<string, ArrayLike<number>> | CorrelationMatrix, threshold = 0.9): RedundancyResult {
  if (!(threshold >= 0 && threshold < 1)) throw new Error(`redundancyFilter: threshold ${threshold} must lie in [0, 1)`);
  const { names, matrix } = isMatrix(input) ? checkMatrix(input) : spearmanMatrix(input);
  const remaining = names.map((_, i) => i);
  const steps: RedundancyStep[] = [];
  for (;;) {
    let best = -1, bestPartners = 0, bestMean = -1;
    for (const i of remaining) {
      let partners = 0, sumAbs = 0;
      for (const j of remaining) {
        if (j === i) continue;
        const r = Math.abs(matrix[i][j]);
        if (r > threshold) partners++;
        sumAbs += r;
      }
      const meanAbs = remaining.length > 1 ? sumAbs / (remaining.length - 1) : 0;
      // `remaining` is in column order, so >= on ties picks the later column
      if (partners > bestPartners || (partners === bestPartners && partners > 0 && meanAbs >= bestMean)) {
        best = i;
        bestPartners = partners;
        bestMean = meanAbs;
      }
    }
    if (best < 0) break;
    steps.push({ feature: names[best], nPartners: bestPartners, meanAbsRho: bestMean });
    remaining.splice(remaining.indexOf(best), 1);
  }
  return { kept: remaining.map((i) => names[i]), dropped: steps.map((s) => s.feature), steps };
}

function isMatrix(input: unknown): input is CorrelationMatrix {
  return !!input && Array.isArray((input as CorrelationMatrix).names) && Array.isArray((input as CorrelationMatrix).matrix);
}

function checkMatrix(input: CorrelationMatrix): CorrelationMatrix {
  const p = input.names.length;
  if (input.matrix.length !== p) throw new Error(`redundancyFilter: matrix has ${input.matrix.length} rows for ${p} names`);
  input.matrix.forEach((row, i) => {
    if (row.length !== p) throw new Error(`redundancyFilter: matrix row ${i} has ${row.length} entries, expected ${p}`);
    row.forEach((r, j) => {
      if (!(Math.abs(r) <= 1 + 1e-12)) throw new Error(`redundancyFilter: correlation [${i}][${j}] = ${r} is not in [-1, 1]`);
    });
  });
  return input;
}
