// pyradiomics shape2D features: marching squares on a single-slice ROI (force2D, and the bounding box one
// voxel thick along force2Ddimension), padded by one pixel; coordinates are (index + offset) · spacing over
// the two remaining axes in numpy order (row = first, column = second).
import { arena as threadArena, type WasmArena } from '../wasm/arena.js';
import { kernel } from '../wasm/module.js';
import { contourDiameter } from './shape-diameters.js';
import { axisLength, axisRatio, covarianceFromMoments, roundNegligibleNegatives, symmetricEigenvalues } from './shape-pca.js';
import { squareAreaConstants, squareCaseLengths } from './shape-tables.js';
import { checkMaskRoi, type ShapeOptions } from './shape.js';
import type { FeatureClass, FeatureContext, MaskRoi } from './types.js';
import { checkFeatureNames } from './common.js';

type MeshSquaresKernel = (mask: number, ncols: number, nrows: number, cases: number, moments: number, rowLines: number) => void;

/** The contour's sums: signed area, perimeter, pixel count, index moments and row extremes of its vertices. */
export interface Contour2D {
  meshSurface: number;
  perimeter: number;
  pixelCount: number;
  /** N, Σr, Σc, Σrr, Σcc, Σrc of ROI pixel indices. */
  moments: Float64Array;
  rowLines: Int32Array;
  rows: number;
  /** Pixel spacing (row, column). */
  spacing: [number, number];
}

const AXIS_NAMES = ['z', 'y', 'x'];

/**
 * The single slice as a padded 2D byte image. `dimension` is pyradiomics' force2Ddimension (numpy order:
 * 0 = z, 1 = y, 2 = x); the other two axes, in numpy order, become rows and columns.
 */
function sliceGeometry(roi: MaskRoi, dimension: number) {
  const [X, Y, Z] = checkMaskRoi(roi, 'shape2D');
  if (![0, 1, 2].includes(dimension)) throw new Error(`shape2D: force2Ddimension ${dimension} must be 0, 1 or 2`);
  const extent = [Z, Y, X][dimension];
  if (extent > 1) {
    throw new Error(`shape2D: the mask is ${extent} voxels thick along ${AXIS_NAMES[dimension]} (force2Ddimension ${dimension}); shape2D needs a single-slice ROI`);
  }
  const [sx, sy, sz] = roi.spacing;
  // Strides of the numpy axes (z, y, x) in the x-fastest mask, and their sizes and spacings.
  const axes = [
    { size: Z, stride: X * Y, spacing: sz },
    { size: Y, stride: X, spacing: sy },
    { size: X, stride: 1, spacing: sx },
  ].filter((_, k) => k !== dimension);
  return { row: axes[0], col: axes[1] };
}

/** Runs the marching-squares kernel and forms area and perimeter from its per-case sums. */
export function contourFromMask(roi: MaskRoi, dimension: number, arena: WasmArena = threadArena()): Contour2D {
  const { row, col } = sliceGeometry(roi, dimension);
  const nrows = row.size + 2, ncols = col.size + 2;
  arena.check(nrows * ncols + 16 * nrows + 16 * 24 + 48 + 4 * 64, `shape2D contour of a ${col.size}x${row.size} slice`);
  const mark = arena.mark();
  try {
    const maskPtr = arena.alloc(nrows * ncols, 'shape2D padded mask');
    const casesPtr = arena.alloc(16 * 24, 'shape2D case sums');
    const momentsPtr = arena.alloc(48, 'shape2D moments');
    const linesPtr = arena.alloc(16 * nrows, 'shape2D row lines');
    const padded = arena.view(Uint8Array, maskPtr, nrows * ncols);
    for (let r = 0; r < row.size; r++) {
      for (let c = 0; c < col.size; c++) padded[(r + 1) * ncols + c + 1] = roi.mask[r * row.stride + c * col.stride];
    }
    kernel<MeshSquaresKernel>('meshSquares')(maskPtr, ncols, nrows, casesPtr, momentsPtr, linesPtr);
    const cases = arena.view(Float64Array, casesPtr, 16 * 3);
    const moments = arena.view(Float64Array, momentsPtr, 6).slice();
    if (moments[0] === 0) throw new Error('shape2D: the mask has no pixel inside the ROI');
    const constants = squareAreaConstants();
    const lengths = squareCaseLengths(row.spacing, col.spacing);
    // Σ cross products in doubled integer coordinates: exact.
    let crossSum = 0, perimeter = 0;
    for (let c = 1; c < 15; c++) {
      const count = cases[3 * c];
      if (count === 0) continue;
      crossSum += constants.cross[c] * count + 2 * (cases[3 * c + 1] * constants.dCol[c] - cases[3 * c + 2] * constants.dRow[c]);
      perimeter += count * lengths[c];
    }
    return {
      // cross of doubled coordinates = 4 · cross of index coordinates; the triangle area is cross / 2.
      meshSurface: (crossSum * row.spacing * col.spacing) / 8,
      perimeter,
      pixelCount: moments[0],
      moments,
      rowLines: arena.view(Int32Array, linesPtr, 4 * nrows).slice(),
      rows: nrows,
      spacing: [row.spacing, col.spacing],
    };
  } finally {
    arena.release(mark);
  }
}

