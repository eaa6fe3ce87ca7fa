// DICOM-SEG (binary or fractional) -> binary mask on a reference image grid. The chosen segment's
// frames are stacked along their slice normal on a regular lattice, then sampled onto the reference grid
// by nearest neighbour, so a SEG drawn on the image's own grid copies exactly and others are resampled.
import type { DataSet } from 'dicom-parser';
import type { Vec3, Volume } from '../../volume.js';
import { InputError, checkImageBytes } from '../errors.js';
import { sampleOnGrid } from '../../preprocess/resample-grid.js';
import { arena as sharedArena, type WasmArena } from '../../wasm/arena.js';
import { TAG, items, numbers, parseDicomFile, requireUncompressed, text, uint16, type DicomFile } from './dataset.js';

const SEG = {
  segmentationType: 'x00620001',
  segments: 'x00620002',
  segmentNumber: 'x00620004',
  segmentLabel: 'x00620005',
  segmentIdentification: 'x0062000a',
  referencedSegmentNumber: 'x0062000b',
  maxFractional: 'x0062000e',
  shared: 'x52009229',
  perFrame: 'x52009230',
  planePosition: 'x00209113',
  planeOrientation: 'x00209116',
  pixelMeasures: 'x00289110',
  spacingBetweenSlices: 'x00180088',
} as const;

export interface SegSegment {
  number: number;
  label: string;
}

/** Segments of a DICOM-SEG (number and label), in file order. */
export function dicomSegSegments(name: string, bytes: Uint8Array): SegSegment[] {
  return segments(openSeg(name, bytes));
}

/**
 * Segment `segment` (number or label; optional when there is only one) of a DICOM-SEG as a Uint8Array
 * mask (1 inside) on `reference`'s grid.
 */
export function readDicomSegMaskBytes(name: string, bytes: Uint8Array, reference: Volume, segment?: number | string, arena: WasmArena = sharedArena()): Volume<Uint8Array> {
  const file = openSeg(name, bytes);
  requireUncompressed(file);
  const chosen = chooseSegment(name, segments(file), segment);
  const rows = uint16(file, TAG.rows, 'Rows');
  const columns = uint16(file, TAG.columns, 'Columns');
  const frameCount = numbers(file.ds, TAG.numberOfFrames)?.[0] ?? 1;
  const frames = items(file.ds, SEG.perFrame);
  if (frames.length !== frameCount) throw new InputError(name, `NumberOfFrames is ${frameCount} but PerFrameFunctionalGroupsSequence has ${frames.length} items`);
  const shared = items(file.ds, SEG.shared)[0];
  const pixels = framePixels(file, rows * columns, frameCount);

  const mine = frames.flatMap((frame, f) => (segmentOf(frame, shared) === chosen.number ? [{ f, geometry: frameGeometry(name, f, frame, shared) }] : []));
  if (mine.length === 0) throw new InputError(name, `segment ${chosen.number} ("${chosen.label}") has no frames`);

  // stack the frames on a lattice along the slice normal
  const { orientation, spacing: pixelSpacing } = mine[0].geometry;
  const rowDir = orientation.slice(0, 3) as Vec3, colDir = orientation.slice(3, 6) as Vec3;
  const normal = unit(cross(rowDir, colDir));
  if (normal.some((v) => !Number.isFinite(v))) throw new InputError(name, 'ImageOrientationPatient row and column directions are parallel or zero');
  const distance = (p: Vec3) => normal[0] * p[0] + normal[1] * p[1] + normal[2] * p[2];
  for (const m of mine) {
    if (m.geometry.orientation.some((v, i) => Math.abs(v - orientation[i]) > 1e-4)) throw new InputError(name, `frame ${m.f + 1} has another orientation than frame ${mine[0].f + 1}`);
  }
  mine.sort((a, b) => distance(a.geometry.position) - distance(b.geometry.position));
  const d0 = distance(mine[0].geometry.position);
  const step = sliceStep(file, shared, mine.map((m) => distance(m.geometry.position)), reference);
  const slots = mine.map((m) => (distance(m.geometry.position) - d0) / step);
  slots.forEach((s, i) => {
    if (Math.abs(s - Math.round(s)) > 0.01) throw new InputError(name, `frame ${mine[i].f + 1} is not on the ${step} mm slice lattice of the other frames`);
  });
  const depth = Math.round(slots[slots.length - 1]) + 1;
  checkImageBytes(name, [columns, rows, depth], 1);
  const stack = new Uint8Array(columns * rows * depth);
  const perFrame = rows * columns;
  mine.forEach((m, i) => {
    const k = Math.round(slots[i]);
    for (let p = 0; p < perFrame; p++) if (pixels(m.f, p)) stack[k * perFrame + p] = 1;
  });
  const stackVolume: Volume = {
    data: stack,
    size: [columns, rows, depth],
    spacing: [pixelSpacing[1], pixelSpacing[0], step],
    origin: [...mine[0].geometry.position],
    direction: [rowDir[0], colDir[0], normal[0], rowDir[1], colDir[1], normal[1], rowDir[2], colDir[2], normal[2]],
  };
  const onReference = sampleOnGrid(stackVolume, reference, 'sitkNearestNeighbor', arena, name) as Volume<Uint8Array>;
  if (!onReference.data.some((v) => v !== 0)) throw new InputError(name, `segment ${chosen.number} ("${chosen.label}") covers no voxel of the reference image`);
  return onReference;
}

