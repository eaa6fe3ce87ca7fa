// SIMULATED contrast-enhanced pelvic CT of a uterine mass, for the demo study. Not real data.
//
// How the classes differ (documented in the README's demo section):
// - Shape: both are lobulated ellipsoids; IVL is slightly larger (mean diameter 60 vs 55 mm, SD 11) and
//   more lobulated, and 60% of IVL (15% of LM) carry 1-3 worm-like tubular extensions (intravascular
//   growth) of radius 2.5-4.5 mm.
// - Enhancement: IVL mean attenuation is 5 HU higher (82 vs 77 HU, SD 9 between patients).
// - Texture: IVL fluctuations are finer and stronger (correlation 2.4 vs 3.0 mm, amplitude 16 vs 13 HU).
// Every difference is about one between-patient SD or less, so the classes overlap.
// Every image also gets myometrium around the mass, a soft-tissue background and 12 HU white noise.
// Three masks are drawn: rater A (the truth), a retest by rater A and rater B, with boundary jitter.
import { Random } from '../random.js';
import type { Volume, Vec3 } from '../volume.js';

export const SIM_SIZE: Vec3 = [80, 80, 40];
export const SIM_SPACING: Vec3 = [1.25, 1.25, 3.0];

interface Tube { from: Vec3; to: Vec3; radius: number }

export interface MassParams {
  centre: Vec3; // mm
  semiAxes: Vec3; // mm
  rotation: number; // radians about z
  lobes: { n: number; m: number; amp: number; phase: number }[];
  tubes: Tube[];
  meanHU: number;
  textureHU: number;
  textureMm: number;
}

