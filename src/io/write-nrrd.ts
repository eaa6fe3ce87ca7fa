// Writes a Volume as NRRD (gzip-encoded unless raw is asked), with LPS space directions, so that
// pyradiomics/SimpleITK/3D Slicer read back the same geometry.
import { gzipSync } from 'fflate';
import type { Volume } from '../volume.js';

const NRRD_TYPES: Record<string, string> = {
  Int8Array: 'int8',
  Uint8Array: 'uint8',
  Int16Array: 'int16',
  Uint16Array: 'uint16',
  Int32Array: 'int32',
  Uint32Array: 'uint32',
  Float32Array: 'float',
  Float64Array: 'double',
};

/** NRRD file bytes for a volume. */
export function encodeNrrd(volume: Volume, { gzip = true } = {}): Uint8Array {
  const type = NRRD_TYPES[volume.data.constructor.name];
  if (!type) throw new Error(`cannot write ${volume.data.constructor.name} voxels as NRRD`);
  const d = volume.direction;
  const s = volume.spacing;
  // Column c of the direction matrix, scaled by spacing c, is the space direction of axis c.
  const axis = (c: number) => `(${[d[c] * s[c], d[3 + c] * s[c], d[6 + c] * s[c]].map(fmt).join(',')})`;
  const header = [
    'NRRD0004',
    `type: ${type}`,
    'dimension: 3',
    'space: left-posterior-superior',
    `sizes: ${volume.size.join(' ')}`,
    `space directions: ${axis(0)} ${axis(1)} ${axis(2)}`,
    'kinds: domain domain domain',
    'endian: little',
    `encoding: ${gzip ? 'gzip' : 'raw'}`,
    `space origin: (${volume.origin.map(fmt).join(',')})`,
    '',
    '',
  ].join('\n');
  const raw = new Uint8Array(volume.data.buffer, volume.data.byteOffset, volume.data.byteLength);
  const body = gzip ? gzipSync(raw, { level: 1 }) : raw;
  const out = new Uint8Array(header.length + body.length);
  out.set(new TextEncoder().encode(header), 0);
  out.set(body, header.length);
  return out;
}

function fmt(x: number): string {
  return String(x === 0 ? 0 : x);
}
