// Image input: format by content (NRRD magic, gzip or NIfTI header), else by extension.
// `readImageBytes` works anywhere (browser too); `readImage(path)` reads files in Node.
import type { Volume } from '../volume.js';
import { InputError } from './errors.js';
import { readNifti } from './nifti.js';
import { readNrrd } from './nrrd.js';
import { isDicomSeriesPath, readDicomSeries } from './dicom/index.js';

export { InputError, DEFAULT_MAX_IMAGE_BYTES, checkImageBytes } from './errors.js';
export { readNrrd } from './nrrd.js';
export { readNifti } from './nifti.js';
export { readDicomSeries, readDicomSeriesFiles, readRtstructMask, readRtstructMaskBytes, readDicomSegMask, readDicomSegMaskBytes, readDicomMask, rtstructRoiNames, dicomSegSegments } from './dicom/index.js';

export interface ReadImageOptions {
  /** Largest voxel buffer to allocate, in bytes (default 2 GiB); larger headers fail before allocating. */
  maxBytes?: number;
  /** For a .nhdr held in memory: returns the bytes of its detached data file. */
  readDataFile?: (fileName: string) => Uint8Array;
}

export type ImageFormat = 'nrrd' | 'nifti';

export function detectFormat(name: string, bytes: Uint8Array): ImageFormat {
  if (bytes.length >= 4 && bytes[0] === 0x4e && bytes[1] === 0x52 && bytes[2] === 0x52 && bytes[3] === 0x44) return 'nrrd';
  const lower = name.toLowerCase();
  if (/\.(nrrd|nhdr)$/.test(lower)) return 'nrrd';
  if (/\.nii(\.gz)?$/.test(lower)) return 'nifti';
  if (bytes.length >= 4) {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, 4);
    if ([348, 540].includes(dv.getInt32(0, true)) || [348, 540].includes(dv.getInt32(0, false))) return 'nifti';
  }
  if (bytes.length === 0) throw new InputError(name, 'empty file');
  throw new InputError(name, 'unsupported image format (NRRD .nrrd/.nhdr and NIfTI .nii/.nii.gz are supported)');
}

/** Decodes an image held in memory; `name` is used for format detection and in error messages. */
export function readImageBytes(name: string, bytes: Uint8Array, options: ReadImageOptions = {}): Volume {
  return detectFormat(name, bytes) === 'nrrd' ? readNrrd(name, bytes, options) : readNifti(name, bytes, options);
}

/** Reads an image file (Node only). A .nhdr's detached data file is looked up beside it. */
export function readImage(path: string, options: ReadImageOptions = {}): Volume {
  // a folder, or one file of a DICOM series: the series (src/io/dicom)
  if (isDicomSeriesPath(path)) return readDicomSeries(path, { maxBytes: options.maxBytes });
  const fs = nodeModule<typeof import('node:fs')>('node:fs');
  const nodePath = nodeModule<typeof import('node:path')>('node:path');
  const read = (file: string, what = file): Uint8Array => {
    try {
      const stat = fs.statSync(file);
      if (stat.isDirectory()) throw new InputError(what, 'is a directory, not an image file');
      return fs.readFileSync(file);
    } catch (err) {
      if (err instanceof InputError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(what, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${(err as Error).message})`);
    }
  };
  const bytes = read(path);
  const readDataFile = (fileName: string) => {
    const full = nodePath.resolve(nodePath.dirname(path), fileName);
    return read(full, full);
  };
  return readImageBytes(path, bytes, { readDataFile, ...options });
}

function nodeModule<T>(id: string): T {
  const get = (globalThis as any).process?.getBuiltinModule;
  if (typeof get !== 'function') throw new Error(`${id} is not available: use readImageBytes outside Node`);
  return get(id) as T;
}
