// One test per kind of bad input: each must fail with one clear line naming the input and the problem.
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { extract, extractFromFiles } from '../../src/extract.js';
import { readImage, readImageBytes } from '../../src/io/index.js';
import { WasmArena } from '../../src/wasm/arena.js';
import type { Volume } from '../../src/volume.js';
import { dataPath } from '../helpers.js';
import { bytesOf, concat, nifti1, nrrd, tempDir, writeFile } from '../io/fixtures.js';

const dir = tempDir('radiomics-errors-');
const nrrdHeader = ['type: short', 'dimension: 3', 'sizes: 3 2 2', 'endian: little', 'space: LPS', 'space directions: (1,0,0) (0,1,0) (0,0,1)'];
const goodData = bytesOf(new Array(12).fill(5), 'int16');

/** A 6x6x6 test case: image values 0..215, mask label 1 on a 3x3x3 block unless given. */
function volume(data: ArrayLike<number>, ctor: { from(a: ArrayLike<number>): Volume['data'] } = Float64Array, geometry: Partial<Volume> = {}): Volume {
  return { data: ctor.from(data), size: [6, 6, 6], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], ...geometry };
}
const image = volume(Array.from({ length: 216 }, (_, i) => i));
function block(value = 1, size = 3): number[] {
  const m = new Array(216).fill(0);
  for (let z = 1; z < 1 + size; z++) for (let y = 1; y < 1 + size; y++) for (let x = 1; x < 1 + size; x++) m[x + 6 * (y + 6 * z)] = value;
  return m;
}
const oneLine = (message: string) => expect(message.split('\n')).toHaveLength(1);
async function failure(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    const message = (err as Error).message;
    oneLine(message);
    return message;
  }
  throw new Error('expected an error');
}

describe('unreadable, corrupt and truncated files', () => {
  it('missing file', async () => expect(await failure(() => readImage(join(dir, 'none.nrrd')))).toBe(`${join(dir, 'none.nrrd')}: no such file`));
  it('a directory instead of a file', async () => {
    mkdirSync(join(dir, 'folder.nrrd'), { recursive: true });
    // a folder is read as a DICOM series (src/io/dicom): one line naming it
    expect(await failure(() => readImage(join(dir, 'folder.nrrd')))).toMatch(/folder.nrrd: (is a directory|no DICOM image slices found)/);
  });
  it('empty file', async () => expect(await failure(() => readImage(writeFile(dir, 'empty.nii', new Uint8Array(0))))).toMatch(/empty.nii: (empty file|truncated)/));
  it('garbage with a .nrrd name', async () => expect(await failure(() => readImageBytes('x.nrrd', new Uint8Array(100).fill(65)))).toBe('x.nrrd: not a NRRD file (missing "NRRD000x" magic line)'));
  it('corrupt gzip data in a NRRD', async () => {
    const bytes = nrrd([...nrrdHeader, 'encoding: gzip'], goodData, true);
    bytes[bytes.length - 12] ^= 0xff;
    bytes[bytes.length - 14] ^= 0x5a;
    expect(await failure(() => readImageBytes('c.nrrd', bytes))).toMatch(/^c.nrrd: (corrupt or truncated gzip data|truncated|gzip data decodes)/);
  });
  it('truncated raw NRRD data', async () => {
    const bytes = nrrd([...nrrdHeader, 'encoding: raw'], goodData.subarray(0, 20));
    expect(await failure(() => readImageBytes('t.nrrd', bytes))).toBe('t.nrrd: truncated: voxel data needs 24 bytes at offset 0 but the file holds 20');
  });
  it('truncated gzip NRRD data', async () => {
    const gz = gzipSync(goodData);
    const bytes = concat(['NRRD0004', ...nrrdHeader, 'encoding: gzip'].join('\n') + '\n\n', gz.subarray(0, gz.length - 12));
    expect(await failure(() => readImageBytes('t.nrrd', bytes))).toMatch(/^t.nrrd: (corrupt or truncated gzip data|truncated)/);
  });
  it('truncated NIfTI (header and data)', async () => {
    const full = nifti1({ dims: [3, 3, 2, 2], datatype: 4, bitpix: 16, pixdim: [1, 1, 1, 1] }, goodData);
    expect(await failure(() => readImageBytes('h.nii', full.subarray(0, 200)))).toBe('h.nii: truncated: the NIfTI header is incomplete');
    expect(await failure(() => readImageBytes('d.nii', full.subarray(0, full.length - 4)))).toMatch(/^d.nii: truncated: voxel data needs 24 bytes/);
    expect(await failure(() => readImageBytes('g.nii.gz', gzipSync(full).subarray(0, 40)))).toMatch(/^g.nii.gz: (corrupt or truncated gzip data|truncated)/);
  });
  it('malformed NRRD header line', async () => expect(await failure(() => readImageBytes('m.nrrd', nrrd(['type short', ...nrrdHeader], goodData)))).toBe('m.nrrd: malformed NRRD header line "type short"'));
});

