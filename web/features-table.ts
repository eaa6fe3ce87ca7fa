// The feature table (filterable) and its CSV download, in the same layout as `radiomics extract --format csv`.
import { toCsv } from '../src/cli/format.js';
import type { ExtractionResult } from '../src/extract.js';

const CLASS_NAMES: Record<string, string> = {
  shape: 'Shape (3D)', shape2D: 'Shape (2D)', firstorder: 'First order', glcm: 'GLCM', glrlm: 'GLRLM', glszm: 'GLSZM', gldm: 'GLDM', ngtdm: 'NGTDM',
};

/** Formats a value for reading; the exact number stays in the cell's title and in the CSV. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4)) return v.toExponential(5);
  return String(Number(v.toPrecision(7)));
}

export class FeaturesTable {
  private result?: ExtractionResult;
  private names = { image: 'image', mask: 'mask' };

  constructor(private readonly table: HTMLTableElement, private readonly count: HTMLElement) {}

  show(result: ExtractionResult, imageName: string, maskName: string): void {
    this.result = result;
    this.names = { image: imageName, mask: maskName };
    const body = document.createElement('tbody');
    for (const [key, value] of Object.entries(result)) {
      const m = /^original_([^_]+)_(.+)$/.exec(key);
      if (!m || typeof value !== 'number') continue;
      const row = body.insertRow();
      row.dataset.feature = key;
      row.insertCell().textContent = CLASS_NAMES[m[1]] ?? m[1];
      row.insertCell().textContent = m[2];
      const cell = row.insertCell();
      cell.className = 'num';
      cell.textContent = formatValue(value);
      cell.title = String(value);
    }
    this.table.tBodies[0]?.remove();
    this.table.appendChild(body);
    this.table.hidden = false;
    this.filter('');
  }

  clear(): void {
    this.result = undefined;
    this.table.tBodies[0]?.remove();
    this.table.hidden = true;
    this.count.textContent = '';
  }

  /** Shows rows whose class or name contains every word of `query`. */
  filter(query: string): void {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0, total = 0;
    for (const row of Array.from(this.table.tBodies[0]?.rows ?? [])) {
      const text = `${row.cells[0].textContent} ${row.cells[1].textContent} ${row.dataset.feature}`.toLowerCase();
      row.hidden = !words.every((w) => text.includes(w));
      total++;
      if (!row.hidden) shown++;
    }
    this.count.textContent = shown === total ? `${total} features` : `${shown} of ${total} features`;
  }

  /** Saves the whole result (diagnostics too) as CSV. */
  download(): void {
    if (!this.result) return;
    const csv = toCsv([{ image: this.names.image, mask: this.names.mask, result: this.result }]);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${this.names.image.replace(/\.(nii\.gz|nii|nrrd|nhdr|dcm)$/i, '')}_features.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
