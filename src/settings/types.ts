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

/** A whole parameter file: `featureClass` maps a class to null/[] (all default features) or feature names. */
export interface Params {
  setting: Settings;
  imageType: Record<string, Partial<Settings>>;
  featureClass: Partial<Record<FeatureClassName, string[] | null>>;
  voxelSetting: Record<string, unknown>;
}
