// Preprocessing: ROI checks, normalisation, resampling, resegmentation, discretisation.
export { prepareCase, prepareRois, shapeInput, textureInput, type PreparedCase, type PrepareOptions } from './prepare.js';
export { selectLabel, checkRoi, checkFiniteRoi, binaryBoundingBox, cropBinary, checkRoiInsideImage, type BoundingBox, type RoiMask } from './roi.js';
export { maskLabels, checkGeometry, geometryMismatch, DEFAULT_GEOMETRY_TOLERANCE } from './mask.js';
export { normalizeImage, imageStatistics } from './normalize.js';
export { resegmentRoi, resegmentThresholds, roiValues } from './resegment.js';
export { binEdges, discretizeRoi, MAX_BINS, type BinEdges } from './discretize.js';
export { countComponents26 } from './components.js';
export { pairwiseSum, mean, variance, percentileSorted, medianSorted } from './numpy.js';
export { imageDiagnostics, maskDiagnostics, sha1Hex, type DiagnosticValue } from './diagnostics.js';
