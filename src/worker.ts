// The engine behind comlink: the same module runs as a Node worker_threads worker and as a browser
// Web Worker, with the same types. Volumes cross as plain objects (Volume, itk-wasm Image, vtk.js
// arrays); callers transfer their buffers with Comlink.transfer, and volumes read here come back
// transferred. Progress reaches the caller through a Comlink.proxy callback.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { VERSION } from './version.js';
import { extract, extractFromFiles, type ExtractionResult, type ExtractOptions } from './extract.js';
import { InputError } from './io/errors.js';
import { readImageBytes, readDicomSeriesFiles, readRtstructMaskBytes, readDicomSegMaskBytes, type ReadImageOptions } from './io/index.js';
import { dicomModality, isDicomPart10 } from './io/dicom/index.js';
import { parseParams, type ParamsInput } from './settings/index.js';
import type { Params } from './settings/types.js';
import { parseModelFile, type StudyModelFile } from './study/model-file.js';
import { predictFromFeatures, type Prediction } from './study/predict.js';
import { loadLightgbmModel } from './models/lightgbm-text.js';
import { predictEnsemble, type FeatureRows, type PredictOutput } from './models/trees.js';
import { initWasm } from './wasm/module.js';
import { toVolume } from './viewers.js';
import type { Volume } from './volume.js';

/** Options that can cross a worker boundary (no callbacks). */
export type WorkerExtractOptions = Omit<ExtractOptions, 'arena' | 'warn'>;
/** A file held in memory (a browser File's bytes, or a Node Buffer). */
export interface FileBytes { name: string; bytes: Uint8Array }
export type ProgressStage = 'reading' | 'extracting' | 'scoring';
/** Called with the stage and a short detail ("image", "case 2/5"); pass it wrapped in Comlink.proxy. */
export type ProgressCallback = (stage: ProgressStage, detail?: string) => void;
/** Parameters: a validated Params, pyradiomics' layout as an object, or a YAML/JSON parameter file's text. */
export type ParamsArg = Params | ParamsInput | string;
/** Any image object the engine accepts: Volume, itk-wasm Image, vtk.js arrays, niivue {img, hdr}. */
export type ImageLike = Volume | object;
/** One case of a batch: volumes (anywhere) or file paths (Node). */
export interface BatchCase { id?: string; image: ImageLike | string; mask: ImageLike | string; label?: number }
/** A batch row: the features, or the one-line error that stopped this case (the batch goes on). */
export interface BatchRow { id: string; features?: ExtractionResult; error?: string }

// Errors cross the worker as InputErrors again (input and problem kept), not as plain Errors: comlink's
// own handler sends only message, name and stack. Both sides load this module, so both use it.
const comlinkThrow = Comlink.transferHandlers.get('throw')!;
Comlink.transferHandlers.set('throw', {
  canHandle: comlinkThrow.canHandle,
  serialize(thrown: any) {
    const [serialized, transfers] = comlinkThrow.serialize(thrown) as [any, Transferable[]];
    if (thrown.value instanceof InputError) Object.assign(serialized.value, { input: thrown.value.input, problem: thrown.value.problem });
    return [serialized, transfers];
  },
  deserialize(serialized: any) {
    const v = serialized?.value;
    if (serialized?.isError && typeof v?.input === 'string' && typeof v?.problem === 'string') {
      throw Object.assign(new InputError(v.input, v.problem), { stack: v.stack });
    }
    return comlinkThrow.deserialize(serialized);
  },
});

const isNode = !!(globalThis as any).process?.versions?.node;
let wasmSource: string | URL | ArrayBuffer | Uint8Array | undefined;

/** In a browser the module is fetched once: from `init(source)`, else radiomics.wasm beside the script. */
async function ready(): Promise<void> {
  if (isNode && wasmSource === undefined) return; // Node reads build/radiomics.wasm on first use
  await initWasm(wasmSource ?? new URL('radiomics.wasm', (globalThis as any).location?.href));
}

function paramsOf(params: ParamsArg | undefined, what = 'parameters'): Params | ParamsInput | undefined {
  return typeof params === 'string' ? parseParams(params, what) : params;
}

function modelOf(model: string | StudyModelFile): StudyModelFile {
  return typeof model === 'string' ? parseModelFile(model) : parseModelFile(JSON.stringify(model));
}

