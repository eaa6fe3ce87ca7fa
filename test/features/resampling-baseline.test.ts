// The `_resampling` columns of pyradiomics' baseline CSVs (brain1, brain2, breast1: B-spline to 2x2x2 mm,
// image kept int16, mask by nearest neighbour) for every registered feature class, relative error <= 1e-6.
import { describe, it, expect, afterAll } from 'vitest';
import { readImage } from '../../src/io/index.js';
import { checkSettings } from '../../src/settings/index.js';
import { prepareRois } from '../../src/preprocess/prepare.js';
import { featureClasses } from '../../src/features/registry.js';
import { WasmArena } from '../../src/wasm/arena.js';
import { dataPath, readBaseline, readJson, relErr } from '../helpers.js';

const TOLERANCE = 1e-6;
const CASES = ['brain1', 'brain2', 'breast1'];
const BASELINE_CLASSES = ['firstorder', 'shape', 'glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'];
const registered = BASELINE_CLASSES.filter((c) => featureClasses[c]);
const configs = readJson('pyradiomics', 'params', 'baseline_configs.json');
const arena = new WasmArena();
const worst: Record<string, { err: number; where: string }> = {};

describe('pyradiomics _resampling baseline', () => {
  it('has feature classes registered to test', () => {
    console.log(`classes tested: ${registered.join(', ')}; not registered yet: ${BASELINE_CLASSES.filter((c) => !featureClasses[c]).join(', ') || 'none'}`);
    expect(registered.length).toBeGreaterThan(0);
  });

  describe.each(registered)('%s', (className) => {
    const baseline = readBaseline(className);
    it.each(CASES)('%s_resampling', (name) => {
      const column = `${name}_resampling`;
      const { interpolator, ...rest } = configs[column][className].settings;
      const settings = checkSettings('baseline_configs.json', { ...rest, interpolator });
      expect(settings.resampledPixelSpacing).toEqual([2, 2, 2]);
      const expected = Object.entries(baseline[column]).filter(([k, v]) => k.startsWith(`original_${className}_`) && v !== '');
      expect(expected.length).toBeGreaterThan(0);
      arena.reset();
      const image = readImage(dataPath('pyradiomics', 'images', `${name}_image.nrrd`));
      const mask = readImage(dataPath('pyradiomics', 'images', `${name}_label.nrrd`));
      const { maskRoi, discretizedRoi } = prepareRois(image, mask, settings, { arena });
      const cls = featureClasses[className];
      const enabled = expected.map(([k]) => k.slice(`original_${className}_`.length));
      const got = cls.compute(cls.input === 'mask' ? maskRoi : discretizedRoi, { settings, arena, enabled });
      const failures: string[] = [];
      for (const [key, value] of expected) {
        const feature = key.slice(`original_${className}_`.length);
        const err = relErr(got[feature], Number(value));
        if (!(err <= (worst[className]?.err ?? -1))) worst[className] = { err, where: `${column} ${feature}` };
        if (!(err <= TOLERANCE)) failures.push(`${feature}: got ${got[feature]}, expected ${value} (relative error ${err.toExponential(2)})`);
      }
      expect(failures).toEqual([]);
    });
  });

  afterAll(() => {
    for (const [c, w] of Object.entries(worst)) console.log(`${c}: largest relative error ${w.err.toExponential(2)} (${w.where})`);
  });
});
