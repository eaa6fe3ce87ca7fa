// Fisher's exact test for r x c tables (R fisher.test; scipy fisher_exact for 2x2). Two-sided p: the
// total probability, under the multiple hypergeometric law with fixed margins, of tables no more likely
// than the observed one (within R's relative tolerance 1e-7).
//
// The tables are enumerated column by column as paths through a network whose nodes are the remaining
// row sums (Mehta & Patel 1983): a node's completions are summed in closed form when all of them count
// (or none do), judged from the exact longest and shortest remaining path, and paths reaching a node with
// the same probability so far are merged. A step budget turns an intractable table into a clear error.
import { checkTable } from './tests.js';
import { logFactorial } from './special.js';

export interface FisherResult {
  pValue: number;
  /** 2x2 only: conditional maximum-likelihood odds ratio (R fisher.test's estimate). */
  oddsRatio?: number;
  /** 2x2 only: sample odds ratio (a d) / (b c) (scipy fisher_exact's statistic). */
  sampleOddsRatio?: number;
}

/** R fisher.test treats tables within this relative probability of the observed as equally likely. */
const RELATIVE_TOLERANCE = 1e-7;
/** Enumeration steps before giving up (about a few seconds of work). */
const DEFAULT_MAX_STEPS = 20_000_000;

export function fisherExact(table: ArrayLike<ArrayLike<number>>, options: { maxSteps?: number } = {}): FisherResult {
  const counts = checkTable(table, 'fisherExact', true);
  const pValue = fisherNetwork(counts, options.maxSteps ?? DEFAULT_MAX_STEPS);
  if (counts.length !== 2 || counts[0].length !== 2) return { pValue };
  const [[a, b], [c, d]] = counts;
  return { pValue, oddsRatio: conditionalOddsRatio(counts), sampleOddsRatio: (a * d) / (b * c) };
}

function fisherNetwork(counts: number[][], maxSteps: number): number {
  // Rows are the shorter side: the node state (remaining row sums) is then small.
  const t = counts.length <= counts[0].length ? counts : counts[0].map((_, j) => counts.map((row) => row[j]));
  const rowSums = t.map((row) => row.reduce((s, v) => s + v, 0));
  const colSums = t[0].map((_, j) => t.reduce((s, row) => s + row[j], 0)).sort((x, y) => y - x);
  const total = rowSums.reduce((s, v) => s + v, 0);
  const nCols = colSums.length;
  // log P(table) = logConst + pathValue, pathValue = -Σ ln x_ij!
  const logConst = rowSums.reduce((s, r) => s + logFactorial(r), 0) + colSums.reduce((s, c) => s + logFactorial(c), 0) - logFactorial(total);
  let observed = 0;
  for (const row of t) for (const v of row) observed -= logFactorial(v);
  const limit = observed + Math.log1p(RELATIVE_TOLERANCE);
  // ln Σ over completions from column j of Π 1/x! = ln N_rem! - Σ ln s_i! - Σ_{j' >= j} ln c_j'!
  const colTail = new Float64Array(nCols + 1);
  for (let j = nCols - 1; j >= 0; j--) colTail[j] = colTail[j + 1] + logFactorial(colSums[j]);

  let steps = 0;
  const tick = () => {
    if (++steps > maxSteps) {
      throw new Error(`fisherExact: the ${counts.length}x${counts[0].length} table with n = ${total} needs more than ${maxSteps} enumeration steps; use chiSquareTest or pass a larger maxSteps`);
    }
  };
  const bounds = new Map<string, [number, number]>();
  // [shortest, longest] remaining path value from node (j, s)
  const nodeBounds = (j: number, s: number[]): [number, number] => {
    if (j === nCols - 1) {
      const v = -s.reduce((acc, x) => acc + logFactorial(x), 0);
      return [v, v];
    }
    const key = j + ':' + s.join(',');
    const known = bounds.get(key);
    if (known) return known;
    let lo = Infinity, hi = -Infinity;
    forEachColumn(s, colSums[j], (x, next) => {
      tick();
      const step = -x.reduce((acc, v) => acc + logFactorial(v), 0);
      const [a, b] = nodeBounds(j + 1, next);
      lo = Math.min(lo, step + a);
      hi = Math.max(hi, step + b);
    });
    const result: [number, number] = [lo, hi];
    bounds.set(key, result);
    return result;
  };

  let sum = 0, compensation = 0; // Neumaier summation of positive terms
  const add = (term: number) => {
    const t2 = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t2 + term : term - t2 + sum;
    sum = t2;
  };
  // Level by level; each node keeps its distinct path values (rounded key) with their path counts.
  type Node = { s: number[]; paths: Map<number, { value: number; count: number }> };
  let level = new Map<string, Node>();
  const start = rowSums.slice().sort((x, y) => y - x);
  level.set(start.join(','), { s: start, paths: new Map([[0, { value: 0, count: 1 }]]) });
  for (let j = 0; j < nCols && level.size; j++) {
    const next = new Map<string, Node>();
    for (const node of level.values()) {
      const [shortest, longest] = nodeBounds(j, node.s);
      const remaining = node.s.reduce((a, v) => a + v, 0);
      const logTotal = logFactorial(remaining) - node.s.reduce((a, v) => a + logFactorial(v), 0) - colTail[j];
      for (const { value, count } of node.paths.values()) {
        tick();
        if (value + longest <= limit) add(count * Math.exp(logConst + value + logTotal));
        else if (value + shortest > limit) continue;
        else {
          forEachColumn(node.s, colSums[j], (x, rest) => {
            tick();
            const v = value - x.reduce((acc, c) => acc + logFactorial(c), 0);
            const key = rest.join(',');
            let child = next.get(key);
            if (!child) next.set(key, (child = { s: rest, paths: new Map() }));
            const pathKey = Math.round(v * 1e9);
            const path = child.paths.get(pathKey);
            if (path) path.count += count;
            else child.paths.set(pathKey, { value: v, count });
          });
        }
      }
    }
    level = next;
  }
  return Math.min(1, sum + compensation);
}

