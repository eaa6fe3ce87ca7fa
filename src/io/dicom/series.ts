// A CT/MR slice series -> Volume, with ITK/GDCM's conventions: slices ordered along the slice normal,
// origin at the first slice's ImagePositionPatient, x along the rows (columns index), LPS coordinates,
// voxels rescaled by slope/intercept into the smallest integer type that holds them (float otherwise).
import type { Vec3, Volume, VoxelArray } from '../../volume.js';
import { InputError, checkImageBytes, DEFAULT_MAX_IMAGE_BYTES } from '../errors.js';
import { decodePixels, type PixelType } from '../pixels.js';
import { TAG, isDicomPart10, numbers, parseDicomFile, requireNumbers, requireUncompressed, text, uint16, type DicomFile } from './dataset.js';

export interface DicomSource {
  name: string;
  bytes: Uint8Array;
}

export interface DicomSeriesOptions {
  /** Which series to read when the files hold several (SeriesInstanceUID). */
  seriesUid?: string;
  /** Largest voxel buffer to allocate, in bytes (default 2 GiB). */
  maxBytes?: number;
}

/** Modalities whose files carry no image slices of a series. */
const NOT_IMAGES = new Set(['RTSTRUCT', 'SEG', 'RTPLAN', 'RTDOSE', 'RTRECORD', 'PR', 'SR', 'KO', 'REG']);

interface Slice {
  file: DicomFile;
  position: Vec3;
  slope: number;
  intercept: number;
}

/** Reads one image series from DICOM files held in memory; `where` names them in messages. */
export function readDicomSeriesFiles(where: string, sources: DicomSource[], options: DicomSeriesOptions = {}): Volume {
  const bySeries = new Map<string, DicomFile[]>();
  for (const source of sources) {
    if (!isDicomPart10(source.bytes)) continue;
    const file = parseDicomFile(source.name, source.bytes);
    if (!file.ds.elements[TAG.pixelData] || NOT_IMAGES.has(text(file.ds, TAG.modality)?.toUpperCase() ?? '')) continue;
    const uid = text(file.ds, TAG.seriesInstanceUid) ?? '(no SeriesInstanceUID)';
    bySeries.set(uid, [...(bySeries.get(uid) ?? []), file]);
  }
  if (bySeries.size === 0) throw new InputError(where, `no DICOM image slices found (${sources.length} files looked at)`);
  let files: DicomFile[] | undefined;
  if (options.seriesUid) {
    files = bySeries.get(options.seriesUid);
    if (!files) throw new InputError(where, `series ${options.seriesUid} not found (series present: ${[...bySeries.keys()].join(', ')})`);
  } else if (bySeries.size > 1) {
    const list = [...bySeries].map(([uid, f]) => `${uid} (${f.length} slices)`).join(', ');
    throw new InputError(where, `holds ${bySeries.size} image series: ${list}; pass one file of the wanted series, or its seriesUid`);
  } else {
    files = [...bySeries.values()][0];
  }
  return assembleSeries(where, files, options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES);
}

