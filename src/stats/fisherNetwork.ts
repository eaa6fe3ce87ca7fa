// Exact two-sided p of Fisher's test for an r x c table: the total probability, under the multiple
// hypergeometric law with the observed margins, of all tables no more likely than the observed one.
//
// Tables are built column by column, as paths through a network (Mehta & Patel 1983) whose nodes are the
// remaining row sums after j columns (sorted: rows are exchangeable for what follows). A table's log
// probability is logConst + Σ over its columns of -Σ_i ln x_ij!, so a path splits into a past (columns so
// far) and a future. At each node:
//  - when the node's futures are few enough to list (sorted, with running sums), every past is settled by
//    one binary search: the tables it reaches that count are a prefix of that list;
//  - otherwise the exact shortest and longest future decide whether all of a past's tables count (summed in
//    closed form: Σ over completions of Π 1/x! = N! / (Π s_i! Π c_j!)) or none do; only the undecided pasts
//    step on to the next column.
// Pasts reaching a node with equal value are merged. A step budget turns an intractable table into an error.
import { logFactorial } from './special.js';

interface Futures {
  /** Future values, ascending. */
  values: Float64Array;
  /** cumulative[k] = Σ_{i <= k} exp(values[i] - top) */
  cumulative: Float64Array;
  top: number;
}

interface NodeInfo {
  s: number[];
  choices?: { delta: number; child: NodeInfo }[];
  bounds?: [number, number];
  futures?: Futures;
  /** Largest list size already found too small to hold this node's futures. */
  futuresRefusedAt?: number;
}

/** A node's futures are listed when they number at most this, or 16 x its pasts x its choices if larger. */
const FUTURES_MIN_CAP = 4096;
/** Future values held at once, over all nodes. */
const FUTURES_TOTAL = 4_000_000;

/** R fisher.test treats tables within this relative probability of the observed as equally likely. */
export const RELATIVE_TOLERANCE = 1e-7;

