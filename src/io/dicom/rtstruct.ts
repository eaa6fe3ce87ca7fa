// DICOM RTSTRUCT -> binary mask on a reference image grid. Each CLOSED_PLANAR contour is matched to
// the image slice at its position (ContourImageSequence UIDs are not trusted: they often point at
// another series) and filled with the even-odd rule at voxel centres; contours on one slice combine by
// XOR, so holes and islands drawn as separate contours come out right.
import type { DataSet } from 'dicom-parser';
import type { Vec3, Volume } from '../../volume.js';
import { InputError } from '../errors.js';
import { pointToIndexMatrix } from '../../preprocess/resample-grid.js';
import { TAG, items, numbers, parseDicomFile, text, type DicomFile } from './dataset.js';

const SEQ = {
  structureSetRois: 'x30060020',
  roiNumber: 'x30060022',
  roiName: 'x30060026',
  roiContours: 'x30060039',
  referencedRoiNumber: 'x30060084',
  contours: 'x30060040',
  geometricType: 'x30060042',
  contourData: 'x30060050',
} as const;

/** How far (in slices) a contour may sit from the nearest slice centre and still belong to it. */
const SLICE_TOLERANCE = 0.25;

/** ROI names of an RTSTRUCT, in file order. */
export function rtstructRoiNames(name: string, bytes: Uint8Array): string[] {
  return structureSetRois(openRtstruct(name, bytes)).map((r) => r.name);
}

/**
 * Rasterises ROI `roiName` of an RTSTRUCT onto `reference`'s grid: a Uint8Array mask (1 inside).
 * Without a name, the RTSTRUCT must hold exactly one ROI. Name matching is exact, then case-insensitive.
 */
export function readRtstructMaskBytes(name: string, bytes: Uint8Array, reference: Volume, roiName?: string): Volume<Uint8Array> {
  const file = openRtstruct(name, bytes);
  const rois = structureSetRois(file);
  if (rois.length === 0) throw new InputError(name, 'RTSTRUCT holds no ROI (empty StructureSetROISequence)');
  const roi = chooseRoi(name, rois, roiName);
  const contourItem = items(file.ds, SEQ.roiContours).find((it) => numbers(it, SEQ.referencedRoiNumber)?.[0] === roi.number);
  const contours = contourItem ? items(contourItem, SEQ.contours) : [];
  if (contours.length === 0) throw new InputError(name, `ROI "${roi.name}" has no contours`);

  const [nx, ny, nz] = reference.size;
  const toIndex = pointToIndex(reference);
  const bySlice = new Map<number, Float64Array[]>();
  for (const [c, contour] of contours.entries()) {
    const type = text(contour, SEQ.geometricType)?.toUpperCase();
    if (type !== 'CLOSED_PLANAR') continue; // points and open polylines enclose no voxels
    const polygon = contourPolygon(name, roi.name, c, contour, toIndex, nz);
    if (polygon) bySlice.set(polygon.k, [...(bySlice.get(polygon.k) ?? []), polygon.xy]);
  }
  const data = new Uint8Array(nx * ny * nz);
  for (const [k, polygons] of bySlice) fillSlice(data.subarray(k * nx * ny, (k + 1) * nx * ny), nx, ny, polygons);
  if (!data.some((v) => v !== 0)) throw new InputError(name, `ROI "${roi.name}" covers no voxel centre of the reference image (is it the image this RTSTRUCT was drawn on?)`);
  return { data, size: [...reference.size], spacing: [...reference.spacing], origin: [...reference.origin], direction: reference.direction.slice() };
}

function openRtstruct(name: string, bytes: Uint8Array): DicomFile {
  const file = parseDicomFile(name, bytes);
  const modality = text(file.ds, TAG.modality);
  if (modality !== 'RTSTRUCT' && !file.ds.elements[SEQ.structureSetRois]) throw new InputError(name, `not an RTSTRUCT (Modality ${modality ?? 'missing'})`);
  return file;
}

interface Roi {
  number: number;
  name: string;
}

function structureSetRois(file: DicomFile): Roi[] {
  return items(file.ds, SEQ.structureSetRois).map((it) => ({ number: numbers(it, SEQ.roiNumber)?.[0] ?? NaN, name: text(it, SEQ.roiName) ?? '' }));
}

