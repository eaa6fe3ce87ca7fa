// One case, pyradiomics' featureextractor.execute: normalise -> resample -> check mask -> resegment ->
// shape on the bbox-cropped mask -> crop + discretise once -> every enabled class. The result is one flat,
// ordered object: diagnostics_* entries, then original_<class>_<Feature> numbers.
import { asVolume, type Volume } from './volume.js';
import { VERSION } from './version.js';
import { featureClasses } from './features/registry.js';
import type { DiscretizedRoi, FeatureClass, MaskRoi } from './features/types.js';
import { readDicomMask, readImage, type ReadImageOptions } from './io/index.js';
import { checkParams, imageTypeSettings, loadParamsFile, resolveEnabledFeatures, type ParamsInput } from './settings/index.js';
import type { Params, Settings } from './settings/types.js';
import { arena as sharedArena, type WasmArena } from './wasm/arena.js';
import { prepareCase, shapeInput, textureInput, type PreparedCase } from './preprocess/index.js';
import { labelRoi, type RoiMask } from './preprocess/roi.js';
import { volumeStatistics, type VolumeStatistics } from './preprocess/scan.js';
import { imageDiagnostics, maskDiagnostics, type DiagnosticValue } from './preprocess/diagnostics.js';

export type ResultValue = number | DiagnosticValue;
/** Flat and ordered like pyradiomics' OrderedDict: diagnostics first, then features. */
export type ExtractionResult = Record<string, ResultValue>;

export interface ExtractOptions {
  /** The arena to compute in (reset at the start of the case); default: the thread's shared arena. */
  arena?: WasmArena;
  /** Overrides setting.label (the CLI's --label). */
  label?: number;
  /** Names for error messages, e.g. file paths. */
  imageName?: string;
  maskName?: string;
  /** Receives warnings (e.g. shape2D skipped without force2D). */
  warn?: (message: string) => void;
  /** ROI name (RTSTRUCT) or segment number/label (DICOM-SEG) when the mask file is one of those. */
  roi?: string;
}

/** Order pyradiomics computes classes in: shape first, then the others as enabled. */
const MASK_CLASSES_FIRST = (a: [string, FeatureClass<any>], b: [string, FeatureClass<any>]) => (a[1].input === 'mask' ? 0 : 1) - (b[1].input === 'mask' ? 0 : 1);

/** Converts 64-bit integer voxels to float64 (the feature code reads numbers). */
function numericVolume(v: Volume): Volume {
  if (v.data instanceof BigInt64Array || v.data instanceof BigUint64Array) return { ...v, data: Float64Array.from(v.data, Number) };
  return v;
}

/**
 * Extracts features for one image and mask. `params` is a validated Params, a parameter object in
 * pyradiomics' layout ({setting, imageType, featureClass, voxelSetting}), or undefined for the defaults.
 * Volumes may be any Volume-like object (see asVolume); voxels are not copied.
 */
