// The study report's figures as standalone SVG strings (plain inputs, no dependency on the pipeline).
import { dots, errorBars, esc, finish, fmtTick, frame, hline, legend, linearScale, PALETTE, polyline, vline } from './svg.js';

export interface RocSeries { name: string; fpr: number[]; tpr: number[]; auc: number; ci?: [number, number] }

export function rocFigure(series: RocSeries[], title: string): string {
  const f = frame({ title, xLabel: '1 − specificity', yLabel: 'Sensitivity', xDomain: [0, 1], yDomain: [0, 1] });
  polyline(f, [[0, 0], [1, 1]], '#999', { dash: '4 4', width: 1 });
  series.forEach((s, i) => polyline(f, s.fpr.map((x, k) => [x, s.tpr[k]]), PALETTE[i % PALETTE.length]));
  legend(f, series.map((s, i) => ({ label: `${s.name} AUC ${s.auc.toFixed(3)}${s.ci ? ` (${s.ci[0].toFixed(3)}–${s.ci[1].toFixed(3)})` : ''}`, color: PALETTE[i % PALETTE.length] })));
  return finish(f, title);
}

export interface CalibrationSeries { name: string; predicted: number[]; observed: number[]; hlP?: number }

export function calibrationFigure(series: CalibrationSeries[], title: string): string {
  const f = frame({ title, xLabel: 'Predicted probability', yLabel: 'Observed proportion', xDomain: [0, 1], yDomain: [0, 1] });
  polyline(f, [[0, 0], [1, 1]], '#999', { dash: '4 4', width: 1 });
  series.forEach((s, i) => {
    const pts = s.predicted.map((x, k) => [x, s.observed[k]] as [number, number]);
    polyline(f, pts, PALETTE[i % PALETTE.length], { width: 1.5 });
    dots(f, pts, PALETTE[i % PALETTE.length]);
  });
  legend(f, series.map((s, i) => ({ label: `${s.name}${s.hlP !== undefined ? ` (HL p = ${fmtP(s.hlP)})` : ''}`, color: PALETTE[i % PALETTE.length] })), 'tl');
  return finish(f, title);
}

export interface DcaInput { thresholds: number[]; models: { name: string; netBenefit: number[] }[]; treatAll: number[] }

export function dcaFigure(d: DcaInput, title: string): string {
  const maxNb = Math.max(0.05, ...d.models.flatMap((m) => m.netBenefit), ...d.treatAll);
  const f = frame({ title, xLabel: 'Threshold probability', yLabel: 'Net benefit', xDomain: [0, 1], yDomain: [-0.05, maxNb * 1.05] });
  polyline(f, d.thresholds.map((t) => [t, 0]), '#000', { width: 1 });
  polyline(f, d.thresholds.map((t, k) => [t, Math.max(d.treatAll[k], -0.05)]), '#777', { dash: '5 3', width: 1.5 });
  d.models.forEach((m, i) => polyline(f, d.thresholds.map((t, k) => [t, Math.max(m.netBenefit[k], -0.05)]), PALETTE[i % PALETTE.length]));
  legend(f, [...d.models.map((m, i) => ({ label: m.name, color: PALETTE[i % PALETTE.length] })), { label: 'Treat all', color: '#777', dash: '5 3' }, { label: 'Treat none', color: '#000' }], 'tr');
  return finish(f, title);
}

export function lassoPathFigure(lambda: number[], betas: { name: string; values: number[] }[], lambdaMin: number, title: string): string {
  const logL = lambda.map(Math.log);
  const all = betas.flatMap((b) => b.values);
  const f = frame({ title, xLabel: 'log(λ)', yLabel: 'Coefficient', xDomain: [Math.min(...logL), Math.max(...logL)], yDomain: [Math.min(0, ...all), Math.max(0, ...all)] });
  betas.forEach((b, i) => polyline(f, logL.map((x, k) => [x, b.values[k]]), PALETTE[i % PALETTE.length], { width: 1.2 }));
  vline(f, Math.log(lambdaMin), '#333', 'λ min');
  return finish(f, title);
}

