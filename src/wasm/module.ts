// Loads the single WebAssembly module (build/radiomics.wasm) once per thread.
// Node reads it from disk synchronously; a browser must `await initWasm()` (or pass bytes/URL) first.

/** Raw exports of build/radiomics.wasm. Kernel functions take byte offsets into `memory`. */
export interface WasmExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  // Each kernel file in assembly/ adds its functions; they are looked up by name at call sites.
  [name: string]: unknown;
}

let instance: WasmExports | undefined;
let pending: Promise<WasmExports> | undefined;

const imports = {
  env: {
    abort(_msg: number, _file: number, line: number, column: number): never {
      throw new Error(`WebAssembly kernel aborted at ${line}:${column}`);
    },
    seed(): number {
      return Date.now();
    },
  },
};

const isNode = typeof process !== 'undefined' && !!process.versions?.node;
const wasmUrl = new URL('../../build/radiomics.wasm', import.meta.url);

function fromModule(module: WebAssembly.Module): WasmExports {
  const inst = new WebAssembly.Instance(module, imports);
  return inst.exports as unknown as WasmExports;
}

/**
 * Instantiates the module. `source` may be the .wasm bytes, a compiled module, or a URL to fetch
 * (a browser page that self-hosts the file). Safe to call more than once.
 */
export async function initWasm(source?: ArrayBuffer | Uint8Array | WebAssembly.Module | string | URL): Promise<WasmExports> {
  if (instance) return instance;
  pending ??= (async () => {
    let module: WebAssembly.Module;
    if (source instanceof WebAssembly.Module) module = source;
    else if (source instanceof ArrayBuffer || source instanceof Uint8Array) module = await WebAssembly.compile(source as BufferSource);
    else if (!source && isNode) return loadWasmSync();
    else {
      const response = await fetch(source ?? wasmUrl);
      if (!response.ok) throw new Error(`cannot load ${String(source ?? wasmUrl)}: HTTP ${response.status}`);
      module = await WebAssembly.compile(await response.arrayBuffer());
    }
    instance = fromModule(module);
    return instance;
  })();
  return pending;
}

/** The instantiated module; in Node it is loaded on first use, in a browser `initWasm()` must have run. */
export function loadWasmSync(): WasmExports {
  if (instance) return instance;
  if (!isNode) throw new Error('WebAssembly module not initialised: call `await initWasm()` first');
  // Dynamic require keeps `node:fs` out of browser bundles.
  const fs = (globalThis as any).process.getBuiltinModule?.('node:fs') as typeof import('node:fs');
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(wasmUrl);
  } catch (err) {
    throw new Error(`cannot read ${wasmUrl.pathname}: run \`npm run build\` first (${(err as Error).message})`);
  }
  instance = fromModule(new WebAssembly.Module(bytes as BufferSource));
  return instance;
}

/** A kernel function by name, with a clear error when the build is stale. */
export function kernel<F extends (...args: any[]) => any>(name: string): F {
  const fn = loadWasmSync()[name];
  if (typeof fn !== 'function') throw new Error(`WebAssembly kernel "${name}" missing: rebuild with \`npm run build\``);
  return fn as F;
}