export async function extract(image: Volume | object, mask: Volume | object, params?: Params | ParamsInput, options: ExtractOptions = {}): Promise<ExtractionResult> {
  const imageName = options.imageName ?? 'image';
  const maskName = options.maskName ?? 'mask';
  const img = numericVolume(asVolume(image, imageName));
  const msk = numericVolume(asVolume(mask, maskName));
  if (options.label !== undefined && !(Number.isInteger(options.label) && options.label > 0)) throw new Error(`label: ${options.label} is not a positive integer`);
  const p = checkParams(params ?? {});
  const settings: Settings = options.label === undefined ? p.setting : { ...p.setting, label: options.label };
  const enabled = resolveEnabledFeatures(p, featureClasses);
  const arena = options.arena ?? sharedArena();
  arena.reset();

  const result: ExtractionResult = {};
  // one scan of the image and one of the mask serve both the diagnostics and preprocessing
  let imageStatistics: VolumeStatistics | undefined;
  let originalRoi: RoiMask | undefined;
  if (settings.additionalInfo) {
    Object.assign(result, versionDiagnostics());
    result['diagnostics_Configuration_Settings'] = { ...settings } as Record<string, unknown>;
    result['diagnostics_Configuration_EnabledImageTypes'] = p.imageType as Record<string, unknown>;
    imageStatistics = volumeStatistics(img.data);
    Object.assign(result, await imageDiagnostics(img, 'original', imageStatistics));
    originalRoi = labelRoi(msk, settings.label, maskName);
    Object.assign(result, await maskDiagnostics(msk, originalRoi, 'original'));
  }

  const prepared = prepareCase(img, msk, settings, { arena, imageName, maskName, imageStatistics, maskRoi: originalRoi });
  if (settings.additionalInfo) Object.assign(result, await stepDiagnostics(prepared, settings));

  const featureSettings = imageTypeSettings(p, 'Original');
  let maskRoi: MaskRoi | undefined;
  let roi: DiscretizedRoi | undefined;
  const classes = [...enabled.keys()].map((name) => [name, featureClasses[name]] as [string, FeatureClass<any>]).sort(MASK_CLASSES_FIRST);
  for (const [name, cls] of classes) {
    if (name === 'shape2D' && !settings.force2D) {
      options.warn?.('shape2D needs force2D: true; skipped (as pyradiomics does)');
      continue;
    }
    let input: MaskRoi | DiscretizedRoi;
    if (cls.input === 'mask') input = maskRoi ??= shapeInput(prepared, settings);
    else input = roi ??= textureInput(prepared, featureSettings, arena, imageName);
    const mark = arena.mark();
    const values = cls.compute(input, { settings: cls.input === 'mask' ? settings : featureSettings, arena, enabled: enabled.get(name)! });
    arena.release(mark);
    for (const feature of enabled.get(name)!) if (feature in values) result[`original_${name}_${feature}`] = values[feature];
  }
  return result;
}

function versionDiagnostics(): ExtractionResult {
  const out: ExtractionResult = { diagnostics_Versions_RadiomicsWasm: VERSION };
  const node = (globalThis as any).process?.versions?.node;
  if (node) out['diagnostics_Versions_Node'] = node;
  return out;
}

/** The interpolated, corrected and resegmented entries pyradiomics adds after each step. */
async function stepDiagnostics(prepared: PreparedCase, settings: Settings): Promise<ExtractionResult> {
  const out: ExtractionResult = {};
  if (prepared.resampled && settings.resampledPixelSpacing != null) {
    Object.assign(out, await imageDiagnostics(prepared.image, 'interpolated'));
    // the checked ROI is the label map of prepared.mask (the resampled, or corrected, mask)
    Object.assign(out, await maskDiagnostics(prepared.mask, prepared.checkedRoi, 'interpolated', prepared.image));
  }
  if (prepared.correctedMask) Object.assign(out, await maskDiagnostics(prepared.correctedMask, prepared.checkedRoi, 'corrected', prepared.image));
  if (prepared.roi !== prepared.checkedRoi) Object.assign(out, await maskDiagnostics(prepared.mask, prepared.roi, 'resegmented', prepared.image));
  return out;
}

/** Reads a parameter file and checks its feature names too, so a typo is reported against the file. */
export function loadExtractionParams(path: string): Params {
  const params = loadParamsFile(path);
  resolveEnabledFeatures(params, featureClasses, path);
  return params;
}

/** Reads image and mask files (Node) and extracts; `params` may be a parameter file path. */
export async function extractFromFiles(imagePath: string, maskPath: string, params?: string | Params | ParamsInput, options: ExtractOptions & ReadImageOptions = {}): Promise<ExtractionResult> {
  const p = typeof params === 'string' ? loadExtractionParams(params) : params;
  const image = readImage(imagePath, options);
  const mask = readDicomMask(maskPath, image, options.roi) ?? readImage(maskPath, options);
  return extract(image, mask, p, { imageName: imagePath, maskName: maskPath, ...options });
}
