// shape2D against pyradiomics' baseline (single-slice masks: brain1 z=16, brain2 z=8, breast1 z=9), the same
// slices laid in the other two planes (force2Ddimension 1 and 2), and the force2D / thickness errors.
import { describe, expect, test } from 'vitest';
import { computeShape2D, shape2DClass, SHAPE2D_FEATURES } from '../../src/features/shape2d.js';
import type { MaskRoi } from '../../src/features/types.js';
import { DEFAULT_SETTINGS } from '../../src/settings/types.js';
import { arena } from '../../src/wasm/arena.js';
import { expectClose, readBaseline } from '../helpers.js';
import { caseMask, caseSliceMask } from './shape-inputs.js';

const TOLERANCE = 1e-9;
const baseline = readBaseline('shape2D');
const slices = [['brain1', 16, 984], ['brain2', 8, 227], ['breast1', 9, 82]] as const;

function expectBaseline(got: Record<string, number>, testCase: string, what: string): void {
  const expected = baseline[`${testCase}_shape2D`];
  for (const name of SHAPE2D_FEATURES) {
    const key = `original_shape2D_${name}`;
    expect(expected[key], key).toBeDefined();
    expectClose(got[name], Number(expected[key]), TOLERANCE, `${what} ${name}`);
  }
}

/** Lays an axial single-slice ROI (rows y, columns x) in the plane normal to numpy axis `dimension`. */
function layInPlane(roi: MaskRoi, dimension: 1 | 2): MaskRoi {
  const [X, Y] = roi.size;
  const [sx, sy] = roi.spacing;
  // dimension 1: rows z, columns x; dimension 2: rows z, columns y.
  const size: [number, number, number] = dimension === 1 ? [X, 1, Y] : [1, X, Y];
  const spacing: [number, number, number] = dimension === 1 ? [sx, 7.5, sy] : [7.5, sx, sy];
  return { ...roi, size, spacing }; // same bytes: row-major (row, column) in both layouts
}

describe('shape2D vs pyradiomics', () => {
  test.each(slices)('%s slice z=%i (%i pixels)', (testCase, z, pixels) => {
    const roi = caseSliceMask(testCase, z);
    expect(roi.size[2]).toBe(1);
    expect(roi.voxelCount).toBe(pixels);
    expectBaseline(computeShape2D(roi, SHAPE2D_FEATURES, 0), testCase, testCase);
  });

  test.each(slices)('%s slice z=%i in the coronal and sagittal planes', (testCase, z) => {
    const roi = caseSliceMask(testCase, z);
    expectBaseline(computeShape2D(layInPlane(roi, 1), SHAPE2D_FEATURES, 1), testCase, `${testCase} (force2Ddimension 1)`);
    expectBaseline(computeShape2D(layInPlane(roi, 2), SHAPE2D_FEATURES, 2), testCase, `${testCase} (force2Ddimension 2)`);
  });

  test('SphericalDisproportion is the inverse of the reference Sphericity', () => {
    const got = computeShape2D(caseSliceMask('brain2', 8), ['SphericalDisproportion'], 0);
    expectClose(got.SphericalDisproportion, 1 / Number(baseline.brain2_shape2D.original_shape2D_Sphericity), TOLERANCE, 'SphericalDisproportion');
  });

  test('the feature class takes force2Ddimension from the settings', () => {
    const ctx = { settings: { ...DEFAULT_SETTINGS, force2D: true, force2Ddimension: 1 as const }, arena: arena(), enabled: [...SHAPE2D_FEATURES] };
    expectBaseline(shape2DClass.compute(layInPlane(caseSliceMask('breast1', 9), 1), ctx), 'breast1', 'class');
  });
});

describe('shape2D errors', () => {
  const ctx = (force2D: boolean, force2Ddimension: 0 | 1 | 2 = 0) => ({ settings: { ...DEFAULT_SETTINGS, force2D, force2Ddimension }, arena: arena(), enabled: ['Perimeter'] });

  test('force2D off', () => {
    expect(() => shape2DClass.compute(caseSliceMask('brain2', 8), ctx(false))).toThrow('shape2D: needs force2D = true');
  });

  test('a mask more than one slice thick in force2Ddimension', () => {
    expect(() => shape2DClass.compute(caseMask('brain2'), ctx(true))).toThrow(/the mask is \d+ voxels thick along z \(force2Ddimension 0\)/);
    expect(() => shape2DClass.compute(caseSliceMask('brain2', 8), ctx(true, 1))).toThrow(/voxels thick along y \(force2Ddimension 1\)/);
  });

  test('an invalid force2Ddimension, an empty slice, an unknown feature', () => {
    const roi = caseSliceMask('brain2', 8);
    expect(() => computeShape2D(roi, ['Perimeter'], 3)).toThrow('shape2D: force2Ddimension 3 must be 0, 1 or 2');
    expect(() => computeShape2D({ ...roi, mask: new Uint8Array(roi.mask.length) }, ['Perimeter'], 0)).toThrow('shape2D: the mask has no pixel inside the ROI');
    expect(() => computeShape2D(roi, ['Volume'], 0)).toThrow('shape2D: unknown feature "Volume"');
  });
});
