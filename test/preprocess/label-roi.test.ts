import { describe, expect, it } from 'vitest';
import { binaryBoundingBox, labelRoi } from '../../src/preprocess/roi.js';
import { labelBoundingBox } from '../../src/preprocess/resample.js';
import { Random } from '../../src/random.js';
import type { Vec3, Volume, VoxelArray } from '../../src/volume.js';

const volume = (data: VoxelArray, size: Vec3): Volume => ({ data, size, spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] });

describe('labelRoi', () => {
  const size: Vec3 = [13, 9, 7];
  const n = size[0] * size[1] * size[2];
  const rng = new Random(3);
  // sparse labels 1 and 2 in a few rows, so most rows are all zero
  const labels = Array.from({ length: n }, (_, i) => (i % 13 < 9 && Math.floor(i / 13) % 4 === 1 && rng.uniform() < 0.5 ? 1 + rng.int(2) : 0));
  const unaligned = new Uint8Array(n + 1).subarray(1);
  unaligned.set(labels);
  const cases: [string, VoxelArray][] = [
    ['uint8', Uint8Array.from(labels)],
    ['uint8 at an odd byte offset', unaligned],
    ['int16', Int16Array.from(labels)],
    ['float32', Float32Array.from(labels)],
    ['uint64', BigUint64Array.from(labels, BigInt)],
  ];
  it.each(cases)('%s: the map, box and count of the label', (_, data) => {
    for (const label of [1, 2]) {
      const roi = labelRoi(volume(data, size), label);
      const want = Uint8Array.from(labels, (v) => (v === label ? 1 : 0));
      expect(roi.mask).toEqual(want);
      expect({ bbox: roi.bbox, voxelCount: roi.voxelCount }).toEqual(binaryBoundingBox(want, size));
      expect(roi.bbox).toEqual(labelBoundingBox(volume(data, size), label));
    }
  });
  it('names the first invalid voxel and the labels present, as maskLabels', () => {
    const data = new Float32Array(n);
    data[40] = 1;
    data[100] = 2.5;
    data[200] = -1;
    expect(() => labelRoi(volume(data, size), 1)).toThrow(/voxel \(9, 7, 0\) has the non-integer value 2.5/);
    expect(() => labelRoi(volume(Int16Array.from(labels, (v) => -v), size), 1)).toThrow(/negative label -/);
    expect(() => labelRoi(volume(Uint8Array.from(labels), size), 3)).toThrow(/label 3 is not present; labels present: 1, 2/);
    expect(() => labelRoi(volume(new Uint8Array(n), size), 1)).toThrow(/the mask is empty/);
  });
});
