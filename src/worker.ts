// The engine behind comlink: the same module runs as a Node worker_threads worker and as a browser
// Web Worker. Volumes cross as plain objects; callers transfer their buffers (Comlink.transfer).
import * as Comlink from 'comlink';
import { VERSION } from './version.js';

export const engine = {
  /** Version of the engine in this worker (also a cheap liveness check). */
  version(): string {
    return VERSION;
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
