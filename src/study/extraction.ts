// Step 1 (and the data of step 3): batch extraction of the main segmentation, of repeated
// segmentations (cohort columns such as Mask_retest) and of perturbed masks, cached in OUTDIR/cache.
// runBatch reuses a case only when its files and parameters are unchanged.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { CohortCase, CohortTable } from '../batch/cohort.js';
import { runBatch, type Row } from '../batch/run.js';
import { readImage } from '../io/index.js';
import { encodeNrrd } from '../io/write-nrrd.js';
import { parseParams } from '../settings/index.js';
import { loadExtractionParams } from '../extract.js';
import type { Params } from '../settings/types.js';
import type { Volume } from '../volume.js';
import type { PerturbationConfig, StudyConfig } from './config.js';
import { cellNumber } from './data.js';

export type FeatureTable = Map<string, Record<string, number>>;

export interface ExtractionProgress {
  (step: string, done: number, total: number): void;
}

export function studyParams(cfg: StudyConfig): Params {
  return cfg.extraction.params ? loadExtractionParams(cfg.extraction.params) : parseParams('');
}

/** Extracts one mask column for the given cases; failures stop the study with their messages. */
export async function extractTable(cohort: CohortTable, cases: CohortCase[], params: Params, cfg: StudyConfig, cacheName: string, progress: ExtractionProgress, outDir: string): Promise<FeatureTable> {
  const cacheDir = join(outDir, 'cache');
  mkdirSync(cacheDir, { recursive: true });
  const jobs = cfg.extraction.jobs || availableParallelism();
  const result = await runBatch({ ...cohort, cases }, { params, jobs, out: join(cacheDir, `${cacheName}.csv`), resume: true, onProgress: (d, t) => progress(cacheName, d, t) });
  const failed = result.rows.filter((r) => r.diagnostics_Error);
  if (failed.length) {
    const list = failed.slice(0, 3).map((r, i) => `${cases[result.rows.indexOf(r)]?.id ?? i}: ${r.diagnostics_Error}`).join('; ');
    throw new Error(`feature extraction failed for ${failed.length} of ${cases.length} cases (${cacheName}): ${list}`);
  }
  const table: FeatureTable = new Map();
  result.rows.forEach((row, i) => table.set(cases[i].id, featureValues(row)));
  return table;
}

/** The original_* feature columns of an extraction row, as numbers. */
export function featureValues(row: Row): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(row)) if (k.startsWith('original_')) out[k] = typeof v === 'number' ? v : cellNumber(v);
  return out;
}

/** Perturbed segmentations of each case, written as NRRD masks; returns one case list per perturbation. */
export function writePerturbedMasks(cases: CohortCase[], p: PerturbationConfig, outDir: string, label: number): { tag: string; cases: CohortCase[] }[] {
  const dir = join(outDir, 'cache', 'perturbed');
  mkdirSync(dir, { recursive: true });
  const tags = [...p.erodeDilate.map((r) => (r > 0 ? `dilate${r}` : `erode${-r}`)), ...p.translations.map((t) => `shift${t.join('_')}`)];
  const out = tags.map((tag) => ({ tag, cases: [] as CohortCase[] }));
  for (const c of cases) {
    let base: Volume | undefined;
    tags.forEach((tag, k) => {
      const file = join(dir, `${c.id}_${tag}.nrrd`);
      if (!existsSync(file)) {
        base ??= readImage(c.mask);
        const roi = binaryMask(base, c.label ?? label);
        const perturbed = k < p.erodeDilate.length ? morph(roi, base.size, p.erodeDilate[k]) : shift(roi, base.size, p.translations[k - p.erodeDilate.length]);
        writeFileSync(file, encodeNrrd({ ...base, data: perturbed }));
      }
      out[k].cases.push({ ...c, mask: file, label: 1 });
    });
  }
  return out;
}

function binaryMask(v: Volume, label: number): Uint8Array {
  const out = new Uint8Array(v.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Number(v.data[i]) === label ? 1 : 0;
  return out;
}

/** Dilation (r > 0) or erosion (r < 0) by |r| voxels with the 6-neighbour cross, repeated. */
export function morph(mask: Uint8Array, size: readonly number[], r: number): Uint8Array {
  let cur = mask;
  const [nx, ny, nz] = size;
  const grow = r > 0;
  for (let step = 0; step < Math.abs(r); step++) {
    const next = new Uint8Array(cur.length);
    for (let z = 0, i = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++, i++) {
          const at = (dx: number, dy: number, dz: number) => {
            const xx = x + dx, yy = y + dy, zz = z + dz;
            if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) return 0;
            return cur[xx + nx * (yy + ny * zz)];
          };
          const n = at(1, 0, 0) + at(-1, 0, 0) + at(0, 1, 0) + at(0, -1, 0) + at(0, 0, 1) + at(0, 0, -1);
          next[i] = grow ? (cur[i] || n > 0 ? 1 : 0) : cur[i] && n === 6 ? 1 : 0;
        }
      }
    }
    cur = next;
  }
  return cur;
}

/** The mask moved by an integer voxel offset (voxels shifted out of the grid are lost). */
export function shift(mask: Uint8Array, size: readonly number[], offset: number[]): Uint8Array {
  const [nx, ny, nz] = size;
  const out = new Uint8Array(mask.length);
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!mask[i]) continue;
        const xx = x + offset[0], yy = y + offset[1], zz = z + offset[2];
        if (xx >= 0 && yy >= 0 && zz >= 0 && xx < nx && yy < ny && zz < nz) out[xx + nx * (yy + ny * zz)] = 1;
      }
    }
  }
  return out;
}
