// pyradiomics shape (3D) features from a marching-cubes mesh of the ROI mask (cropped to its bounding box and
// padded by one voxel, coordinates in (z, y, x) index order times spacing, direction and origin ignored).
import { arena as threadArena, type WasmArena } from '../wasm/arena.js';
import { kernel } from '../wasm/module.js';
import { meshDiameters, type Diameters, type MeshLines } from './shape-diameters.js';
import { axisLength, axisRatio, covarianceFromMoments, roundNegligibleNegatives, symmetricEigenvalues } from './shape-pca.js';
import { cubeCaseAreas, cubeVolumeConstants } from './shape-tables.js';
import { MAX_HULL_COORDINATE } from './hull.js';
import type { FeatureClass, FeatureContext, MaskRoi } from './types.js';
import { checkFeatureNames } from './common.js';

/** Options beyond pyradiomics' settings. */
export interface ShapeOptions {
  /** IBSI definitions where they differ from pyradiomics: the PCA covariance divides by N − 1, not N. */
  ibsi?: boolean;
}

type MeshCubesKernel = (mask: number, nx: number, ny: number, nz: number, cases: number, moments: number, xLines: number, yLines: number) => void;

/** What the mesh pass yields: integer-exact sums that the features are formed from. */
export interface Mesh3D {
  meshVolume: number;
  surfaceArea: number;
  voxelCount: number;
  /** N, Σz, Σy, Σx, Σzz, Σyy, Σxx, Σzy, Σzx, Σyx of ROI voxel indices. */
  moments: Float64Array;
  lines: MeshLines;
}

