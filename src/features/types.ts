// What feature classes read. Preprocessing (src/preprocess) produces it once per case and image type.
import type { Vec3 } from '../volume.js';
import type { Settings } from '../settings/types.js';
import type { WasmArena } from '../wasm/arena.js';

/**
 * The ROI cropped to its bounding box (no padding) and discretised.
 * All arrays cover the cropped box, x fastest, length size[0]*size[1]*size[2].
 */
export interface DiscretizedRoi {
  size: Vec3;
  spacing: Vec3;
  /** Byte offset in the arena of an Int32 array: bin index (>= 1) inside the ROI, 0 outside. */
  binsPtr: number;
  /** A view of the same bins (re-take after arena allocations: memory.grow detaches views). */
  bins: Int32Array;
  /** Raw (normalised, unbinned) values of ROI voxels, in x-fastest order of the cropped box. */
  values: Float64Array;
  /** Number of ROI voxels (after resegmentation). */
  voxelCount: number;
  /** Maximum bin index in the ROI (pyradiomics' Ng). */
  ng: number;
  /** Sorted distinct bin indices present in the ROI. */
  grayLevels: number[];
}

/** Shape reads the mask only (cropped to the bbox, before resegmentation unless resegmentShape). */
export interface MaskRoi {
  size: Vec3;
  spacing: Vec3;
  /** 1 inside the ROI, 0 outside, x fastest over the cropped box. */
  mask: Uint8Array;
  voxelCount: number;
}

export interface FeatureContext {
  settings: Settings;
  arena: WasmArena;
  /** Feature names requested for this class (already resolved: defaults or the parameter file's list). */
  enabled: string[];
}

/** A feature class: computes the requested features; keys are bare feature names (e.g. "Contrast"). */
export interface FeatureClass<Input> {
  name: string;
  /** 'roi': reads the DiscretizedRoi; 'mask': reads the MaskRoi (shape, shape2D). */
  input: Input extends MaskRoi ? 'mask' : 'roi';
  /** Default (non-deprecated) feature names, in pyradiomics' order. */
  defaultFeatures: readonly string[];
  /** Deprecated features computed only when named. */
  deprecatedFeatures: readonly string[];
  compute(input: Input, ctx: FeatureContext): Record<string, number>;
}
