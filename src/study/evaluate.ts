// Step 8: each model on the training and test sets: AUC with DeLong CI, metrics at the Youden
// threshold chosen on training, Hosmer-Lemeshow, calibration deciles, decision curves, ROC curves,
// and paired DeLong tests between models.
import { auc, confusionMetrics, delongCi, delongTest, rocCurve, youdenThreshold } from '../stats/roc.js';
import { hosmerLemeshow, type CalibrationGroup } from '../stats/calibration.js';
import { decisionCurve } from '../stats/dca.js';
import type { StudyConfig } from './config.js';

export type Split = 'train' | 'test';

export interface SplitMetrics {
  n: number;
  auc: number;
  auc_ci: [number, number];
  accuracy: number;
  sensitivity: number;
  specificity: number;
  ppv: number | null;
  npv: number | null;
  threshold: number;
  counts: { tp: number; fp: number; tn: number; fn: number };
  hosmer_lemeshow: { statistic: number; df: number; p: number } | { error: string };
}

export interface SplitCurves {
  roc: { fpr: number[]; tpr: number[] };
  calibration: CalibrationGroup[];
  dca: { thresholds: number[]; netBenefit: number[]; treatAll: number[] };
}

export interface ModelEvaluation {
  metrics: Record<Split, SplitMetrics>;
  curves: Record<Split, SplitCurves>;
}

export interface DelongComparison {
  a: string;
  b: string;
  split: Split;
  /** null when the test is undefined (e.g. the two models rank patients identically). */
  z: number | null;
  p: number | null;
  note?: string;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

export function evaluateModel(prob: number[], y: number[], splits: Record<Split, number[]>, cfg: StudyConfig): ModelEvaluation {
  const pick = (idx: number[], v: number[]) => idx.map((i) => v[i]);
  const ytrain = pick(splits.train, y);
  const threshold = youdenThreshold(ytrain, pick(splits.train, prob)).threshold;
  const metrics = {} as Record<Split, SplitMetrics>;
  const curves = {} as Record<Split, SplitCurves>;
  for (const split of ['train', 'test'] as Split[]) {
    const labels = pick(splits[split], y);
    const p = pick(splits[split], prob);
    const ci = delongCi(labels, p);
    const cm = confusionMetrics(labels, p, threshold);
    let hl: SplitMetrics['hosmer_lemeshow'];
    let calibration: CalibrationGroup[] = [];
    try {
      const r = hosmerLemeshow(labels, p, { groups: cfg.evaluation.hlGroups, grouping: cfg.evaluation.hlGrouping });
      hl = { statistic: r.statistic, df: r.df, p: r.pValue };
      calibration = r.groups;
    } catch (err) {
      hl = { error: (err as Error).message };
    }
    metrics[split] = {
      n: labels.length,
      auc: auc(labels, p),
      auc_ci: [ci.lower, ci.upper],
      accuracy: cm.accuracy,
      sensitivity: cm.sensitivity,
      specificity: cm.specificity,
      ppv: finiteOrNull(cm.ppv),
      npv: finiteOrNull(cm.npv),
      threshold,
      counts: { tp: cm.tp, fp: cm.fp, tn: cm.tn, fn: cm.fn },
      hosmer_lemeshow: hl,
    };
    const roc = rocCurve(labels, p);
    const dca = decisionCurve(labels, p);
    curves[split] = {
      roc: { fpr: roc.specificities.map((s) => 1 - s).reverse(), tpr: [...roc.sensitivities].reverse() },
      calibration,
      dca: { thresholds: dca.map((d) => d.threshold), netBenefit: dca.map((d) => d.netBenefit), treatAll: dca.map((d) => d.treatAll) },
    };
  }
  return { metrics, curves };
}

/** Paired DeLong tests for every pair of models on each split. */
export function compareModels(probs: Record<string, number[]>, y: number[], splits: Record<Split, number[]>): DelongComparison[] {
  const names = Object.keys(probs);
  const out: DelongComparison[] = [];
  for (const split of ['train', 'test'] as Split[]) {
    const labels = splits[split].map((i) => y[i]);
    for (let a = 0; a < names.length; a++) {
      for (let b = a + 1; b < names.length; b++) {
        try {
          const t = delongTest(labels, splits[split].map((i) => probs[names[a]][i]), splits[split].map((i) => probs[names[b]][i]));
          out.push({ a: names[a], b: names[b], split, z: t.z, p: t.pValue });
        } catch (err) {
          out.push({ a: names[a], b: names[b], split, z: null, p: null, note: (err as Error).message.replace(/^delongTest: /, '') });
        }
      }
    }
  }
  return out;
}