export interface SimulatedCase {
  image: Volume<Int16Array>;
  maskRaterA: Volume<Uint8Array>;
  maskRetest: Volume<Uint8Array>;
  maskRaterB: Volume<Uint8Array>;
  massDiameterMm: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function drawMass(group: 'IVL' | 'LM', rng: Random): MassParams {
  const ivl = group === 'IVL';
  const fov = SIM_SIZE.map((n, i) => n * SIM_SPACING[i]);
  const diameter = clamp(rng.normal(ivl ? 60 : 55, 11), 30, 86);
  const semiAxes = [0, 1, 2].map(() => (diameter / 2) * clamp(rng.normal(1, 0.1), 0.8, 1.2)) as Vec3;
  const centre = fov.map((f) => f / 2 + rng.normal(0, 2)) as Vec3;
  const lobes = Array.from({ length: 3 }, () => ({
    n: 2 + rng.int(4),
    m: 1 + rng.int(3),
    amp: Math.abs(rng.normal(ivl ? 0.055 : 0.04, 0.02)),
    phase: rng.uniform() * 2 * Math.PI,
  }));
  const tubes: Tube[] = [];
  const tubeCount = ivl ? (rng.uniform() < 0.6 ? 1 + rng.int(3) : 0) : rng.uniform() < 0.15 ? 1 : 0;
  for (let t = 0; t < tubeCount; t++) {
    const theta = rng.uniform() * 2 * Math.PI;
    const phi = (rng.uniform() - 0.5) * 1.2;
    const dir: Vec3 = [Math.cos(theta) * Math.cos(phi), Math.sin(theta) * Math.cos(phi), Math.sin(phi)];
    const r0 = Math.min(...semiAxes) * 0.7;
    const length = r0 + 12 + rng.uniform() * 16;
    const from = centre.map((c, i) => c + dir[i] * r0) as Vec3;
    const to = centre.map((c, i) => clamp(c + dir[i] * length, 6, fov[i] - 6)) as Vec3;
    tubes.push({ from, to, radius: 2.5 + rng.uniform() * 2 });
  }
  return {
    centre,
    semiAxes,
    rotation: rng.uniform() * Math.PI,
    lobes,
    tubes,
    meanHU: rng.normal(ivl ? 82 : 77, 9),
    textureHU: Math.abs(rng.normal(ivl ? 16 : 13, 4)),
    textureMm: clamp(rng.normal(ivl ? 2.4 : 3.0, 0.6), 0.8, 6),
  };
}

/** Signed distance-like function in mm: negative inside the mass (body or tubes). */
export function massFunction(p: MassParams): (x: number, y: number, z: number) => number {
  const cr = Math.cos(p.rotation), sr = Math.sin(p.rotation);
  const meanRadius = (p.semiAxes[0] + p.semiAxes[1] + p.semiAxes[2]) / 3;
  return (x, y, z) => {
    const dx = x - p.centre[0], dy = y - p.centre[1], dz = z - p.centre[2];
    const u = (cr * dx + sr * dy) / p.semiAxes[0];
    const v = (-sr * dx + cr * dy) / p.semiAxes[1];
    const w = dz / p.semiAxes[2];
    const rho = Math.sqrt(u * u + v * v + w * w);
    const theta = Math.atan2(v, u);
    const phi = Math.acos(clamp(w / (rho || 1), -1, 1));
    let lobulation = 1;
    for (const l of p.lobes) lobulation += l.amp * Math.sin(l.n * theta + l.phase) * Math.sin(l.m * phi + l.phase);
    let g = (rho / lobulation - 1) * meanRadius;
    for (const t of p.tubes) g = Math.min(g, segmentDistance(x, y, z, t) - t.radius);
    return g;
  };
}

/** Axis-aligned box (mm) holding the mass and its tubes, grown by `margin`. */
function massBounds(p: MassParams, margin: number): [Vec3, Vec3] {
  const lobulation = 1 + p.lobes.reduce((a, l) => a + l.amp, 0);
  const reach = Math.max(...p.semiAxes) * lobulation + margin;
  const lo = p.centre.map((c) => c - reach) as Vec3;
  const hi = p.centre.map((c) => c + reach) as Vec3;
  for (const t of p.tubes) {
    for (let i = 0; i < 3; i++) {
      lo[i] = Math.min(lo[i], t.from[i] - t.radius - margin, t.to[i] - t.radius - margin);
      hi[i] = Math.max(hi[i], t.from[i] + t.radius + margin, t.to[i] + t.radius + margin);
    }
  }
  return [lo, hi];
}

function segmentDistance(x: number, y: number, z: number, t: Tube): number {
  const ax = t.to[0] - t.from[0], ay = t.to[1] - t.from[1], az = t.to[2] - t.from[2];
  const px = x - t.from[0], py = y - t.from[1], pz = z - t.from[2];
  const s = clamp((px * ax + py * ay + pz * az) / (ax * ax + ay * ay + az * az), 0, 1);
  return Math.hypot(px - s * ax, py - s * ay, pz - s * az);
}

/** White noise blurred by an approximate Gaussian (sigma in mm; three box passes per axis), unit SD. */
export function smoothNoise(size: Vec3, spacing: Vec3, sigmaMm: number, rng: Random): Float32Array {
  const n = size[0] * size[1] * size[2];
  const field = new Float32Array(n);
  // Uniform white noise is enough: the blur makes the field Gaussian (central limit theorem).
  for (let i = 0; i < n; i++) field[i] = rng.uniform() - 0.5;
  const strides = [1, size[0], size[0] * size[1]];
  const line = new Float32Array(Math.max(...size));
  for (let axis = 0; axis < 3; axis++) {
    const sigma = sigmaMm / spacing[axis];
    // Three passes of a box of half-width r have variance 3 * ((2r+1)^2 - 1) / 12 = sigma^2.
    const r = Math.round((Math.sqrt(4 * sigma * sigma + 1) - 1) / 2);
    if (r < 1) continue;
    const stride = strides[axis], len = size[axis];
    // Lines along `axis` start at every voxel whose `axis` coordinate is 0.
    for (let outer = 0; outer < n; outer += stride * len) {
      for (let start = outer; start < outer + stride; start++) {
        for (let pass = 0; pass < 3; pass++) boxBlurLine(field, start, stride, len, r, line);
      }
    }
  }
  let sumSq = 0;
  for (let i = 0; i < n; i++) sumSq += field[i] * field[i];
  const scale = 1 / Math.sqrt(sumSq / n || 1);
  for (let i = 0; i < n; i++) field[i] *= scale;
  return field;
}

/** Approximately standard-normal white noise (Irwin-Hall sum of four uniforms, scaled). */
function whiteNoise(n: number, rng: Random): Float32Array {
  const out = new Float32Array(n);
  const scale = Math.sqrt(3); // four U(0,1) have variance 1/3
  for (let i = 0; i < n; i++) out[i] = (rng.uniform() + rng.uniform() + rng.uniform() + rng.uniform() - 2) * scale;
  return out;
}

/** Moving average of half-width r along one line, with clamped borders. */
function boxBlurLine(field: Float32Array, start: number, stride: number, len: number, r: number, line: Float32Array): void {
  for (let p = 0; p < len; p++) line[p] = field[start + p * stride];
  const last = len - 1;
  let acc = 0;
  for (let k = -r; k <= r; k++) acc += line[k < 0 ? 0 : k > last ? last : k];
  const norm = 1 / (2 * r + 1);
  for (let p = 0; p < len; p++) {
    field[start + p * stride] = acc * norm;
    const add = p + r + 1, drop = p - r;
    acc += line[add > last ? last : add] - line[drop < 0 ? 0 : drop];
  }
}

function emptyVolume<T extends Int16Array | Uint8Array>(ctor: new (n: number) => T): Volume<T> {
  return {
    data: new ctor(SIM_SIZE[0] * SIM_SIZE[1] * SIM_SIZE[2]),
    size: [...SIM_SIZE],
    spacing: [...SIM_SPACING],
    origin: [-50, -60, -200],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
}

/** One simulated patient: image and three masks. */
export function simulateCase(group: 'IVL' | 'LM', rng: Random): SimulatedCase {
  const mass = drawMass(group, rng);
  const g = massFunction(mass);
  const image = emptyVolume(Int16Array);
  const masks = [emptyVolume(Uint8Array), emptyVolume(Uint8Array), emptyVolume(Uint8Array)];
  const texture = smoothNoise(SIM_SIZE, SIM_SPACING, mass.textureMm, rng);
  const background = smoothNoise(SIM_SIZE, SIM_SPACING, 8, rng);
  const jitterRetest = smoothNoise(SIM_SIZE, SIM_SPACING, 5, rng);
  const jitterRaterB = smoothNoise(SIM_SIZE, SIM_SPACING, 5, rng);
  const noise = whiteNoise(SIM_SIZE[0] * SIM_SIZE[1] * SIM_SIZE[2], rng);
  const raterBOffset = rng.normal(0.3, 0.4); // rater B draws slightly wider on average (mm)
  const [nx, ny, nz] = SIM_SIZE;
  const [lo, hi] = massBounds(mass, 14);
  for (let k = 0, i = 0; k < nz; k++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        const px = (x + 0.5) * SIM_SPACING[0], py = (y + 0.5) * SIM_SPACING[1], pz = (k + 0.5) * SIM_SPACING[2];
        const near = px >= lo[0] && px <= hi[0] && py >= lo[1] && py <= hi[1] && pz >= lo[2] && pz <= hi[2];
        const d = near ? g(px, py, pz) : 50;
        // Partial-volume edge: a 1.2 mm logistic ramp between mass and surrounding myometrium/tissue.
        const inside = 1 / (1 + Math.exp(d / 0.6));
        const myometrium = d > 0 && d < 9 ? 1 : 0;
        const outside = myometrium ? 105 + 8 * background[i] : 38 + 10 * background[i];
        const massValue = mass.meanHU + mass.textureHU * texture[i];
        image.data[i] = Math.round(inside * massValue + (1 - inside) * outside + 12 * noise[i]);
        masks[0].data[i] = d < 0 ? 1 : 0;
        masks[1].data[i] = d + 0.9 * jitterRetest[i] < 0 ? 1 : 0;
        masks[2].data[i] = d - raterBOffset + 1.3 * jitterRaterB[i] < 0 ? 1 : 0;
      }
    }
  }
  const massDiameterMm = (2 * (mass.semiAxes[0] + mass.semiAxes[1] + mass.semiAxes[2])) / 3;
  return { image, maskRaterA: masks[0], maskRetest: masks[1], maskRaterB: masks[2], massDiameterMm };
}
