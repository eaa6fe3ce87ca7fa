// radiomics-wasm public API. Data flows io -> preprocess -> features -> stats/models -> study.
export * from './volume.js';
export { initWasm } from './wasm/module.js';
export { WasmArena, MemoryBudgetError, DEFAULT_MEMORY_BUDGET } from './wasm/arena.js';
export * from './settings/types.js';
export { readImage, readImageBytes, readNrrd, readNifti, detectFormat, InputError, DEFAULT_MAX_IMAGE_BYTES, type ReadImageOptions } from './io/index.js';
export { readDicomSeries, readDicomSeriesFiles, readRtstructMask, readRtstructMaskBytes, readDicomSegMask, readDicomSegMaskBytes, readDicomMask, rtstructRoiNames, dicomSegSegments } from './io/index.js';
export { resampleImageAndMask, resampleOrPreCrop, resamplingGrid, sampleOnGrid, labelBoundingBox, cropVolume, type Grid, type ResampleSettings } from './preprocess/resample.js';
export { glcm, glcmMatrices, glcmCounts, GLCM_FEATURES, GLCM_DEPRECATED, type GlcmMatrices } from './features/glcm.js';
export { glrlm, glrlmMatrices, glrlmCounts, GLRLM_FEATURES, type GlrlmMatrices } from './features/glrlm.js';
export { glszm, glszmMatrix, type SizeMatrix } from './features/glszm.js';
export { gldm, gldmMatrix } from './features/gldm.js';
export { ngtdm, ngtdmMatrix, type NgtdmMatrix } from './features/ngtdm.js';
export { generateAngles, anglesFromSettings, angleDistance, type AngleOptions } from './features/angles.js';
