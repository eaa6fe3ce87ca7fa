// The study pipeline: data -> features -> split -> robustness -> z-score + redundancy -> LASSO Rad-score
// -> clinical factors -> boosted models and nomogram -> evaluation -> outputs (see write.ts).
import { readCohort } from '../batch/cohort.js';
import { zScoreParams, zScore } from '../stats/descriptive.js';
import type { StudyConfig } from './config.js';
import { cellNumber, loadStudyData, type StudyData } from './data.js';
import { extractTable, studyParams, writePerturbedMasks, type FeatureTable } from './extraction.js';
import { clinicalStep, type ClinicalResult } from './clinical.js';
import { clinicalColumns, encodeClinical, MODEL_NAMES, type ModelName, type TreeModelName } from './model-file.js';
import { lassoStep, radscores, redundancyStep, robustness, usableFeatures, type RadscoreModel, type RedundancyOutput, type RobustnessResult } from './selection.js';
import { nomogramModel, treeModel, type Design, type NomogramResult, type TreeModelResult } from './modeling.js';
import { compareModels, evaluateModel, type DelongComparison, type ModelEvaluation, type Split } from './evaluate.js';
import { RADSCORE_VARIABLE } from './predict.js';
import type { Params } from '../settings/types.js';

export interface StudyProgress {
  /** A long step's progress (extraction per case, CV folds). */
  progress?: (step: string, done: number, total: number) => void;
  /** One line per step. */
  log?: (line: string) => void;
}

export interface StudyResult {
  cfg: StudyConfig;
  data: StudyData;
  params?: Params;
  featureNames: string[];
  features: Record<string, number[]>;
  splits: Record<Split, number[]>;
  excluded: { feature: string; reason: string }[];
  robustness?: RobustnessResult;
  zscore: { mean: Record<string, number>; sd: Record<string, number> };
  redundancy?: RedundancyOutput;
  candidates: string[];
  lasso: RadscoreModel;
  radscore: number[];
  clinical: ClinicalResult;
  trees: Partial<Record<TreeModelName, TreeModelResult>>;
  nomogram: NomogramResult;
  probabilities: Partial<Record<ModelName, number[]>>;
  evaluation: Partial<Record<ModelName, ModelEvaluation>>;
  delong: DelongComparison[];
  seconds: number;
}

const RESERVED = /^(Image|Mask.*|Label|diagnostics_.*)$/;