function assembleSeries(where: string, files: DicomFile[], maxBytes: number): Volume {
  const first = files[0];
  const rows = uint16(first, TAG.rows, 'Rows');
  const columns = uint16(first, TAG.columns, 'Columns');
  const orientation = requireNumbers(first, TAG.imageOrientation, 6, 'ImageOrientationPatient');
  const pixelSpacing = requireNumbers(first, TAG.pixelSpacing, 2, 'PixelSpacing');
  const format = pixelFormat(first);
  const slices: Slice[] = files.map((file) => {
    requireUncompressed(file);
    if (uint16(file, TAG.rows, 'Rows') !== rows || uint16(file, TAG.columns, 'Columns') !== columns) {
      throw new InputError(file.name, `slice size ${uint16(file, TAG.columns, 'Columns')}x${uint16(file, TAG.rows, 'Rows')} differs from ${columns}x${rows} of ${first.name}`);
    }
    if (!sameNumbers(requireNumbers(file, TAG.imageOrientation, 6, 'ImageOrientationPatient'), orientation, 1e-4)) throw new InputError(file.name, `ImageOrientationPatient differs from ${first.name}`);
    if (!sameNumbers(requireNumbers(file, TAG.pixelSpacing, 2, 'PixelSpacing'), pixelSpacing, 1e-4)) throw new InputError(file.name, `PixelSpacing differs from ${first.name}`);
    const f = pixelFormat(file);
    if (f.bitsAllocated !== format.bitsAllocated || f.signed !== format.signed) throw new InputError(file.name, `pixel format differs from ${first.name}`);
    const frames = numbers(file.ds, TAG.numberOfFrames)?.[0] ?? 1;
    if (frames !== 1) throw new InputError(file.name, `multi-frame images (${frames} frames) are not supported; export the series as single-frame slices`);
    return {
      file,
      position: requireNumbers(file, TAG.imagePosition, 3, 'ImagePositionPatient') as Vec3,
      slope: numbers(file.ds, TAG.rescaleSlope)?.[0] ?? 1,
      intercept: numbers(file.ds, TAG.rescaleIntercept)?.[0] ?? 0,
    };
  });
  for (const s of slices) if (!Number.isFinite(s.slope) || !Number.isFinite(s.intercept) || s.slope === 0) throw new InputError(s.file.name, `invalid RescaleSlope/RescaleIntercept ${s.slope}/${s.intercept}`);

  const rowDir = orientation.slice(0, 3) as Vec3;
  const colDir = orientation.slice(3, 6) as Vec3;
  const normal = unit(cross(rowDir, colDir), where);
  const along = (p: Vec3) => dot(normal, p);
  slices.sort((a, b) => along(a.position) - along(b.position) || instance(a) - instance(b));
  const { sliceDir, sliceSpacing } = sliceAxis(slices, normal, first);

  const size: Vec3 = [columns, rows, slices.length];
  const type = outputType(slices, format);
  const ctor = { uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array, int16: Int16Array, uint32: Uint32Array, int32: Int32Array, float32: Float32Array, float64: Float64Array }[type];
  checkImageBytes(where, size, ctor.BYTES_PER_ELEMENT, maxBytes);
  const data = new ctor(columns * rows * slices.length) as Exclude<VoxelArray, BigInt64Array | BigUint64Array>;
  const perSlice = columns * rows;
  slices.forEach((s, k) => {
    const stored = storedValues(s.file, format, perSlice);
    const offset = k * perSlice;
    if (s.slope === 1 && s.intercept === 0) data.set(stored, offset);
    else for (let i = 0; i < perSlice; i++) data[offset + i] = s.slope * stored[i] + s.intercept;
  });
  return {
    data,
    size,
    spacing: [pixelSpacing[1], pixelSpacing[0], sliceSpacing],
    origin: [...slices[0].position],
    direction: [rowDir[0], colDir[0], sliceDir[0], rowDir[1], colDir[1], sliceDir[1], rowDir[2], colDir[2], sliceDir[2]],
  };
}

/** Slice axis as ITK's series reader sets it: first-to-last position over (n - 1); gaps must be even. */
function sliceAxis(slices: Slice[], normal: Vec3, first: DicomFile): { sliceDir: Vec3; sliceSpacing: number } {
  if (slices.length === 1) {
    const thickness = numbers(first.ds, TAG.sliceThickness)?.[0];
    return { sliceDir: normal, sliceSpacing: thickness && thickness > 0 ? thickness : 1 };
  }
  const span = sub(slices[slices.length - 1].position, slices[0].position);
  const length = Math.hypot(...span);
  const sliceSpacing = length / (slices.length - 1);
  for (let k = 1; k < slices.length; k++) {
    const gap = Math.hypot(...sub(slices[k].position, slices[k - 1].position));
    if (gap < 1e-4) throw new InputError(slices[k].file.name, `at the same position as ${slices[k - 1].file.name} (duplicate slice, or two series in one folder)`);
    if (Math.abs(gap - sliceSpacing) > 0.05 * sliceSpacing) {
      throw new InputError(slices[k].file.name, `slice gap ${gap.toFixed(3)} mm differs from the series' mean spacing ${sliceSpacing.toFixed(3)} mm (a slice may be missing)`);
    }
  }
  return { sliceDir: span.map((v) => v / length) as Vec3, sliceSpacing };
}

interface PixelFormat {
  bitsAllocated: number;
  bitsStored: number;
  signed: boolean;
}

