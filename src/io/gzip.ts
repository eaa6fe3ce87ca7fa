// Bounded gunzip: the output size is decided from the header (or a prefix of the output) before any
// large allocation, so a corrupt or hostile stream cannot take unbounded memory.
import { Gunzip } from 'fflate';
import { InputError } from './errors.js';

const CHUNK = 1 << 20;
// Compressed bytes first given to fflate, doubling up to CHUNK: a mostly-zero mask inflates ~300x, so a
// large first piece would decode much of the volume twice (fflate, then native zlib).
const FIRST_CHUNK = 1 << 8;

type Zlib = typeof import('node:zlib');
// Node's native zlib is several times faster than fflate; browsers get fflate.
const zlib = (globalThis as any).process?.getBuiltinModule?.('node:zlib') as Zlib | undefined;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses `gz`. `sizeFrom(prefix)` is called with the output decoded so far until it returns the
 * total expected size (bytes), which it must have checked against its limits; it may return undefined
 * to ask for more. Fails on corrupt streams and when the decoded size differs from the expected one.
 */
export function gunzipBounded(name: string, gz: Uint8Array, sizeFrom: (prefix: Uint8Array) => number | undefined): Uint8Array {
  let prefix = new Uint8Array(0);
  let out: Uint8Array | undefined;
  let filled = 0;
  let expected = 0;
  let overflow = false;
  let native: Uint8Array | undefined;
  const take = (chunk: Uint8Array) => {
    if (!out) {
      const joined = new Uint8Array(prefix.length + chunk.length);
      joined.set(prefix);
      joined.set(chunk, prefix.length);
      prefix = joined;
      const size = sizeFrom(prefix);
      if (size === undefined) return;
      expected = size;
      // Once the size is known and checked, native zlib decodes the whole stream, bounded by that size.
      if (zlib) {
        native = nativeGunzip(name, gz, expected, zlib);
        return;
      }
      out = new Uint8Array(size);
      chunk = prefix;
      prefix = new Uint8Array(0);
    }
    const room = out.length - filled;
    if (chunk.length > room) overflow = true;
    out.set(chunk.subarray(0, Math.min(room, chunk.length)), filled);
    filled += Math.min(room, chunk.length);
  };
  const stream = new Gunzip((chunk) => {
    if (overflow || native) return;
    take(chunk);
  });
  try {
    // A small first piece: the header (hence the size) decodes without inflating megabytes we would redo natively.
    for (let at = 0, step = FIRST_CHUNK; at < gz.length && !overflow && !native; at += step, step = Math.min(2 * step, CHUNK)) {
      const end = Math.min(gz.length, at + step);
      stream.push(gz.subarray(at, end), end === gz.length);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(name, `corrupt or truncated gzip data (${(err as Error).message})`);
  }
  if (native) return native;
  if (!out) {
    const size = sizeFrom(prefix) ?? -1;
    if (size < 0 || size > prefix.length) throw new InputError(name, `truncated: gzip data ends after ${prefix.length} bytes, before the end of the header or data`);
    return prefix.subarray(0, size);
  }
  if (overflow) throw new InputError(name, `gzip data decodes to more than the ${expected} bytes the header describes`);
  if (filled < expected) throw new InputError(name, `truncated: gzip data decodes to ${filled} bytes, the header describes ${expected}`);
  return out;
}

function nativeGunzip(name: string, gz: Uint8Array, expected: number, z: Zlib): Uint8Array {
  let decoded: Buffer;
  try {
    // one output chunk of the expected size (+1 to notice a longer stream): no 16 KiB pieces to concatenate
    decoded = z.gunzipSync(gz, { maxOutputLength: Math.max(1, expected + 1), chunkSize: Math.max(64, expected + 1) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new InputError(name, `gzip data decodes to more than the ${expected} bytes the header describes`);
    throw new InputError(name, `corrupt or truncated gzip data (${(err as Error).message})`);
  }
  if (decoded.length > expected) throw new InputError(name, `gzip data decodes to more than the ${expected} bytes the header describes`);
  if (decoded.length < expected) throw new InputError(name, `truncated: gzip data decodes to ${decoded.length} bytes, the header describes ${expected}`);
  return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.length);
}
