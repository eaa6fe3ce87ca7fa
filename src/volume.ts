// The one image type that crosses every boundary (files, workers, viewers): plain data, no classes.
// Index order is x fastest: voxel (i, j, k) is data[i + size[0] * (j + size[1] * k)].
// Physical space is LPS, as ITK/SimpleITK (and so pyradiomics) use it:
//   point = origin + direction · (index ⊙ spacing), direction row-major, its columns the axis directions.

export type VoxelArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

export type Vec3 = [number, number, number];

export interface Volume<T extends VoxelArray = VoxelArray> {
  data: T;
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  /** 3x3 row-major direction cosines (9 numbers); column c is the direction of index axis c. */
  direction: number[];
}

export const IDENTITY_DIRECTION = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function voxelCount(size: readonly number[]): number {
  return size[0] * size[1] * size[2];
}

/** Physical (LPS) position of a continuous index. */
export function indexToPoint(v: Pick<Volume, 'origin' | 'spacing' | 'direction'>, index: readonly number[]): Vec3 {
  const d = v.direction;
  const s0 = index[0] * v.spacing[0], s1 = index[1] * v.spacing[1], s2 = index[2] * v.spacing[2];
  return [
    v.origin[0] + d[0] * s0 + d[1] * s1 + d[2] * s2,
    v.origin[1] + d[3] * s0 + d[4] * s1 + d[5] * s2,
    v.origin[2] + d[6] * s0 + d[7] * s1 + d[8] * s2,
  ];
}

/**
 * Accepts a Volume-like object from a caller without copying its voxels: our own Volume, an itk-wasm
 * Image ({size, spacing, origin, direction flattened row by row, data}), or {dimensions, direction, ...}
 * as vtk.js and Cornerstone3D name it, whose 9 direction numbers list one axis direction after another
 * (so they are transposed here). A 2D image gets a third axis of size 1. See src/viewers.ts for niivue.
 */
export function asVolume(x: any, name = 'image'): Volume {
  if (!x || typeof x !== 'object') throw new Error(`${name}: not an image object`);
  const data = x.data ?? x.scalarData ?? x.img;
  if (!ArrayBuffer.isView(data) || data instanceof DataView) throw new Error(`${name}: "data" must be a TypedArray`);
  const size = toVec3(x.size ?? x.dimensions ?? x.dims, 1, `${name}.size`);
  const spacing = toVec3(x.spacing ?? [1, 1, 1], 1, `${name}.spacing`);
  const origin = toVec3(x.origin ?? [0, 0, 0], 0, `${name}.origin`);
  const listed = toDirection(x.direction, size.length, `${name}.direction`);
  const direction = x.size === undefined && x.dimensions !== undefined ? [0, 3, 6, 1, 4, 7, 2, 5, 8].map((k) => listed[k]) : listed;
  const n = voxelCount(size);
  const components = x.imageType?.components ?? 1;
  if (components !== 1) throw new Error(`${name}: ${components}-component pixels are not supported (scalar images only)`);
  if ((data as VoxelArray).length !== n) throw new Error(`${name}: data has ${(data as VoxelArray).length} values but size ${size.join('x')} needs ${n}`);
  for (const [i, s] of spacing.entries()) if (!(s > 0) || !Number.isFinite(s)) throw new Error(`${name}: spacing[${i}] = ${s} is not a positive number`);
  return { data: data as VoxelArray, size, spacing, origin, direction };
}

function toVec3(v: any, fill: number, what: string): Vec3 {
  const arr = Array.from(v ?? [], Number);
  if (arr.length < 2 || arr.length > 3 || arr.some((n) => !Number.isFinite(n))) throw new Error(`${what} must be 2 or 3 finite numbers`);
  while (arr.length < 3) arr.push(fill);
  return arr as Vec3;
}

function toDirection(v: any, _dim: number, what: string): number[] {
  if (v == null) return IDENTITY_DIRECTION.slice();
  const flat: number[] = Array.isArray(v) && Array.isArray(v[0]) ? (v as number[][]).flat() : Array.from(v, Number);
  if (flat.length === 4) return [flat[0], flat[1], 0, flat[2], flat[3], 0, 0, 0, 1];
  if (flat.length !== 9 || flat.some((n) => !Number.isFinite(n))) throw new Error(`${what} must be a 3x3 matrix`);
  return flat;
}
