// NIfTI-1 and NIfTI-2 (.nii, .nii.gz) through nifti-reader-js for the header; orientation, units and
// intensity scaling follow ITK's NiftiImageIO so values and geometry equal SimpleITK's.
import * as nifti from 'nifti-reader-js';
import type { Vec3, Volume, VoxelArray } from '../volume.js';
import { checkImageBytes, DEFAULT_MAX_IMAGE_BYTES, InputError } from './errors.js';
import { gunzipBounded, isGzip } from './gzip.js';
import { niftiGeometry } from './nifti-geometry.js';
import { decodePixels, pixelBytes, type PixelType } from './pixels.js';

const DATATYPES: Record<number, PixelType> = {
  2: 'uint8', 4: 'int16', 8: 'int32', 16: 'float32', 64: 'float64',
  256: 'int8', 512: 'uint16', 768: 'uint32', 1024: 'int64', 1280: 'uint64',
};
const DATATYPE_NAMES: Record<number, string> = { 1: 'binary', 32: 'complex64', 128: 'RGB24', 1536: 'float128', 1792: 'complex128', 2048: 'complex256', 2304: 'RGBA32' };

/** Bytes of a NIfTI-1 (348) or NIfTI-2 (540) header, from its first int in either byte order. */
function headerSize(bytes: Uint8Array): number | undefined {
  if (bytes.length < 4) return undefined;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, 4);
  for (const le of [true, false]) {
    const n = dv.getInt32(0, le);
    if (n === 348 || n === 540) return n;
  }
  return -1;
}

interface NiftiLayout { header: nifti.NIFTI1 | nifti.NIFTI2; type: PixelType; size: Vec3; count: number; dataStart: number }

function parseHeader(name: string, bytes: Uint8Array, maxBytes: number): NiftiLayout {
  const hsize = headerSize(bytes);
  if (hsize === -1) throw new InputError(name, 'not a NIfTI file (header size is neither 348 nor 540)');
  if (hsize === undefined || bytes.length < hsize) throw new InputError(name, 'truncated: the NIfTI header is incomplete');
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + hsize + 4) as ArrayBuffer;
  let header: nifti.NIFTI1 | nifti.NIFTI2;
  try {
    header = nifti.readHeader(ab);
  } catch (err) {
    throw new InputError(name, `invalid NIfTI header (${(err as Error).message})`);
  }
  if (!header || !/^n\+[12]/.test(header.magic ?? '')) throw new InputError(name, `not a single-file NIfTI image (magic "${header?.magic ?? ''}"; .hdr/.img pairs are not supported)`);
  const type = DATATYPES[header.datatypeCode];
  if (!type) throw new InputError(name, `unsupported NIfTI pixel type ${DATATYPE_NAMES[header.datatypeCode] ?? `code ${header.datatypeCode}`} (scalar integer and float types only)`);
  const dims = header.dims.map(Number);
  const ndim = dims[0];
  if (!(ndim >= 1 && ndim <= 7)) throw new InputError(name, `invalid NIfTI dim[0] = ${ndim}`);
  for (let d = 4; d <= ndim; d++) {
    if (dims[d] > 1) throw new InputError(name, `${d === 5 ? 'vector-valued' : `${d}-dimensional`} NIfTI images are not supported (dim[${d}] = ${dims[d]}; 2D or 3D scalar images only)`);
  }
  const size: Vec3 = [dims[1], ndim >= 2 ? dims[2] : 1, ndim >= 3 ? dims[3] : 1];
  const count = checkImageBytes(name, size, pixelBytes(type), maxBytes);
  const dataStart = Number(header.vox_offset);
  if (!Number.isSafeInteger(dataStart) || dataStart < hsize) throw new InputError(name, `invalid NIfTI vox_offset ${header.vox_offset}`);
  return { header, type, size, count, dataStart };
}

/** Reads the srow matrix straight from the header bytes (nifti-reader-js only exposes the form it picked). */
function srowOf(bytes: Uint8Array, h: nifti.NIFTI1 | nifti.NIFTI2): number[] {
  if (h instanceof nifti.NIFTI2) return h.affine.slice(0, 3).flat();
  const dv = new DataView(bytes.buffer, bytes.byteOffset + 280, 48);
  return Array.from({ length: 12 }, (_, i) => dv.getFloat32(i * 4, h.littleEndian));
}

/** ITK's spatial unit scale to millimetres (xyzt_units & 7). */
function unitScale(units: number): number {
  const spatial = units & 7;
  return spatial === 1 ? 1000 : spatial === 3 ? 1e-3 : 1;
}

export function readNifti(name: string, bytes: Uint8Array, options: { maxBytes?: number } = {}): Volume {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  let layout: NiftiLayout | undefined;
  if (isGzip(bytes)) {
    bytes = gunzipBounded(name, bytes, (prefix) => {
      const hsize = headerSize(prefix);
      if (hsize === -1) throw new InputError(name, 'not a NIfTI file (header size is neither 348 nor 540)');
      if (hsize === undefined || prefix.length < hsize + 4) return undefined;
      layout = parseHeader(name, prefix, maxBytes);
      return layout.dataStart + layout.count * pixelBytes(layout.type);
    });
  }
  layout ??= parseHeader(name, bytes, maxBytes);
  const { header: h, type, size, count, dataStart } = layout;
  let data = decodePixels(name, bytes, dataStart, type, count, h.littleEndian);
  data = rescale(h, type, data);

  const scale = unitScale(h.xyzt_units);
  const pixdim: Vec3 = [1, 2, 3].map((i) => Math.abs(h.pixDims[i] || 1)) as Vec3;
  const srow = srowOf(bytes, h);
  const { origin, direction } = niftiGeometry(name, {
    qformCode: h.qform_code, sformCode: h.sform_code,
    quatern: [h.quatern_b, h.quatern_c, h.quatern_d], qoffset: [h.qoffset_x, h.qoffset_y, h.qoffset_z],
    qfac: h.pixDims[0] < 0 ? -1 : 1, pixdim, srow,
  });
  const spacing = pixdim.map((p) => p * scale) as Vec3;
  for (const [i, s] of spacing.entries()) if (!(s > 0) || !Number.isFinite(s)) throw new InputError(name, `invalid NIfTI pixdim[${i + 1}] = ${h.pixDims[i + 1]}`);
  return { data, size, spacing, origin: origin.map((o) => o * scale) as Vec3, direction };
}

/** scl_slope/scl_inter as ITK applies them: only when slope != 0 and (slope, inter) != (1, 0); integers become float32. */
function rescale(h: nifti.NIFTI1 | nifti.NIFTI2, type: PixelType, data: VoxelArray): VoxelArray {
  const slope = Number.isFinite(h.scl_slope) ? h.scl_slope : 0;
  const inter = Number.isFinite(h.scl_inter) ? h.scl_inter : 0;
  const eps = Number.EPSILON;
  if (!(Math.abs(slope) > eps && (Math.abs(slope - 1) > eps || Math.abs(inter) > eps))) return data;
  if (type === 'float64') return (data as Float64Array).map((v) => v * slope + inter);
  const out = new Float32Array(data.length); // stores round to float32, as ITK's float output does
  for (let i = 0; i < data.length; i++) out[i] = Math.fround(Number(data[i])) * slope + inter;
  return out;
}
