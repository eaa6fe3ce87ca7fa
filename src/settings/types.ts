// pyradiomics settings, with pyradiomics' names and defaults (radiomics/featureextractor.py and each
// feature class). A parameter file's `setting:` section maps onto this object 1:1.

export type WeightingNorm = 'manhattan' | 'euclidean' | 'infinity' | 'no_weighting' | null;
export type Interpolator = 'sitkNearestNeighbor' | 'sitkLinear' | 'sitkBSpline';

export interface Settings {
  // mask / ROI
  label: number;
  label_channel: number;
  minimumROIDimensions: number;
  minimumROISize: number | null;
  geometryTolerance: number | null;
  correctMask: boolean;
  additionalInfo: boolean;
  // normalisation
  normalize: boolean;
  normalizeScale: number;
  removeOutliers: number | null;
  // resampling / cropping
  resampledPixelSpacing: number[] | null;
  interpolator: Interpolator;
  padDistance: number;
  preCrop: boolean;
  // resegmentation
  resegmentRange: number[] | null;
  resegmentMode: 'absolute' | 'relative' | 'sigma';
  resegmentShape: boolean;
  // discretisation
  binWidth: number;
  binCount: number | null;
  // texture geometry
  distances: number[];
  force2D: boolean;
  force2Ddimension: 0 | 1 | 2;
  // class-specific
  voxelArrayShift: number;
  symmetricalGLCM: boolean;
  weightingNorm: WeightingNorm;
  gldm_a: number;
  // filter settings (valid in pyradiomics parameter files; used only by image types other than Original)
  sigma?: number[];
  start_level?: number;
  level?: number;
  wavelet?: string;
  gradientUseSpacing?: boolean;
  lbp2DRadius?: number;
  lbp2DSamples?: number;
  lbp2DMethod?: 'default' | 'ror' | 'uniform' | 'var';
  lbp3DLevels?: number;
  lbp3DIcosphereRadius?: number;
  lbp3DIcosphereSubdivision?: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  label: 1,
  label_channel: 0,
  minimumROIDimensions: 2,
  minimumROISize: null,
  geometryTolerance: null,
  correctMask: false,
  additionalInfo: true,
  normalize: false,
  normalizeScale: 1,
  removeOutliers: null,
  resampledPixelSpacing: null,
  interpolator: 'sitkBSpline',
  padDistance: 5,
  preCrop: false,
  resegmentRange: null,
  resegmentMode: 'absolute',
  resegmentShape: false,
  binWidth: 25,
  binCount: null,
  distances: [1],
  force2D: false,
  force2Ddimension: 0,
  voxelArrayShift: 0,
  symmetricalGLCM: true,
  weightingNorm: null,
  gldm_a: 0,
});

export type FeatureClassName = 'shape' | 'shape2D' | 'firstorder' | 'glcm' | 'glrlm' | 'glszm' | 'gldm' | 'ngtdm';

/** pyradiomics' voxel-based settings (parsed and validated; segment-based extraction ignores them). */
export interface VoxelSettings {
  kernelRadius: number;
  maskedKernel: boolean;
  initValue: number;
  voxelBatch: number;
}

export const DEFAULT_VOXEL_SETTINGS: Readonly<VoxelSettings> = Object.freeze({ kernelRadius: 1, maskedKernel: true, initValue: 0, voxelBatch: -1 });

/** Every image type pyradiomics knows; only Original is computed here. */
export const IMAGE_TYPES = ['Original', 'Wavelet', 'LoG', 'Square', 'SquareRoot', 'Logarithm', 'Exponential', 'Gradient', 'LBP2D', 'LBP3D'] as const;

export const FEATURE_CLASS_NAMES: readonly FeatureClassName[] = ['firstorder', 'shape', 'shape2D', 'glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'];

/** A whole parameter file: `featureClass` maps a class to null/[] (all default features) or feature names. */
export interface Params {
  setting: Settings;
  imageType: Record<string, Partial<Settings>>;
  featureClass: Partial<Record<FeatureClassName, string[] | null>>;
  voxelSetting: Partial<VoxelSettings>;
}
