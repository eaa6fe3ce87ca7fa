// NRRD (.nrrd with attached data, .nhdr with a detached data file): raw, gzip and ascii encodings,
// all scalar pixel types in either byte order. Voxels keep the file's pixel type.
import type { Volume } from '../volume.js';
import { checkImageBytes, InputError, DEFAULT_MAX_IMAGE_BYTES } from './errors.js';
import { gunzipBounded } from './gzip.js';
import { parseNrrdHeader, type NrrdHeader } from './nrrd-header.js';
import { decodeAsciiPixels, decodePixels, pixelBytes } from './pixels.js';

export interface NrrdReadOptions {
  /** Reads a detached data file named in the header (relative to the header's folder). */
  readDataFile?: (fileName: string) => Uint8Array;
  maxBytes?: number;
}

/** Byte offset just after the header's blank line, or -1 when the header runs to the end (.nhdr). */
function headerEnd(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length, 1 << 20);
  for (let i = 0; i < limit - 1; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return i + 2;
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

export function readNrrd(name: string, bytes: Uint8Array, options: NrrdReadOptions = {}): Volume {
  if (bytes.length < 8 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'NRRD') throw new InputError(name, 'not a NRRD file (missing "NRRD000x" magic line)');
  const end = headerEnd(bytes);
  const headerText = new TextDecoder('latin1').decode(bytes.subarray(0, end < 0 ? Math.min(bytes.length, 1 << 20) : end));
  const header = parseNrrdHeader(name, headerText);
  const count = checkImageBytes(name, header.size, pixelBytes(header.type), options.maxBytes ?? DEFAULT_MAX_IMAGE_BYTES);

  let payload: Uint8Array;
  let source = name;
  if (header.dataFile) {
    if (!options.readDataFile) throw new InputError(name, `detached data file "${header.dataFile}" cannot be read here (pass readDataFile)`);
    source = header.dataFile;
    payload = options.readDataFile(header.dataFile);
  } else {
    if (end < 0) throw new InputError(name, 'truncated: no blank line ends the NRRD header and no data file is named');
    payload = bytes.subarray(end);
  }
  return { data: decodeData(source, header, payload, count), size: header.size, spacing: header.spacing, origin: header.origin, direction: header.direction };
}

function decodeData(name: string, h: NrrdHeader, payload: Uint8Array, count: number) {
  let at = 0;
  for (let line = 0; line < h.lineSkip; line++) {
    const nl = payload.indexOf(0x0a, at);
    if (nl < 0) throw new InputError(name, `truncated: "line skip" ${h.lineSkip} passes the end of the data`);
    at = nl + 1;
  }
  payload = payload.subarray(at);
  const need = count * pixelBytes(h.type);
  if (h.encoding === 'ascii') return decodeAsciiPixels(name, new TextDecoder('latin1').decode(payload.subarray(Math.max(0, h.byteSkip))), h.type, count);
  if (h.encoding === 'gzip') {
    const raw = gunzipBounded(name, payload, () => need + Math.max(0, h.byteSkip));
    return decodePixels(name, raw, Math.max(0, h.byteSkip), h.type, count, h.littleEndian);
  }
  const offset = h.byteSkip === -1 ? payload.length - need : h.byteSkip;
  return decodePixels(name, payload, offset, h.type, count, h.littleEndian);
}
