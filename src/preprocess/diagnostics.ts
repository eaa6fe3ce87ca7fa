// pyradiomics' "diagnostics_*" provenance entries (generalinfo.py): hashes, geometry, ROI extent and
// centre of mass, intensity summaries. Values are plain JSON (arrays for Python tuples).
import { indexToPoint, type Volume } from '../volume.js';
import { countComponents26 } from './components.js';
import { pairwiseSum } from './numpy.js';
import { binaryBoundingBox, type RoiMask } from './roi.js';
import { volumeStatistics, type VolumeStatistics } from './scan.js';

export type DiagnosticValue = string | number | boolean | null | number[] | Record<string, unknown>;

const nodeCrypto = (globalThis as any).process?.getBuiltinModule?.('node:crypto') as typeof import('node:crypto') | undefined;

/** SHA-1 (hex) of a mask's labels as uint32 (sitk.Hash of pyradiomics' UInt32 mask), without a full uint32 copy in Node. */
async function sha1OfUint32(data: Volume['data']): Promise<string> {
  if (data instanceof Uint32Array) return sha1Hex(data);
  if (!nodeCrypto) {
    // set() converts natively (ToUint32 as an element store); Uint32Array.from would iterate element by element
    const labels = new Uint32Array(data.length);
    labels.set(asNumbers(data));
    return sha1Hex(labels);
  }
  const hash = nodeCrypto.createHash('sha1');
  const values = asNumbers(data);
  const block = new Uint32Array(1 << 16);
  for (let at = 0; at < values.length; at += block.length) {
    const n = Math.min(block.length, values.length - at);
    // set() converts natively, with the same ToUint32 as an element store
    block.set((values as Exclude<Volume['data'], BigInt64Array | BigUint64Array>).subarray(at, at + n));
    hash.update(new Uint8Array(block.buffer, 0, n * 4));
  }
  return hash.digest('hex');
}

/** SHA-1 (hex) of raw bytes, as sitk.Hash; Web Crypto works in Node and browsers. */
export async function sha1Hex(view: ArrayBufferView): Promise<string> {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  if (nodeCrypto) return nodeCrypto.createHash('sha1').update(bytes).digest('hex');
  const digest = await globalThis.crypto.subtle.digest('SHA-1', bytes.slice() as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The voxels as numbers: number-typed arrays as they are (no copy), 64-bit integer arrays converted. */
function asNumbers(data: Volume['data']): Exclude<Volume['data'], BigInt64Array | BigUint64Array> {
  return data instanceof BigInt64Array || data instanceof BigUint64Array ? Float64Array.from(data, Number) : data;
}

/** Image-<prefix>_*: Hash and Dimensionality (original only), Spacing, Size, Mean, Minimum, Maximum; `stats`: the image's volumeStatistics if known. */
export async function imageDiagnostics(image: Volume, prefix: 'original' | 'interpolated', stats?: VolumeStatistics): Promise<Record<string, DiagnosticValue>> {
  const out: Record<string, DiagnosticValue> = {};
  const key = (k: string) => `diagnostics_Image-${prefix}_${k}`;
  if (prefix === 'original') {
    out[key('Hash')] = await sha1Hex(image.data);
    out[key('Dimensionality')] = '3D';
  }
  out[key('Spacing')] = [...image.spacing];
  out[key('Size')] = [...image.size];
  const { min, max, pairwiseSum: sum } = stats ?? volumeStatistics(image.data);
  out[key('Mean')] = sum / image.data.length;
  out[key('Minimum')] = min;
  out[key('Maximum')] = max;
  return out;
}

/**
 * Mask-<prefix>_*: Hash (original only: SHA-1 of the mask as uint32), Spacing, Size, BoundingBox (x, y, z,
 * size x, y, z), VoxelNum, VolumeNum (26-connected parts), CenterOfMassIndex and CenterOfMass; with an
 * image, also the ROI's Mean, Minimum and Maximum.
 */
export async function maskDiagnostics(mask: Volume, roi: Pick<RoiMask, 'mask' | 'size'> & Partial<Pick<RoiMask, 'bbox' | 'voxelCount'>>, prefix: 'original' | 'interpolated' | 'corrected' | 'resegmented', image?: Volume): Promise<Record<string, DiagnosticValue>> {
  const out: Record<string, DiagnosticValue> = {};
  const key = (k: string) => `diagnostics_Mask-${prefix}_${k}`;
  if (prefix === 'original') out[key('Hash')] = await sha1OfUint32(mask.data);
  out[key('Spacing')] = [...mask.spacing];
  out[key('Size')] = [...mask.size];
  // an RoiMask's box and count are those of its map: no need to scan it again
  const found = roi.bbox && roi.voxelCount !== undefined ? { bbox: roi.bbox, voxelCount: roi.voxelCount } : binaryBoundingBox(roi.mask, roi.size);
  if (!found) return out;
  const { bbox, voxelCount } = found;
  out[key('BoundingBox')] = [...bbox.lo, ...bbox.size];
  out[key('VoxelNum')] = voxelCount;
  out[key('VolumeNum')] = countComponents26(roi.mask, roi.size, bbox);
  const values = new Float64Array(image ? voxelCount : 0);
  const sum = roiSums(roi, bbox, image, values);
  const centre = sum.map((s) => s / voxelCount);
  out[key('CenterOfMassIndex')] = centre;
  out[key('CenterOfMass')] = indexToPoint(mask, centre);
  if (image) {
    out[key('Mean')] = pairwiseSum(values) / values.length;
    out[key('Minimum')] = values.reduce((m, v) => (v < m ? v : m), Infinity);
    out[key('Maximum')] = values.reduce((m, v) => (v > m ? v : m), -Infinity);
  }
  return out;
}

/** Sums of the ROI voxels' x, y, z indices (np.mean of integer coordinates: exact sums, one division) and, with an image, their values into `values`. */
function roiSums(roi: Pick<RoiMask, 'mask' | 'size'>, bbox: RoiMask['bbox'], image: Volume | undefined, values: Float64Array): number[] {
  let sx = 0, sy = 0, sz = 0, n = 0;
  const [nx, ny] = roi.size;
  const mask = roi.mask;
  const data = image?.data;
  for (let z = bbox.lo[2]; z < bbox.lo[2] + bbox.size[2]; z++) {
    for (let y = bbox.lo[1]; y < bbox.lo[1] + bbox.size[1]; y++) {
      for (let x = bbox.lo[0], i = x + nx * (y + ny * z); x < bbox.lo[0] + bbox.size[0]; x++, i++) {
        if (!mask[i]) continue;
        sx += x;
        sy += y;
        sz += z;
        if (data) values[n++] = Number(data[i]);
      }
    }
  }
  return [sx, sy, sz];
}
