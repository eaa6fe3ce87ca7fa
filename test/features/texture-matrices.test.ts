// The five texture matrices against pyradiomics' saved ones (baseline/matrices/*.npy), exactly equal.
// Feature values against pyradiomics are compared through the whole pipeline in test/extract.test.ts.
import { describe, expect, it } from 'vitest';
import { readImage } from '../../src/io/index.js';
import { checkSettings } from '../../src/settings/index.js';
import { prepareRois } from '../../src/preprocess/index.js';
import type { Settings } from '../../src/settings/types.js';
import { glcmMatrices } from '../../src/features/glcm.js';
import { glrlmMatrices } from '../../src/features/glrlm.js';
import { glszmMatrix } from '../../src/features/glszm.js';
import { gldmMatrix } from '../../src/features/gldm.js';
import { ngtdmMatrix } from '../../src/features/ngtdm.js';
import { WasmArena } from '../../src/wasm/arena.js';
import { dataPath, readJson, readNpy } from '../helpers.js';

const arena = new WasmArena();
const configs = readJson('pyradiomics', 'params', 'baseline_configs.json');

/** The baseline config's settings for one class (null interpolator = pyradiomics' default). */
function settingsOf(caseName: string, className: string): Settings {
  const { interpolator, ...rest } = configs[caseName][className].settings;
  return checkSettings('baseline_configs.json', interpolator == null ? rest : configs[caseName][className].settings);
}

function roiOf(caseName: string, settings: Settings) {
  arena.reset();
  const image = readImage(dataPath('pyradiomics', 'images', `${caseName}_image.nrrd`));
  return prepareRois(image, readImage(dataPath('pyradiomics', 'images', `${caseName}_label.nrrd`)), settings, { arena }).discretizedRoi;
}

/** Per-angle matrices as one array with the angle as the last (fastest) axis, as pyradiomics stores them. */
function anglesLast(matrices: ArrayLike<number>[]): number[] {
  const out: number[] = [];
  for (let cell = 0; cell < (matrices[0]?.length ?? 0); cell++) for (const p of matrices) out.push(p[cell]);
  return out;
}

describe('matrices equal pyradiomics baseline/matrices/*.npy exactly', () => {
  for (const caseName of ['brain1', 'brain2', 'breast1']) {
    const npy = (m: string) => readNpy('pyradiomics', 'baseline', 'matrices', `${caseName}_${m}.npy`);

    it(`${caseName}: GLCM and GLRLM`, () => {
      const settings = settingsOf(caseName, 'glcm');
      const roi = roiOf(caseName, settings);
      // GLCM: (Ng, Ng, angles), normalised per angle, angles in pyradiomics' order.
      const cm = glcmMatrices(roi, settings, arena);
      const n = cm.grayLevels.length;
      expect([n, n, cm.matrices.length]).toEqual(npy('glcm').shape);
      expect(anglesLast(cm.matrices)).toEqual(Array.from(npy('glcm').data));

      // GLRLM: (Ng, run lengths present, angles), run counts.
      const rl = glrlmMatrices(roi, settings, arena);
      expect([n, rl.runLengths.length, rl.matrices.length]).toEqual(npy('glrlm').shape);
      expect(anglesLast(rl.matrices)).toEqual(Array.from(npy('glrlm').data));
    });

    it(`${caseName}: GLSZM, GLDM and NGTDM`, () => {
      const settings = settingsOf(caseName, 'glszm');
      const roi = roiOf(caseName, settings);
      const szm = glszmMatrix(roi, settings, arena);
      expect([szm.rows, szm.cols]).toEqual(npy('glszm').shape);
      expect(Array.from(szm.P)).toEqual(Array.from(npy('glszm').data));

      const dm = gldmMatrix(roi, settings, arena);
      expect([dm.rows, dm.cols]).toEqual(npy('gldm').shape);
      expect(Array.from(dm.P)).toEqual(Array.from(npy('gldm').data));

      // NGTDM: (levels present, 3) rows of n_i, s_i, i.
      const tdm = ngtdmMatrix(roi, settings, arena);
      const expected = npy('ngtdm');
      expect(expected.shape).toEqual([tdm.n.length, 3]);
      expect(Array.from(tdm.n, (n, k) => [n, tdm.s[k], tdm.i[k]]).flat()).toEqual(Array.from(expected.data));
    });
  }
});
