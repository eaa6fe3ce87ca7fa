// Volumes as image viewers hold them -> our Volume (x fastest, LPS, direction row-major with the axis
// directions as columns). Each viewer lays out geometry differently:
//   itk-wasm Image: ITK's direction matrix flattened row by row (already our layout), LPS.
//   vtk.js vtkImageData (and Cornerstone3D volumes): the 9 direction numbers list one axis direction
//     after the other (a column-major matrix), so they are transposed here; world = LPS as loaded from ITK.
//   niivue NVImage: `img` in the file's voxel order, geometry in `hdr.affine` (4 rows, voxel -> RAS mm),
//     so x and y are negated for LPS; its drawing bitmap is stored in RAS voxel order (`permRAS`).
import { InputError } from './io/errors.js';
import { asVolume, voxelCount, type Vec3, type Volume, type VoxelArray } from './volume.js';

/** itk-wasm `Image` fields used here (a plain object: it crosses a worker unchanged). */
export interface ItkWasmImage {
  imageType: { dimension: number; componentType?: string; pixelType?: string | number; components: number };
  size: ArrayLike<number>;
  spacing: ArrayLike<number>;
  origin: ArrayLike<number>;
  direction: ArrayLike<number>;
  data: VoxelArray | null;
}

/** An itk-wasm Image as a Volume (no voxel copy). */
export function fromItkImage(image: ItkWasmImage, name = 'itk-wasm image'): Volume {
  const type = image?.imageType;
  if (!type || typeof type !== 'object') throw new InputError(name, 'not an itk-wasm Image (no imageType)');
  if (type.dimension !== 2 && type.dimension !== 3) throw new InputError(name, `${type.dimension}-dimensional images are not supported (2D or 3D only)`);
  if (type.components !== 1) throw new InputError(name, `${type.components}-component pixels are not supported (scalar images only)`);
  if (!image.data) throw new InputError(name, 'has no pixel data');
  if (image.direction?.length !== type.dimension ** 2) throw new InputError(name, `direction must hold ${type.dimension ** 2} numbers`);
  return asVolume({ data: image.data, size: image.size, spacing: image.spacing, origin: image.origin, direction: image.direction }, name);
}

/** vtk.js image data: a vtkImageData instance, or its arrays as a plain object. */
export interface VtkImageArrays {
  dimensions?: ArrayLike<number>;
  /** [iMin, iMax, jMin, jMax, kMin, kMax]; defaults to 0 .. dimensions - 1. */
  extent?: ArrayLike<number>;
  spacing?: ArrayLike<number>;
  origin?: ArrayLike<number>;
  /** 9 numbers, axis i's direction first, then j's, then k's (vtk.js / gl-matrix mat3). */
  direction?: ArrayLike<number>;
  /** The scalars (one component). */
  values?: VoxelArray;
  data?: VoxelArray;
  scalarData?: VoxelArray;
  numberOfComponents?: number;
}

/** A vtk.js vtkImageData (or its arrays) as a Volume. vtk's world coordinates are taken as LPS. */
export function fromVtkImageData(input: any, name = 'vtk.js image data'): Volume {
  if (!input || typeof input !== 'object') throw new InputError(name, 'not an image data object');
  const arrays: VtkImageArrays = typeof input.getDimensions === 'function' ? vtkArrays(input, name) : input;
  const data = arrays.values ?? arrays.data ?? arrays.scalarData;
  if ((arrays.numberOfComponents ?? 1) !== 1) throw new InputError(name, `${arrays.numberOfComponents}-component scalars are not supported (scalar images only)`);
  const extent = arrays.extent ? Array.from(arrays.extent, Number) : undefined;
  if (extent && (extent.length !== 6 || extent.some((e) => !Number.isInteger(e)))) throw new InputError(name, 'extent must be 6 integers');
  const size = extent ? [extent[1] - extent[0] + 1, extent[3] - extent[2] + 1, extent[5] - extent[4] + 1] : arrays.dimensions;
  const vtkDirection = Array.from(arrays.direction ?? [1, 0, 0, 0, 1, 0, 0, 0, 1], Number);
  if (vtkDirection.length !== 9) throw new InputError(name, 'direction must hold 9 numbers');
  const direction = transpose3(vtkDirection);
  const volume = asVolume({ data, size, spacing: arrays.spacing, origin: arrays.origin, direction }, name);
  if (extent && (extent[0] || extent[2] || extent[4])) {
    // the first stored voxel sits at index extent-min of vtk's index space
    const shifted = { ...volume, origin: [0, 0, 0] as Vec3 };
    const start = pointOf(shifted, [extent[0], extent[2], extent[4]]);
    volume.origin = volume.origin.map((o, r) => o + start[r]) as Vec3;
  }
  return volume;
}

