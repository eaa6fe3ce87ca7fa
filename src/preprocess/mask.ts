// Mask values and geometry as pyradiomics' checkMask sees them: integer labels, the same grid as the
// image within SimpleITK's tolerance, or resampled onto it (nearest neighbour) when correctMask is set.
import type { Vec3, Volume } from '../volume.js';
import { InputError } from '../io/errors.js';

/** SimpleITK's default coordinate and direction tolerance (ProcessObject::GlobalDefault*Tolerance). */
export const DEFAULT_GEOMETRY_TOLERANCE = 1e-6;

/** Distinct non-zero labels with their voxel counts; fails on NaN, fractional or negative values. */
export function maskLabels(mask: Volume, name = 'mask'): Map<number, number> {
  const data = mask.data;
  const counts = new Map<number, number>();
  const isFloat = data instanceof Float32Array || data instanceof Float64Array;
  const isBig = data instanceof BigInt64Array || data instanceof BigUint64Array;
  // Runs of one label are counted locally and flushed to the map when the label changes (masks are mostly runs).
  let run = 0, runCount = 0;
  for (let i = 0; i < data.length; i++) {
    const v = isBig ? Number(data[i]) : (data[i] as number);
    if (v === 0) continue;
    if (v === run) {
      runCount++;
      continue;
    }
    checkLabelValue(v, isFloat, mask.size, i, name);
    if (runCount) counts.set(run, (counts.get(run) ?? 0) + runCount);
    run = v;
    runCount = 1;
  }
  if (runCount) counts.set(run, (counts.get(run) ?? 0) + runCount);
  return counts;
}

/** Fails on a fractional (float masks only; NaN included) or negative non-zero label at voxel `i`. */
export function checkLabelValue(v: number, isFloat: boolean, size: readonly number[], i: number, name: string): void {
  if (isFloat && !Number.isInteger(v)) {
    throw new InputError(name, `voxel ${indexText(size, i)} has the non-integer value ${v}: a mask must hold integer labels (not probabilities)`);
  }
  if (v < 0) throw new InputError(name, `voxel ${indexText(size, i)} has the negative label ${v}: labels must be positive integers`);
}

export function indexText(size: readonly number[], flat: number): string {
  const x = flat % size[0];
  const y = Math.floor(flat / size[0]) % size[1];
  const z = Math.floor(flat / (size[0] * size[1]));
  return `(${x}, ${y}, ${z})`;
}

/**
 * Throws when image and mask do not share a grid. As ITK: sizes must be equal; origin and spacing
 * within tolerance·spacing[0] of the image; direction entries within tolerance.
 */
export function checkGeometry(image: Volume, mask: Volume, tolerance: number | null, name = 'mask'): void {
  const problem = geometryMismatch(image, mask, tolerance);
  if (problem) throw new InputError(name, `${problem}; set geometryTolerance or correctMask: true`);
}

/** A description of the first geometry difference, or null when the grids match. */
export function geometryMismatch(image: Volume, mask: Volume, tolerance: number | null): string | null {
  const tol = tolerance ?? DEFAULT_GEOMETRY_TOLERANCE;
  if (image.size.some((s, i) => s !== mask.size[i])) return `size ${mask.size.join('x')} differs from the image size ${image.size.join('x')}`;
  const coordinateTol = Math.abs(tol * image.spacing[0]);
  const fields: [string, readonly number[], readonly number[], number][] = [
    ['origin', image.origin, mask.origin, coordinateTol],
    ['spacing', image.spacing, mask.spacing, coordinateTol],
    ['direction', image.direction, mask.direction, tol],
  ];
  for (const [field, a, b, t] of fields) {
    for (let i = 0; i < a.length; i++) {
      const diff = Math.abs(a[i] - b[i]);
      if (!(diff <= t)) return `${field}[${i}] is ${b[i]}, the image's is ${a[i]} (differs by ${short(diff)}, tolerance ${short(t)})`;
    }
  }
  return null;
}

function short(x: number): string {
  return x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e4) ? x.toExponential(2) : x.toPrecision(3);
}

/** Inverse of direction·diag(spacing) (3x3, row-major). */
function pointToIndexMatrix(v: Volume): number[] {
  const m = [0, 1, 2].flatMap((r) => [0, 1, 2].map((c) => v.direction[3 * r + c] * v.spacing[c]));
  const [a, b, c, d, e, f, g, h, i] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  if (!(Math.abs(det) > 0)) throw new Error('image direction matrix is not invertible');
  return [e * i - f * h, c * h - b * i, b * f - c * e, f * g - d * i, a * i - c * g, c * d - a * f, d * h - e * g, b * g - a * h, a * e - b * d].map((x) => x / det);
}

export function pointToContinuousIndex(v: Volume, p: readonly number[]): Vec3 {
  const inv = pointToIndexMatrix(v);
  const d = [p[0] - v.origin[0], p[1] - v.origin[1], p[2] - v.origin[2]];
  return [0, 1, 2].map((r) => inv[3 * r] * d[0] + inv[3 * r + 1] * d[1] + inv[3 * r + 2] * d[2]) as Vec3;
}