function openSeg(name: string, bytes: Uint8Array): DicomFile {
  const file = parseDicomFile(name, bytes);
  const modality = text(file.ds, TAG.modality);
  if (modality !== 'SEG') throw new InputError(name, `not a DICOM-SEG (Modality ${modality ?? 'missing'})`);
  return file;
}

function segments(file: DicomFile): SegSegment[] {
  return items(file.ds, SEG.segments).map((it) => ({ number: it.uint16(SEG.segmentNumber) ?? NaN, label: text(it, SEG.segmentLabel) ?? '' }));
}

function chooseSegment(name: string, all: SegSegment[], wanted?: number | string): SegSegment {
  const list = all.map((s) => `${s.number} "${s.label}"`).join(', ');
  if (all.length === 0) throw new InputError(name, 'DICOM-SEG holds no segment (empty SegmentSequence)');
  if (wanted === undefined || wanted === '') {
    if (all.length === 1) return all[0];
    throw new InputError(name, `holds ${all.length} segments (${list}): choose one by number or label`);
  }
  const found = typeof wanted === 'number' || /^\d+$/.test(wanted)
    ? all.find((s) => s.number === Number(wanted))
    : all.find((s) => s.label === wanted) ?? all.find((s) => s.label.toLowerCase() === wanted.toLowerCase());
  if (!found) throw new InputError(name, `no segment ${JSON.stringify(wanted)} (segments: ${list})`);
  return found;
}

/** ReferencedSegmentNumber of a frame (per-frame group, else shared). */
function segmentOf(frame: DataSet, shared?: DataSet): number | undefined {
  const id = items(frame, SEG.segmentIdentification)[0] ?? (shared ? items(shared, SEG.segmentIdentification)[0] : undefined);
  return id?.uint16(SEG.referencedSegmentNumber);
}

interface FrameGeometry {
  position: Vec3;
  orientation: number[];
  spacing: number[];
}

/** Position, orientation and pixel spacing of one frame, from its own functional groups or the shared ones. */
function frameGeometry(name: string, f: number, frame: DataSet, shared?: DataSet): FrameGeometry {
  const find = (seq: string, tag: string, count: number, what: string): number[] => {
    for (const group of shared ? [frame, shared] : [frame]) {
      const item = items(group, seq)[0];
      const v = item && numbers(item, tag);
      if (v && v.length === count && v.every(Number.isFinite)) return v;
    }
    throw new InputError(name, `frame ${f + 1}: missing or invalid ${what}`);
  };
  return {
    position: find(SEG.planePosition, TAG.imagePosition, 3, 'ImagePositionPatient') as Vec3,
    orientation: find(SEG.planeOrientation, TAG.imageOrientation, 6, 'ImageOrientationPatient'),
    spacing: find(SEG.pixelMeasures, TAG.pixelSpacing, 2, 'PixelSpacing'),
  };
}

/** Slice step of the lattice: SpacingBetweenSlices, else the smallest gap between frames, else SliceThickness, else the reference's. */
function sliceStep(file: DicomFile, shared: DataSet | undefined, distances: number[], reference: Volume): number {
  const measures = shared ? items(shared, SEG.pixelMeasures)[0] : undefined;
  const between = measures && numbers(measures, SEG.spacingBetweenSlices)?.[0];
  if (between && between > 0) return between;
  let gap = Infinity;
  for (let i = 1; i < distances.length; i++) if (distances[i] - distances[i - 1] > 1e-4) gap = Math.min(gap, distances[i] - distances[i - 1]);
  if (Number.isFinite(gap)) return gap;
  const thickness = measures && numbers(measures, TAG.sliceThickness)?.[0];
  return thickness && thickness > 0 ? thickness : reference.spacing[2];
}

/** A reader of frame f, pixel p: true inside. BINARY frames are packed 1 bit per pixel (LSB first) across frames. */
function framePixels(file: DicomFile, perFrame: number, frameCount: number): (f: number, p: number) => boolean {
  const el = file.ds.elements[TAG.pixelData];
  if (!el) throw new InputError(file.name, 'DICOM-SEG has no PixelData');
  const bits = uint16(file, TAG.bitsAllocated, 'BitsAllocated');
  const type = text(file.ds, SEG.segmentationType)?.toUpperCase() ?? 'BINARY';
  const bytes = (file.ds.byteArray as Uint8Array).subarray(el.dataOffset, el.dataOffset + el.length);
  if (bits === 1) {
    if (bytes.length < Math.ceil((perFrame * frameCount) / 8)) throw new InputError(file.name, `pixel data holds ${bytes.length} bytes, ${frameCount} frames need ${Math.ceil((perFrame * frameCount) / 8)}`);
    return (f, p) => {
      const bit = f * perFrame + p;
      return ((bytes[bit >> 3] >> (bit & 7)) & 1) === 1;
    };
  }
  if (bits !== 8) throw new InputError(file.name, `BitsAllocated ${bits} is not supported for DICOM-SEG (1 or 8)`);
  if (bytes.length < perFrame * frameCount) throw new InputError(file.name, `pixel data holds ${bytes.length} bytes, ${frameCount} frames need ${perFrame * frameCount}`);
  // FRACTIONAL: occupancy/probability over MaximumFractionalValue; inside when at least one half
  const max = type === 'FRACTIONAL' ? file.ds.uint16(SEG.maxFractional) ?? 255 : 1;
  return (f, p) => bytes[f * perFrame + p] * 2 >= max && bytes[f * perFrame + p] > 0;
}

const unit = (v: Vec3): Vec3 => v.map((x) => x / Math.hypot(...v)) as Vec3;
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
