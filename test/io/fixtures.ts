// Writers for small synthetic NRRD / NIfTI files used by the reader and error tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';

export function tempDir(prefix = 'radiomics-io-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFile(dir: string, name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

export function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  const arrays = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** Bytes of a typed array in the given byte order. */
export function bytesOf(values: ArrayLike<number>, type: 'int16' | 'uint8' | 'float32' | 'float64' | 'int32', littleEndian = true): Uint8Array {
  const width = { uint8: 1, int16: 2, int32: 4, float32: 4, float64: 8 }[type];
  const dv = new DataView(new ArrayBuffer(values.length * width));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (type === 'uint8') dv.setUint8(i, v);
    else if (type === 'int16') dv.setInt16(i * 2, v, littleEndian);
    else if (type === 'int32') dv.setInt32(i * 4, v, littleEndian);
    else if (type === 'float32') dv.setFloat32(i * 4, v, littleEndian);
    else dv.setFloat64(i * 8, v, littleEndian);
  }
  return new Uint8Array(dv.buffer);
}

export function nrrd(header: string[], data: Uint8Array, gzip = false): Uint8Array {
  return concat(['NRRD0004', ...header].join('\n') + '\n\n', gzip ? gzipSync(data) : data);
}

export interface NiftiSpec {
  dims: number[]; // [ndim, nx, ny, nz, ...]
  datatype: number;
  bitpix: number;
  pixdim: number[]; // [qfac, dx, dy, dz, ...]
  qformCode?: number;
  sformCode?: number;
  quatern?: number[];
  qoffset?: number[];
  srow?: number[]; // 12 numbers
  sclSlope?: number;
  sclInter?: number;
  xyztUnits?: number;
  littleEndian?: boolean;
}

/** A single-file NIfTI-1 image (352-byte header + data). */
export function nifti1(spec: NiftiSpec, data: Uint8Array): Uint8Array {
  const le = spec.littleEndian ?? true;
  const h = new DataView(new ArrayBuffer(352));
  h.setInt32(0, 348, le);
  for (let i = 0; i < 8; i++) h.setInt16(40 + 2 * i, spec.dims[i] ?? 1, le);
  h.setInt16(70, spec.datatype, le);
  h.setInt16(72, spec.bitpix, le);
  for (let i = 0; i < 8; i++) h.setFloat32(76 + 4 * i, spec.pixdim[i] ?? 1, le);
  h.setFloat32(108, 352, le);
  h.setFloat32(112, spec.sclSlope ?? 1, le);
  h.setFloat32(116, spec.sclInter ?? 0, le);
  h.setUint8(123, spec.xyztUnits ?? 2);
  h.setInt16(252, spec.qformCode ?? 0, le);
  h.setInt16(254, spec.sformCode ?? 0, le);
  (spec.quatern ?? [0, 0, 0]).forEach((v, i) => h.setFloat32(256 + 4 * i, v, le));
  (spec.qoffset ?? [0, 0, 0]).forEach((v, i) => h.setFloat32(268 + 4 * i, v, le));
  (spec.srow ?? new Array(12).fill(0)).forEach((v, i) => h.setFloat32(280 + 4 * i, v, le));
  [0x6e, 0x2b, 0x31, 0].forEach((c, i) => h.setUint8(344 + i, c));
  return concat(new Uint8Array(h.buffer), data);
}

/** A single-file NIfTI-2 image (540-byte header + 4-byte extension flag + data). */
export function nifti2(spec: NiftiSpec, data: Uint8Array): Uint8Array {
  const le = spec.littleEndian ?? true;
  const h = new DataView(new ArrayBuffer(544));
  h.setInt32(0, 540, le);
  [0x6e, 0x2b, 0x32, 0, 0x0d, 0x0a, 0x1a, 0x0a].forEach((c, i) => h.setUint8(4 + i, c));
  h.setInt16(12, spec.datatype, le);
  h.setInt16(14, spec.bitpix, le);
  for (let i = 0; i < 8; i++) h.setBigInt64(16 + 8 * i, BigInt(spec.dims[i] ?? 1), le);
  for (let i = 0; i < 8; i++) h.setFloat64(104 + 8 * i, spec.pixdim[i] ?? 1, le);
  h.setBigInt64(168, 544n, le);
  h.setFloat64(176, spec.sclSlope ?? 1, le);
  h.setFloat64(184, spec.sclInter ?? 0, le);
  h.setInt32(344, spec.qformCode ?? 0, le);
  h.setInt32(348, spec.sformCode ?? 0, le);
  (spec.quatern ?? [0, 0, 0]).forEach((v, i) => h.setFloat64(352 + 8 * i, v, le));
  (spec.qoffset ?? [0, 0, 0]).forEach((v, i) => h.setFloat64(376 + 8 * i, v, le));
  (spec.srow ?? new Array(12).fill(0)).forEach((v, i) => h.setFloat64(400 + 8 * i, v, le));
  h.setInt32(500, spec.xyztUnits ?? 2, le);
  return concat(new Uint8Array(h.buffer), data);
}
