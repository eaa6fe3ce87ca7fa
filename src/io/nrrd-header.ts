// NRRD header text -> the fields we use (teem's format spec, NRRD0001-0005). Geometry is converted
// to LPS the way ITK's NrrdImageIO does: spacing = |space direction|, direction = its unit vector.
import { InputError } from './errors.js';
import type { PixelType } from './pixels.js';
import type { Vec3 } from '../volume.js';

export interface NrrdHeader {
  type: PixelType;
  /** Sizes of the spatial axes, padded to 3. */
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: number[];
  encoding: 'raw' | 'gzip' | 'ascii';
  littleEndian: boolean;
  /** Detached data file name (relative to the header's folder), if any. */
  dataFile?: string;
  byteSkip: number;
  lineSkip: number;
}

const TYPES: Record<string, PixelType> = {};
const typeNames: [PixelType, string[]][] = [
  ['int8', ['signed char', 'int8', 'int8_t']],
  ['uint8', ['uchar', 'unsigned char', 'uint8', 'uint8_t']],
  ['int16', ['short', 'short int', 'signed short', 'signed short int', 'int16', 'int16_t']],
  ['uint16', ['ushort', 'unsigned short', 'unsigned short int', 'uint16', 'uint16_t']],
  ['int32', ['int', 'signed int', 'int32', 'int32_t']],
  ['uint32', ['uint', 'unsigned int', 'uint32', 'uint32_t']],
  ['int64', ['longlong', 'long long', 'long long int', 'signed long long', 'signed long long int', 'int64', 'int64_t']],
  ['uint64', ['ulonglong', 'unsigned long long', 'unsigned long long int', 'uint64', 'uint64_t']],
  ['float32', ['float']],
  ['float64', ['double']],
];
for (const [t, names] of typeNames) for (const n of names) TYPES[n] = t;

/** Sign flips that take each supported 'space' to LPS (ITK applies the same). */
const SPACE_TO_LPS: Record<string, Vec3> = {
  'left-posterior-superior': [1, 1, 1],
  lps: [1, 1, 1],
  'right-anterior-superior': [-1, -1, 1],
  ras: [-1, -1, 1],
  'left-anterior-superior': [1, -1, 1],
  las: [1, -1, 1],
  'scanner-xyz': [1, 1, 1],
  '3d-right-handed': [1, 1, 1],
};

/** Parses the header lines (magic line first, no blank line). */
export function parseNrrdHeader(name: string, text: string): NrrdHeader {
  const lines = text.split(/\r?\n/);
  if (!/^NRRD000[1-5]$/.test(lines[0]?.trim() ?? '')) throw new InputError(name, 'not a NRRD file (missing "NRRD000x" magic line)');
  const fields = new Map<string, string>();
  for (const line of lines.slice(1)) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (/^[^:]*:=/.test(line)) continue; // key:=value pairs are free-form metadata
    const colon = line.indexOf(': ');
    if (colon < 0) throw new InputError(name, `malformed NRRD header line "${line.slice(0, 60)}"`);
    fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 2).trim());
  }
  const field = (key: string) => {
    const v = fields.get(key);
    if (v === undefined) throw new InputError(name, `NRRD header has no "${key}" field`);
    return v;
  };

  const typeName = field('type').toLowerCase();
  const type = TYPES[typeName];
  if (!type) throw new InputError(name, `unsupported NRRD pixel type "${typeName}"`);
  const dimension = Number(field('dimension'));
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > 16) throw new InputError(name, `invalid NRRD dimension "${fields.get('dimension')}"`);
  const sizes = field('sizes').split(/\s+/).map(Number);
  if (sizes.length !== dimension || sizes.some((s) => !Number.isSafeInteger(s) || s < 1)) {
    throw new InputError(name, `invalid NRRD sizes "${field('sizes')}" for dimension ${dimension}`);
  }

  const encodingName = field('encoding').toLowerCase();
  const encoding = ({ raw: 'raw', gzip: 'gzip', gz: 'gzip', ascii: 'ascii', text: 'ascii', txt: 'ascii' } as const)[encodingName as 'raw'];
  if (!encoding) throw new InputError(name, `unsupported NRRD encoding "${encodingName}" (raw, gzip and ascii are supported)`);
  const endian = (fields.get('endian') ?? 'little').toLowerCase();
  if (endian !== 'little' && endian !== 'big') throw new InputError(name, `invalid NRRD endian "${endian}"`);

  const geometry = parseGeometry(name, fields, sizes);
  const dataFile = fields.get('data file') ?? fields.get('datafile');
  if (dataFile && (/^LIST/.test(dataFile) || /%/.test(dataFile) || /\s\d+\s+\d+/.test(dataFile))) {
    throw new InputError(name, `multi-file NRRD data ("${dataFile}") is not supported`);
  }
  const byteSkip = Number(fields.get('byte skip') ?? 0);
  const lineSkip = Number(fields.get('line skip') ?? 0);
  if (!Number.isInteger(byteSkip) || byteSkip < -1 || !Number.isInteger(lineSkip) || lineSkip < 0) {
    throw new InputError(name, 'invalid NRRD "byte skip" or "line skip"');
  }
  return { type, ...geometry, encoding, littleEndian: endian === 'little', dataFile, byteSkip, lineSkip };
}

