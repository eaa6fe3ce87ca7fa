// The engine behind comlink: the same module runs as a Node worker_threads worker and as a browser
// Web Worker. Volumes cross as plain objects; callers transfer their buffers (Comlink.transfer).
import * as Comlink from 'comlink';
import { VERSION } from './version.js';
import { extract, extractFromFiles, type ExtractionResult, type ExtractOptions } from './extract.js';
import type { Params } from './settings/types.js';
import type { ParamsInput } from './settings/index.js';
import type { Volume } from './volume.js';

/** Options that can cross a worker boundary (no callbacks). */
export type WorkerExtractOptions = Omit<ExtractOptions, 'arena' | 'warn'>;

export const engine = {
  /** Version of the engine in this worker (also a cheap liveness check). */
  version(): string {
    return VERSION;
  },

  /** Features for an image and mask given as plain Volume-like objects. */
  extract(image: Volume | object, mask: Volume | object, params?: Params | ParamsInput, options: WorkerExtractOptions = {}): Promise<ExtractionResult> {
    return extract(image, mask, params, options);
  },

  /** Node only: reads the files inside the worker, so no volume crosses the boundary. */
  extractFiles(imagePath: string, maskPath: string, params?: Params | ParamsInput | string, options: WorkerExtractOptions = {}): Promise<ExtractionResult> {
    return extractFromFiles(imagePath, maskPath, params, options);
  },
};

export type Engine = typeof engine;

declare const WorkerGlobalScope: unknown;

async function exposeIfWorker(): Promise<void> {
  const nodeThreads = (globalThis as any).process?.getBuiltinModule?.('node:worker_threads') as typeof import('node:worker_threads') | undefined;
  if (nodeThreads && !nodeThreads.isMainThread && nodeThreads.parentPort) {
    const { default: nodeEndpoint } = await import('comlink/dist/esm/node-adapter.mjs');
    Comlink.expose(engine, nodeEndpoint(nodeThreads.parentPort));
  } else if (typeof WorkerGlobalScope !== 'undefined') {
    Comlink.expose(engine);
  }
}
void exposeIfWorker();