export function cvCurveFigure(lambda: number[], cvm: number[], cvsd: number[], lambdaMin: number, lambda1se: number, yLabel: string, title: string): string {
  const logL = lambda.map(Math.log);
  const lo = cvm.map((m, k) => m - cvsd[k]);
  const hi = cvm.map((m, k) => m + cvsd[k]);
  const f = frame({ title, xLabel: 'log(λ)', yLabel, xDomain: [Math.min(...logL), Math.max(...logL)], yDomain: [Math.min(...lo), Math.max(...hi)] });
  errorBars(f, logL.map((x, k) => [x, lo[k], hi[k]]), '#aaa');
  dots(f, logL.map((x, k) => [x, cvm[k]]), PALETTE[1], 2.5);
  vline(f, Math.log(lambdaMin), '#333', 'λ min');
  vline(f, Math.log(lambda1se), '#888', 'λ 1se', 1);
  return finish(f, title);
}

/** ICC per feature, sorted, with the robustness threshold. */
export function iccFigure(items: { name: string; icc: number }[], threshold: number, title: string): string {
  const sorted = [...items].sort((a, b) => b.icc - a.icc);
  const f = frame({ title, xLabel: 'Features (sorted by ICC)', yLabel: 'ICC', xDomain: [0, Math.max(1, sorted.length)], yDomain: [Math.min(0, ...sorted.map((s) => s.icc)), 1], xTickFormat: (v) => String(Math.round(v)) });
  const w = Math.max(1, f.x(1) - f.x(0) - 0.5);
  sorted.forEach((s, i) => {
    const y0 = f.y(Math.max(0, f.y.domain[0])), y1 = f.y(s.icc);
    f.parts.push(`<rect x="${f.x(i).toFixed(2)}" y="${Math.min(y0, y1).toFixed(2)}" width="${w.toFixed(2)}" height="${Math.abs(y0 - y1).toFixed(2)}" fill="${s.icc > threshold ? PALETTE[0] : '#bbb'}"><title>${esc(s.name)}: ${s.icc.toFixed(3)}</title></rect>`);
  });
  hline(f, threshold, PALETTE[1], `ICC > ${threshold}`);
  return finish(f, title);
}

