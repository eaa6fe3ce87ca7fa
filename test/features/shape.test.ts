// Shape (3D) against pyradiomics (brain1: current-master reference JSON; brain2, breast1: baseline CSV) and
// against the IBSI digital phantom's morphology values that pyradiomics defines the same way.
import { describe, expect, test } from 'vitest';
import { computeShape, shapeClass, SHAPE_DEPRECATED, SHAPE_FEATURES } from '../../src/features/shape.js';
import { DEFAULT_SETTINGS } from '../../src/settings/types.js';
import { arena } from '../../src/wasm/arena.js';
import { expectClose, readBaseline, readCsv, readJson } from '../helpers.js';
import { caseMask, phantomMask } from './shape-inputs.js';

const TOLERANCE = 1e-9;
const baseline = readBaseline('shape');
const references: [string, () => Record<string, number>][] = [
  ['brain1', () => readJson('pyradiomics', 'reference', 'brain1_default.json')],
  ['brain2', () => Object.fromEntries(Object.entries(baseline.brain2).map(([k, v]) => [k, Number(v)]))],
  ['breast1', () => Object.fromEntries(Object.entries(baseline.breast1).map(([k, v]) => [k, Number(v)]))],
];

describe('shape vs pyradiomics', () => {
  test.each(references)('%s: all 14 default features', (testCase, reference) => {
    const expected = reference();
    const got = computeShape(caseMask(testCase), SHAPE_FEATURES);
    expect(Object.keys(got)).toHaveLength(14);
    for (const name of SHAPE_FEATURES) {
      const key = `original_shape_${name}`;
      expect(expected[key], key).toBeTypeOf('number');
      expectClose(got[name], expected[key], TOLERANCE, `${testCase} ${name}`);
    }
  });

  test('deprecated features follow their definitions from the reference volume and area', () => {
    const expected = references[0][1]();
    const got = computeShape(caseMask('brain1'), SHAPE_DEPRECATED);
    const V = expected.original_shape_MeshVolume, A = expected.original_shape_SurfaceArea;
    expectClose(got.Compactness1, V / Math.sqrt(Math.PI * A ** 3), TOLERANCE, 'Compactness1');
    expectClose(got.Compactness2, expected.original_shape_Sphericity ** 3, TOLERANCE, 'Compactness2');
    expectClose(got.SphericalDisproportion, 1 / expected.original_shape_Sphericity, TOLERANCE, 'SphericalDisproportion');
  });

  test('the feature class reads the MaskRoi through a FeatureContext', () => {
    const ctx = { settings: { ...DEFAULT_SETTINGS }, arena: arena(), enabled: ['MeshVolume', 'Maximum3DDiameter'] };
    const got = shapeClass.compute(caseMask('breast1'), ctx);
    expect(Object.keys(got).sort()).toEqual(['Maximum3DDiameter', 'MeshVolume']);
    expectClose(got.MeshVolume, Number(baseline.breast1.original_shape_MeshVolume), TOLERANCE, 'MeshVolume');
    expect(shapeClass.input).toBe('mask');
    expect(shapeClass.defaultFeatures).toHaveLength(14);
  });
});

describe('shape vs the IBSI digital phantom', () => {
  // IBSI values have 3 significant digits: round ours the same way, then compare within the IBSI tolerance.
  const roundSignificant = (x: number) => Number(x.toPrecision(3));
  const rows = readCsv('ibsi', 'phantom_reference.csv').filter((r) => r.family === 'morphology' && r.pyradiomics_name.startsWith('shape_'));
  const axisFeatures = ['MajorAxisLength', 'MinorAxisLength', 'LeastAxisLength'];
  const pyradiomicsMode = computeShape(phantomMask(), [...SHAPE_FEATURES, ...SHAPE_DEPRECATED]);
  const ibsiMode = computeShape(phantomMask(), [...SHAPE_FEATURES, ...SHAPE_DEPRECATED], undefined, { ibsi: true });

  test('the reference rows are there', () => {
    expect(rows.length).toBe(14);
  });

  test.each(rows.map((r) => [r.pyradiomics_name.slice(6), Number(r.value), Number(r.tolerance)] as const))('%s = %f ± %f', (name, value, tolerance) => {
    const ours = axisFeatures.includes(name) ? ibsiMode[name] : pyradiomicsMode[name];
    expect(Math.abs(roundSignificant(ours) - value)).toBeLessThanOrEqual(tolerance + 1e-12);
    expect(ibsiMode[name]).toBeTypeOf('number');
  });

  test('IBSI mode differs only in the axis lengths, by √(N/(N−1))', () => {
    const n = 74;
    for (const name of [...SHAPE_FEATURES, ...SHAPE_DEPRECATED]) {
      if (axisFeatures.includes(name)) expectClose(ibsiMode[name], pyradiomicsMode[name] * Math.sqrt(n / (n - 1)), 1e-12, name);
      else expectClose(ibsiMode[name], pyradiomicsMode[name], 1e-14, name); // ratios of scaled eigenvalues
    }
    // pyradiomics' population covariance misses the IBSI minor axis 9.31 ± 0.06.
    expect(Math.abs(roundSignificant(pyradiomicsMode.MinorAxisLength) - 9.31)).toBeGreaterThan(0.06);
  });
});

describe('shape input errors', () => {
  const good = () => phantomMask();
  test.each([
    ['an empty mask', { ...good(), mask: new Uint8Array(80) }, /no voxel inside the ROI/],
    ['a size that does not fit the mask', { ...good(), size: [4, 4, 4] }, /has 80 values but size 4x4x4 needs 64/],
    ['a zero spacing', { ...good(), spacing: [2, 0, 2] }, /spacing 2,0,2 is not three positive finite numbers/],
    ['a NaN spacing', { ...good(), spacing: [2, NaN, 2] }, /spacing/],
    ['a fractional size', { ...good(), size: [5, 4, 4.5] }, /not three positive integers/],
    ['an absurd bounding box', { ...good(), size: [100000, 1, 1] }, /exceeds 16382 voxels/],
  ])('%s', (_what, roi, message) => {
    expect(() => computeShape(roi as any, ['MeshVolume'])).toThrow(message);
  });

  test('an unknown feature name', () => {
    expect(() => computeShape(good(), ['Volume'])).toThrow('shape: unknown feature "Volume"');
  });
});