export const SHAPE2D_FEATURES = [
  'Elongation', 'MajorAxisLength', 'MaximumDiameter', 'MeshSurface', 'MinorAxisLength', 'Perimeter',
  'PerimeterSurfaceRatio', 'PixelSurface', 'Sphericity',
] as const;
export const SHAPE2D_DEPRECATED = ['SphericalDisproportion'] as const;

/** Computes the named shape2D features for the slice normal to numpy axis `dimension`. */
export function computeShape2D(roi: MaskRoi, names: readonly string[], dimension: number, arena?: WasmArena, options: ShapeOptions = {}): Record<string, number> {
  checkFeatureNames('shape2D', names, SHAPE2D_FEATURES, SHAPE2D_DEPRECATED);
  const contour = contourFromMask(roi, dimension, arena);
  const [sRow, sCol] = contour.spacing;
  const S = contour.meshSurface, P = contour.perimeter;
  // λ ascending: minor, major.
  const ev = roundNegligibleNegatives(symmetricEigenvalues(covarianceFromMoments(contour.moments, [sRow, sCol], !!options.ibsi)));
  const sphericity = () => (2 * Math.sqrt(Math.PI * S)) / P; // 2√(πA) / P
  const formulas: Record<string, () => number> = {
    MeshSurface: () => S, // Σ signed triangles (origin, segment)
    PixelSurface: () => contour.pixelCount * (sCol * sRow), // N · pixel area
    Perimeter: () => P, // Σ segment lengths
    PerimeterSurfaceRatio: () => P / S,
    Sphericity: sphericity,
    SphericalDisproportion: () => 1 / sphericity(), // P / (2√(πA))
    MaximumDiameter: () => contourDiameter(contour.rowLines, contour.rows, sRow, sCol, arena), // max vertex distance
    MajorAxisLength: () => axisLength(ev[1]), // 4√λmajor
    MinorAxisLength: () => axisLength(ev[0]), // 4√λminor
    Elongation: () => axisRatio(ev[0], ev[1]), // √(λminor/λmajor)
  };
  const out: Record<string, number> = {};
  for (const name of names) out[name] = formulas[name]();
  return out;
}

export const shape2DClass: FeatureClass<MaskRoi> = {
  name: 'shape2D',
  input: 'mask',
  defaultFeatures: SHAPE2D_FEATURES,
  deprecatedFeatures: SHAPE2D_DEPRECATED,
  compute(input: MaskRoi, ctx: FeatureContext): Record<string, number> {
    if (!ctx.settings.force2D) throw new Error('shape2D: needs force2D = true (pyradiomics computes 2D shape only for a single-slice ROI)');
    return computeShape2D(input, ctx.enabled, ctx.settings.force2Ddimension, ctx.arena);
  },
};
