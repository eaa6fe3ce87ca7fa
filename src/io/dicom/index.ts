// DICOM input: image series (a folder, or one file of the series), RTSTRUCT and DICOM-SEG masks.
// The *Bytes/*Files functions work anywhere (browser too); the path functions read files in Node.
import type { Volume } from '../../volume.js';
import { InputError } from '../errors.js';
import { isDicomPart10, parseDicomFile, text, TAG } from './dataset.js';
import { readDicomSeriesFiles, type DicomSeriesOptions, type DicomSource } from './series.js';
import { readRtstructMaskBytes } from './rtstruct.js';
import { readDicomSegMaskBytes } from './seg.js';

export { readDicomSeriesFiles, type DicomSeriesOptions, type DicomSource } from './series.js';
export { readRtstructMaskBytes, rtstructRoiNames } from './rtstruct.js';
export { readDicomSegMaskBytes, dicomSegSegments, type SegSegment } from './seg.js';
export { isDicomPart10 } from './dataset.js';

/** Folders deeper than this below the given one are not searched for slices. */
const MAX_DEPTH = 4;
/** More files than this in one series folder is refused rather than read. */
const MAX_FILES = 100_000;

/**
 * Reads a DICOM image series (Node). `path` is a folder (searched a few levels deep; it must hold one
 * image series unless `seriesUid` picks one) or one file of the series (its folder is read).
 */
export function readDicomSeries(path: string, options: DicomSeriesOptions = {}): Volume {
  const fs = node<typeof import('node:fs')>('node:fs');
  const nodePath = node<typeof import('node:path')>('node:path');
  if (!isDirectory(path)) {
    const bytes = readBytes(path);
    if (!isDicomPart10(bytes)) throw new InputError(path, 'not a DICOM file (no "DICM" marker at byte 128)');
    const seriesUid = options.seriesUid ?? text(parseDicomFile(path, bytes).ds, TAG.seriesInstanceUid);
    return readDicomSeries(nodePath.dirname(path), { ...options, seriesUid });
  }
  const files: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = nodePath.join(dir, entry.name);
      if (entry.isDirectory() && depth < MAX_DEPTH) walk(full, depth + 1);
      else if (entry.isFile()) files.push(full);
      if (files.length > MAX_FILES) throw new InputError(path, `holds more than ${MAX_FILES} files: point at the series folder itself`);
    }
  };
  walk(path, 0);
  const sources: DicomSource[] = files.map((name) => ({ name, bytes: readBytes(name) }));
  return readDicomSeriesFiles(path, sources, options);
}

/** ROI `roiName` of an RTSTRUCT file as a mask on `reference`'s grid (Node). */
export function readRtstructMask(path: string, reference: Volume, roiName?: string): Volume<Uint8Array> {
  return readRtstructMaskBytes(path, readBytes(path), reference, roiName);
}

/** Segment `segment` (number or label) of a DICOM-SEG file as a mask on `reference`'s grid (Node). */
export function readDicomSegMask(path: string, reference: Volume, segment?: number | string): Volume<Uint8Array> {
  return readDicomSegMaskBytes(path, readBytes(path), reference, segment);
}

/** 'RTSTRUCT', 'SEG', another modality, or null when the bytes are not DICOM Part 10. */
export function dicomModality(name: string, bytes: Uint8Array): string | null {
  if (!isDicomPart10(bytes)) return null;
  return text(parseDicomFile(name, bytes).ds, TAG.modality)?.toUpperCase() ?? '';
}

/**
 * A mask for `reference` from a file (Node): an RTSTRUCT (ROI `roi`, required when it holds several),
 * a DICOM-SEG (segment `roi`, number or label), or null when the file is neither, for the caller to read
 * as an ordinary label image.
 */
export function readDicomMask(path: string, reference: Volume, roi?: string): Volume<Uint8Array> | null {
  if (isDirectory(path)) return null;
  const bytes = readBytes(path);
  const modality = dicomModality(path, bytes);
  if (modality === 'RTSTRUCT') return readRtstructMaskBytes(path, bytes, reference, roi);
  if (modality === 'SEG') return readDicomSegMaskBytes(path, bytes, reference, roi);
  return null;
}

/** True for a folder or a DICOM Part 10 file: what `readImage` hands to `readDicomSeries` (Node). */
export function isDicomSeriesPath(path: string): boolean {
  if (isDirectory(path)) return true;
  const fs = node<typeof import('node:fs')>('node:fs');
  try {
    const head = new Uint8Array(132);
    const fd = fs.openSync(path, 'r');
    try {
      return fs.readSync(fd, head, 0, 132, 0) === 132 && isDicomPart10(head);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

export function isDirectory(path: string): boolean {
  const fs = node<typeof import('node:fs')>('node:fs');
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readBytes(path: string): Uint8Array {
  const fs = node<typeof import('node:fs')>('node:fs');
  try {
    return fs.readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${(err as Error).message})`);
  }
}

function node<T>(id: string): T {
  const get = (globalThis as any).process?.getBuiltinModule;
  if (typeof get !== 'function') throw new Error(`${id} is not available: use the *Bytes DICOM readers outside Node`);
  return get(id) as T;
}
