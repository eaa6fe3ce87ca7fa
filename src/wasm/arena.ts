// One bump allocator over the WebAssembly memory. Kernels get byte offsets; TypeScript owns the
// budget: every request is checked against it *before* memory.grow, so an oversized ROI fails with a
// message instead of taking the machine's memory.
import { loadWasmSync, type WasmExports } from './module.js';

const PAGE = 65536;
export const DEFAULT_MEMORY_BUDGET = 2048 * 1024 * 1024; // bytes of WebAssembly memory per thread

type TypedArrayCtor<T> = { new (buffer: ArrayBuffer, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number };

export class MemoryBudgetError extends Error {}

export class WasmArena {
  readonly wasm: WasmExports;
  private readonly base: number;
  private top: number;
  budget: number;

  constructor(wasm: WasmExports = loadWasmSync(), budget = DEFAULT_MEMORY_BUDGET) {
    this.wasm = wasm;
    this.base = align(wasm.heapBase(), 64);
    this.top = this.base;
    this.budget = budget;
  }

  /** Bytes in use above the static data. */
  get used(): number {
    return this.top - this.base;
  }

  /** Throws MemoryBudgetError when `bytes` more would exceed the budget; `what` names the request. */
  check(bytes: number, what: string): void {
    if (!Number.isFinite(bytes) || bytes < 0 || this.top + bytes > this.budget) {
      const mib = (n: number) => (n / 1048576).toFixed(0);
      throw new MemoryBudgetError(`${what} needs ${mib(bytes)} MiB, above the memory budget of ${mib(this.budget)} MiB`);
    }
  }

  /** Reserves `bytes` (64-byte aligned, zero-filled) and returns the byte offset. */
  alloc(bytes: number, what = 'allocation'): number {
    this.check(bytes, what);
    const ptr = align(this.top, 64);
    const end = ptr + bytes;
    const have = this.wasm.memory.buffer.byteLength;
    if (end > have) this.wasm.memory.grow(Math.ceil((end - have) / PAGE));
    new Uint8Array(this.wasm.memory.buffer, ptr, bytes).fill(0);
    this.top = end;
    return ptr;
  }

  /** Allocates room for `length` elements of the given type and returns the offset. */
  allocArray<T>(ctor: TypedArrayCtor<T>, length: number, what?: string): number {
    return this.alloc(length * ctor.BYTES_PER_ELEMENT, what);
  }

  /** Copies `src` into the arena and returns its offset. */
  put(src: ArrayBufferView & { length: number; BYTES_PER_ELEMENT: number }, what?: string): number {
    const ptr = this.alloc(src.byteLength, what);
    new Uint8Array(this.wasm.memory.buffer, ptr, src.byteLength).set(new Uint8Array(src.buffer, src.byteOffset, src.byteLength));
    return ptr;
  }

  /** A typed view over arena memory. Views are invalidated by later allocations (memory.grow): take them last. */
  view<T>(ctor: TypedArrayCtor<T>, ptr: number, length: number): T {
    return new ctor(this.wasm.memory.buffer, ptr, length);
  }

  /** Current position, to release everything allocated after it with `release`. */
  mark(): number {
    return this.top;
  }

  release(mark: number): void {
    this.top = Math.max(this.base, Math.min(mark, this.top));
  }

  /** Frees everything (start of a new case). Memory pages stay allocated for reuse. */
  reset(): void {
    this.top = this.base;
  }
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

let shared: WasmArena | undefined;
/** The thread's arena over the shared module instance. */
export function arena(): WasmArena {
  return (shared ??= new WasmArena());
}
