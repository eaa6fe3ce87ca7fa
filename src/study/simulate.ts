// Writes a SIMULATED IVL/LM cohort shaped on the seed paper: 124 patients (37 IVL, 87 LM), NRRD images
// and masks, and a cohort CSV in pyradiomics' batch convention plus clinical columns. Test-retest masks
// exist for 35 patients and second-rater masks for another 35, as in the paper's ICC design.
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { Random } from '../random.js';
import { encodeNrrd } from '../io/write-nrrd.js';
import { simulateClinical } from './simulate-clinical.js';
import { simulateCase } from './simulate-image.js';

export interface SimulationOptions {
  ivl?: number;
  lm?: number;
  seed?: number;
  /** Patients with a test-retest mask and, separately, with a second-rater mask. */
  iccSubset?: number;
  onProgress?: (done: number, total: number) => void;
}

export const SIMULATION_VERSION = 1;

/** Creates `dir/cohort.csv` and `dir/images/*.nrrd`; returns the CSV path. Reuses an identical earlier run. */
export function simulateCohort(dir: string, opts: SimulationOptions = {}): string {
  const { ivl = 37, lm = 87, seed = 20230824, iccSubset = 35 } = opts;
  const total = ivl + lm;
  const csvPath = join(dir, 'cohort.csv');
  const stamp = JSON.stringify({ SIMULATION_VERSION, ivl, lm, seed, iccSubset });
  const stampPath = join(dir, 'simulation.json');
  if (existsSync(csvPath) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp) return csvPath;

  mkdirSync(join(dir, 'images'), { recursive: true });
  const rng = new Random(seed);
  const groups = [...Array<'IVL'>(ivl).fill('IVL'), ...Array<'LM'>(lm).fill('LM')];
  const clinical = [...simulateClinical('IVL', ivl, rng), ...simulateClinical('LM', lm, rng)];
  // Shuffle patient order so IDs do not reveal the class; pick the two ICC subsets at random.
  const order = rng.shuffle([...Array(total).keys()]);
  const iccOrder = rng.shuffle([...Array(total).keys()]);
  const retest = new Set(iccOrder.slice(0, iccSubset));
  const rater2 = new Set(iccOrder.slice(iccSubset, 2 * iccSubset));

  const rows: Record<string, string | number>[] = [];
  order.forEach((source, p) => {
    const id = `SIM_${String(p + 1).padStart(3, '0')}`;
    const sim = simulateCase(groups[source], rng);
    const file = (kind: string) => `images/${id}_${kind}.nrrd`;
    writeFileSync(join(dir, file('image')), encodeNrrd(sim.image));
    writeFileSync(join(dir, file('mask')), encodeNrrd(sim.maskRaterA));
    if (retest.has(p)) writeFileSync(join(dir, file('mask_retest')), encodeNrrd(sim.maskRetest));
    if (rater2.has(p)) writeFileSync(join(dir, file('mask_rater2')), encodeNrrd(sim.maskRaterB));
    rows.push({
      ID: id,
      Image: file('image'),
      Mask: file('mask'),
      Mask_retest: retest.has(p) ? file('mask_retest') : '',
      Mask_rater2: rater2.has(p) ? file('mask_rater2') : '',
      diagnosis: groups[source],
      ...clinical[source],
      mass_size_mm: Math.round(sim.massDiameterMm),
      simulated: 'yes',
    });
    opts.onProgress?.(p + 1, total);
  });
  writeFileSync(csvPath, stringify(rows, { header: true }));
  writeFileSync(stampPath, stamp);
  return csvPath;
}