/** Checks a MaskRoi and returns its size; `what` names the feature class in messages. */
export function checkMaskRoi(roi: MaskRoi, what: string): [number, number, number] {
  if (!roi || !(roi.mask instanceof Uint8Array)) throw new Error(`${what}: the mask must be a Uint8Array`);
  const size = Array.from(roi.size ?? [], Number);
  if (size.length !== 3 || size.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${what}: mask size ${String(roi.size)} is not three positive integers`);
  const limit = MAX_HULL_COORDINATE / 2 - 2;
  if (size.some((n) => n > limit)) throw new Error(`${what}: mask bounding box ${size.join('x')} exceeds ${limit} voxels along an axis`);
  if (roi.mask.length !== size[0] * size[1] * size[2]) throw new Error(`${what}: mask has ${roi.mask.length} values but size ${size.join('x')} needs ${size[0] * size[1] * size[2]}`);
  const spacing = Array.from(roi.spacing ?? [], Number);
  if (spacing.length !== 3 || spacing.some((s) => !(s > 0) || !Number.isFinite(s))) throw new Error(`${what}: spacing ${String(roi.spacing)} is not three positive finite numbers`);
  return size as [number, number, number];
}

/** Runs the marching-cubes kernel on the mask padded by one voxel and forms volume and area from its sums. */
export function meshFromMask(roi: MaskRoi, arena: WasmArena = threadArena()): Mesh3D {
  const [sizeX, sizeY, sizeZ] = checkMaskRoi(roi, 'shape');
  const nx = sizeX + 2, ny = sizeY + 2, nz = sizeZ + 2;
  const maskBytes = nx * ny * nz;
  const lineBytes = 8 * (4 * nz * ny + 4 * nz * nx);
  arena.check(maskBytes + lineBytes + 128 * 40 + 80 + 5 * 64, `shape mesh of a ${sizeX}x${sizeY}x${sizeZ} mask`);
  const mark = arena.mark();
  try {
    const maskPtr = arena.alloc(maskBytes, 'shape padded mask');
    const casesPtr = arena.alloc(128 * 40, 'shape case sums');
    const momentsPtr = arena.alloc(80, 'shape moments');
    const xPtr = arena.alloc(8 * 4 * nz * ny, 'shape x-lines');
    const yPtr = arena.alloc(8 * 4 * nz * nx, 'shape y-lines');
    const padded = arena.view(Uint8Array, maskPtr, maskBytes);
    for (let z = 0; z < sizeZ; z++) {
      for (let y = 0; y < sizeY; y++) {
        const from = (z * sizeY + y) * sizeX;
        padded.set(roi.mask.subarray(from, from + sizeX), ((z + 1) * ny + y + 1) * nx + 1);
      }
    }
    kernel<MeshCubesKernel>('meshCubes')(maskPtr, nx, ny, nz, casesPtr, momentsPtr, xPtr, yPtr);
    const cases = arena.view(Float64Array, casesPtr, 128 * 5);
    const moments = arena.view(Float64Array, momentsPtr, 10).slice();
    if (moments[0] === 0) throw new Error('shape: the mask has no voxel inside the ROI');
    const [sx, sy, sz] = roi.spacing;
    const { det, normal } = cubeVolumeConstants();
    const caseArea = cubeCaseAreas(sz, sy, sx);
    // Σ det over all triangles in doubled integer coordinates: exact (all terms are integers below 2^53).
    let detSum = 0, area = 0;
    for (let c = 1; c < 128; c++) {
      const q = 5 * c;
      if (cases[q] === 0) continue;
      detSum += det[c] * cases[q + 1] + 2 * (normal[3 * c] * cases[q + 2] + normal[3 * c + 1] * cases[q + 3] + normal[3 * c + 2] * cases[q + 4]);
      area += cases[q] * caseArea[c];
    }
    const lines: MeshLines = {
      nx, ny, nz,
      xLines: arena.view(Int32Array, xPtr, 8 * nz * ny).slice(),
      yLines: arena.view(Int32Array, yPtr, 8 * nz * nx).slice(),
    };
    // det of doubled coordinates = 8 · det of index coordinates; the tetrahedron volume is det / 6.
    return { meshVolume: (detSum * sz * sy * sx) / 48, surfaceArea: area, voxelCount: moments[0], moments, lines };
  } finally {
    arena.release(mark);
  }
}

export const SHAPE_FEATURES = [
  'Elongation', 'Flatness', 'LeastAxisLength', 'MajorAxisLength', 'Maximum2DDiameterColumn', 'Maximum2DDiameterRow',
  'Maximum2DDiameterSlice', 'Maximum3DDiameter', 'MeshVolume', 'MinorAxisLength', 'Sphericity', 'SurfaceArea',
  'SurfaceVolumeRatio', 'VoxelVolume',
] as const;
export const SHAPE_DEPRECATED = ['Compactness1', 'Compactness2', 'SphericalDisproportion'] as const;

/** Computes the named shape features (pyradiomics' definitions; `options.ibsi` switches the PCA to N − 1). */
export function computeShape(roi: MaskRoi, names: readonly string[], arena?: WasmArena, options: ShapeOptions = {}): Record<string, number> {
  checkFeatureNames('shape', names, SHAPE_FEATURES, SHAPE_DEPRECATED);
  const mesh = meshFromMask(roi, arena);
  const [sx, sy, sz] = roi.spacing;
  const V = mesh.meshVolume, A = mesh.surfaceArea;
  let diameters: Diameters | undefined;
  const diameter = (k: number) => (diameters ??= meshDiameters(mesh.lines, sz, sy, sx, arena))[k];
  // λ ascending: least, minor, major.
  const ev = roundNegligibleNegatives(symmetricEigenvalues(covarianceFromMoments(mesh.moments, [sz, sy, sx], !!options.ibsi)));
  const sphereArea = () => Math.pow(36 * Math.PI * V ** 2, 1 / 3); // surface of the sphere with volume V
  const formulas: Record<string, () => number> = {
    MeshVolume: () => V, // Σ signed tetrahedra (origin, triangle) / 6
    VoxelVolume: () => mesh.voxelCount * (sz * sx * sy), // N · voxel volume
    SurfaceArea: () => A, // Σ ½|ab × ac|
    SurfaceVolumeRatio: () => A / V,
    Sphericity: () => sphereArea() / A, // (36πV²)^(1/3) / A
    Compactness1: () => V / (A ** 1.5 * Math.sqrt(Math.PI)), // V / √(π A³)
    Compactness2: () => (36 * Math.PI * V ** 2) / A ** 3, // 36π V² / A³
    SphericalDisproportion: () => A / sphereArea(), // A / (36πV²)^(1/3)
    Maximum3DDiameter: () => diameter(3), // max vertex distance
    Maximum2DDiameterSlice: () => diameter(0), // max over vertex pairs with equal z
    Maximum2DDiameterColumn: () => diameter(1), // equal y
    Maximum2DDiameterRow: () => diameter(2), // equal x
    MajorAxisLength: () => axisLength(ev[2]), // 4√λmajor
    MinorAxisLength: () => axisLength(ev[1]), // 4√λminor
    LeastAxisLength: () => axisLength(ev[0]), // 4√λleast
    Elongation: () => axisRatio(ev[1], ev[2]), // √(λminor/λmajor)
    Flatness: () => axisRatio(ev[0], ev[2]), // √(λleast/λmajor)
  };
  const out: Record<string, number> = {};
  for (const name of names) out[name] = formulas[name]();
  return out;
}

export const shapeClass: FeatureClass<MaskRoi> = {
  name: 'shape',
  input: 'mask',
  defaultFeatures: SHAPE_FEATURES,
  deprecatedFeatures: SHAPE_DEPRECATED,
  compute(input: MaskRoi, ctx: FeatureContext): Record<string, number> {
    return computeShape(input, ctx.enabled, ctx.arena);
  },
};