export async function runStudy(cfg: StudyConfig, outDir: string, hooks: StudyProgress = {}): Promise<StudyResult> {
  const started = Date.now();
  const log = hooks.log ?? (() => {});
  const progress = hooks.progress ?? (() => {});
  const data = loadStudyData(cfg);
  const n = data.ids.length;
  const splits: Record<Split, number[]> = { train: [], test: [] };
  data.split.forEach((s, i) => splits[s].push(i));
  log(`${n} patients (${data.y.filter((v) => v).length} ${cfg.data.positive}); training ${splits.train.length}, test ${splits.test.length}`);

  // 1. features
  let featureNames: string[];
  const features: Record<string, number[]> = {};
  let params: Params | undefined;
  let mainTable: FeatureTable | undefined;
  if (data.cohort) {
    params = studyParams(cfg);
    log(`extracting features for ${n} patients`);
    mainTable = await extractTable(data.cohort, data.cohort.cases, params, cfg, 'features', progress, outDir);
    featureNames = Object.keys(mainTable.get(data.ids[0])!);
    for (const f of featureNames) features[f] = data.ids.map((id) => mainTable!.get(id)![f]);
  } else {
    const reserved = new Set([cfg.data.id, cfg.data.outcome, cfg.split.column, cfg.lasso.foldColumn, ...cfg.clinical.variables]);
    featureNames = Object.keys(data.rows[0]).filter((c) => !reserved.has(c) && !RESERVED.test(c) && data.rows.every((r) => r[c] === '' || !Number.isNaN(cellNumber(r[c]))));
    for (const f of featureNames) features[f] = data.rows.map((r) => cellNumber(r[f]));
  }
  if (!featureNames.length) throw new Error(`${cfg.data.features ?? cfg.data.cohort}: no numeric feature columns`);
  const { usable, excluded } = usableFeatures(featureNames, features, splits.train);
  if (excluded.length) log(`excluded ${excluded.length} features (non-finite or constant on training rows)`);

  // 3. robustness
  let rob: RobustnessResult | undefined;
  if (cfg.robustness.enabled && data.cohort && mainTable && (cfg.robustness.masks.length || cfg.robustness.perturbation)) {
    const trainIds = new Set(splits.train.map((i) => data.ids[i]));
    const repeats: { name: string; tables: FeatureTable[] }[] = [];
    for (const column of cfg.robustness.masks) {
      const cohort = readCohort(cfg.data.cohort!, { maskColumn: column, baseDir: cfg.data.dataDir });
      const cases = cohort.cases.filter((c) => trainIds.has(c.id));
      if (cases.length < 3) throw new Error(`robustness: only ${cases.length} training patients have "${column}" (need at least 3)`);
      log(`extracting ${column} for ${cases.length} training patients`);
      repeats.push({ name: column, tables: [await extractTable(cohort, cases, params!, cfg, `features-${column}`, progress, outDir)] });
    }
    if (cfg.robustness.perturbation) {
      const cases = data.cohort.cases.filter((c) => trainIds.has(c.id));
      const perturbed = writePerturbedMasks(cases, cfg.robustness.perturbation, outDir, params!.setting.label);
      const tables: FeatureTable[] = [];
      for (const p of perturbed) {
        log(`extracting perturbed masks (${p.tag}) for ${p.cases.length} training patients`);
        tables.push(await extractTable(data.cohort, p.cases, params!, cfg, `features-${p.tag}`, progress, outDir));
      }
      repeats.push({ name: `perturbation (${perturbed.map((p) => p.tag).join(', ')})`, tables });
    }
    rob = robustness(usable, mainTable, repeats, cfg.robustness.form, cfg.robustness.threshold);
    log(`robustness: ${rob.robust.length} of ${usable.length} features with ${cfg.robustness.form} > ${cfg.robustness.threshold}`);
    if (!rob.robust.length) throw new Error(`robustness: no feature has ${cfg.robustness.form} > ${cfg.robustness.threshold}`);
  }
  let candidates = rob ? rob.robust : usable;

  // 4. z-score (training parameters) and redundancy
  const zs = zScoreParams(Object.fromEntries(candidates.map((f) => [f, splits.train.map((i) => features[f][i])])));
  const z = zScore(Object.fromEntries(candidates.map((f) => [f, features[f]])), zs);
  let redundancy: RedundancyOutput | undefined;
  if (cfg.redundancy.enabled && candidates.length > 1) {
    redundancy = redundancyStep(candidates, z, splits.train, cfg.redundancy.threshold);
    candidates = redundancy.kept;
    log(`redundancy: kept ${redundancy.kept.length}, dropped ${redundancy.dropped.length} (|rho| > ${cfg.redundancy.threshold})`);
  }

  // 5. LASSO
  log(`LASSO ${cfg.lasso.foldColumn ? 'CV with fixed folds' : `${cfg.lasso.nfolds}-fold CV`} over ${candidates.length} features`);
  const lasso = lassoStep(candidates, z, data.y, splits.train, cfg, data.folds);
  if (!lasso.selected.length) throw new Error(`LASSO selected no feature at lambda.${cfg.lasso.lambda} (${lasso.lambda.toPrecision(4)}): no radiomic signature to build`);
  const radscore = radscores(lasso, z, n);
  log(`Rad-score: ${lasso.selected.length} features at lambda.${cfg.lasso.lambda} = ${lasso.lambda.toPrecision(4)}`);

  // 6. clinical factors
  const clinical = clinicalStep(cfg, data, splits.train);
  const clinCols = clinicalColumns(clinical.variables);
  log(`clinical factors: ${clinical.variables.map((v) => v.name).join(', ') || 'none selected'}`);

  // 7. models
  const design: Design = { [RADSCORE_VARIABLE]: radscore };
  for (const f of lasso.selected) design[f] = Array.from(z[f]);
  const encoded = data.rows.map((r, i) => encodeClinical(clinical.variables, r, data.ids[i]));
  for (const c of clinCols) design[c] = encoded.map((e) => e[c]);
  const trees: Partial<Record<TreeModelName, TreeModelResult>> = {};
  const treeColumns: Record<TreeModelName, string[]> = { clinical: clinCols, radiomics: lasso.selected, combined: [...lasso.selected, ...clinCols] };
  for (const name of ['clinical', 'radiomics', 'combined'] as TreeModelName[]) {
    if (!treeColumns[name].length) continue;
    if (name === 'combined' && !clinCols.length) continue;
    log(`boosted trees (${name}): ${cfg.gbdt.nfolds}-fold CV`);
    trees[name] = treeModel(treeColumns[name], design, data.y, splits.train, cfg);
  }
  const nomogram = nomogramModel([RADSCORE_VARIABLE, ...clinCols], design, data.y, splits.train);

  // 8. evaluation
  const probabilities: Partial<Record<ModelName, number[]>> = { radscore: radscore.map((s) => 1 / (1 + Math.exp(-s))) };
  for (const [name, t] of Object.entries(trees)) probabilities[name as ModelName] = t.prob;
  probabilities.nomogram = nomogram.prob;
  const evaluation: Partial<Record<ModelName, ModelEvaluation>> = {};
  for (const name of MODEL_NAMES) if (probabilities[name]) evaluation[name] = evaluateModel(probabilities[name]!, data.y, splits, cfg);
  const delong = compareModels(probabilities as Record<string, number[]>, data.y, splits);
  return {
    cfg, data, params, featureNames, features, splits, excluded, robustness: rob, zscore: zs, redundancy, candidates, lasso, radscore,
    clinical, trees, nomogram, probabilities, evaluation, delong, seconds: (Date.now() - started) / 1000,
  };
}
