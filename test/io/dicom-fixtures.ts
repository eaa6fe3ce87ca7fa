// A minimal DICOM Part 10 writer (explicit VR little endian, defined-length sequences) for test inputs
// that the shared data lacks: DICOM-SEG files made from reference masks, and damaged/compressed files.
import type { Vec3, Volume } from '../../src/volume.js';
import { concat } from './fixtures.js';

export type Value = string | number[] | Uint8Array | Item[];
export type Item = Array<[number, string, Value]>;

const LONG_VRS = new Set(['OB', 'OW', 'OF', 'SQ', 'UT', 'UN']);
const enc = new TextEncoder();

function valueBytes(vr: string, value: Value): Uint8Array {
  if (value instanceof Uint8Array) return value.length % 2 ? concat(value, new Uint8Array(1)) : value;
  if (Array.isArray(value) && vr === 'SQ') {
    return concat(...(value as Item[]).map((item) => {
      const body = encodeItems(item);
      const head = new DataView(new ArrayBuffer(8));
      head.setUint16(0, 0xfffe, true);
      head.setUint16(2, 0xe000, true);
      head.setUint32(4, body.length, true);
      return concat(new Uint8Array(head.buffer), body);
    }));
  }
  if (vr === 'US' || vr === 'UL') {
    const nums = value as number[];
    const width = vr === 'US' ? 2 : 4;
    const dv = new DataView(new ArrayBuffer(nums.length * width));
    nums.forEach((n, i) => (width === 2 ? dv.setUint16(i * 2, n, true) : dv.setUint32(i * 4, n, true)));
    return new Uint8Array(dv.buffer);
  }
  const s = Array.isArray(value) ? (value as number[]).join('\\') : (value as string);
  const bytes = enc.encode(s);
  return bytes.length % 2 ? concat(bytes, new Uint8Array([vr === 'UI' ? 0 : 0x20])) : bytes;
}

function encodeElement(tag: number, vr: string, value: Value): Uint8Array {
  const data = valueBytes(vr, value);
  const long = LONG_VRS.has(vr);
  const head = new DataView(new ArrayBuffer(long ? 12 : 8));
  head.setUint16(0, tag >>> 16, true);
  head.setUint16(2, tag & 0xffff, true);
  head.setUint8(4, vr.charCodeAt(0));
  head.setUint8(5, vr.charCodeAt(1));
  if (long) head.setUint32(8, data.length, true);
  else head.setUint16(6, data.length, true);
  return concat(new Uint8Array(head.buffer), data);
}

function encodeItems(elements: Item): Uint8Array {
  return concat(...[...elements].sort((a, b) => a[0] - b[0]).map(([tag, vr, value]) => encodeElement(tag, vr, value)));
}

/** A Part 10 file: preamble, meta header (transfer syntax `ts`), then the data set in explicit VR LE. */
export function dicomFile(elements: Item, ts = '1.2.840.10008.1.2.1'): Uint8Array {
  const meta = encodeItems([
    [0x00020001, 'OB', new Uint8Array([0, 1])],
    [0x00020002, 'UI', '1.2.840.10008.5.1.4.1.1.66.4'],
    [0x00020003, 'UI', '1.2.3.4.5'],
    [0x00020010, 'UI', ts],
  ]);
  const groupLength = encodeElement(0x00020000, 'UL', [meta.length]);
  const preamble = new Uint8Array(132);
  preamble.set(enc.encode('DICM'), 128);
  return concat(preamble, groupLength, meta, encodeItems(elements));
}

/** Packs 0/1 pixels 8 per byte, least significant bit first, as DICOM-SEG BINARY frames are. */
export function packBits(bits: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bits.length / 8));
  for (let i = 0; i < bits.length; i++) if (bits[i]) out[i >> 3] |= 1 << (i & 7);
  return out;
}

export interface SegSegmentSpec {
  label: string;
  /** 0/1 mask on `grid` (x fastest). */
  mask: Uint8Array;
}

/**
 * A DICOM-SEG of `segments` drawn on `grid` (axis-aligned or not), one frame per slice that holds any
 * voxel of a segment; `fractional` writes 8-bit FRACTIONAL frames (255 inside) instead of 1-bit BINARY.
 */
export function segFile(grid: Volume, segments: SegSegmentSpec[], fractional = false): Uint8Array {
  const [nx, ny, nz] = grid.size;
  const d = grid.direction;
  const frames: { segment: number; k: number; pixels: Uint8Array }[] = [];
  segments.forEach((s, si) => {
    for (let k = 0; k < nz; k++) {
      const pixels = s.mask.subarray(k * nx * ny, (k + 1) * nx * ny);
      if (pixels.some((v) => v)) frames.push({ segment: si + 1, k, pixels });
    }
  });
  const position = (k: number): Vec3 => [0, 1, 2].map((r) => grid.origin[r] + d[3 * r + 2] * grid.spacing[2] * k) as Vec3;
  const all = concat(...frames.map((f) => f.pixels));
  return dicomFile([
    [0x00080060, 'CS', 'SEG'],
    [0x00280002, 'US', [1]],
    [0x00280008, 'IS', String(frames.length)],
    [0x00280010, 'US', [ny]],
    [0x00280011, 'US', [nx]],
    [0x00280100, 'US', [fractional ? 8 : 1]],
    [0x00280101, 'US', [fractional ? 8 : 1]],
    [0x00280103, 'US', [0]],
    [0x00620001, 'CS', fractional ? 'FRACTIONAL' : 'BINARY'],
    [0x0062000e, 'US', [255]],
    [0x00620002, 'SQ', segments.map((s, si) => [[0x00620004, 'US', [si + 1]], [0x00620005, 'LO', s.label]] as Item)],
    [0x52009229, 'SQ', [[
      [0x00209116, 'SQ', [[[0x00200037, 'DS', [d[0], d[3], d[6], d[1], d[4], d[7]]]]]],
      [0x00289110, 'SQ', [[[0x00280030, 'DS', [grid.spacing[1], grid.spacing[0]]], [0x00180050, 'DS', [grid.spacing[2]]], [0x00180088, 'DS', [grid.spacing[2]]]]]],
    ]]],
    [0x52009230, 'SQ', frames.map((f) => [
      [0x00209113, 'SQ', [[[0x00200032, 'DS', position(f.k)]]]],
      [0x0062000a, 'SQ', [[[0x0062000b, 'US', [f.segment]]]]],
    ] as Item)],
    [0x7fe00010, 'OB', fractional ? all.map((v) => (v ? 255 : 0)) : packBits(all)],
  ]);
}
