// Neighbour offsets ("angles") for the texture matrices, generated exactly as pyradiomics' C extension does
// (build_angles in cmatrices.c), so per-angle matrices line up with pyradiomics' angle axis.
//
// pyradiomics works on numpy arrays indexed [z, y, x]; we keep volumes x fastest and return offsets as
// (dx, dy, dz) triples, in pyradiomics' order: all offset combinations from (+D, +D, +D) down to (-D, -D, -D)
// in (z, y, x) lexicographic order, D = max distance, keeping an offset when
//   - its Chebyshev norm is one of `distances`,
//   - |offset| < the ROI bounding-box extent on every axis (the "crop rule": a one-slice ROI gets no z offsets),
//   - it does not move along the force2D axis (when force2D is set).
// Mono-directional sets (GLCM, GLRLM) keep the first half, i.e. the offsets whose first non-zero (z, y, x)
// component is positive; bidirectional sets (GLSZM, GLDM, NGTDM neighbourhoods) keep all of them.
import type { Vec3 } from '../volume.js';
import type { Settings, WeightingNorm } from '../settings/types.js';

export interface AngleOptions {
  /** Chebyshev distances (positive integers); default [1]. */
  distances?: readonly number[];
  /** When true, the numpy axis `force2Ddimension` (0 = z, 1 = y, 2 = x) gets no offset. */
  force2D?: boolean;
  force2Ddimension?: number;
  /** Keep both `a` and `-a` (neighbourhoods) instead of one of each pair (co-occurrence, runs). */
  bidirectional?: boolean;
}

/** Largest distance accepted: (2D+1)^3 offset combinations are enumerated. */
const MAX_DISTANCE = 64;

/**
 * Offsets as a flat Int32Array [dx0, dy0, dz0, dx1, ...] for an ROI box of `size` = [x, y, z] voxels.
 * Throws when no offset fits the box (e.g. a single voxel) or the settings are invalid.
 */
export function generateAngles(size: Vec3, options: AngleOptions = {}): Int32Array {
  const distances = validDistances(options.distances ?? [1]);
  const forcedAxis = forcedNumpyAxis(options);
  const sizeZyx = [size[2], size[1], size[0]];
  for (const [axis, s] of sizeZyx.entries()) {
    if (!Number.isInteger(s) || s < 1) throw new Error(`texture angles: ROI box size ${size.join('x')} is invalid (axis ${2 - axis})`);
  }
  const maxDistance = Math.max(...distances);
  const span = 2 * maxDistance + 1;
  const wanted = new Set(distances);
  const offsets: number[] = [];
  for (let index = 0; index < span * span * span; index++) {
    const oz = maxDistance - Math.floor(index / (span * span));
    const oy = maxDistance - (Math.floor(index / span) % span);
    const ox = maxDistance - (index % span);
    const zyx = [oz, oy, ox];
    if (zyx.some((o, axis) => Math.abs(o) >= sizeZyx[axis] || (axis === forcedAxis && o !== 0))) continue;
    const norm = Math.max(Math.abs(oz), Math.abs(oy), Math.abs(ox));
    if (norm === 0 || !wanted.has(norm)) continue;
    if (!options.bidirectional && !isLexPositive(oz, oy, ox)) continue;
    offsets.push(ox, oy, oz);
  }
  if (offsets.length === 0) {
    throw new Error(`texture angles: no neighbour offset at distance ${distances.join(', ')} fits the ROI box ${size.join('x')}${forcedAxis >= 0 ? ` with force2D (axis ${forcedAxis})` : ''}`);
  }
  return Int32Array.from(offsets);
}

/** The offsets a texture class uses for this ROI box under `settings` (distances, force2D, force2Ddimension). */
export function anglesFromSettings(size: Vec3, settings: Pick<Settings, 'distances' | 'force2D' | 'force2Ddimension'>, options: { bidirectional?: boolean; distances?: readonly number[] } = {}): Int32Array {
  return generateAngles(size, {
    distances: options.distances ?? settings.distances,
    force2D: settings.force2D,
    force2Ddimension: settings.force2Ddimension,
    bidirectional: options.bidirectional,
  });
}

/** Number of angles in a flat offset array. */
export function angleCount(offsets: Int32Array): number {
  return offsets.length / 3;
}

/**
 * Length of offset `a` in mm under `norm` (pyradiomics' weighting distance):
 * infinity: max|o·s|; euclidean: sqrt(Σ(o·s)²); manhattan: Σ|o·s|; no_weighting: 1.
 */
export function angleDistance(offsets: Int32Array, a: number, spacing: Vec3, norm: Exclude<WeightingNorm, null>): number {
  const parts = [0, 1, 2].map((axis) => Math.abs(offsets[3 * a + axis]) * spacing[axis]);
  switch (norm) {
    case 'infinity':
      return Math.max(...parts);
    case 'euclidean':
      return Math.sqrt(parts.reduce((s, p) => s + p * p, 0));
    case 'manhattan':
      return parts.reduce((s, p) => s + p, 0);
    case 'no_weighting':
      return 1;
    default:
      throw new Error(`weightingNorm "${String(norm)}" is not one of manhattan, euclidean, infinity, no_weighting`);
  }
}

function validDistances(distances: readonly number[]): number[] {
  if (!Array.isArray(distances) || distances.length === 0) throw new Error('distances must be a non-empty list of positive integers');
  for (const d of distances) {
    if (!Number.isInteger(d) || d < 1 || d > MAX_DISTANCE) throw new Error(`distances: ${String(d)} is not an integer in 1..${MAX_DISTANCE}`);
  }
  return [...new Set(distances)];
}

function forcedNumpyAxis(options: AngleOptions): number {
  if (!options.force2D) return -1;
  const axis = options.force2Ddimension ?? 0;
  if (axis !== 0 && axis !== 1 && axis !== 2) throw new Error(`force2Ddimension must be 0, 1 or 2, got ${String(axis)}`);
  return axis;
}

function isLexPositive(oz: number, oy: number, ox: number): boolean {
  return oz > 0 || (oz === 0 && (oy > 0 || (oy === 0 && ox > 0)));
}
