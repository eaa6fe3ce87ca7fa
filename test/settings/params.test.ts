import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { applySettingOverrides, checkParams, loadParamsFile, parseParams, resolveEnabledFeatures, SETTING_SPECS, VOXEL_SETTING_SPECS, DEFAULT_SETTINGS, imageTypeSettings } from '../../src/settings/index.js';
import type { FeatureClass } from '../../src/features/types.js';
import { dataPath } from '../helpers.js';

const fakeRegistry: Record<string, FeatureClass<any>> = {
  firstorder: { name: 'firstorder', input: 'roi', defaultFeatures: ['Energy', 'Mean'], deprecatedFeatures: ['StandardDeviation'], compute: () => ({}) },
  shape: { name: 'shape', input: 'mask', defaultFeatures: ['VoxelVolume'], deprecatedFeatures: ['Compactness1'], compute: () => ({}) },
  shape2D: { name: 'shape2D', input: 'mask', defaultFeatures: ['PixelSurface'], deprecatedFeatures: [], compute: () => ({}) },
};

describe('parameter files', () => {
  it('knows exactly the keys of pyradiomics paramSchema.yaml', () => {
    const schema = parse(readFileSync(dataPath('pyradiomics', 'params', 'paramSchema.yaml'), 'utf8'));
    expect(Object.keys(SETTING_SPECS).sort()).toEqual(Object.keys(schema.mapping.setting.mapping).sort());
    expect(Object.keys(VOXEL_SETTING_SPECS).sort()).toEqual(Object.keys(schema.mapping.voxelSetting.mapping).sort());
  });
  it('reads Params.yaml with pyradiomics defaults for everything not set', () => {
    const p = loadParamsFile(dataPath('pyradiomics', 'params', 'Params.yaml'));
    expect(p.setting).toEqual({ ...DEFAULT_SETTINGS, binWidth: 25, label: 1, interpolator: 'sitkBSpline', resampledPixelSpacing: null, weightingNorm: null });
    expect(Object.keys(p.featureClass)).toEqual(['shape', 'firstorder', 'glcm', 'glrlm', 'glszm', 'gldm']);
    expect(p.featureClass.firstorder).toBeNull();
    expect(p.featureClass.glcm).toHaveLength(22);
    expect(p.imageType).toEqual({ Original: {} });
  });
  it('reads exampleVoxel.yaml (voxel settings, initValue nan) and example_allShape.yaml', () => {
    const v = loadParamsFile(dataPath('pyradiomics', 'params', 'exampleVoxel.yaml'));
    expect(v.voxelSetting).toEqual({ kernelRadius: 2, maskedKernel: true, initValue: NaN, voxelBatch: 10000 });
    expect(v.setting.force2D).toBe(true);
    expect(loadParamsFile(dataPath('pyradiomics', 'params', 'example_allShape.yaml')).featureClass.shape).toHaveLength(17);
  });
  it('rejects image types other than Original with a clear message', () => {
    expect(() => loadParamsFile(dataPath('pyradiomics', 'params', 'exampleCT.yaml'))).toThrow(/exampleCT.yaml: image type LoG is not supported \(only Original is computed\)/);
    expect(() => parseParams('imageType: {Foo: {}}', 'p.yaml')).toThrow('p.yaml: unknown image type "Foo"');
  });
  it('empty file and empty object give the defaults', () => {
    expect(parseParams('').setting).toEqual(DEFAULT_SETTINGS);
    expect(checkParams({}).featureClass).toEqual({});
  });
  const bad: [string, RegExp][] = [
    ['setting: {binWidth: 0}', /setting binWidth must be > 0 \(got 0\)/],
    ['setting: {binWidth: -5}', /binWidth must be > 0/],
    ['setting: {binCount: 2.5}', /binCount must be an integer \(got 2.5\)/],
    ['setting: {label: 0}', /label must be > 0/],
    ['setting: {minimumROIDimensions: 4}', /minimumROIDimensions must be <= 3/],
    ['setting: {normalize: "yes"}', /normalize must be true or false/],
    ['setting: {resegmentMode: median}', /resegmentMode must be one of absolute, relative, sigma/],
    ['setting: {resegmentRange: [1, 2, 3]}', /resegmentRange must have 1 or 2 values/],
    ['setting: {distances: [0]}', /distances\[0\] must be > 0/],
    ['setting: {weightingNorm: l2}', /weightingNorm must be one of manhattan, euclidean, infinity, no_weighting/],
    ['setting: {interpolator: sitkGaussian}', /interpolator: sitkGaussian is not supported/],
    ['setting: {binwidth: 10}', /unknown setting "binwidth" \(did you mean "binWidth"\?\)/],
    ['setting: {binWidth: }', /setting binWidth must have a value/],
    ['settings: {binWidth: 10}', /unknown section "settings"/],
    ['featureClass: {texture: }', /unknown feature class "texture"/],
    ['featureClass: {glcm: Contrast}', /featureClass glcm must be null, \[\] or a list of feature names/],
    ['voxelSetting: {kernelRadius: 0}', /kernelRadius must be > 0/],
    ['setting: [1, 2]', /"setting" must be a mapping/],
    ['setting: {binWidth: [1}', /p.yaml: invalid YAML at line 1/],
  ];
  for (const [text, message] of bad) {
    it(`rejects ${text}`, () => {
      expect(() => parseParams(text, 'p.yaml')).toThrow(message);
    });
  }
});

describe('--setting overrides', () => {
  it('parses values as YAML and validates them', () => {
    const p = applySettingOverrides(parseParams(''), ['binWidth:10', 'normalize:true', 'resegmentRange:[-3, 3]', 'resegmentMode:sigma', 'weightingNorm:null']);
    expect(p.setting).toMatchObject({ binWidth: 10, normalize: true, resegmentRange: [-3, 3], resegmentMode: 'sigma', weightingNorm: null });
    expect(() => applySettingOverrides(parseParams(''), ['binWidth'])).toThrow('--setting: "binWidth" is not key:value');
    expect(() => applySettingOverrides(parseParams(''), ['binWidth:-1'])).toThrow('--setting: setting binWidth must be > 0 (got -1)');
  });
  it('image-type settings override the global ones for the feature stage', () => {
    const p = parseParams('setting: {binWidth: 25}\nimageType: {Original: {binWidth: 10}}');
    expect(imageTypeSettings(p).binWidth).toBe(10);
    expect(p.setting.binWidth).toBe(25);
  });
});

describe('enabled features', () => {
  it('no featureClass: every registered class but shape2D, default features only', () => {
    const m = resolveEnabledFeatures(parseParams(''), fakeRegistry);
    expect([...m.keys()]).toEqual(['firstorder', 'shape']);
    expect(m.get('firstorder')).toEqual(['Energy', 'Mean']);
  });
  it('named classes only; lists may name deprecated features; unknown names throw', () => {
    const m = resolveEnabledFeatures(parseParams('featureClass: {firstorder: [Mean, StandardDeviation], shape2D: }'), fakeRegistry);
    expect(Object.fromEntries(m)).toEqual({ firstorder: ['Mean', 'StandardDeviation'], shape2D: ['PixelSurface'] });
    expect(() => resolveEnabledFeatures(parseParams('featureClass: {firstorder: [Meen]}'), fakeRegistry, 'p.yaml')).toThrow('p.yaml: unknown firstorder feature "Meen"');
    expect(() => resolveEnabledFeatures(parseParams('featureClass: {glcm: }'), fakeRegistry)).toThrow(/feature class glcm is not available/);
  });
});
