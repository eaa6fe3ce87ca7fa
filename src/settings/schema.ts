// Every valid pyradiomics setting (paramSchema.yaml) with its type and range; checkSetting returns the
// value or throws one line naming the key, the rule and the value.
import { InputError } from '../io/errors.js';

type Kind = 'int' | 'float' | 'bool' | 'str' | 'intList' | 'floatList';

interface Spec {
  kind: Kind;
  min?: number;
  max?: number;
  /** exclusive lower bound */
  above?: number;
  choices?: readonly (string | null)[];
  /** null is a valid value (the default is null / "off") */
  nullable?: boolean;
  /** NaN (or the string "nan") is a valid value */
  nan?: boolean;
  /** allowed list lengths */
  lengths?: readonly number[];
}

/** Most bins a discretisation may produce: beyond this no texture matrix could be built anyway. */
export const MAX_BINS = 10_000_000;

export const SETTING_SPECS: Record<string, Spec> = {
  minimumROIDimensions: { kind: 'int', min: 1, max: 3 },
  minimumROISize: { kind: 'int', above: 0, nullable: true },
  geometryTolerance: { kind: 'float', above: 0, nullable: true },
  correctMask: { kind: 'bool' },
  additionalInfo: { kind: 'bool' },
  label: { kind: 'int', above: 0 },
  label_channel: { kind: 'int', min: 0 },
  binWidth: { kind: 'float', above: 0 },
  binCount: { kind: 'int', above: 0, max: MAX_BINS, nullable: true },
  normalize: { kind: 'bool' },
  normalizeScale: { kind: 'float', above: 0 },
  removeOutliers: { kind: 'float', above: 0, nullable: true },
  resampledPixelSpacing: { kind: 'floatList', min: 0, nullable: true, lengths: [2, 3] },
  interpolator: { kind: 'str', choices: ['sitkNearestNeighbor', 'sitkLinear', 'sitkBSpline'] },
  padDistance: { kind: 'int', min: 0 },
  distances: { kind: 'intList', above: 0 },
  force2D: { kind: 'bool' },
  force2Ddimension: { kind: 'int', min: 0, max: 2 },
  resegmentRange: { kind: 'floatList', nullable: true, lengths: [1, 2] },
  resegmentMode: { kind: 'str', choices: ['absolute', 'relative', 'sigma'] },
  resegmentShape: { kind: 'bool' },
  preCrop: { kind: 'bool' },
  sigma: { kind: 'floatList', above: 0 },
  start_level: { kind: 'int', min: 0 },
  level: { kind: 'int', above: 0 },
  wavelet: { kind: 'str' },
  gradientUseSpacing: { kind: 'bool' },
  lbp2DRadius: { kind: 'float', above: 0 },
  lbp2DSamples: { kind: 'int', min: 1 },
  lbp2DMethod: { kind: 'str', choices: ['default', 'ror', 'uniform', 'var'] },
  lbp3DLevels: { kind: 'int', min: 1 },
  lbp3DIcosphereRadius: { kind: 'float', above: 0 },
  lbp3DIcosphereSubdivision: { kind: 'int', min: 0 },
  voxelArrayShift: { kind: 'int' },
  symmetricalGLCM: { kind: 'bool' },
  weightingNorm: { kind: 'str', choices: ['manhattan', 'euclidean', 'infinity', 'no_weighting'], nullable: true },
  gldm_a: { kind: 'int', min: 0 },
};

export const VOXEL_SETTING_SPECS: Record<string, Spec> = {
  kernelRadius: { kind: 'int', above: 0 },
  maskedKernel: { kind: 'bool' },
  initValue: { kind: 'float', nan: true },
  voxelBatch: { kind: 'int', above: 0 },
};

/** Interpolators pyradiomics accepts that the resampler does not implement. */
const OTHER_INTERPOLATORS = ['sitkGaussian', 'sitkLabelGaussian', 'sitkHammingWindowedSinc', 'sitkCosineWindowedSinc', 'sitkWelchWindowedSinc', 'sitkLanczosWindowedSinc', 'sitkBlackmanWindowedSinc'];

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + '...' : s;
}

function checkNumber(source: string, key: string, v: unknown, spec: Spec, integer: boolean, what = key): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new InputError(source, `setting ${what} must be ${integer ? 'an integer' : 'a finite number'} (got ${show(v)})`);
  }
  if (spec.above !== undefined && !(v > spec.above)) throw new InputError(source, `setting ${what} must be > ${spec.above} (got ${v})`);
  if (spec.min !== undefined && v < spec.min) throw new InputError(source, `setting ${what} must be >= ${spec.min} (got ${v})`);
  if (spec.max !== undefined && v > spec.max) throw new InputError(source, `setting ${what} must be <= ${spec.max} (got ${v})`);
  return v;
}

/** Validates one value against its spec. `specs` chooses the section (settings or voxel settings). */
export function checkSetting(source: string, key: string, value: unknown, specs: Record<string, Spec> = SETTING_SPECS): unknown {
  const spec = specs[key];
  if (!spec) {
    const near = Object.keys(specs).find((k) => k.toLowerCase() === key.toLowerCase());
    throw new InputError(source, `unknown setting "${key}"${near ? ` (did you mean "${near}"?)` : ''}`);
  }
  if (value === null || value === undefined) {
    if (spec.nullable) return null;
    throw new InputError(source, `setting ${key} must have a value (null is only allowed for settings that are off by default)`);
  }
  switch (spec.kind) {
    case 'bool':
      if (typeof value !== 'boolean') throw new InputError(source, `setting ${key} must be true or false (got ${show(value)})`);
      return value;
    case 'int':
    case 'float':
      if (spec.nan && (Number.isNaN(value) || (typeof value === 'string' && /^\.?nan$/i.test(value)))) return NaN;
      return checkNumber(source, key, value, spec, spec.kind === 'int');
    case 'str':
      if (typeof value !== 'string') throw new InputError(source, `setting ${key} must be a string (got ${show(value)})`);
      if (key === 'interpolator' && OTHER_INTERPOLATORS.includes(value)) throw new InputError(source, `setting interpolator: ${value} is not supported (use sitkBSpline, sitkLinear or sitkNearestNeighbor)`);
      if (spec.choices && !spec.choices.includes(value)) throw new InputError(source, `setting ${key} must be one of ${spec.choices.filter(Boolean).join(', ')} (got ${show(value)})`);
      return value;
    case 'intList':
    case 'floatList': {
      const list = typeof value === 'number' ? [value] : value;
      if (!Array.isArray(list) || list.length === 0) throw new InputError(source, `setting ${key} must be a list of numbers (got ${show(value)})`);
      if (spec.lengths && !spec.lengths.includes(list.length)) throw new InputError(source, `setting ${key} must have ${spec.lengths.join(' or ')} values (got ${list.length})`);
      return list.map((x, i) => checkNumber(source, key, x, spec, spec.kind === 'intList', `${key}[${i}]`));
    }
  }
}
