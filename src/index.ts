// radiomics-wasm public API. Data flows io -> preprocess -> features -> stats/models -> study.
export * from './volume.js';
export { initWasm } from './wasm/module.js';
export { WasmArena, MemoryBudgetError, DEFAULT_MEMORY_BUDGET } from './wasm/arena.js';
export * from './settings/types.js';
export { readImage, readImageBytes, readNrrd, readNifti, detectFormat, InputError, DEFAULT_MAX_IMAGE_BYTES, type ReadImageOptions } from './io/index.js';
