// Bad DICOM input gives one clear line naming the file and the problem.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { readDicomSeriesFiles, readDicomSeries, readRtstructMask, readRtstructMaskBytes, type DicomSource } from '../../src/io/dicom/index.js';
import { dataPath } from '../helpers.js';
import { dicomFile } from './dicom-fixtures.js';

const ctDir = (id: string) => dataPath('sts', 'dicom', id, 'CT');
const slices = (id: string): DicomSource[] => readdirSync(ctDir(id)).sort().map((f) => ({ name: `${id}/${f}`, bytes: readFileSync(`${ctDir(id)}/${f}`) }));

/** Runs `f` and returns its error message (failing when it does not throw). */
function message(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    const text = (err as Error).message;
    if (process.env.SHOW_ERRORS) console.log(text);
    expect(text).not.toContain('\n');
    return text;
  }
  throw new Error('expected an error');
}

describe('DICOM series errors', () => {
  it('names compressed transfer syntaxes', () => {
    const jpeg = dicomFile([
      [0x00080060, 'CS', 'CT'], [0x0020000e, 'UI', '1.2.3'], [0x00280010, 'US', [2]], [0x00280011, 'US', [2]],
      [0x00200032, 'DS', [0, 0, 0]], [0x00200037, 'DS', [1, 0, 0, 0, 1, 0]], [0x00280030, 'DS', [1, 1]],
      [0x00280100, 'US', [16]], [0x7fe00010, 'OB', new Uint8Array(8)],
    ], '1.2.840.10008.1.2.4.50');
    expect(message(() => readDicomSeriesFiles('dir', [{ name: 'a.dcm', bytes: jpeg }]))).toMatch(/^a\.dcm: unsupported transfer syntax 1\.2\.840\.10008\.1\.2\.4\.50 \(JPEG baseline\)/);
  });
  it('names a truncated file', () => {
    const files = slices('STS_019');
    const cut = { name: 'cut.dcm', bytes: files[3].bytes.subarray(0, files[3].bytes.length - 5000) };
    expect(message(() => readDicomSeriesFiles('dir', [...files.slice(0, 3), cut]))).toMatch(/^cut\.dcm: /);
  });
  it('refuses a missing slice, a duplicate slice and two series in one folder', () => {
    const files = slices('STS_019');
    expect(message(() => readDicomSeriesFiles('dir', [...files.slice(0, 10), ...files.slice(11)]))).toMatch(/slice gap 6\.540 mm differs from .* \(a slice may be missing\)/);
    expect(message(() => readDicomSeriesFiles('dir', [...files, files[5]]))).toMatch(/duplicate slice/);
    expect(message(() => readDicomSeriesFiles('dir', [...files, ...slices('STS_008')]))).toMatch(/^dir: holds 2 image series: /);
  });
  it('says when a folder holds no DICOM slices, or does not exist', () => {
    expect(message(() => readDicomSeries(dataPath('pyradiomics', 'params')))).toMatch(/params: no DICOM image slices found \(\d+ files looked at\)/);
    expect(message(() => readDicomSeries(dataPath('sts', 'no-such-folder')))).toMatch(/no-such-folder: no such file/);
  });
});

describe('RTSTRUCT errors', () => {
  const image = readDicomSeries(ctDir('STS_019'));
  const rtstruct = dataPath('sts', 'dicom', 'STS_019', 'RTSTRUCT.dcm');
  it('lists the ROIs when the name is wrong', () => {
    expect(message(() => readRtstructMask(rtstruct, image, 'GTV_Mass'))).toMatch(/RTSTRUCT\.dcm: no ROI named "GTV_Mass" \(ROIs: "GTV_Mass_CT"\)/);
  });
  it('refuses contours that do not lie on the image', () => {
    const other = dataPath('ibsi', 'ct_phantom', 'dicom', 'mask', 'DCM_RS_00060.dcm');
    expect(message(() => readRtstructMask(other, image, 'GTV-1'))).toMatch(/DCM_RS_00060\.dcm: ROI "GTV-1" (covers no voxel centre|contour \d+ lies between image slices)/);
  });
  it('refuses a CT slice given as an RTSTRUCT', () => {
    const ct = slices('STS_019')[0];
    expect(message(() => readRtstructMaskBytes(ct.name, ct.bytes, image))).toMatch(/not an RTSTRUCT \(Modality CT\)/);
  });
});
