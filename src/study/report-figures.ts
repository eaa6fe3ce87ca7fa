// The report's figures from a study result, as named SVG strings (also written to OUTDIR/figures).
import { calibrationFigure, cvCurveFigure, dcaFigure, heatmapFigure, iccFigure, lassoPathFigure, nomogramFigure, radscoreFigure, rocFigure, type NomogramAxisInput } from './figures.js';
import type { Nomogram } from '../models/nomogram.js';
import { MODEL_NAMES } from './model-file.js';
import type { StudyResult } from './run.js';
import type { Split } from './evaluate.js';

export const MODEL_LABELS: Record<string, string> = { radscore: 'Rad-score', clinical: 'Clinical (GBDT)', radiomics: 'Radiomics (GBDT)', combined: 'Combined (GBDT)', nomogram: 'Nomogram' };

const shortName = (f: string) => f.replace(/^original_/, '');

export function nomogramAxes(chart: Nomogram): { axes: NomogramAxisInput[]; max: number; risk: { label: string; totalPoints: number }[] } {
  const axes = chart.variables.map((v) => ({ name: v.name, ticks: v.values.map((x, k) => ({ label: String(Number(x.toPrecision(4))), points: v.points[k] })) }));
  const max = Math.max(chart.maxTotalPoints, ...chart.totalPointsAt);
  const risk = chart.riskAxis.risk.map((r, k) => ({ label: String(r), totalPoints: chart.riskAxis.points[k] }));
  return { axes, max, risk };
}

export function studyFigures(r: StudyResult): Record<string, string> {
  const figs: Record<string, string> = {};
  if (r.robustness) {
    const a = r.robustness;
    figs.icc = iccFigure(Object.entries(a.minIcc).map(([name, icc]) => ({ name: shortName(name), icc: Number.isFinite(icc) ? icc : 0 })), a.threshold, `${a.form} per feature (lowest over ${a.analyses.length} analyses)`);
  }
  if (r.redundancy) figs.spearman = heatmapFigure(r.redundancy.correlation.names.map(shortName), r.redundancy.correlation.matrix, 'Spearman correlation (training set)');
  const cv = r.lasso.cv;
  const path = r.lasso.cv.path;
  const shown = path.names.map((name, j) => ({ name, values: path.beta.map((b) => b[j]) })).filter((b) => b.values.some((v) => v !== 0));
  figs.lasso_path = lassoPathFigure(path.lambda, shown, r.lasso.lambda, 'LASSO coefficient paths');
  figs.lasso_cv = cvCurveFigure(cv.lambda, cv.cvm, cv.cvsd, cv.lambdaMin, cv.lambda1se, 'Binomial deviance', `LASSO ${new Set(cv.foldid).size}-fold cross-validation`);
  const byClass = (split: Split) => [r.data.negative, r.cfg.data.positive].map((label, cls) => ({ name: `${label} (${split})`, values: r.splits[split].filter((i) => r.data.y[i] === cls).map((i) => r.radscore[i]) }));
  figs.radscore = radscoreFigure([...byClass('train'), ...byClass('test')], 'Rad-score by class');
  for (const split of ['train', 'test'] as Split[]) {
    const names = MODEL_NAMES.filter((m) => r.evaluation[m]);
    const setName = split === 'train' ? 'training set' : 'test set';
    figs[`roc_${split}`] = rocFigure(names.map((m) => ({ name: MODEL_LABELS[m], fpr: r.evaluation[m]!.curves[split].roc.fpr, tpr: r.evaluation[m]!.curves[split].roc.tpr, auc: r.evaluation[m]!.metrics[split].auc, ci: r.evaluation[m]!.metrics[split].auc_ci })), `ROC curves, ${setName}`);
    figs[`calibration_${split}`] = calibrationFigure(
      names.filter((m) => r.evaluation[m]!.curves[split].calibration.length).map((m) => {
        const g = r.evaluation[m]!.curves[split].calibration;
        const hl = r.evaluation[m]!.metrics[split].hosmer_lemeshow;
        return { name: MODEL_LABELS[m], predicted: g.map((x) => x.meanPredicted), observed: g.map((x) => x.observedRate), hlP: 'p' in hl ? hl.p : undefined };
      }),
      `Calibration (deciles of risk), ${setName}`,
    );
    const first = r.evaluation[names[0]]!.curves[split].dca;
    figs[`dca_${split}`] = dcaFigure({ thresholds: first.thresholds, treatAll: first.treatAll, models: names.map((m) => ({ name: MODEL_LABELS[m], netBenefit: r.evaluation[m]!.curves[split].dca.netBenefit })) }, `Decision curves, ${setName}`);
  }
  const { axes, max, risk } = nomogramAxes(r.nomogram.chart);
  figs.nomogram = nomogramFigure(axes, { max }, risk, `Nomogram: probability of ${r.cfg.data.outcome} = ${r.cfg.data.positive}`);
  return figs;
}
