// A pool of comlink workers running src/worker.ts (built to dist/worker.js): Node worker_threads here;
// a browser page creates Web Workers on the same module (see web/). Tasks are queued and handed to the
// first idle worker; results come back in completion order via the caller's callbacks.
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Worker as NodeWorker } from 'node:worker_threads';
import type { Engine } from '../worker.js';

/** dist/worker.js, whether this file runs from src/ (tests) or dist/ (package). */
export const WORKER_URL = new URL('../../dist/worker.js', import.meta.url);

interface Slot {
  thread: NodeWorker;
  engine: Comlink.Remote<Engine>;
  busy: boolean;
}

export class WorkerPool {
  private slots: Slot[] = [];
  private queue: (() => void)[] = [];
  private starting?: Promise<void>;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`--jobs must be a positive integer (got ${size})`);
  }

  /** Threads started so far. */
  get threads(): number {
    return this.slots.length;
  }

  /** Starts the threads once, however many tasks arrive before they are up. */
  private start(): Promise<void> {
    return (this.starting ??= this.spawn());
  }

  private async spawn(): Promise<void> {
    const { Worker } = await import('node:worker_threads');
    for (let i = 0; i < this.size; i++) {
      const thread = new Worker(WORKER_URL);
      // (not unref()ed: pool.close() terminates the threads)
      this.slots.push({ thread, engine: Comlink.wrap<Engine>(nodeEndpoint(thread)), busy: false });
    }
  }

  /** Runs `task` on an idle worker's engine (waits for one). */
  async run<R>(task: (engine: Comlink.Remote<Engine>) => Promise<R>): Promise<R> {
    await this.start();
    let slot = this.slots.find((s) => !s.busy);
    while (!slot) {
      await new Promise<void>((resolve) => this.queue.push(resolve));
      slot = this.slots.find((s) => !s.busy);
    }
    slot.busy = true;
    try {
      return await task(slot.engine);
    } finally {
      slot.busy = false;
      this.queue.shift()?.();
    }
  }

  /** Releases proxies and stops the threads (Node would otherwise not exit). */
  async close(): Promise<void> {
    for (const s of this.slots) {
      s.engine[Comlink.releaseProxy]();
      await s.thread.terminate();
    }
    this.slots = [];
    this.starting = undefined;
  }
}