describe('unsupported formats and pixel types', () => {
  it('unknown format', async () => expect(await failure(() => readImageBytes('scan.mha', new TextEncoder().encode('ObjectType = Image\n')))).toBe('scan.mha: unsupported image format (NRRD .nrrd/.nhdr and NIfTI .nii/.nii.gz are supported)'));
  it('NRRD block type and bzip2 encoding', async () => {
    expect(await failure(() => readImageBytes('b.nrrd', nrrd(['type: block', 'dimension: 3', 'sizes: 1 1 1', 'encoding: raw'], new Uint8Array(1))))).toBe('b.nrrd: unsupported NRRD pixel type "block"');
    expect(await failure(() => readImageBytes('z.nrrd', nrrd([...nrrdHeader, 'encoding: bzip2'], goodData)))).toMatch(/z.nrrd: unsupported NRRD encoding "bzip2"/);
  });
  it('NRRD vector pixels', async () => {
    const header = ['type: short', 'dimension: 4', 'sizes: 3 3 2 2', 'endian: little', 'encoding: raw', 'space: LPS', 'space directions: none (1,0,0) (0,1,0) (0,0,1)'];
    expect(await failure(() => readImageBytes('v.nrrd', nrrd(header, bytesOf(new Array(36).fill(1), 'int16'))))).toBe('v.nrrd: 3-component (vector) pixels are not supported (scalar images only)');
  });
  it('NIfTI complex and RGB pixels, 4D series', async () => {
    expect(await failure(() => readImageBytes('c.nii', nifti1({ dims: [3, 1, 1, 1], datatype: 32, bitpix: 64, pixdim: [1, 1, 1, 1] }, new Uint8Array(8))))).toMatch(/c.nii: unsupported NIfTI pixel type complex64/);
    expect(await failure(() => readImageBytes('r.nii', nifti1({ dims: [3, 1, 1, 1], datatype: 128, bitpix: 24, pixdim: [1, 1, 1, 1] }, new Uint8Array(3))))).toMatch(/r.nii: unsupported NIfTI pixel type RGB24/);
    expect(await failure(() => readImageBytes('t.nii', nifti1({ dims: [4, 1, 1, 1, 3], datatype: 4, bitpix: 16, pixdim: [1, 1, 1, 1, 1] }, new Uint8Array(6))))).toMatch(/t.nii: 4-dimensional NIfTI images are not supported/);
  });
});

