// GLCM coefficients (computed once per angle matrix) and the 24 pyradiomics features as one-line formulas.
// Notation: p(i,j) the normalised matrix over the present gray levels i, j (actual bin values), p_x, p_y its
// marginals, μ_x, μ_y, σ_x, σ_y their means and deviations, p_{x+y}(k) and p_{x-y}(k) the distributions of
// i + j and |i - j|, Ng the maximum bin, ε = 2.2e-16 inside every log2.
import type { WasmArena } from '../wasm/arena.js';
import { EPS } from './common.js';
import { maximalCorrelation } from './glcm-mcc.js';

export interface GlcmCoefficients {
  p: Float64Array;
  n: number;
  ng: number;
  px: Float64Array;
  py: Float64Array;
  ux: number;
  uy: number;
  /** Σ p_x(i)(i - μ_x)², i.e. σ_x². */
  varX: number;
  varY: number;
  /** p_{x+y}(k) over the values k = i + j that occur. */
  pxAddy: KDistribution;
  /** p_{x-y}(k) over the values k = |i - j| that occur. */
  pxSuby: KDistribution;
  sumPij: number;
  covariance: number;
  energy: number;
  maxP: number;
  hx: number;
  hy: number;
  hxy: number;
  hxy1: number;
  hxy2: number;
  /** Where MCC does its O(n²) work. */
  arena: WasmArena;
}

/** A distribution over the k values that occur (ascending), so its size never depends on Ng. */
export interface KDistribution {
  k: Float64Array;
  p: Float64Array;
}

/** For each level pair (i, j): the index of i + j and of |i - j| among the values that occur. */
export interface PairIndex {
  sums: Float64Array;
  diffs: Float64Array;
  sumOf: Int32Array;
  diffOf: Int32Array;
}

/** Built once per level set; numpy sums p_{x±y} over ascending k, and so do we. */
export function pairIndex(levels: Float64Array): PairIndex {
  const n = levels.length;
  const distinct = (f: (i: number, j: number) => number) => {
    const values = new Set<number>();
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values.add(f(i, j));
    const sorted = Float64Array.from(values).sort();
    const position = new Map(Array.from(sorted, (v, k) => [v, k]));
    const of = new Int32Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) of[i * n + j] = position.get(f(i, j))!;
    return { sorted, of };
  };
  const sum = distinct((i, j) => levels[i] + levels[j]);
  const diff = distinct((i, j) => Math.abs(levels[i] - levels[j]));
  return { sums: sum.sorted, diffs: diff.sorted, sumOf: sum.of, diffOf: diff.of };
}

const log2 = Math.log2;

/** One pass for the marginals and sums, one for the centred and entropy terms. */
export function glcmCoefficients(p: Float64Array, levels: Float64Array, ng: number, pairs: PairIndex, arena: WasmArena): GlcmCoefficients {
  const n = levels.length;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const pxAddy: KDistribution = { k: pairs.sums, p: new Float64Array(pairs.sums.length) };
  const pxSuby: KDistribution = { k: pairs.diffs, p: new Float64Array(pairs.diffs.length) };
  let sumPij = 0, energy = 0, maxP = p.length ? -Infinity : NaN, hxy = 0;
  for (let i = 0; i < n; i++) {
    const gi = levels[i];
    for (let j = 0; j < n; j++) {
      const v = p[i * n + j];
      const gj = levels[j];
      px[i] += v;
      py[j] += v;
      pxAddy.p[pairs.sumOf[i * n + j]] += v;
      pxSuby.p[pairs.diffOf[i * n + j]] += v;
      sumPij += v * gi * gj;
      energy += v * v;
      if (!(v <= maxP)) maxP = v;
      hxy -= v * log2(v + EPS);
    }
  }
  let ux = 0, uy = 0;
  for (let i = 0; i < n; i++) {
    ux += levels[i] * px[i];
    uy += levels[i] * py[i];
  }
  let varX = 0, varY = 0, hx = 0, hy = 0;
  for (let i = 0; i < n; i++) {
    varX += px[i] * (levels[i] - ux) ** 2;
    varY += py[i] * (levels[i] - uy) ** 2;
    hx -= px[i] * log2(px[i] + EPS);
    hy -= py[i] * log2(py[i] + EPS);
  }
  let covariance = 0, hxy1 = 0, hxy2 = 0;
  for (let i = 0; i < n; i++) {
    const di = levels[i] - ux;
    for (let j = 0; j < n; j++) {
      const v = p[i * n + j];
      const pxpy = px[i] * py[j];
      const logPxPy = log2(pxpy + EPS);
      covariance += v * di * (levels[j] - uy);
      hxy1 -= v * logPxPy;
      hxy2 -= pxpy * logPxPy;
    }
  }
  return { p, n, ng, px, py, ux, uy, varX, varY, pxAddy, pxSuby, sumPij, covariance, energy, maxP, hx, hy, hxy, hxy1, hxy2, arena };
}

