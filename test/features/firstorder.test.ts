import { describe, expect, it } from 'vitest';
import { readImage } from '../../src/io/index.js';
import { checkSettings } from '../../src/settings/index.js';
import { prepareRois } from '../../src/preprocess/index.js';
import { firstorder } from '../../src/features/firstorder.js';
import { WasmArena } from '../../src/wasm/arena.js';
import { dataPath, expectClose, readBaseline, readJson } from '../helpers.js';

const arena = new WasmArena();
const configs = readJson('pyradiomics', 'params', 'baseline_configs.json');
const baseline = readBaseline('firstorder');

/** The config's settings as our Settings (null interpolator = pyradiomics' default). */
function settingsOf(raw: Record<string, unknown>) {
  const { interpolator, ...rest } = raw;
  return checkSettings('baseline_configs.json', interpolator == null ? rest : raw);
}

function firstOrder(image: string, mask: string, settings: ReturnType<typeof settingsOf>, features = firstorder.defaultFeatures) {
  arena.reset();
  const { discretizedRoi } = prepareRois(readImage(dataPath('pyradiomics', 'images', image)), readImage(dataPath('pyradiomics', 'images', mask)), settings, { arena });
  return firstorder.compute(discretizedRoi, { settings, arena, enabled: [...features] });
}

describe('firstorder vs pyradiomics baseline_firstorder.csv (rel. error <= 1e-9)', () => {
  for (const c of ['brain1', 'brain2', 'breast1']) {
    for (const suffix of ['', '_normalization', '_resegmentation']) {
      const column = c + suffix;
      it(column, () => {
        const settings = settingsOf(configs[c][`firstorder${suffix}`]?.settings ?? configs[column].firstorder.settings);
        const got = firstOrder(`${c}_image.nrrd`, `${c}_label.nrrd`, settings);
        const expected = baseline[column];
        const names = Object.keys(expected).filter((k) => k.startsWith('original_firstorder_'));
        expect(names).toHaveLength(18);
        for (const key of names) expectClose(got[key.slice('original_firstorder_'.length)], Number(expected[key]), 1e-9, `${column} ${key}`);
      });
    }
  }
});

describe('firstorder vs pyradiomics master reference/*.json (rel. error <= 1e-9)', () => {
  const cases: [string, string, string, number][] = [
    ['brain1_default', 'brain1_image.nrrd', 'brain1_label.nrrd', 1],
    ['brain2_default', 'brain2_image.nrrd', 'brain2_label.nrrd', 1],
    ['breast1_default', 'breast1_image.nrrd', 'breast1_label.nrrd', 1],
    ['prostate_label1_default', 'prostate_phantom_subvolume.nrrd', 'prostate_phantom_subvolume-label.nrrd', 1],
    ['prostate_label9_default', 'prostate_phantom_subvolume.nrrd', 'prostate_phantom_subvolume-label.nrrd', 9],
    ['brain1_force2D', 'brain1_image.nrrd', 'brain1_label.nrrd', 1],
  ];
  for (const [ref, image, mask, label] of cases) {
    it(ref, () => {
      const expected = readJson('pyradiomics', 'reference', `${ref}.json`);
      const settings = checkSettings('test', { label, force2D: ref.endsWith('force2D') });
      const got = firstOrder(image, mask, settings);
      const names = Object.keys(expected).filter((k) => k.startsWith('original_firstorder_'));
      expect(names).toHaveLength(18);
      for (const key of names) expectClose(got[key.slice('original_firstorder_'.length)], expected[key], 1e-9, `${ref} ${key}`);
    });
  }
});

describe('firstorder details', () => {
  it('StandardDeviation (deprecated) only when named, and equals sqrt(Variance)', () => {
    const settings = checkSettings('test', {});
    expect(firstorder.defaultFeatures).not.toContain('StandardDeviation');
    const got = firstOrder('brain1_image.nrrd', 'brain1_label.nrrd', settings, ['Variance', 'StandardDeviation']);
    expect(Object.keys(got)).toEqual(['Variance', 'StandardDeviation']);
    expectClose(got.StandardDeviation, Math.sqrt(readJson('pyradiomics', 'reference', 'brain1_default.json').original_firstorder_Variance), 1e-12, 'StandardDeviation');
  });
});
