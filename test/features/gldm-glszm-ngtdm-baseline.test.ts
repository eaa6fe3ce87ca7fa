// GLSZM, GLDM and NGTDM against pyradiomics: baseline CSV columns that need no resampling, the master
// reference JSONs (relative error <= 1e-9), and the saved matrices (exactly equal).
import { afterAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/io/index.js';
import { checkSettings } from '../../src/settings/index.js';
import { prepareRois } from '../../src/preprocess/index.js';
import type { Settings } from '../../src/settings/types.js';
import type { FeatureClass } from '../../src/features/types.js';
import { glszm, glszmMatrix } from '../../src/features/glszm.js';
import { gldm, gldmMatrix } from '../../src/features/gldm.js';
import { ngtdm, ngtdmMatrix } from '../../src/features/ngtdm.js';
import { WasmArena } from '../../src/wasm/arena.js';
import { dataPath, readBaseline, readJson, readNpy, relErr } from '../helpers.js';

const TOLERANCE = 1e-9;
const CASES = ['brain1', 'brain2', 'breast1'];
const CONFIGS = ['', '_2d', '_FBN', '_flatRegion', '_normalization', '_resegmentation'];
const CLASSES: [string, FeatureClass<any>][] = [['glszm', glszm], ['gldm', gldm], ['ngtdm', ngtdm]];
const arena = new WasmArena();
const configs = readJson('pyradiomics', 'params', 'baseline_configs.json');
const worst: Record<string, { err: number; where: string }> = {};

function settingsOf(raw: Record<string, unknown>): Settings {
  const { interpolator, ...rest } = raw;
  return checkSettings('baseline_configs.json', interpolator == null ? rest : raw);
}

function roiOf(caseName: string, settings: Settings, image = `${caseName}_image.nrrd`, mask = `${caseName}_label.nrrd`) {
  arena.reset();
  return prepareRois(readImage(dataPath('pyradiomics', 'images', image)), readImage(dataPath('pyradiomics', 'images', mask)), settings, { arena }).discretizedRoi;
}

/** Failures (feature: got vs expected) over the expected `original_<class>_*` entries. */
function compare(className: string, cls: FeatureClass<any>, expected: Record<string, string | number>, settings: Settings, roi: ReturnType<typeof roiOf>, where: string): string[] {
  const prefix = `original_${className}_`;
  const entries = Object.entries(expected).filter(([k, v]) => k.startsWith(prefix) && v !== '');
  expect(entries.map(([k]) => k.slice(prefix.length)).sort()).toEqual([...cls.defaultFeatures].sort());
  const got = cls.compute(roi, { settings, arena, enabled: entries.map(([k]) => k.slice(prefix.length)) });
  const failures: string[] = [];
  for (const [key, value] of entries) {
    const feature = key.slice(prefix.length);
    const err = relErr(got[feature], Number(value));
    if (!(err <= (worst[className]?.err ?? -1))) worst[className] = { err, where: `${where} ${feature}` };
    if (!(err <= TOLERANCE)) failures.push(`${feature}: got ${got[feature]}, expected ${value} (relative error ${err.toExponential(2)})`);
  }
  return failures;
}

describe('pyradiomics baseline CSVs (relative error <= 1e-9)', () => {
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

describe('pyradiomics master reference JSONs (relative error <= 1e-9)', () => {
  const refs: [string, string, string, number, boolean][] = [
    ...CASES.flatMap((c) => [
      [`${c}_default`, `${c}_image.nrrd`, `${c}_label.nrrd`, 1, false] as [string, string, string, number, boolean],
      [`${c}_force2D`, `${c}_image.nrrd`, `${c}_label.nrrd`, 1, true] as [string, string, string, number, boolean],
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
      const settings = settingsOf(configs[caseName].glszm.settings);
      const roi = roiOf(caseName, settings);
      const npy = (m: string) => readNpy('pyradiomics', 'baseline', 'matrices', `${caseName}_${m}.npy`);

      const szm = glszmMatrix(roi, settings, arena);
      expect([szm.rows, szm.cols]).toEqual(npy('glszm').shape);
      expect(Array.from(szm.P)).toEqual(Array.from(npy('glszm').data));

      const dm = gldmMatrix(roi, settings, arena);
      expect([dm.rows, dm.cols]).toEqual(npy('gldm').shape);
      expect(Array.from(dm.P)).toEqual(Array.from(npy('gldm').data));

      const tdm = ngtdmMatrix(roi, settings, arena);
      const expected = npy('ngtdm');
      expect(expected.shape).toEqual([tdm.n.length, 3]);
      expect(Array.from(tdm.n, (n, k) => [n, tdm.s[k], tdm.i[k]]).flat()).toEqual(Array.from(expected.data));
    });
  }
});

afterAll(() => {
  for (const [c, w] of Object.entries(worst)) console.log(`${c}: largest relative error ${w.err.toExponential(2)} (${w.where})`);
});
