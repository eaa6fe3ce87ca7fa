// GLCM and GLRLM against pyradiomics: every baseline CSV configuration that needs no resampling, the master
// reference JSONs (relative error <= 1e-9; MCC <= 1e-9 absolute), and the saved matrices (exactly equal).
import { afterAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/io/index.js';
import { checkSettings } from '../../src/settings/index.js';
import { prepareRois } from '../../src/preprocess/index.js';
import type { Settings } from '../../src/settings/types.js';
import type { DiscretizedRoi, FeatureClass } from '../../src/features/types.js';
import { glcm, glcmMatrices } from '../../src/features/glcm.js';
import { glrlm, glrlmMatrices } from '../../src/features/glrlm.js';
import { WasmArena } from '../../src/wasm/arena.js';
import { dataPath, readBaseline, readJson, readNpy, relErr } from '../helpers.js';

const TOLERANCE = 1e-9;
const CASES = ['brain1', 'brain2', 'breast1'];
const CONFIGS = ['', '_2d', '_FBN', '_combined', '_flatRegion', '_normalization', '_resegmentation'];
const CLASSES: [string, FeatureClass<DiscretizedRoi>][] = [['glcm', glcm], ['glrlm', glrlm]];
const arena = new WasmArena();
const configs = readJson('pyradiomics', 'params', 'baseline_configs.json');
const worst: Record<string, { err: number; where: string }> = {};

function settingsOf(raw: Record<string, unknown>): Settings {
  const { interpolator, ...rest } = raw;
  return checkSettings('baseline_configs.json', interpolator == null ? rest : raw);
}

function roiOf(caseName: string, settings: Settings, image = `${caseName}_image.nrrd`, mask = `${caseName}_label.nrrd`): DiscretizedRoi {
  arena.reset();
  return prepareRois(readImage(dataPath('pyradiomics', 'images', image)), readImage(dataPath('pyradiomics', 'images', mask)), settings, { arena }).discretizedRoi;
}

/** MCC is compared absolutely (eigenvalues), everything else relatively. */
function error(feature: string, actual: number, expected: number): number {
  return feature === 'MCC' ? (Number.isNaN(expected) ? relErr(actual, expected) : Math.abs(actual - expected)) : relErr(actual, expected);
}

/** Failures (feature: got vs expected) over the expected `original_<class>_*` entries. */
function compare(className: string, cls: FeatureClass<DiscretizedRoi>, expected: Record<string, string | number>, settings: Settings, roi: DiscretizedRoi, where: string): string[] {
  const prefix = `original_${className}_`;
  const entries = Object.entries(expected).filter(([k, v]) => k.startsWith(prefix) && v !== '');
  expect(entries.map(([k]) => k.slice(prefix.length)).sort()).toEqual([...cls.defaultFeatures].sort());
  const got = cls.compute(roi, { settings, arena, enabled: entries.map(([k]) => k.slice(prefix.length)) });
  const failures: string[] = [];
  for (const [key, value] of entries) {
    const feature = key.slice(prefix.length);
    const err = error(feature, got[feature], Number(value));
    const group = feature === 'MCC' ? 'glcm MCC (absolute)' : className;
    if (!(err <= (worst[group]?.err ?? -1))) worst[group] = { err, where: `${where} ${feature}` };
    if (!(err <= TOLERANCE)) failures.push(`${feature}: got ${got[feature]}, expected ${value} (error ${err.toExponential(2)})`);
  }
  return failures;
}

describe('pyradiomics baseline CSVs (relative error <= 1e-9, MCC absolute)', () => {
  for (const [className, cls] of CLASSES) {
    const baseline = readBaseline(className);
    describe(className, () => {
      for (const caseName of CASES) {
        for (const config of CONFIGS) {
          const column = caseName + config;
          it(column, () => {
            const settings = settingsOf(configs[column][className].settings);
            expect(compare(className, cls, baseline[column], settings, roiOf(caseName, settings), column)).toEqual([]);
          });
        }
      }
    });
  }
});

describe('pyradiomics master reference JSONs (relative error <= 1e-9, MCC absolute)', () => {
  const refs: [string, string, string, number, boolean][] = [
    ...CASES.flatMap((c): [string, string, string, number, boolean][] => [
      [`${c}_default`, `${c}_image.nrrd`, `${c}_label.nrrd`, 1, false],
      [`${c}_force2D`, `${c}_image.nrrd`, `${c}_label.nrrd`, 1, true],
    ]),
    ['prostate_label1_default', 'prostate_phantom_subvolume.nrrd', 'prostate_phantom_subvolume-label.nrrd', 1, false],
    ['prostate_label9_default', 'prostate_phantom_subvolume.nrrd', 'prostate_phantom_subvolume-label.nrrd', 9, false],
  ];
  for (const [ref, image, mask, label, force2D] of refs) {
    it(ref, () => {
      const expected = readJson('pyradiomics', 'reference', `${ref}.json`);
      const settings = checkSettings('test', { label, force2D });
      const roi = roiOf(ref, settings, image, mask);
      const failures = CLASSES.flatMap(([className, cls]) => compare(className, cls, expected, settings, roi, ref).map((f) => `${className} ${f}`));
      expect(failures).toEqual([]);
    });
  }
});

describe('matrices equal pyradiomics baseline/matrices/*.npy exactly', () => {
  for (const caseName of CASES) {
    it(caseName, () => {
      const settings = settingsOf(configs[caseName].glcm.settings);
      const roi = roiOf(caseName, settings);
      const npy = (m: string) => readNpy('pyradiomics', 'baseline', 'matrices', `${caseName}_${m}.npy`);

      // GLCM: (Ng, Ng, angles), normalised per angle, angles in pyradiomics' order.
      const cm = glcmMatrices(roi, settings, arena);
      const n = cm.grayLevels.length, angles = cm.matrices.length;
      expect([n, n, angles]).toEqual(npy('glcm').shape);
      const glcmActual = new Float64Array(n * n * angles);
      cm.matrices.forEach((p, a) => p.forEach((v, ij) => (glcmActual[ij * angles + a] = v)));
      expect(Array.from(glcmActual)).toEqual(Array.from(npy('glcm').data));

      // GLRLM: (Ng, run lengths present, angles), run counts.
      const rl = glrlmMatrices(roi, settings, arena);
      const runs = rl.runLengths.length, runAngles = rl.matrices.length;
      expect([n, runs, runAngles]).toEqual(npy('glrlm').shape);
      const glrlmActual = new Float64Array(n * runs * runAngles);
      rl.matrices.forEach((p, a) => p.forEach((v, ij) => (glrlmActual[ij * runAngles + a] = v)));
      expect(Array.from(glrlmActual)).toEqual(Array.from(npy('glrlm').data));
    });
  }
});

afterAll(() => {
  for (const [c, w] of Object.entries(worst)) console.log(`${c}: largest error ${w.err.toExponential(2)} (${w.where})`);
});