/** Returns a volume with its voxel buffer marked for transfer (no copy back to the caller). */
function transferred(volume: Volume): Volume {
  return Comlink.transfer(volume, [volume.data.buffer as ArrayBuffer]);
}

function message(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0];
}

export const engine = {
  /** Version of the engine in this worker (also a cheap liveness check). */
  version(): string {
    return VERSION;
  },

  /** Where the WebAssembly module is (URL or bytes); needed in a browser only when radiomics.wasm is not beside the worker script. */
  async init(source?: string | URL | ArrayBuffer | Uint8Array): Promise<string> {
    if (source !== undefined) wasmSource = source instanceof URL ? source.href : source;
    await ready();
    return VERSION;
  },

  /** Decodes an image from files in memory: one NRRD/NIfTI file (a .nhdr with its data file), or the files of one DICOM series. */
  async readImage(files: FileBytes[], options: ReadImageOptions & { seriesUid?: string } = {}, progress?: ProgressCallback): Promise<Volume> {
    await ready();
    if (!Array.isArray(files) || files.length === 0) throw new InputError('image', 'no file given');
    await progress?.('reading', 'image');
    if (files.length > 1 || isDicomPart10(files[0].bytes)) {
      const dicom = files.filter((f) => isDicomPart10(f.bytes));
      if (dicom.length) return transferred(readDicomSeriesFiles(files.length > 1 ? `${files.length} files` : files[0].name, dicom, options));
    }
    const main = files.find((f) => /\.nhdr$/i.test(f.name)) ?? files.find((f) => !/\.raw(\.gz)?$/i.test(f.name)) ?? files[0];
    const byName = new Map(files.map((f) => [f.name.split('/').pop()!, f.bytes]));
    const readDataFile = (name: string) => {
      const bytes = byName.get(name.split('/').pop()!);
      if (!bytes) throw new InputError(name, 'data file of the .nhdr header not given (pick it together with the header)');
      return bytes;
    };
    return transferred(readImageBytes(main.name, main.bytes, { readDataFile, ...options }));
  },

  /** Decodes a mask for `reference`: a label image (NRRD/NIfTI), an RTSTRUCT (ROI `roi`) or a DICOM-SEG (segment `roi`). */
  async readMask(files: FileBytes[], reference?: ImageLike, roi?: string, progress?: ProgressCallback): Promise<Volume> {
    await ready();
    if (!Array.isArray(files) || files.length === 0) throw new InputError('mask', 'no file given');
    await progress?.('reading', 'mask');
    const file = files[0];
    const modality = dicomModality(file.name, file.bytes);
    if (modality === 'RTSTRUCT' || modality === 'SEG') {
      if (!reference) throw new InputError(file.name, `a DICOM ${modality} mask needs the image it was drawn on (pass it as reference)`);
      const image = toVolume(reference, 'image');
      return transferred(modality === 'SEG' ? readDicomSegMaskBytes(file.name, file.bytes, image, roi) : readRtstructMaskBytes(file.name, file.bytes, image, roi));
    }
    return engine.readImage(files);
  },

  /** Features for an image and mask given as plain image objects (see ImageLike). */
  async extract(image: ImageLike, mask: ImageLike, params?: ParamsArg, options: WorkerExtractOptions = {}, progress?: ProgressCallback): Promise<ExtractionResult> {
    await ready();
    await progress?.('extracting');
    const img = toVolume(image, options.imageName ?? 'image');
    const msk = toVolume(mask, options.maskName ?? 'mask');
    return extract(img, msk, paramsOf(params), options);
  },

  /** Node only: reads the files inside the worker, so no volume crosses the boundary. */
  extractFiles(imagePath: string, maskPath: string, params?: Params | ParamsInput | string, options: WorkerExtractOptions = {}): Promise<ExtractionResult> {
    if (!isNode) throw new Error('extractFiles reads file paths and needs Node; in a browser use readImage/readMask and extract');
    // a parameter file path (.yaml, .yml, .json), or parameters as extract() takes them (YAML text too)
    const p = typeof params === 'string' && !/\.(ya?ml|json)$/i.test(params.trim()) ? paramsOf(params) : params;
    return extractFromFiles(imagePath, maskPath, p, options);
  },

  /** Scores a patient with a study's model.json (text or parsed): extracts with the model's settings, then predicts. */
  async predict(model: string | StudyModelFile, image: ImageLike, mask: ImageLike, clinical: Record<string, unknown>, options: WorkerExtractOptions = {}, progress?: ProgressCallback): Promise<Prediction & { features: ExtractionResult }> {
    const m = modelOf(model);
    const features = await engine.extract(image, mask, m.extraction.params, options, progress);
    await progress?.('scoring');
    return { ...predictFromFeatures(m, features, clinical, options.imageName ?? 'patient'), features };
  },

  /** Scores already extracted features (e.g. after editing clinical values) without extracting again. */
  async predictFeatures(model: string | StudyModelFile, features: Record<string, unknown>, clinical: Record<string, unknown>): Promise<Prediction> {
    await ready();
    return predictFromFeatures(modelOf(model), features, clinical);
  },

  /** LightGBM model text scored over rows (arrays, or row-major {data, rows, cols}): probabilities by default. */
  async score(modelText: string, rows: FeatureRows, output: PredictOutput = 'probability'): Promise<Float64Array | Int32Array> {
    await ready();
    return predictEnsemble(loadLightgbmModel(modelText), rows, { output });
  },

  /** Cases one after another in this worker; a failing case becomes an error row and the batch goes on. */
  async batch(cases: BatchCase[], params?: ParamsArg, options: WorkerExtractOptions = {}, progress?: ProgressCallback): Promise<BatchRow[]> {
    await ready();
    if (!Array.isArray(cases)) throw new InputError('cases', 'must be an array of {image, mask}');
    const p = paramsOf(params);
    const rows: BatchRow[] = [];
    for (const [i, c] of cases.entries()) {
      const id = c?.id ?? String(i + 1);
      await progress?.('extracting', `case ${i + 1}/${cases.length}`);
      try {
        const opts = { ...options, ...(c.label !== undefined ? { label: c.label } : {}) };
        const features = typeof c.image === 'string' || typeof c.mask === 'string'
          ? await engine.extractFiles(String(c.image), String(c.mask), p, opts)
          : await engine.extract(c.image, c.mask, p, { imageName: `${id} image`, maskName: `${id} mask`, ...opts });
        rows.push({ id, features });
      } catch (err) {
        rows.push({ id, error: message(err) });
      }
    }
    return rows;
  },
};