/** Calls visit(x, rest) for every column x (Σ x = colSum, 0 <= x_i <= s_i) with rest = sorted s - x. */
function forEachColumn(s: number[], colSum: number, visit: (x: number[], rest: number[]) => void): void {
  const r = s.length;
  const after = new Array<number>(r + 1).fill(0); // Σ s_i' for i' >= i
  for (let i = r - 1; i >= 0; i--) after[i] = after[i + 1] + s[i];
  const x = new Array<number>(r).fill(0);
  const fill = (i: number, left: number) => {
    if (i === r - 1) {
      x[i] = left;
      visit(x, s.map((v, k) => v - x[k]).sort((p, q) => q - p));
      return;
    }
    const low = Math.max(0, left - after[i + 1]);
    const high = Math.min(s[i], left);
    for (let v = low; v <= high; v++) {
      x[i] = v;
      fill(i + 1, left - v);
    }
  };
  fill(0, colSum);
}

/**
 * Conditional MLE of the odds ratio of a 2x2 table: the ψ at which the mean of the noncentral
 * hypergeometric distribution of the [0][0] cell equals the observed count (0 or Infinity at the edges).
 */
function conditionalOddsRatio(counts: number[][]): number {
  const [[a, b], [c, d]] = counts;
  const m = a + c, n = b + d, k = a + b;
  const lo = Math.max(0, k - n), hi = Math.min(k, m);
  if (a === lo) return 0;
  if (a === hi) return Infinity;
  const support: number[] = [];
  const logWeights: number[] = [];
  for (let x = lo; x <= hi; x++) {
    support.push(x);
    // ln C(m, x) + ln C(n, k - x)
    logWeights.push(-logFactorial(x) - logFactorial(m - x) - logFactorial(k - x) - logFactorial(n - k + x));
  }
  // mean and variance of the cell at log odds ratio θ; the mean increases with θ (derivative = variance)
  const moments = (theta: number): [number, number] => {
    let top = -Infinity;
    const w = logWeights.map((lw, i) => lw + theta * support[i]);
    for (const v of w) top = Math.max(top, v);
    let z = 0, s1 = 0, s2 = 0;
    w.forEach((v, i) => {
      const p = Math.exp(v - top);
      z += p;
      s1 += p * support[i];
      s2 += p * support[i] * support[i];
    });
    const mu = s1 / z;
    return [mu, s2 / z - mu * mu];
  };
  let lower = -50, upper = 50, theta = Math.log((a * d) / (b * c) || 1);
  if (!Number.isFinite(theta)) theta = 0;
  for (let i = 0; i < 200; i++) {
    const [mu, v] = moments(theta);
    if (mu > a) upper = theta;
    else lower = theta;
    let next = theta - (mu - a) / v;
    if (!(next > lower && next < upper)) next = (lower + upper) / 2;
    if (Math.abs(next - theta) < 1e-15 * Math.max(1, Math.abs(theta))) return Math.exp(next);
    theta = next;
  }
  return Math.exp(theta);
}