/** Correlation heatmap (values in [-1, 1]); labels are shown when there are few enough features. */
export function heatmapFigure(names: string[], matrix: number[][], title: string): string {
  const n = names.length;
  const labelSpace = n <= 40 ? 190 : 20;
  const cell = Math.max(3, Math.min(18, Math.floor(560 / Math.max(n, 1))));
  const width = labelSpace + n * cell + 70, height = 40 + n * cell + (n <= 40 ? 10 : 10);
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="#fff"/>`, `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`];
  const color = (v: number) => {
    const t = Math.max(-1, Math.min(1, v));
    const r = t > 0 ? 255 : Math.round(255 * (1 + t)), b = t < 0 ? 255 : Math.round(255 * (1 - t)), g = Math.round(255 * (1 - Math.abs(t)));
    return `rgb(${r},${g},${b})`;
  };
  for (let i = 0; i < n; i++) {
    if (n <= 40) parts.push(`<text x="${labelSpace - 4}" y="${34 + i * cell + cell * 0.75}" text-anchor="end" font-size="${Math.min(10, cell)}">${esc(names[i])}</text>`);
    for (let j = 0; j < n; j++) parts.push(`<rect x="${labelSpace + j * cell}" y="${30 + i * cell}" width="${cell}" height="${cell}" fill="${color(matrix[i][j])}"><title>${esc(names[i])} / ${esc(names[j])}: ${matrix[i][j].toFixed(3)}</title></rect>`);
  }
  const lx = labelSpace + n * cell + 20;
  for (let k = 0; k <= 10; k++) parts.push(`<rect x="${lx}" y="${30 + k * 12}" width="14" height="12" fill="${color(1 - k / 5)}"/>`);
  parts.push(`<text x="${lx + 18}" y="40" font-size="10">+1</text><text x="${lx + 18}" y="100" font-size="10">0</text><text x="${lx + 18}" y="160" font-size="10">−1</text>`);
  return finish({ width, height, parts }, title);
}

/** Rad-score by class: jittered points and a box per class. */
export function radscoreFigure(groups: { name: string; values: number[] }[], title: string): string {
  const all = groups.flatMap((g) => g.values);
  const f = frame({ title, xLabel: '', yLabel: 'Rad-score', xDomain: [0, groups.length], yDomain: [Math.min(...all), Math.max(...all)], xTickFormat: () => '' });
  groups.forEach((g, i) => {
    const color = PALETTE[i % PALETTE.length];
    const sorted = [...g.values].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))];
    const cx = f.x(i + 0.5), bw = f.x(0.35) - f.x(0);
    if (sorted.length) f.parts.push(`<rect x="${cx - bw / 2}" y="${f.y(q(0.75))}" width="${bw}" height="${Math.max(1, f.y(q(0.25)) - f.y(q(0.75)))}" fill="none" stroke="${color}"/><line x1="${cx - bw / 2}" x2="${cx + bw / 2}" y1="${f.y(q(0.5))}" y2="${f.y(q(0.5))}" stroke="${color}" stroke-width="2"/>`);
    g.values.forEach((v, k) => f.parts.push(`<circle cx="${(cx + (((k * 0.618) % 1) - 0.5) * bw * 0.9).toFixed(1)}" cy="${f.y(v).toFixed(1)}" r="2.5" fill="${color}" fill-opacity="0.6"/>`));
    f.parts.push(`<text x="${cx}" y="${f.height - 30}" text-anchor="middle" font-size="12">${esc(g.name)} (n=${g.values.length})</text>`);
  });
  return finish(f, title);
}

export interface NomogramAxisInput { name: string; ticks: { label: string; points: number }[] }

/**
 * rms-style nomogram: a 0-100 "Points" ruler, one axis per variable with its values placed at their
 * points, a "Total points" ruler and the probability axis placed on total points.
 */
export function nomogramFigure(axes: NomogramAxisInput[], total: { max: number }, risk: { label: string; totalPoints: number }[], title: string, marks?: { variable: string; points: number }[]): string {
  const rowH = 46, left = 150, right = 30, width = 760;
  const rows = [{ name: 'Points', ticks: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => ({ label: String(p), points: p })) }, ...axes];
  const height = 40 + (rows.length + 2) * rowH + 10;
  const px = linearScale([0, 100], [left, width - right]);
  const tx = linearScale([0, total.max], [left, width - right]);
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="#fff"/>`, `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`];
  const drawAxis = (y: number, name: string, ticks: { label: string; x: number }[], color = '#000') => {
    parts.push(`<text x="${left - 12}" y="${y + 4}" text-anchor="end" font-size="12" font-weight="bold">${esc(name)}</text>`);
    const xs = ticks.map((t) => t.x);
    parts.push(`<line x1="${Math.min(...xs)}" x2="${Math.max(...xs)}" y1="${y}" y2="${y}" stroke="${color}"/>`);
    let lastX = -Infinity;
    for (const t of [...ticks].sort((a, b) => a.x - b.x)) {
      parts.push(`<line x1="${t.x}" x2="${t.x}" y1="${y}" y2="${y - 5}" stroke="${color}"/>`);
      if (t.x - lastX >= 22) { parts.push(`<text x="${t.x}" y="${y - 8}" text-anchor="middle" font-size="10">${esc(t.label)}</text>`); lastX = t.x; }
    }
  };
  rows.forEach((r, i) => drawAxis(50 + i * rowH, r.name, r.ticks.map((t) => ({ label: t.label, x: px(t.points) }))));
  const totalY = 50 + rows.length * rowH;
  drawAxis(totalY, 'Total points', tx.ticks(10).map((t) => ({ label: fmtTick(t), x: tx(t) })));
  drawAxis(totalY + rowH, 'Probability', risk.map((r) => ({ label: r.label, x: tx(r.totalPoints) })), PALETTE[1]);
  for (const m of marks ?? []) {
    const i = rows.findIndex((r) => r.name === m.variable);
    const y = m.variable === 'Total points' ? totalY : 50 + i * rowH;
    const x = m.variable === 'Total points' ? tx(m.points) : px(m.points);
    if (i >= 0 || m.variable === 'Total points') parts.push(`<circle cx="${x}" cy="${y}" r="5" fill="${PALETTE[1]}" fill-opacity="0.8"/>`);
  }
  return finish({ width, height, parts }, title);
}

function fmtP(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}