function vtkArrays(image: any, name: string): VtkImageArrays {
  const scalars = image.getPointData?.().getScalars?.();
  if (!scalars) throw new InputError(name, 'has no point-data scalars');
  return {
    extent: image.getExtent?.(),
    dimensions: image.getDimensions(),
    spacing: image.getSpacing(),
    origin: image.getOrigin(),
    direction: image.getDirection(),
    values: scalars.getData(),
    numberOfComponents: scalars.getNumberOfComponents?.() ?? 1,
  };
}

/** The parts of a niivue NVImage used here. */
export interface NiivueImage {
  img: VoxelArray;
  hdr: {
    dims: ArrayLike<number>;
    pixDims: ArrayLike<number>;
    /** 4 rows of 4: voxel index -> RAS millimetres. */
    affine: ArrayLike<ArrayLike<number>>;
    scl_slope?: number;
    scl_inter?: number;
  };
  /** RAS axis p comes from native axis |permRAS[p]| - 1, reversed when negative (niivue computes it on load). */
  permRAS?: ArrayLike<number>;
}

/**
 * A niivue volume (e.g. `nv.volumes[0]`) as a Volume in the file's voxel order, intensities scaled by
 * scl_slope/scl_inter as ITK does (so values equal readImage of the same NIfTI).
 */
export function fromNiivue(volume: NiivueImage, name = 'niivue volume'): Volume {
  const { size, spacing, origin, direction } = niivueGeometry(volume, name);
  const n = voxelCount(size);
  const img = volume.img;
  if (!ArrayBuffer.isView(img)) throw new InputError(name, 'img must be a TypedArray');
  if (img.length !== n) throw new InputError(name, `img has ${img.length} values but dims ${size.join('x')} need ${n} (one 3D volume)`);
  const data = scaleIntensities(img, Number(volume.hdr.scl_slope ?? 0), Number(volume.hdr.scl_inter ?? 0));
  return { data, size, spacing, origin, direction };
}

/**
 * niivue's drawing (`nv.drawBitmap`, stored in RAS voxel order over the background volume) as a mask
 * Volume on that volume's own grid; pen values are kept, so choose the ROI with the `label` setting.
 */
export function fromNiivueDrawing(background: NiivueImage, drawBitmap: Uint8Array, name = 'niivue drawing'): Volume<Uint8Array> {
  const { size, spacing, origin, direction } = niivueGeometry(background, name);
  const n = voxelCount(size);
  if (!(drawBitmap instanceof Uint8Array) || drawBitmap.length !== n) throw new InputError(name, `drawBitmap must be a Uint8Array of ${n} values (got ${drawBitmap?.length})`);
  const perm = Array.from(background.permRAS ?? permFromAffine(background.hdr.affine), Number);
  if (perm.length < 3 || new Set(perm.slice(0, 3).map(Math.abs)).size !== 3 || perm.slice(0, 3).some((p) => ![1, 2, 3].includes(Math.abs(p)))) throw new InputError(name, `permRAS ${perm.join(',')} is not a signed permutation of 1, 2, 3`);
  const stride = [1, size[0], size[0] * size[1]];
  // native offset of RAS voxel (x, y, z): sum over RAS axes p of the native coordinate times its stride
  const step = [0, 1, 2].map((p) => (perm[p] > 0 ? 1 : -1) * stride[Math.abs(perm[p]) - 1]);
  const start = [0, 1, 2].reduce((s, p) => s + (perm[p] > 0 ? 0 : (size[Math.abs(perm[p]) - 1] - 1) * stride[Math.abs(perm[p]) - 1]), 0);
  const rasSize = [0, 1, 2].map((p) => size[Math.abs(perm[p]) - 1]);
  const mask = new Uint8Array(n);
  let j = 0;
  for (let z = 0; z < rasSize[2]; z++) {
    for (let y = 0; y < rasSize[1]; y++) {
      const row = start + y * step[1] + z * step[2];
      for (let x = 0; x < rasSize[0]; x++) mask[row + x * step[0]] = drawBitmap[j++];
    }
  }
  return { data: mask, size, spacing, origin, direction };
}