/** Σ_k weight(k)·p(k). */
function sumOver(dist: KDistribution, weight: (k: number) => number): number {
  let s = 0;
  for (let x = 0; x < dist.k.length; x++) if (dist.p[x] !== 0) s += weight(dist.k[x]) * dist.p[x];
  return s;
}

/** -Σ_k p(k) log2(p(k) + ε). */
function entropy(dist: KDistribution): number {
  let s = 0;
  for (let x = 0; x < dist.p.length; x++) s -= dist.p[x] * log2(dist.p[x] + EPS);
  return s;
}

const differenceAverage = (c: GlcmCoefficients) => sumOver(c.pxSuby, (k) => k);

/** pyradiomics' glcm features, keyed by name; each maps one angle's coefficients to a value. */
export const GLCM_FORMULAS: Record<string, (c: GlcmCoefficients) => number> = {
  // Σ p(i,j)·i·j
  Autocorrelation: (c) => c.sumPij,
  // Σ (i + j - μx - μy)⁴ p(i,j)
  ClusterProminence: (c) => sumOver(c.pxAddy, (k) => (k - c.ux - c.uy) ** 4),
  // Σ (i + j - μx - μy)³ p(i,j)
  ClusterShade: (c) => sumOver(c.pxAddy, (k) => (k - c.ux - c.uy) ** 3),
  // Σ (i + j - μx - μy)² p(i,j)
  ClusterTendency: (c) => sumOver(c.pxAddy, (k) => (k - c.ux - c.uy) ** 2),
  // Σ (i - j)² p(i,j)
  Contrast: (c) => sumOver(c.pxSuby, (k) => k * k),
  // (Σ p(i,j)(i - μx)(j - μy)) / (σx σy + ε); 1 when σx σy = 0 (flat region)
  Correlation: (c) => (c.varX * c.varY === 0 ? 1 : c.covariance / (Math.sqrt(c.varX) * Math.sqrt(c.varY) + EPS)),
  // Σ_k k p_{x-y}(k)
  DifferenceAverage: differenceAverage,
  // -Σ_k p_{x-y}(k) log2(p_{x-y}(k) + ε)
  DifferenceEntropy: (c) => entropy(c.pxSuby),
  // Σ_k (k - DA)² p_{x-y}(k)
  DifferenceVariance: (c) => {
    const average = differenceAverage(c);
    return sumOver(c.pxSuby, (k) => (k - average) ** 2);
  },
  // Σ_k p_{x-y}(k) / (1 + k)
  Id: (c) => sumOver(c.pxSuby, (k) => 1 / (1 + k)),
  // Σ_k p_{x-y}(k) / (1 + k²)
  Idm: (c) => sumOver(c.pxSuby, (k) => 1 / (1 + k * k)),
  // Σ_k p_{x-y}(k) / (1 + k²/Ng²)
  Idmn: (c) => sumOver(c.pxSuby, (k) => 1 / (1 + (k * k) / (c.ng * c.ng))),
  // Σ_k p_{x-y}(k) / (1 + k/Ng)
  Idn: (c) => sumOver(c.pxSuby, (k) => 1 / (1 + k / c.ng)),
  // (HXY - HXY1) / max(HX, HY); 0 when both entropies are 0
  Imc1: (c) => (Math.max(c.hx, c.hy) === 0 ? 0 : (c.hxy - c.hxy1) / Math.max(c.hx, c.hy)),
  // sqrt(1 - e^(-2(HXY2 - HXY))); 0 when HXY2 = HXY (NaN when rounding makes HXY > HXY2, as numpy)
  Imc2: (c) => (c.hxy2 === c.hxy ? 0 : Math.sqrt(1 - Math.exp(-2 * (c.hxy2 - c.hxy)))),
  // Σ_{k≥1} p_{x-y}(k) / k²
  InverseVariance: (c) => sumOver(c.pxSuby, (k) => (k === 0 ? 0 : 1 / (k * k))),
  // μx = Σ p(i,j)·i
  JointAverage: (c) => c.ux,
  // Σ p(i,j)²
  JointEnergy: (c) => c.energy,
  // HXY = -Σ p(i,j) log2(p(i,j) + ε)
  JointEntropy: (c) => c.hxy,
  // sqrt(second-largest eigenvalue of Q), Q(i,j) = Σ_k p(i,k)p(j,k) / (p_x(i)p_y(k) + ε)
  MCC: (c) => maximalCorrelation(c.p, c.n, c.px, c.py, c.arena),
  // max p(i,j)
  MaximumProbability: (c) => c.maxP,
  // Σ_k k p_{x+y}(k)
  SumAverage: (c) => sumOver(c.pxAddy, (k) => k),
  // -Σ_k p_{x+y}(k) log2(p_{x+y}(k) + ε)
  SumEntropy: (c) => entropy(c.pxAddy),
  // Σ p(i,j)(i - μx)²
  SumSquares: (c) => c.varX,
};

/** The 24 default features, in pyradiomics' (alphabetical) order. */
export const GLCM_FEATURES = Object.keys(GLCM_FORMULAS);
