// pyradiomics' resegmentMask: keep ROI voxels whose value lies within thresholds derived from
// resegmentRange (absolute values, fractions of the ROI maximum, or mean + k·σ of the ROI).
import type { Volume } from '../volume.js';
import { InputError } from '../io/errors.js';
import type { Settings } from '../settings/types.js';
import { mean, variance } from './numpy.js';
import { type RoiMask } from './roi.js';

/** ROI voxel values in x-fastest scan order (numpy's boolean-index order). */
export function roiValues(image: Volume, roi: RoiMask): Float64Array {
  const out = new Float64Array(roi.voxelCount);
  const { lo, size } = roi.bbox;
  const [nx, ny] = roi.size;
  let n = 0;
  for (let z = lo[2]; z < lo[2] + size[2]; z++) {
    for (let y = lo[1]; y < lo[1] + size[1]; y++) {
      for (let i = lo[0] + nx * (y + ny * z), end = i + size[0]; i < end; i++) if (roi.mask[i]) out[n++] = Number(image.data[i]);
    }
  }
  return out;
}

/** The [lower, upper?] thresholds pyradiomics derives from resegmentRange and resegmentMode. */
export function resegmentThresholds(values: Float64Array, settings: Pick<Settings, 'resegmentRange' | 'resegmentMode'>): number[] {
  const range = [...(settings.resegmentRange ?? [])].sort((a, b) => a - b);
  if (range.length < 1 || range.length > 2) throw new InputError('settings', `resegmentRange must have 1 or 2 values (got ${range.length})`);
  if (settings.resegmentMode === 'absolute') return range;
  if (settings.resegmentMode === 'relative') {
    let max = -Infinity;
    for (const v of values) if (v > max) max = v;
    return range.map((t) => max * t);
  }
  const m = mean(values);
  const sd = Math.sqrt(variance(values, m));
  return range.map((t) => m + sd * t);
}

/** A new ROI map keeping voxels >= lower (and <= upper); fails when fewer than 2 remain. */
export function resegmentRoi(image: Volume, roi: RoiMask, settings: Pick<Settings, 'resegmentRange' | 'resegmentMode' | 'label'>, name = 'mask'): Uint8Array {
  const values = roiValues(image, roi);
  const [lower, upper] = resegmentThresholds(values, settings);
  const out = new Uint8Array(roi.mask.length);
  let kept = 0;
  for (let i = 0; i < roi.mask.length; i++) {
    if (!roi.mask[i]) continue;
    const v = Number(image.data[i]);
    if (v >= lower && (upper === undefined || v <= upper)) {
      out[i] = 1;
      kept++;
    }
  }
  if (kept <= 1) {
    const t = upper === undefined ? `>= ${lower}` : `in [${lower}, ${upper}]`;
    throw new InputError(name, `resegmentation (${settings.resegmentMode}, values ${t}) kept ${kept} voxel(s) of label ${settings.label}; at least 2 are needed`);
  }
  return out;
}
