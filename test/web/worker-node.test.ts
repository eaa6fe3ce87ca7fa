// The comlink engine in a Node worker thread (dist/worker.js): the same answers as the library called
// in-process, volumes transferred, progress through a proxied callback, errors as one-line messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as Comlink from 'comlink';
import { startNodeEngine, type RemoteEngine } from '../../src/worker.js';
import { extractFromFiles } from '../../src/extract.js';
import { readImage } from '../../src/io/index.js';
import { VERSION } from '../../src/version.js';
import { InputError } from '../../src/io/errors.js';
import { dataPath, expectClose } from '../helpers.js';
import { tempDir, writeFile } from '../io/fixtures.js';

const IMAGE = dataPath('pyradiomics/images/brain1_image.nrrd');
const MASK = dataPath('pyradiomics/images/brain1_label.nrrd');
const file = (path: string) => ({ name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });

function expectSameFeatures(got: Record<string, unknown>, want: Record<string, unknown>): void {
  const names = Object.keys(want).filter((k) => k.startsWith('original_'));
  expect(names.length).toBe(107);
  for (const k of names) expectClose(got[k] as number, want[k] as number, 1e-12, k);
}

describe('engine in a Node worker thread', () => {
  let engine: RemoteEngine;
  let close: () => Promise<void>;
  let reference: Record<string, unknown>;
  beforeAll(async () => {
    ({ engine, close } = startNodeEngine());
    reference = await extractFromFiles(IMAGE, MASK);
  });
  afterAll(() => close());

  it('answers version', async () => {
    expect(await engine.version()).toBe(VERSION);
  });

  it('reads files held in memory and extracts brain1 as the library does, reporting progress', async () => {
    const stages: string[] = [];
    const progress = Comlink.proxy((stage: string, detail?: string) => void stages.push(detail ? `${stage}:${detail}` : stage));
    const image = await engine.readImage([file(IMAGE)], {}, progress);
    const mask = await engine.readMask([file(MASK)], image, undefined, progress);
    expect(image.size).toEqual([256, 256, 25]);
    expect(image.data).toBeInstanceOf(Int16Array);
    // the volumes go back transferred: the caller's buffers are detached
    const sent = { ...image, data: image.data.slice() };
    const result = await engine.extract(Comlink.transfer(sent, [sent.data.buffer]), mask, undefined, {}, progress);
    expect(sent.data.byteLength).toBe(0);
    expectSameFeatures(result, reference);
    expect(stages).toEqual(['reading:image', 'reading:mask', 'extracting']);
  });

  it('accepts an itk-wasm Image and vtk.js arrays across the boundary, buffers transferred', async () => {
    const v = readImage(IMAGE), m = readImage(MASK);
    const itk = { imageType: { dimension: 3, componentType: 'int16', pixelType: 'Scalar', components: 1 }, name: 'brain1', size: v.size, spacing: v.spacing, origin: v.origin, direction: Float64Array.from(v.direction), data: v.data };
    // vtk.js lists the axis directions one after another: the transpose of ITK's row-major matrix
    const d = m.direction;
    const vtk = { dimensions: m.size, spacing: m.spacing, origin: m.origin, direction: [d[0], d[3], d[6], d[1], d[4], d[7], d[2], d[5], d[8]], values: m.data };
    const result = await engine.extract(Comlink.transfer(itk, [itk.data.buffer]), Comlink.transfer(vtk, [vtk.values.buffer]));
    expect(itk.data.byteLength).toBe(0);
    expectSameFeatures(result, reference);
    expect(result['diagnostics_Image-original_Spacing']).toEqual(reference['diagnostics_Image-original_Spacing']);
  });

  it('reads a detached .nhdr header with its data file, whatever their order', async () => {
    const v = readImage(IMAGE);
    const vec = (c: number) => `(${[0, 1, 2].map((r) => v.direction[r * 3 + c] * v.spacing[c]).join(',')})`;
    const header = ['NRRD0004', 'type: short', 'dimension: 3', 'space: left-posterior-superior', `sizes: ${v.size.join(' ')}`,
      `space directions: ${vec(0)} ${vec(1)} ${vec(2)}`, `space origin: (${v.origin.join(',')})`, 'encoding: raw', 'endian: little', 'data file: brain1.raw', ''].join('\n');
    const raw = new Uint8Array(v.data.buffer.slice(0));
    const got = await engine.readImage([{ name: 'brain1.raw', bytes: raw }, { name: 'brain1.nhdr', bytes: new TextEncoder().encode(header) }]);
    expect(got.data).toBeInstanceOf(Int16Array);
    expect(Buffer.from(got.data.buffer).equals(Buffer.from(v.data.buffer))).toBe(true);
    expect(got.size).toEqual(v.size);
    got.spacing.forEach((s, i) => expectClose(s, v.spacing[i], 1e-12, `spacing[${i}]`));
    await expect(engine.readImage([{ name: 'brain1.nhdr', bytes: new TextEncoder().encode(header) }])).rejects.toThrow(/^brain1\.raw: data file of the \.nhdr header not given/);
  });

  it('takes YAML parameter text and paths (extractFiles) with the same result as in-process', async () => {
    const yaml = 'setting:\n  binWidth: 10\nfeatureClass:\n  glcm:\n  firstorder:\n';
    const viaObject = await engine.extractFiles(IMAGE, MASK, { setting: { binWidth: 10 }, featureClass: { glcm: null, firstorder: null } } as any);
    const viaText = await engine.extractFiles(IMAGE, MASK, yaml);
    const viaPath = await engine.extractFiles(IMAGE, MASK, writeFile(tempDir(), 'params.yaml', yaml));
    const image = await engine.readImage([file(IMAGE)]);
    const mask = await engine.readImage([file(MASK)]);
    const viaVolumes = await engine.extract(image, mask, yaml);
    const want = await extractFromFiles(IMAGE, MASK, { setting: { binWidth: 10 }, featureClass: { glcm: null, firstorder: null } } as any);
    const names = Object.keys(want).filter((k) => k.startsWith('original_'));
    expect(names.length).toBe(18 + 24);
    for (const k of names) {
      for (const got of [viaObject, viaText, viaPath]) expectClose(got[k] as number, want[k] as number, 1e-12, k);
      expectClose(viaVolumes[k] as number, want[k] as number, 1e-12, k);
    }
  });

  it('scores LightGBM model text as LightGBM did (WDBC test rows)', async () => {
    const dir = dataPath('lightgbm') + '/';
    const rows = readFileSync(dir + 'wdbc_test_lgb.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(1).map(Number));
    const expected = readFileSync(dir + 'pred_test_prob.txt', 'utf8').trim().split('\n').map(Number);
    const got = await engine.score(readFileSync(dir + 'model.txt', 'utf8'), rows);
    expect(got.length).toBe(expected.length);
    expected.forEach((p, i) => expectClose(got[i], p, 1e-12, `row ${i}`));
  });

  it('runs a batch case by case, a bad case becoming an error row', async () => {
    const progress: string[] = [];
    const rows = await engine.batch(
      [{ id: 'brain1', image: IMAGE, mask: MASK }, { id: 'broken', image: IMAGE, mask: dataPath('pyradiomics/images/no_such_mask.nrrd') }, { id: 'nolabel', image: IMAGE, mask: MASK, label: 7 }],
      undefined, {}, Comlink.proxy((stage: string, detail?: string) => void progress.push(`${stage}:${detail}`)),
    );
    expect(rows.map((r) => r.id)).toEqual(['brain1', 'broken', 'nolabel']);
    expectSameFeatures(rows[0].features!, reference);
    expect(rows[1].error).toMatch(/no_such_mask\.nrrd: no such file$/);
    expect(rows[2].error).toMatch(/label 7/);
    expect(progress).toEqual(['extracting:case 1/3', 'extracting:case 2/3', 'extracting:case 3/3']);
  });

  it('passes errors back as one-line messages', async () => {
    await expect(engine.readImage([{ name: 'scan.bin', bytes: new Uint8Array([1, 2, 3]) }])).rejects.toThrow(/^scan\.bin: unsupported image format/);
    await expect(engine.extract({ data: new Int16Array(3), size: [2, 2, 1] }, { data: new Uint8Array(4), size: [2, 2, 1] })).rejects.toThrow(/^image: data has 3 values but size 2x2x1 needs 4$/);
    await expect(engine.predictFeatures('{"format":"other"}', {}, {})).rejects.toThrow(/^model\.json: not a radiomics-wasm study model/);
    // an InputError crosses the worker as one, its input and problem kept
    const err = await engine.readImage([{ name: 'scan.bin', bytes: new Uint8Array([1, 2, 3]) }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect([(err as InputError).input, (err as InputError).problem.startsWith('unsupported image format')]).toEqual(['scan.bin', true]);
  });
});
