// One case's preprocessing in pyradiomics' order: normalise -> resample -> check mask (correct it when
// allowed) -> resegment; then the inputs feature classes read: the shape mask and the discretised ROI.
import type { Volume } from '../volume.js';
import type { DiscretizedRoi, MaskRoi } from '../features/types.js';
import type { Settings } from '../settings/types.js';
import { arena as sharedArena, type WasmArena } from '../wasm/arena.js';
import { InputError } from '../io/errors.js';
import { discretizeRoi } from './discretize.js';
import { geometryMismatch } from './mask.js';
import { normalizationOf } from './normalize.js';
import { resegmentRoi } from './resegment.js';
import { checkFiniteRoi, checkRoi, checkRoiExtent, checkRoiInsideImage, cropBinary, labelRoi, type BoundingBox, type RoiMask } from './roi.js';
import type { VolumeStatistics } from './scan.js';
import { resampleOrPreCrop, sampleOnGrid } from './resample.js';

export interface PrepareOptions {
  arena?: WasmArena;
  /** Names used in error messages (file paths in the CLI). */
  imageName?: string;
  maskName?: string;
  /** The input image's volumeStatistics, when already computed (saves a pass for normalisation). */
  imageStatistics?: VolumeStatistics;
  /** labelRoi of the input mask and setting.label, when already computed (saves a pass for its box). */
  maskRoi?: RoiMask;
}

export interface PreparedCase {
  /** The image the features see: normalised and/or resampled when enabled. */
  image: Volume;
  /** The label map on the image grid (resampled or corrected when needed). */
  mask: Volume;
  /** The ROI after checks (and correction) but before resegmentation. */
  checkedRoi: RoiMask;
  /** The ROI the texture and first-order classes use (resegmented when enabled). */
  roi: RoiMask;
  /** The bounding box every class is cropped to (of `roi`, as pyradiomics' second checkMask). */
  bbox: BoundingBox;
  /** Set when the mask was resampled onto the image grid (correctMask). */
  correctedMask?: Volume;
  /** Set when the image or mask was resampled or pre-cropped. */
  resampled: boolean;
}

/** Everything up to and including resegmentation. */
export function prepareCase(image: Volume, mask: Volume, settings: Settings, options: PrepareOptions = {}): PreparedCase {
  const arena = options.arena ?? sharedArena();
  const imageName = options.imageName ?? 'image';
  const maskName = options.maskName ?? 'mask';
  // normalisation over the whole image (its statistics), applied to the voxels resampling or cropping keep
  const normalization = settings.normalize ? normalizationOf(image, settings, imageName, options.imageStatistics) : undefined;

  // resampling / preCrop (src/preprocess/resample.ts); identity when neither is enabled
  const before = { image, mask };
  ({ image, mask } = resampleOrPreCrop(image, mask, settings, arena, normalization, options.maskRoi?.bbox));
  const resampled = settings.resampledPixelSpacing != null || (!!settings.preCrop && mask !== before.mask);

  let correctedMask: Volume | undefined;
  const mismatch = geometryMismatch(image, mask, settings.geometryTolerance);
  if (mismatch) {
    if (!settings.correctMask) throw new InputError(maskName, `geometry mismatch with the image: ${mismatch}; set geometryTolerance or correctMask: true`);
    const ownRoi = mask === before.mask && options.maskRoi ? options.maskRoi : labelRoi(mask, settings.label, maskName);
    checkRoiInsideImage(image, mask, ownRoi.bbox, maskName);
    mask = correctedMask = sampleOnGrid(mask, image, 'sitkNearestNeighbor', arena, maskName);
  }
  const checkedRoi = checkRoiExtent(mask === before.mask && options.maskRoi ? options.maskRoi : labelRoi(mask, settings.label, maskName), settings, maskName);
  checkFiniteRoi(image, checkedRoi, imageName);
  let roi = checkedRoi;
  if (settings.resegmentRange != null) {
    roi = checkRoi(resegmentRoi(image, checkedRoi, settings, maskName), image.size, settings, maskName);
  }
  return { image, mask, checkedRoi, roi, bbox: roi.bbox, correctedMask, resampled };
}

/** The shape classes' input: the pre-resegmentation ROI (or the resegmented one with resegmentShape), cropped to `bbox`. */
export function shapeInput(prepared: PreparedCase, settings: Pick<Settings, 'resegmentShape'>): MaskRoi {
  const source = settings.resegmentShape ? prepared.roi : prepared.checkedRoi;
  const mask = cropBinary(source.mask, source.size, prepared.bbox);
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  return { size: [...prepared.bbox.size], spacing: [...prepared.image.spacing], mask, voxelCount: count };
}

/** The texture and first-order classes' input: the ROI cropped to its box and discretised once. */
export function textureInput(prepared: PreparedCase, settings: Pick<Settings, 'binWidth' | 'binCount'>, arena: WasmArena = sharedArena(), imageName = 'image'): DiscretizedRoi {
  return discretizeRoi(prepared.image, prepared.roi, settings, arena, imageName);
}

/** Convenience for tests and other modules: both class inputs from an image, a mask and settings. */
export function prepareRois(image: Volume, mask: Volume, settings: Settings, options: PrepareOptions = {}): { maskRoi: MaskRoi; discretizedRoi: DiscretizedRoi; prepared: PreparedCase } {
  const arena = options.arena ?? sharedArena();
  const prepared = prepareCase(image, mask, settings, { ...options, arena });
  return { prepared, maskRoi: shapeInput(prepared, settings), discretizedRoi: textureInput(prepared, settings, arena, options.imageName) };
}