function parseGeometry(name: string, fields: Map<string, string>, sizes: number[]) {
  const spaceName = fields.get('space')?.toLowerCase();
  let flip: Vec3 = [1, 1, 1];
  if (spaceName !== undefined) {
    const f = SPACE_TO_LPS[spaceName];
    if (!f) throw new InputError(name, `unsupported NRRD space "${spaceName}" (LPS, RAS, LAS and scanner-xyz are supported)`);
    flip = f;
  }
  const directionsText = fields.get('space directions');
  const spatial: { axis: number; vector: number[] | null }[] = [];
  if (directionsText !== undefined) {
    const tokens = directionsText.match(/\([^)]*\)|none/gi) ?? [];
    if (tokens.length !== sizes.length) throw new InputError(name, `NRRD "space directions" has ${tokens.length} entries for ${sizes.length} axes`);
    tokens.forEach((t, axis) => {
      if (t.toLowerCase() === 'none') {
        if (sizes[axis] > 1) throw new InputError(name, `${sizes[axis]}-component (vector) pixels are not supported (scalar images only)`);
        return;
      }
      const v = t.slice(1, -1).split(',').map(Number);
      if (v.length < 2 || v.length > 3 || v.some((x) => !Number.isFinite(x))) throw new InputError(name, `invalid NRRD space direction "${t}"`);
      spatial.push({ axis, vector: v });
    });
  } else {
    for (let axis = 0; axis < sizes.length; axis++) spatial.push({ axis, vector: null });
  }
  const nonSpatialBig = sizes.some((s, axis) => s > 1 && !spatial.some((a) => a.axis === axis));
  if (nonSpatialBig || spatial.length > 3) throw new InputError(name, `${sizes.length}-dimensional NRRD images are not supported (2D or 3D scalar images only)`);

  const spacingsText = fields.get('spacings')?.split(/\s+/).map(Number);
  const size: Vec3 = [1, 1, 1];
  const spacing: Vec3 = [1, 1, 1];
  const direction = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  spatial.forEach(({ axis, vector }, c) => {
    size[c] = sizes[axis];
    if (vector) {
      const norm = Math.hypot(...vector);
      if (!(norm > 0)) throw new InputError(name, `NRRD space direction of axis ${axis} has zero length`);
      spacing[c] = norm;
      for (let r = 0; r < 3; r++) direction[r * 3 + c] = ((vector[r] ?? 0) / norm) * flip[r] + 0; // + 0 turns -0 into 0
    } else {
      const s = spacingsText?.[axis];
      spacing[c] = s !== undefined && Number.isFinite(s) && s > 0 ? s : 1;
    }
  });
  let origin: Vec3 = [0, 0, 0];
  const originText = fields.get('space origin');
  if (originText !== undefined) {
    const o = originText.replace(/[()]/g, '').split(',').map(Number);
    if (o.length < 2 || o.length > 3 || o.some((x) => !Number.isFinite(x))) throw new InputError(name, `invalid NRRD space origin "${originText}"`);
    origin = [o[0] * flip[0] + 0, o[1] * flip[1] + 0, (o[2] ?? 0) * flip[2] + 0];
  } else if (fields.has('axis mins')) {
    const mins = fields.get('axis mins')!.split(/\s+/).map(Number);
    spatial.forEach(({ axis }, c) => (origin[c] = Number.isFinite(mins[axis]) ? mins[axis] : 0));
  }
  return { size, spacing, origin, direction };
}
