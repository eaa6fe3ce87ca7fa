// DICOM Part 10 parsing through dicom-parser, with one-line errors and typed attribute access.
// Only uncompressed transfer syntaxes carry pixel data we can decode; others fail with their UID.
import dicomParser from 'dicom-parser';
import type { DataSet, Element } from 'dicom-parser';
import { InputError } from '../errors.js';

/** Tags as dicom-parser keys them ("x" + group + element, lower-case hex). */
export const TAG = {
  transferSyntax: 'x00020010',
  sopClassUid: 'x00080016',
  sopInstanceUid: 'x00080018',
  modality: 'x00080060',
  sliceThickness: 'x00180050',
  seriesInstanceUid: 'x0020000e',
  instanceNumber: 'x00200013',
  imagePosition: 'x00200032',
  imageOrientation: 'x00200037',
  frameOfReferenceUid: 'x00200052',
  samplesPerPixel: 'x00280002',
  numberOfFrames: 'x00280008',
  rows: 'x00280010',
  columns: 'x00280011',
  pixelSpacing: 'x00280030',
  bitsAllocated: 'x00280100',
  bitsStored: 'x00280101',
  pixelRepresentation: 'x00280103',
  rescaleIntercept: 'x00281052',
  rescaleSlope: 'x00281053',
  pixelData: 'x7fe00010',
} as const;

const UNCOMPRESSED: Record<string, { littleEndian: boolean }> = {
  '1.2.840.10008.1.2': { littleEndian: true }, // implicit VR little endian
  '1.2.840.10008.1.2.1': { littleEndian: true }, // explicit VR little endian
  '1.2.840.10008.1.2.2': { littleEndian: false }, // explicit VR big endian (retired)
};

const COMPRESSED_NAMES: Record<string, string> = {
  '1.2.840.10008.1.2.1.99': 'deflated explicit VR little endian',
  '1.2.840.10008.1.2.4.50': 'JPEG baseline',
  '1.2.840.10008.1.2.4.51': 'JPEG extended',
  '1.2.840.10008.1.2.4.57': 'JPEG lossless',
  '1.2.840.10008.1.2.4.70': 'JPEG lossless SV1',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS near-lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.5': 'RLE lossless',
};

/** A parsed DICOM file: its name (for messages), the data set and whether pixel data is little endian. */
export interface DicomFile {
  name: string;
  ds: DataSet;
  littleEndian: boolean;
  transferSyntax: string;
}

/** True when the bytes carry the Part 10 "DICM" marker after the 128-byte preamble. */
export function isDicomPart10(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/** Parses a Part 10 file; a damaged or non-DICOM file gives an InputError naming it. */
export function parseDicomFile(name: string, bytes: Uint8Array): DicomFile {
  if (!isDicomPart10(bytes)) throw new InputError(name, 'not a DICOM Part 10 file (no "DICM" marker at byte 128)');
  let ds: DataSet;
  try {
    ds = dicomParser.parseDicom(bytes);
  } catch (err) {
    const reason = typeof err === 'string' ? err : (err as Error)?.message ?? String((err as any)?.exception ?? err);
    throw new InputError(name, `damaged DICOM file (${reason.replace(/^dicomParser\.\w+: /, '')})`);
  }
  const transferSyntax = (ds.string(TAG.transferSyntax) ?? '1.2.840.10008.1.2').trim();
  const known = UNCOMPRESSED[transferSyntax];
  return { name, ds, littleEndian: known ? known.littleEndian : true, transferSyntax };
}

/** Fails unless the file's pixel data is uncompressed. */
export function requireUncompressed(file: DicomFile): void {
  if (UNCOMPRESSED[file.transferSyntax]) return;
  const what = COMPRESSED_NAMES[file.transferSyntax];
  throw new InputError(file.name, `unsupported transfer syntax ${file.transferSyntax}${what ? ` (${what})` : ''}: only uncompressed DICOM is read; decompress it first (e.g. gdcmconv --raw or dcmdjpeg)`);
}

export function text(ds: DataSet, tag: string): string | undefined {
  const s = ds.string(tag);
  return s === undefined ? undefined : s.trim();
}

export function requireText(file: DicomFile, tag: string, what: string): string {
  const s = text(file.ds, tag);
  if (!s) throw new InputError(file.name, `missing ${what} (${tagName(tag)})`);
  return s;
}

/** Numbers of a decimal-string attribute (DS/IS, backslash-separated); undefined when absent or empty. */
export function numbers(ds: DataSet, tag: string): number[] | undefined {
  const s = ds.string(tag);
  if (s === undefined || s.trim() === '') return undefined;
  return s.split('\\').map((v) => Number(v.trim()));
}

/** A DS/IS attribute with exactly `count` finite numbers, else an InputError naming it. */
export function requireNumbers(file: DicomFile, tag: string, count: number, what: string, ds: DataSet = file.ds): number[] {
  const v = numbers(ds, tag);
  if (!v) throw new InputError(file.name, `missing ${what} (${tagName(tag)})`);
  if (v.length !== count || v.some((x) => !Number.isFinite(x))) throw new InputError(file.name, `${what} (${tagName(tag)}) must be ${count} numbers, got "${ds.string(tag)}"`);
  return v;
}

/** An unsigned short (US) attribute; `fallback` when absent. */
export function uint16(file: DicomFile, tag: string, what: string, fallback?: number): number {
  const el = file.ds.elements[tag];
  if (!el || el.length === 0) {
    if (fallback !== undefined) return fallback;
    throw new InputError(file.name, `missing ${what} (${tagName(tag)})`);
  }
  if (el.length < 2) throw new InputError(file.name, `${what} (${tagName(tag)}) is damaged`);
  return file.ds.uint16(tag)!;
}

/** The items of a sequence attribute (empty when absent). */
export function items(ds: DataSet, tag: string): DataSet[] {
  const el: Element | undefined = ds.elements[tag];
  return (el?.items ?? []).map((item) => item.dataSet).filter((d): d is DataSet => !!d);
}

/** "(gggg,eeee)" for messages. */
export function tagName(tag: string): string {
  return `(${tag.slice(1, 5)},${tag.slice(5, 9)})`.toUpperCase();
}