function chooseRoi(name: string, rois: Roi[], wanted?: string): Roi {
  const list = rois.map((r) => `"${r.name}"`).join(', ');
  if (wanted === undefined || wanted === '') {
    if (rois.length === 1) return rois[0];
    throw new InputError(name, `holds ${rois.length} ROIs (${list}): choose one by name (--roi NAME)`);
  }
  const found = rois.find((r) => r.name === wanted) ?? rois.find((r) => r.name.toLowerCase() === wanted.toLowerCase());
  if (!found) throw new InputError(name, `no ROI named "${wanted}" (ROIs: ${list})`);
  return found;
}

/** LPS point -> continuous index of the reference image. */
function pointToIndex(v: Volume): (p: Vec3) => Vec3 {
  const m = pointToIndexMatrix(v.direction, v.spacing);
  return (p) => {
    const d0 = p[0] - v.origin[0], d1 = p[1] - v.origin[1], d2 = p[2] - v.origin[2];
    return [m[0] * d0 + m[1] * d1 + m[2] * d2, m[3] * d0 + m[4] * d1 + m[5] * d2, m[6] * d0 + m[7] * d1 + m[8] * d2];
  };
}

/** The contour's slice index and its vertices in (x, y) continuous index; null when empty or outside the image's slab. */
function contourPolygon(name: string, roiName: string, c: number, contour: DataSet, toIndex: (p: Vec3) => Vec3, nz: number): { k: number; xy: Float64Array } | null {
  const values = numbers(contour, SEQ.contourData);
  if (!values || values.length < 3) return null;
  if (values.length % 3 !== 0 || values.some((v) => !Number.isFinite(v))) throw new InputError(name, `ROI "${roiName}" contour ${c + 1}: ContourData is not a list of x\\y\\z triples`);
  const n = values.length / 3;
  const xy = new Float64Array(2 * n);
  let kFirst = NaN;
  for (let p = 0; p < n; p++) {
    const idx = toIndex([values[3 * p], values[3 * p + 1], values[3 * p + 2]]);
    const k = Math.round(idx[2]);
    if (p === 0 && (k < 0 || k >= nz)) return null; // beyond the first or last slice: clipped away
    if (Math.abs(idx[2] - k) > SLICE_TOLERANCE) {
      throw new InputError(name, `ROI "${roiName}" contour ${c + 1} lies between image slices (slice index ${idx[2].toFixed(2)}): it was not drawn on this image's slices`);
    }
    if (p === 0) kFirst = k;
    else if (k !== kFirst) throw new InputError(name, `ROI "${roiName}" contour ${c + 1} is not in one image slice (slices ${kFirst} and ${k}): only contours drawn on the image's slice planes are supported`);
    xy[2 * p] = idx[0];
    xy[2 * p + 1] = idx[1];
  }
  return { k: kFirst, xy };
}

/**
 * Even-odd fill of voxel centres (i, j) of one slice: a centre is inside when a ray towards +x crosses
 * the polygons' edges an odd number of times (an edge counts when it spans j half-open, [min, max)).
 */
export function fillSlice(slice: Uint8Array, nx: number, ny: number, polygons: Float64Array[]): void {
  const crossings: number[] = [];
  for (let j = 0; j < ny; j++) {
    crossings.length = 0;
    for (const xy of polygons) {
      const n = xy.length / 2;
      for (let a = 0, b = n - 1; a < n; b = a++) {
        const ya = xy[2 * a + 1], yb = xy[2 * b + 1];
        if (ya > j === yb > j) continue;
        const xa = xy[2 * a], xb = xy[2 * b];
        crossings.push(xa + ((j - ya) * (xb - xa)) / (yb - ya));
      }
    }
    if (crossings.length === 0) continue;
    crossings.sort((p, q) => p - q);
    // voxel i is inside when an odd number of crossings lie strictly to its right (x > i)
    const row = j * nx;
    for (let c = 0; c + 1 < crossings.length; c += 2) {
      // crossings [c, c+1] bound a run: centres with crossings[c] <= i < crossings[c+1] have an odd count to the right
      const from = Math.max(0, Math.ceil(crossings[c]));
      const to = Math.min(nx - 1, Math.ceil(crossings[c + 1]) - 1);
      for (let i = from; i <= to; i++) slice[row + i] = 1;
    }
  }
}
