// Axial slice viewer on a <canvas>: window/level presets, slice slider, mask overlay (filled, outlined).
// Slices are drawn at voxel resolution into an offscreen canvas and scaled to the physical aspect ratio;
// rows and columns are flipped so that anterior is up and patient left is on the right (radiological).
import type { Volume } from '../src/volume.js';

export interface WindowLevel { name: string; width: number; level: number }

export const PRESETS: WindowLevel[] = [
  { name: 'Soft tissue', width: 400, level: 40 },
  { name: 'Lung', width: 1500, level: -600 },
  { name: 'Bone', width: 2000, level: 300 },
  { name: 'Brain', width: 80, level: 40 },
];

export class SliceViewer {
  private image?: Volume;
  private mask?: Volume;
  private label = 1;
  private slice = 0;
  private win: WindowLevel = { name: 'Auto', width: 1, level: 0 };
  private auto: WindowLevel = { name: 'Auto', width: 1, level: 0 };
  private readonly buffer = document.createElement('canvas');
  showMask = true;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly onChange: (info: string) => void) {}

  get depth(): number {
    return this.image?.size[2] ?? 0;
  }

  get currentSlice(): number {
    return this.slice;
  }

  /** Shows a new case at the slice with the largest ROI area (the middle one without a mask). */
  load(image: Volume, mask: Volume | undefined, label = 1): number {
    this.image = image;
    this.mask = mask && mask.data.length === image.data.length ? mask : undefined;
    this.label = label;
    this.auto = autoWindow(image);
    if (this.win.name === 'Auto') this.win = this.auto;
    this.slice = this.mask ? largestRoiSlice(this.mask, label) : Math.floor(image.size[2] / 2);
    this.draw();
    return this.slice;
  }

  setSlice(k: number): void {
    this.slice = Math.max(0, Math.min(this.depth - 1, Math.round(k)));
    this.draw();
  }

  setWindow(name: string): void {
    this.win = PRESETS.find((p) => p.name === name) ?? this.auto;
    this.draw();
  }

  draw(): void {
    const v = this.image;
    const ctx = this.canvas.getContext('2d')!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    if (!v) return;
    const [nx, ny] = v.size;
    this.buffer.width = nx;
    this.buffer.height = ny;
    const bctx = this.buffer.getContext('2d')!;
    const pixels = bctx.createImageData(nx, ny);
    const flipX = v.direction[0] < 0, flipY = v.direction[4] < 0; // show +x as patient left, +y as posterior
    const lo = this.win.level - this.win.width / 2, scale = 255 / Math.max(this.win.width, 1e-12);
    const base = this.slice * nx * ny;
    const m = this.showMask ? this.mask : undefined;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const src = base + i + nx * j;
        const g = Math.max(0, Math.min(255, (Number(v.data[src]) - lo) * scale));
        const dst = 4 * ((flipX ? nx - 1 - i : i) + nx * (flipY ? ny - 1 - j : j));
        let r = g, gr = g, b = g;
        if (m && Number(m.data[src]) === this.label) {
          const edge = isEdge(m, i, j, this.slice, this.label);
          r = edge ? 255 : g * 0.55 + 255 * 0.45;
          gr = edge ? 60 : g * 0.55 + 40 * 0.45;
          b = edge ? 60 : g * 0.55 + 40 * 0.45;
        }
        pixels.data[dst] = r;
        pixels.data[dst + 1] = gr;
        pixels.data[dst + 2] = b;
        pixels.data[dst + 3] = 255;
      }
    }
    bctx.putImageData(pixels, 0, 0);
    // fit the physical extent (nx * sx by ny * sy) into the canvas
    const w = nx * v.spacing[0], h = ny * v.spacing[1];
    const fit = Math.min(this.canvas.width / w, this.canvas.height / h);
    const dw = w * fit, dh = h * fit;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.buffer, (this.canvas.width - dw) / 2, (this.canvas.height - dh) / 2, dw, dh);
    const roi = m ? roiCount(m, this.slice, this.label) : 0;
    this.onChange(`slice ${this.slice + 1} / ${v.size[2]} · W ${fmt(this.win.width)} L ${fmt(this.win.level)}${m ? ` · ROI ${roi} voxels on this slice` : ''}`);
  }
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** A mask voxel with an in-plane neighbour outside the ROI draws the outline. */
function isEdge(m: Volume, i: number, j: number, k: number, label: number): boolean {
  const [nx, ny] = m.size;
  const at = (a: number, b: number) => a >= 0 && b >= 0 && a < nx && b < ny && Number(m.data[a + nx * (b + ny * k)]) === label;
  return !(at(i - 1, j) && at(i + 1, j) && at(i, j - 1) && at(i, j + 1));
}

function roiCount(m: Volume, k: number, label: number): number {
  const n = m.size[0] * m.size[1];
  let count = 0;
  for (let p = k * n; p < (k + 1) * n; p++) if (Number(m.data[p]) === label) count++;
  return count;
}

function largestRoiSlice(m: Volume, label: number): number {
  let best = Math.floor(m.size[2] / 2), most = 0;
  for (let k = 0; k < m.size[2]; k++) {
    const c = roiCount(m, k, label);
    if (c > most) [best, most] = [k, c];
  }
  return best;
}

/** Window from the 1st to the 99th percentile of a sample of voxels. */
function autoWindow(v: Volume): WindowLevel {
  const n = v.data.length, step = Math.max(1, Math.floor(n / 200_000));
  const sample: number[] = [];
  for (let p = 0; p < n; p += step) sample.push(Number(v.data[p]));
  sample.sort((a, b) => a - b);
  const lo = sample[Math.floor(sample.length * 0.01)], hi = sample[Math.min(sample.length - 1, Math.floor(sample.length * 0.99))];
  return { name: 'Auto', width: Math.max(hi - lo, 1e-6), level: (hi + lo) / 2 };
}