/** Size, spacing (pixdim, as ITK), origin and direction (normalised affine columns) in LPS. */
function niivueGeometry(volume: NiivueImage, name: string): Omit<Volume, 'data'> {
  const hdr = volume?.hdr;
  if (!hdr || !hdr.dims || !hdr.affine) throw new InputError(name, 'not a niivue volume (no hdr.dims / hdr.affine)');
  const dims = Array.from(hdr.dims, Number);
  for (let d = 4; d <= dims[0]; d++) if (dims[d] > 1) throw new InputError(name, `${dims[0]}-dimensional volumes are not supported (3D only)`);
  const size = [dims[1], dims[0] >= 2 ? dims[2] : 1, dims[0] >= 3 ? dims[3] : 1] as Vec3;
  if (size.some((s) => !Number.isSafeInteger(s) || s < 1)) throw new InputError(name, `invalid dims ${dims.join(',')}`);
  const spacing = [1, 2, 3].map((i) => Math.abs(Number(hdr.pixDims[i]) || 1)) as Vec3;
  const a = Array.from({ length: 3 }, (_, r) => Array.from(hdr.affine[r] ?? [], Number));
  if (a.some((row) => row.length < 4 || row.some((v) => !Number.isFinite(v)))) throw new InputError(name, 'hdr.affine must be 4 rows of 4 finite numbers');
  const ras2lps = [-1, -1, 1];
  const direction: number[] = new Array(9);
  for (let c = 0; c < 3; c++) {
    const len = Math.hypot(a[0][c], a[1][c], a[2][c]);
    if (!(len > 0)) throw new InputError(name, `affine column ${c} is zero`);
    for (let r = 0; r < 3; r++) direction[r * 3 + c] = (ras2lps[r] * a[r][c]) / len;
  }
  const origin = [0, 1, 2].map((r) => ras2lps[r] * a[r][3]) as Vec3;
  return { size, spacing, origin, direction };
}

/** For each RAS axis, the native axis (1-based) closest to it, negative when it points the other way. */
function permFromAffine(affine: ArrayLike<ArrayLike<number>>): number[] {
  const perm: number[] = [];
  for (let r = 0; r < 3; r++) {
    let best = 0;
    for (let c = 1; c < 3; c++) if (Math.abs(affine[r][c]) > Math.abs(affine[r][best])) best = c;
    perm.push((affine[r][best] < 0 ? -1 : 1) * (best + 1));
  }
  return perm;
}

/** ITK's NIfTI rule: scale only when slope != 0 and (slope, inter) != (1, 0); integers become float32. */
function scaleIntensities(img: VoxelArray, slope: number, inter: number): VoxelArray {
  const eps = Number.EPSILON;
  if (!Number.isFinite(slope) || !Number.isFinite(inter)) return img;
  if (!(Math.abs(slope) > eps && (Math.abs(slope - 1) > eps || Math.abs(inter) > eps))) return img;
  if (img instanceof Float64Array) return img.map((v) => v * slope + inter);
  const out = new Float32Array(img.length);
  for (let i = 0; i < img.length; i++) out[i] = Math.fround(Number(img[i])) * slope + inter;
  return out;
}

function transpose3(m: number[]): number[] {
  return [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]];
}

function pointOf(v: Pick<Volume, 'origin' | 'spacing' | 'direction'>, index: number[]): Vec3 {
  const d = v.direction;
  const s = index.map((i, c) => i * v.spacing[c]);
  return [0, 1, 2].map((r) => v.origin[r] + d[r * 3] * s[0] + d[r * 3 + 1] * s[1] + d[r * 3 + 2] * s[2]) as Vec3;
}

/**
 * Any image object a caller may pass (also across a worker): our Volume, an itk-wasm Image, vtk.js
 * arrays ({dimensions | extent, direction, values}), or a niivue volume ({img, hdr}).
 */
export function toVolume(x: any, name = 'image'): Volume {
  if (!x || typeof x !== 'object') throw new InputError(name, 'not an image object');
  if (x.imageType && x.size) return fromItkImage(x, name);
  if (x.hdr && x.img) return fromNiivue(x, name);
  if (typeof x.getDimensions === 'function' || (!x.size && (x.dimensions || x.extent))) return fromVtkImageData(x, name);
  return asVolume(x, name);
}