export type Engine = typeof engine;
export type RemoteEngine = Comlink.Remote<Engine>;

/** The engine of a started worker: a browser `new Worker(url, {type: 'module'})` or a Node worker_threads Worker. */
export function connectEngine(worker: Worker | { on: Function; postMessage: Function }): RemoteEngine {
  const endpoint = typeof (worker as any).on === 'function' ? nodeEndpoint(worker) : (worker as Worker);
  return Comlink.wrap<Engine>(endpoint);
}

/** Node: starts the engine in a worker thread (dist/worker.js); `close()` releases it so the process can exit. */
export function startNodeEngine(): { engine: RemoteEngine; close(): Promise<void> } {
  const threads = (globalThis as any).process?.getBuiltinModule?.('node:worker_threads') as typeof import('node:worker_threads') | undefined;
  if (!threads) throw new Error('startNodeEngine needs Node (>= 20.16); in a browser use connectEngine(new Worker(url, {type: "module"}))');
  const thread = new threads.Worker(new URL('../dist/worker.js', import.meta.url)); // from dist/ or src/ alike
  const remote = connectEngine(thread);
  return {
    engine: remote,
    async close() {
      remote[Comlink.releaseProxy]();
      await thread.terminate();
    },
  };
}

declare const WorkerGlobalScope: unknown;

function exposeIfWorker(): void {
  const nodeThreads = (globalThis as any).process?.getBuiltinModule?.('node:worker_threads') as typeof import('node:worker_threads') | undefined;
  if (nodeThreads && !nodeThreads.isMainThread && nodeThreads.parentPort) Comlink.expose(engine, nodeEndpoint(nodeThreads.parentPort));
  else if (typeof WorkerGlobalScope !== 'undefined') Comlink.expose(engine);
}
exposeIfWorker();
