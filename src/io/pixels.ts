// Raw bytes -> a typed voxel array of the file's own pixel type (copied, aligned, host byte order).
import type { VoxelArray } from '../volume.js';
import { InputError } from './errors.js';

export type PixelType = 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'float32' | 'float64';

type Ctor = { new (length: number): VoxelArray; BYTES_PER_ELEMENT: number };

export const PIXEL_ARRAYS: Record<PixelType, Ctor> = {
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
  float32: Float32Array,
  float64: Float64Array,
};

export function pixelBytes(type: PixelType): number {
  return PIXEL_ARRAYS[type].BYTES_PER_ELEMENT;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Copies `count` voxels starting at `offset`; swaps bytes when the file's order differs from the host's. */
export function decodePixels(name: string, bytes: Uint8Array, offset: number, type: PixelType, count: number, littleEndian: boolean): VoxelArray {
  const ctor = PIXEL_ARRAYS[type];
  const width = ctor.BYTES_PER_ELEMENT;
  const need = count * width;
  if (offset < 0 || offset + need > bytes.length) {
    throw new InputError(name, `truncated: voxel data needs ${need} bytes at offset ${offset} but the file holds ${Math.max(0, bytes.length - offset)}`);
  }
  const out = new ctor(count);
  const raw = new Uint8Array(out.buffer, out.byteOffset, need);
  raw.set(bytes.subarray(offset, offset + need));
  if (width > 1 && littleEndian !== HOST_LITTLE_ENDIAN) swapBytes(raw, width);
  return out;
}

function swapBytes(raw: Uint8Array, width: number): void {
  for (let i = 0; i < raw.length; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = raw[a];
      raw[a] = raw[b];
      raw[b] = t;
    }
  }
}

/** Parses whitespace/comma separated numbers (NRRD ascii encoding) into the pixel type. */
export function decodeAsciiPixels(name: string, text: string, type: PixelType, count: number): VoxelArray {
  const out = new PIXEL_ARRAYS[type](count);
  const tokens = text.split(/[\s,]+/).filter(Boolean);
  if (tokens.length < count) throw new InputError(name, `truncated: ascii data has ${tokens.length} values, the header says ${count}`);
  const big = type === 'int64' || type === 'uint64';
  for (let i = 0; i < count; i++) {
    const v = Number(tokens[i]);
    if (Number.isNaN(v) && !/^nan$/i.test(tokens[i])) throw new InputError(name, `ascii data value ${i} ("${tokens[i].slice(0, 20)}") is not a number`);
    if (big) (out as BigInt64Array)[i] = BigInt(Math.trunc(v));
    else (out as Float64Array)[i] = v;
  }
  return out;
}