function pixelFormat(file: DicomFile): PixelFormat {
  const samples = uint16(file, TAG.samplesPerPixel, 'SamplesPerPixel', 1);
  if (samples !== 1) throw new InputError(file.name, `${samples} samples per pixel (colour) is not supported: greyscale images only`);
  const bitsAllocated = uint16(file, TAG.bitsAllocated, 'BitsAllocated');
  if (![8, 16, 32].includes(bitsAllocated)) throw new InputError(file.name, `BitsAllocated ${bitsAllocated} is not supported (8, 16 or 32)`);
  const bitsStored = uint16(file, TAG.bitsStored, 'BitsStored', bitsAllocated);
  if (bitsStored < 1 || bitsStored > bitsAllocated) throw new InputError(file.name, `BitsStored ${bitsStored} does not fit BitsAllocated ${bitsAllocated}`);
  return { bitsAllocated, bitsStored, signed: uint16(file, TAG.pixelRepresentation, 'PixelRepresentation', 0) === 1 };
}

/** Stored values of one slice, high bits beyond BitsStored cleared (unsigned) or sign-extended (signed). */
function storedValues(file: DicomFile, f: PixelFormat, count: number): Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array {
  const el = file.ds.elements[TAG.pixelData];
  if (el.encapsulatedPixelData) throw new InputError(file.name, 'pixel data is encapsulated (compressed), which is not supported');
  const type = `${f.signed ? 'int' : 'uint'}${f.bitsAllocated}` as PixelType;
  if (el.length < (count * f.bitsAllocated) / 8) throw new InputError(file.name, `pixel data holds ${el.length} bytes, a ${count}-pixel slice needs ${(count * f.bitsAllocated) / 8}`);
  const values = decodePixels(file.name, file.ds.byteArray as Uint8Array, el.dataOffset, type, count, file.littleEndian) as Int16Array;
  const unused = f.bitsAllocated - f.bitsStored;
  if (unused > 0 && f.bitsAllocated < 32) {
    for (let i = 0; i < count; i++) values[i] = f.signed ? (values[i] << (32 - f.bitsStored)) >> (32 - f.bitsStored) : values[i] & ((1 << f.bitsStored) - 1);
  }
  return values;
}

type SeriesType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

/** GDCM's choice: the stored type without rescaling; the smallest integer type holding every rescaled value; else float. */
function outputType(slices: Slice[], f: PixelFormat): SeriesType {
  if (slices.every((s) => s.slope === 1 && s.intercept === 0)) return `${f.signed ? 'int' : 'uint'}${f.bitsAllocated}` as SeriesType;
  if (slices.some((s) => !Number.isInteger(s.slope) || !Number.isInteger(s.intercept))) return f.bitsAllocated <= 16 ? 'float32' : 'float64';
  const storedMin = f.signed ? -(2 ** (f.bitsStored - 1)) : 0;
  const storedMax = f.signed ? 2 ** (f.bitsStored - 1) - 1 : 2 ** f.bitsStored - 1;
  let min = Infinity, max = -Infinity;
  for (const s of slices) {
    const a = s.slope * storedMin + s.intercept, b = s.slope * storedMax + s.intercept;
    min = Math.min(min, a, b);
    max = Math.max(max, a, b);
  }
  if (min >= 0) return max <= 255 ? 'uint8' : max <= 65535 ? 'uint16' : max <= 4294967295 ? 'uint32' : 'float64';
  return min >= -128 && max <= 127 ? 'int8' : min >= -32768 && max <= 32767 ? 'int16' : min >= -2147483648 && max <= 2147483647 ? 'int32' : 'float64';
}

function instance(s: Slice): number {
  return numbers(s.file.ds, TAG.instanceNumber)?.[0] ?? 0;
}

function sameNumbers(a: number[], b: number[], tolerance: number): boolean {
  return a.every((v, i) => Math.abs(v - b[i]) <= tolerance * Math.max(1, Math.abs(b[i])));
}

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

function unit(v: Vec3, where: string): Vec3 {
  const n = Math.hypot(...v);
  if (!(n > 1e-6)) throw new InputError(where, 'ImageOrientationPatient row and column directions are parallel or zero');
  return [v[0] / n, v[1] / n, v[2] / n];
}
