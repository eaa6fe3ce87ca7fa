// Entry point of the one WebAssembly module: every kernel file is re-exported here.
// Kernels never allocate: TypeScript (src/wasm/arena.ts) hands them raw pointers into one
// long-lived linear memory, so memory use is decided and checked on the TypeScript side.

/** First byte after static data; the TypeScript arena starts here. */
export function heapBase(): usize {
  return __heap_base;
}

export * from './glcm';
export * from './glcm-mcc';
export * from './glrlm';
export * from './glszm';
export * from './gldm';
export * from './ngtdm';
export * from './resample';
export * from './trees';
export * from './gbdt';
export * from './mesh';
export * from './discretize';
export * from './lasso';
export * from './hull2d';
