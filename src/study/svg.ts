// Minimal SVG charting: linear/log scales, axes with "nice" ticks, line/scatter/step series, bars,
// heatmaps. Strings only, so the same code draws figures in Node and in a browser.

export interface Scale {
  (v: number): number;
  domain: [number, number];
  ticks(count?: number): number[];
}

export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain[0] === domain[1] ? [domain[0] - 1, domain[1] + 1] : domain;
  const f = ((v: number) => range[0] + ((v - d0) / (d1 - d0)) * (range[1] - range[0])) as Scale;
  f.domain = [d0, d1];
  f.ticks = (count = 5) => niceTicks(d0, d1, count);
  return f;
}

export function niceTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return [lo];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= count + 0.5) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function fmtTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#17becf', '#7f7f7f'];

export interface Frame {
  width: number;
  height: number;
  x: Scale;
  y: Scale;
  parts: string[];
}

export interface FrameOptions {
  width?: number;
  height?: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  xDomain: [number, number];
  yDomain: [number, number];
  xTickFormat?: (v: number) => string;
  margin?: { left: number; right: number; top: number; bottom: number };
}

/** A plotting frame with axes, grid, labels and title; draw series into `parts`, then `finish`. */
export function frame(o: FrameOptions): Frame {
  const width = o.width ?? 480, height = o.height ?? 360;
  const m = o.margin ?? { left: 58, right: 16, top: o.title ? 34 : 14, bottom: 48 };
  const x = linearScale(o.xDomain, [m.left, width - m.right]);
  const y = linearScale(o.yDomain, [height - m.bottom, m.top]);
  const fx = o.xTickFormat ?? fmtTick;
  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`);
  for (const t of x.ticks(6)) {
    parts.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${m.top}" y2="${height - m.bottom}" stroke="#eee"/>`);
    parts.push(`<text x="${x(t)}" y="${height - m.bottom + 16}" text-anchor="middle" font-size="11">${esc(fx(t))}</text>`);
  }
  for (const t of y.ticks(5)) {
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${y(t)}" y2="${y(t)}" stroke="#eee"/>`);
    parts.push(`<text x="${m.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11">${esc(fmtTick(t))}</text>`);
  }
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${width - m.left - m.right}" height="${height - m.top - m.bottom}" fill="none" stroke="#333"/>`);
  if (o.xLabel) parts.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - 10}" text-anchor="middle" font-size="12">${esc(o.xLabel)}</text>`);
  if (o.yLabel) parts.push(`<text transform="translate(14 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(o.yLabel)}</text>`);
  if (o.title) parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(o.title)}</text>`);
  return { width, height, x, y, parts };
}

export function polyline(f: Frame, points: [number, number][], color: string, opts: { dash?: string; width?: number; step?: boolean } = {}): void {
  const pts: [number, number][] = [];
  points.forEach(([a, b], i) => {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return;
    if (opts.step && i > 0) pts.push([a, points[i - 1][1]]);
    pts.push([a, b]);
  });
  if (!pts.length) return;
  const d = pts.map(([a, b]) => `${f.x(a).toFixed(2)},${f.y(b).toFixed(2)}`).join(' ');
  f.parts.push(`<polyline points="${d}" fill="none" stroke="${color}" stroke-width="${opts.width ?? 2}"${opts.dash ? ` stroke-dasharray="${opts.dash}"` : ''}/>`);
}

export function dots(f: Frame, points: [number, number][], color: string, r = 3): void {
  for (const [a, b] of points) if (Number.isFinite(a) && Number.isFinite(b)) f.parts.push(`<circle cx="${f.x(a).toFixed(2)}" cy="${f.y(b).toFixed(2)}" r="${r}" fill="${color}"/>`);
}

export function errorBars(f: Frame, points: [number, number, number][], color: string): void {
  for (const [a, lo, hi] of points) f.parts.push(`<line x1="${f.x(a)}" x2="${f.x(a)}" y1="${f.y(lo)}" y2="${f.y(hi)}" stroke="${color}" stroke-width="1"/>`);
}

/** A dashed vertical line; its label goes right of it, or left near the right edge, on text row `row`. */
export function vline(f: Frame, xv: number, color = '#555', label?: string, row = 0): void {
  const [y0, y1] = f.y.domain;
  f.parts.push(`<line x1="${f.x(xv)}" x2="${f.x(xv)}" y1="${f.y(y0)}" y2="${f.y(y1)}" stroke="${color}" stroke-dasharray="4 3"/>`);
  if (!label) return;
  const [x0, x1] = f.x.domain;
  const nearRight = f.x(xv) > f.x(x0) + 0.8 * (f.x(x1) - f.x(x0));
  const x = nearRight ? f.x(xv) - 3 : f.x(xv) + 3;
  f.parts.push(`<text x="${x}" y="${f.y(y1) + 12 + 12 * row}"${nearRight ? ' text-anchor="end"' : ''} font-size="10" fill="${color}">${esc(label)}</text>`);
}

export function hline(f: Frame, yv: number, color = '#555', label?: string): void {
  const [x0, x1] = f.x.domain;
  f.parts.push(`<line x1="${f.x(x0)}" x2="${f.x(x1)}" y1="${f.y(yv)}" y2="${f.y(yv)}" stroke="${color}" stroke-dasharray="4 3"/>`);
  if (label) f.parts.push(`<text x="${f.x(x1) - 3}" y="${f.y(yv) - 4}" text-anchor="end" font-size="10" fill="${color}">${esc(label)}</text>`);
}

/** Legend in the top-left (or given corner) of the plotting area. */
export function legend(f: Frame, items: { label: string; color: string; dash?: string }[], corner: 'tl' | 'br' | 'tr' | 'bl' = 'br'): void {
  const w = 8 + Math.max(...items.map((i) => i.label.length)) * 6.4 + 30;
  const h = items.length * 16 + 8;
  const [xa, xb] = f.x.domain.map(f.x);
  const [ya, yb] = f.y.domain.map(f.y);
  const left = corner.endsWith('l') ? xa + 6 : xb - w - 6;
  const top = corner.startsWith('t') ? yb + 6 : ya - h - 6;
  f.parts.push(`<rect x="${left}" y="${top}" width="${w}" height="${h}" fill="#fff" fill-opacity="0.85" stroke="#bbb"/>`);
  items.forEach((it, i) => {
    const yy = top + 14 + i * 16;
    f.parts.push(`<line x1="${left + 6}" x2="${left + 28}" y1="${yy - 4}" y2="${yy - 4}" stroke="${it.color}" stroke-width="2"${it.dash ? ` stroke-dasharray="${it.dash}"` : ''}/>`);
    f.parts.push(`<text x="${left + 34}" y="${yy}" font-size="11">${esc(it.label)}</text>`);
  });
}

export function finish(f: { width: number; height: number; parts: string[] }, title = 'figure'): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" font-family="Helvetica, Arial, sans-serif" role="img" aria-label="${esc(title)}">${f.parts.join('')}</svg>`;
}