export function fisherNetworkP(counts: number[][], maxSteps: number): number {
  // Rows are the shorter side: the node state (remaining row sums) is then small.
  const t = counts.length <= counts[0].length ? counts : counts[0].map((_, j) => counts.map((row) => row[j]));
  const rowSums = t.map((row) => row.reduce((s, v) => s + v, 0)).sort((a, b) => b - a);
  const colSums = t[0].map((_, j) => t.reduce((s, row) => s + row[j], 0)).sort((a, b) => b - a);
  const total = rowSums.reduce((s, v) => s + v, 0);
  const nCols = colSums.length;
  const lf = Float64Array.from({ length: total + 1 }, (_, k) => logFactorial(k));
  const logConst = rowSums.reduce((s, r) => s + lf[r], 0) + colSums.reduce((s, c) => s + lf[c], 0) - lf[total];
  let observed = 0;
  for (const row of t) for (const v of row) observed -= lf[v];
  const limit = observed + Math.log1p(RELATIVE_TOLERANCE);
  const colTail = new Float64Array(nCols + 1); // Σ_{j' >= j} ln c_j'!
  for (let j = nCols - 1; j >= 0; j--) colTail[j] = colTail[j + 1] + lf[colSums[j]];

  let steps = 0;
  const tick = (k = 1) => {
    steps += k;
    if (steps > maxSteps) {
      throw new Error(`fisherExact: the ${counts.length}x${counts[0].length} table with n = ${total} needs more than ${maxSteps} enumeration steps; use chiSquareTest or pass a larger maxSteps`);
    }
  };
  const radix = total + 1;
  const numericKeys = Math.pow(radix, rowSums.length) < Number.MAX_SAFE_INTEGER;
  const keyOf = (s: number[]): number | string => (numericKeys ? s.reduce((k, v) => k * radix + v, 0) : s.join(','));
  const levels: Map<number | string, NodeInfo>[] = Array.from({ length: nCols }, () => new Map());
  const infoAt = (j: number, s: number[]): NodeInfo => {
    const key = keyOf(s);
    let info = levels[j].get(key);
    if (!info) levels[j].set(key, (info = { s }));
    return info;
  };
  const lastValue = (s: number[]) => -s.reduce((acc, v) => acc + lf[v], 0);

  const choicesOf = (j: number, info: NodeInfo) => {
    if (info.choices) return info.choices;
    const list: { delta: number; child: NodeInfo }[] = [];
    forEachColumn(info.s, colSums[j], lf, (delta, rest) => {
      tick();
      list.push({ delta, child: infoAt(j + 1, rest) });
    });
    return (info.choices = list);
  };
  const boundsOf = (j: number, info: NodeInfo): [number, number] => {
    if (info.bounds) return info.bounds;
    if (j === nCols - 1) return (info.bounds = [lastValue(info.s), lastValue(info.s)]);
    let lo = Infinity, hi = -Infinity;
    for (const { delta, child } of choicesOf(j, info)) {
      const [a, b] = boundsOf(j + 1, child);
      lo = Math.min(lo, delta + a);
      hi = Math.max(hi, delta + b);
    }
    return (info.bounds = [lo, hi]);
  };
  let futuresStored = 0;
  // Listing a node's futures costs about their number; it pays when they are few next to the expansions saved.
  const futuresOf = (j: number, info: NodeInfo, cap: number): Futures | null => {
    if (info.futures) return info.futures;
    if (info.futuresRefusedAt !== undefined && info.futuresRefusedAt >= cap) return null;
    const refuse = () => {
      info.futuresRefusedAt = Math.max(info.futuresRefusedAt ?? 0, cap);
      return null;
    };
    let values: Float64Array;
    if (j === nCols - 1) values = Float64Array.of(lastValue(info.s));
    else {
      const choices = choicesOf(j, info);
      const parts: Futures[] = [];
      let size = 0;
      for (const { child } of choices) {
        const f = futuresOf(j + 1, child, cap);
        if (!f) return refuse();
        parts.push(f);
        size += f.values.length;
        if (size > cap || futuresStored + size > FUTURES_TOTAL) return refuse();
      }
      tick(size);
      values = new Float64Array(size);
      let at = 0;
      choices.forEach(({ delta }, c) => {
        for (const v of parts[c].values) values[at++] = delta + v;
      });
      values.sort();
    }
    futuresStored += values.length;
    const top = values[values.length - 1];
    const cumulative = new Float64Array(values.length);
    let run = 0;
    values.forEach((v, k) => (cumulative[k] = run += Math.exp(v - top)));
    return (info.futures = { values, cumulative, top });
  };

  let sum = 0, compensation = 0; // Neumaier summation of positive terms
  const add = (term: number) => {
    const next = sum + term;
    compensation += sum >= term ? sum - next + term : term - next + sum;
    sum = next;
  };
  type Pasts = { values: number[]; counts: number[] };
  let pasts = new Map<NodeInfo, Pasts>([[infoAt(0, rowSums), { values: [0], counts: [1] }]]);
  for (let j = 0; j < nCols && pasts.size; j++) {
    const next = new Map<NodeInfo, Pasts>();
    for (const [info, { values, counts }] of pasts) {
      tick(values.length);
      const cap = Math.max(FUTURES_MIN_CAP, 16 * values.length * (j < nCols - 1 ? choicesOf(j, info).length : 1));
      const futures = futuresOf(j, info, cap);
      if (futures) {
        // tables through this past that count: futures f with past + f <= limit, a prefix of the sorted list
        for (let p = 0; p < values.length; p++) {
          const k = upperBound(futures.values, limit - values[p]);
          if (k > 0) add(counts[p] * Math.exp(logConst + values[p] + futures.top) * futures.cumulative[k - 1]);
        }
        continue;
      }
      const [lo, hi] = boundsOf(j, info);
      const remaining = info.s.reduce((a, v) => a + v, 0);
      const logAll = lf[remaining] - info.s.reduce((a, v) => a + lf[v], 0) - colTail[j];
      const undecided = new Map<number, { value: number; count: number }>();
      for (let p = 0; p < values.length; p++) {
        const v = values[p];
        if (v + hi <= limit) add(counts[p] * Math.exp(logConst + v + logAll));
        else if (v + lo <= limit) {
          // pasts equal to rounding (1e-9 in log probability) step on together
          const key = Math.round(v * 1e9);
          const same = undecided.get(key);
          if (same) same.count += counts[p];
          else undecided.set(key, { value: v, count: counts[p] });
        }
      }
      if (!undecided.size) continue;
      const choices = choicesOf(j, info);
      tick(choices.length * undecided.size);
      for (const { delta, child } of choices) {
        let target = next.get(child);
        if (!target) next.set(child, (target = { values: [], counts: [] }));
        for (const { value, count } of undecided.values()) {
          target.values.push(value + delta);
          target.counts.push(count);
        }
      }
    }
    pasts = next;
  }
  return Math.min(1, sum + compensation);
}

/** Number of entries of the ascending array that are <= x. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Calls visit(delta, rest) for every column x with Σ x = colSum and 0 <= x_i <= s_i, where
 * delta = -Σ ln x_i! and rest = s - x sorted descending.
 */
function forEachColumn(s: number[], colSum: number, lf: Float64Array, visit: (delta: number, rest: number[]) => void): void {
  const r = s.length;
  const after = new Array<number>(r + 1).fill(0); // Σ s_i' for i' >= i
  for (let i = r - 1; i >= 0; i--) after[i] = after[i + 1] + s[i];
  const x = new Array<number>(r).fill(0);
  const fill = (i: number, left: number, delta: number) => {
    if (i === r - 1) {
      x[i] = left;
      const rest = new Array<number>(r);
      for (let k = 0; k < r; k++) {
        // insertion into descending order
        const v = s[k] - x[k];
        let at = k;
        while (at > 0 && rest[at - 1] < v) {
          rest[at] = rest[at - 1];
          at--;
        }
        rest[at] = v;
      }
      visit(delta - lf[left], rest);
      return;
    }
    const low = Math.max(0, left - after[i + 1]);
    const high = Math.min(s[i], left);
    for (let v = low; v <= high; v++) {
      x[i] = v;
      fill(i + 1, left - v, delta - lf[v]);
    }
  };
  fill(0, colSum, 0);
}