describe('absurd sizes fail before allocating', () => {
  it('NRRD header asking for 6e15 voxels', async () => {
    const bytes = nrrd(['type: short', 'dimension: 3', 'sizes: 200000 200000 150000', 'endian: little', 'encoding: gzip'], new Uint8Array(0));
    expect(await failure(() => readImageBytes('huge.nrrd', bytes))).toMatch(/^huge.nrrd: size 200000x200000x150000 would need .* GiB of voxel data, above the limit of 2.0 GiB/);
  });
  it('NIfTI header asking for 32767^3 float64 voxels, also inside gzip', async () => {
    const header = nifti1({ dims: [3, 32767, 32767, 32767], datatype: 64, bitpix: 64, pixdim: [1, 1, 1, 1] }, new Uint8Array(0));
    expect(await failure(() => readImageBytes('huge.nii', header))).toMatch(/^huge.nii: size 32767x32767x32767 would need/);
    expect(await failure(() => readImageBytes('huge.nii.gz', gzipSync(header)))).toMatch(/^huge.nii.gz: size 32767x32767x32767 would need/);
  });
  it('a configurable limit', async () => {
    expect(await failure(() => readImage(dataPath('pyradiomics', 'images', 'brain1_image.nrrd'), { maxBytes: 1e6 }))).toMatch(/brain1_image.nrrd: size 256x256x25 would need 0.003 GiB of voxel data, above the limit of 0.001 GiB/);
  });
  it('an ROI above the wasm memory budget', async () => {
    const small = new WasmArena(undefined, 1024);
    expect(await failure(extract(image, volume(block()), {}, { arena: small }))).toMatch(/needs \d+ MiB, above the memory budget of 0 MiB/);
  });
});

describe('masks', () => {
  it('empty mask', async () => expect(await failure(extract(image, volume(new Array(216).fill(0))))).toBe('mask: label 1 is not present; the mask is empty (all voxels are 0)'));
  it('label not present lists the labels that are', async () => {
    const m = block(2);
    m[0] = 7;
    expect(await failure(extract(image, volume(m), {}, { label: 1 }))).toBe('mask: label 1 is not present; labels present: 2, 7');
  });
  it('0/255 mask', async () => expect(await failure(extract(image, volume(block(255), Uint8Array)))).toBe('mask: label 1 is not present; labels present: 255'));
  it('non-integer (probability) mask', async () => {
    const m = block(1).map((v) => v * 0.5);
    expect(await failure(extract(image, volume(m, Float32Array)))).toBe('mask: voxel (1, 1, 1) has the non-integer value 0.5: a mask must hold integer labels (not probabilities)');
  });
  it('negative labels', async () => expect(await failure(extract(image, volume(block(-1), Int16Array)))).toMatch(/^mask: voxel \(1, 1, 1\) has the negative label -1/));
  it('single voxel, too few dimensions, too small', async () => {
    expect(await failure(extract(image, volume(block(1, 1))))).toBe('mask: label 1 has a single voxel; features cannot be computed from one voxel');
    const flat = new Array(216).fill(0);
    flat[7] = flat[8] = flat[9] = 1;
    expect(await failure(extract(image, volume(flat)))).toBe('mask: the ROI spans 1 dimension(s) (bounding box 3x1x1), fewer than minimumROIDimensions = 2');
    expect(await failure(extract(image, volume(block()), { setting: { minimumROISize: 27 } }))).toBe('mask: the ROI has 27 voxels, not more than minimumROISize = 27');
  });
  it('resegmentation leaving one voxel', async () => {
    expect(await failure(extract(image, volume(block()), { setting: { resegmentRange: [86, 86] } }))).toBe('mask: resegmentation (absolute, values in [86, 86]) kept 1 voxel(s) of label 1; at least 2 are needed');
  });
});

