// Errors about a named input (a file, a parameter, an image object): the message is one line,
// "<input>: <problem>", so a CLI can print it as is and a library caller can still read both parts.

export class InputError extends Error {
  readonly input: string;
  readonly problem: string;
  constructor(input: string, problem: string) {
    super(`${input}: ${problem}`);
    this.name = 'InputError';
    this.input = input;
    this.problem = problem;
  }
}

/** Largest image (voxel bytes) a reader will allocate unless told otherwise: 2 GiB. */
export const DEFAULT_MAX_IMAGE_BYTES = 2 * 1024 ** 3;

/** Fails before allocating when `count` voxels of `bytesPerVoxel` exceed `maxBytes`. */
export function checkImageBytes(name: string, size: readonly number[], bytesPerVoxel: number, maxBytes = DEFAULT_MAX_IMAGE_BYTES): number {
  let count = 1;
  for (const s of size) {
    if (!Number.isSafeInteger(s) || s < 1) throw new InputError(name, `invalid size ${size.join('x')} (each size must be a positive integer)`);
    count *= s;
  }
  const bytes = count * bytesPerVoxel;
  if (!Number.isSafeInteger(bytes) || bytes > maxBytes) {
    const gib = (n: number) => (n / 1024 ** 3).toFixed(n < 1024 ** 3 ? 3 : 1);
    throw new InputError(name, `size ${size.join('x')} would need ${gib(bytes)} GiB of voxel data, above the limit of ${gib(maxBytes)} GiB`);
  }
  return count;
}
