// Web Worker entry of the page: the engine module exposes itself over comlink when it runs in a worker,
// and fetches radiomics.wasm from beside this script.
import '../src/worker.js';