describe('geometry mismatch between image and mask', () => {
  it('names the field and the difference', async () => {
    expect(await failure(extract(image, volume(block(), Float64Array, { origin: [0, 0.5, 0] })))).toBe('mask: geometry mismatch with the image: origin[1] is 0.5, the image\'s is 0 (differs by 0.500, tolerance 1.00e-6); set geometryTolerance or correctMask: true');
    expect(await failure(extract(image, volume(block(), Float64Array, { spacing: [1, 1, 1.01] })))).toMatch(/^mask: geometry mismatch with the image: spacing\[2\] is 1.01, the image's is 1 \(differs by 0.0100/);
    expect(await failure(extract(image, volume(block(), Float64Array, { direction: [0, 1, 0, 1, 0, 0, 0, 0, 1] })))).toMatch(/^mask: geometry mismatch with the image: direction\[0\] is 0/);
    const other = { data: new Float64Array(5 * 6 * 6).fill(1), size: [5, 6, 6], spacing: [1, 1, 1], origin: [0, 0, 0] };
    expect(await failure(extract(image, other))).toMatch(/^mask: geometry mismatch with the image: size 5x6x6 differs from the image size 6x6x6/);
  });
  it('geometryTolerance accepts small differences; correctMask resamples the mask onto the image grid', async () => {
    const shifted = volume(block(), Float64Array, { origin: [0, 1e-4, 0] });
    const tolerant = await extract(image, shifted, { setting: { geometryTolerance: 1e-3 }, featureClass: { firstorder: ['Mean'] } });
    expect(tolerant.original_firstorder_Mean).toBe(image.data[1 + 6 * (1 + 6 * 1)] + 43); // mean of the block: centre voxel (2,2,2) = 86
    // the mask one voxel further along x: corrected by nearest-neighbour resampling to the same ROI moved by one voxel
    const moved = volume(block(), Float64Array, { origin: [1, 0, 0] });
    const corrected = await extract(image, moved, { setting: { correctMask: true }, featureClass: { firstorder: ['Mean'] } });
    expect(corrected.original_firstorder_Mean).toBe(87);
    expect(corrected['diagnostics_Mask-corrected_BoundingBox']).toEqual([2, 1, 1, 3, 3, 3]);
  });
  it('correctMask still fails when the ROI lies outside the image', async () => {
    const far = volume(block(), Float64Array, { origin: [100, 0, 0] });
    expect(await failure(extract(image, far, { setting: { correctMask: true } }))).toMatch(/^mask: cannot correct the mask: the ROI extends outside the image on axis x/);
  });
});

describe('NaN and infinite intensities', () => {
  it('inside the ROI: an error naming the first voxel', async () => {
    const data = Float32Array.from(image.data as Float64Array);
    data[2 + 6 * (2 + 6 * 2)] = NaN;
    data[3 + 6 * (2 + 6 * 2)] = Infinity;
    expect(await failure(extract({ ...image, data }, volume(block())))).toBe('image: 2 ROI voxel(s) are NaN or infinite (first at index (2, 2, 2), value NaN); exclude them from the mask');
  });
  it('outside the ROI: ignored, unless normalize needs the whole image', async () => {
    const data = Float64Array.from(image.data as Float64Array);
    data[0] = NaN;
    const ok = await extract({ ...image, data }, volume(block()), { featureClass: { firstorder: ['Mean'] } });
    expect(ok.original_firstorder_Mean).toBe(86);
    expect(await failure(extract({ ...image, data }, volume(block()), { setting: { normalize: true } }))).toBe('image: voxel (0, 0, 0) is NaN; normalize needs a finite image (it uses every voxel)');
  });
});

describe('bad settings reach the caller as one line', () => {
  it('invalid values and unknown names', async () => {
    expect(await failure(extract(image, volume(block()), { setting: { binWidth: 0 } }))).toBe('parameters: setting binWidth must be > 0 (got 0)');
    // refused before anything is allocated (a billion bin edges would need gigabytes)
    expect(await failure(extract(image, volume(block()), { setting: { binCount: 1e9 } }))).toBe('parameters: setting binCount must be <= 10000000 (got 1000000000)');
    expect(await failure(extract(image, volume(block()), { featureClass: { firstorder: ['Entropie'] } }))).toMatch(/^parameters: unknown firstorder feature "Entropie"/);
    expect(await failure(extract(image, volume(block()), { imageType: { Wavelet: {} } }))).toBe('parameters: image type Wavelet is not supported (only Original is computed)');
    expect(await failure(extractFromFiles(dataPath('pyradiomics', 'images', 'brain1_image.nrrd'), dataPath('pyradiomics', 'images', 'brain1_label.nrrd'), writeFile(dir, 'bad.yaml', 'setting:\n  binWidth: [1\n')))).toMatch(/bad.yaml: invalid YAML at line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a \]$/);
  });
});
