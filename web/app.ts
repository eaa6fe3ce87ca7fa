// The offline page: files are read in this browser, decoded and measured in a Web Worker running the
// engine (WebAssembly), and nothing is sent anywhere.
import * as Comlink from 'comlink';
import type { Engine, FileBytes, ProgressStage } from '../src/worker.js';
import type { Volume } from '../src/volume.js';
import type { ExtractionResult } from '../src/extract.js';
import type { Prediction } from '../src/study/predict.js';
import { SliceViewer, PRESETS } from './viewer.js';
import { FeaturesTable } from './features-table.js';
import { ModelPanel } from './model-panel.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

interface LastResult { features: ExtractionResult; prediction?: Prediction; imageName: string; maskName: string; ms: number }
declare global {
  interface Window { __lastResult?: LastResult; __engine?: Comlink.Remote<Engine> }
}

const engine = Comlink.wrap<Engine>(new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
window.__engine = engine;

const imageInput = $<HTMLInputElement>('image-input');
const maskInput = $<HTMLInputElement>('mask-input');
const modelInput = $<HTMLInputElement>('model-input');
const paramsInput = $<HTMLInputElement>('params-input');
const runButton = $<HTMLButtonElement>('run');
const status = $('status');
const errorBox = $('error');

const viewer = new SliceViewer($<HTMLCanvasElement>('slice-canvas'), (info) => ($('slice-info').textContent = info));
const table = new FeaturesTable($<HTMLTableElement>('features-table'), $('features-count'));
const panel = new ModelPanel(
  { fields: $('clinical-fields'), info: $('model-info'), card: $('prediction-card'), output: $('prediction'), nomogram: $('nomogram'), banner: $('simulated-banner') },
  () => void rescore(),
);

let features: ExtractionResult | undefined;
let paramsText: string | undefined;

function showError(err: unknown): void {
  const text = String((err as Error)?.message ?? err).split('\n')[0];
  errorBox.textContent = text;
  errorBox.hidden = false;
}

function clearError(): void {
  errorBox.hidden = true;
  errorBox.textContent = '';
}

const STAGE_TEXT: Record<ProgressStage, string> = { reading: 'Reading', extracting: 'Extracting features', scoring: 'Scoring' };
function setStage(text: string, busy = true): void {
  status.textContent = text;
  status.classList.toggle('busy', busy);
}
const progress = Comlink.proxy((stage: ProgressStage, detail?: string) => setStage(`${STAGE_TEXT[stage]}${detail ? ` ${detail}` : ''}…`));

async function bytesOf(input: HTMLInputElement): Promise<FileBytes[]> {
  return Promise.all(Array.from(input.files ?? []).map(async (f) => ({ name: f.webkitRelativePath || f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

const isDicom = (b: Uint8Array) => b.length >= 132 && b[128] === 0x44 && b[129] === 0x49 && b[130] === 0x43 && b[131] === 0x4d;
const label = () => ($<HTMLInputElement>('label-input').value.trim() ? Number($<HTMLInputElement>('label-input').value) : undefined);

async function run(): Promise<void> {
  clearError();
  if (!imageInput.files?.length) return showError('Image: choose an image file (NRRD, NIfTI or the files of a DICOM series)');
  if (!maskInput.files?.length) return showError('Mask: choose a mask file (label image, RTSTRUCT or DICOM-SEG)');
  runButton.disabled = true;
  const started = performance.now();
  try {
    const imageFiles = await bytesOf(imageInput);
    const maskFiles = await bytesOf(maskInput);
    const imageName = imageFiles.length > 1 ? `${imageFiles.length} DICOM files` : imageFiles[0].name;
    const maskName = maskFiles[0].name;
    setStage('Reading image…');
    const image: Volume = await engine.readImage(Comlink.transfer(imageFiles, imageFiles.map((f) => f.bytes.buffer as ArrayBuffer)), {}, progress);
    const roi = $<HTMLInputElement>('roi-input').value.trim() || undefined;
    // DICOM masks (RTSTRUCT/SEG) are rasterised onto the image's grid, so the worker needs the image
    const reference = isDicom(maskFiles[0].bytes) ? image : undefined;
    const mask: Volume = await engine.readMask(Comlink.transfer(maskFiles, maskFiles.map((f) => f.bytes.buffer as ArrayBuffer)), reference as Volume, roi, progress);
    showVolumes(image, mask);
    const params = panel.model ? panel.model.extraction.params : paramsText;
    features = await engine.extract(image, mask, params, { label: label(), imageName, maskName }, progress);
    table.show(features, imageName, maskName);
    window.__lastResult = { features, imageName, maskName, ms: performance.now() - started };
    if (panel.model) await rescore();
    setStage(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s · ${Object.keys(features).filter((k) => k.startsWith('original_')).length} features`, false);
  } catch (err) {
    setStage('Stopped', false);
    showError(err);
  } finally {
    runButton.disabled = false;
  }
}

function showVolumes(image: Volume, mask: Volume): void {
  const slider = $<HTMLInputElement>('slice-slider');
  $('viewer-empty').hidden = true;
  const k = viewer.load(image, mask, label() ?? 1);
  slider.max = String(image.size[2] - 1);
  slider.value = String(k);
  slider.disabled = false;
}

/** Scores the extracted features with the model and the clinical values (again after each edit). */
async function rescore(): Promise<void> {
  if (!panel.model || !features || !window.__lastResult) return;
  const { values, missing } = panel.clinical();
  if (missing.length) {
    window.__lastResult.prediction = undefined;
    return panel.clearPrediction(`Enter ${missing.join(', ')} to score this patient.`);
  }
  try {
    clearError();
    const prediction = await engine.predictFeatures(panel.text!, features, values);
    window.__lastResult.prediction = prediction;
    panel.showPrediction(prediction);
  } catch (err) {
    panel.clearPrediction();
    showError(err);
  }
}

async function loadModel(): Promise<void> {
  clearError();
  const file = modelInput.files?.[0];
  if (!file) return panel.unload();
  try {
    panel.load(await file.text(), file.name);
    // features from other settings cannot be scored: extract again with the model's settings
    if (features) table.clear(), (features = undefined), setStage('Model loaded: run again to extract with its settings.', false);
  } catch (err) {
    modelInput.value = '';
    panel.unload();
    showError(err);
  }
}

async function loadParams(): Promise<void> {
  clearError();
  const file = paramsInput.files?.[0];
  paramsText = file ? await file.text() : undefined;
}

/** Dropping files on a drop zone puts them into its file input. */
function dropZone(zone: HTMLElement, input: HTMLInputElement): void {
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (!e.dataTransfer?.files.length) return;
    input.files = e.dataTransfer.files;
    input.dispatchEvent(new Event('change'));
  });
}

dropZone($('image-zone'), imageInput);
dropZone($('mask-zone'), maskInput);
dropZone($('model-zone'), modelInput);
dropZone($('params-zone'), paramsInput);
modelInput.addEventListener('change', () => void loadModel());
paramsInput.addEventListener('change', () => void loadParams());
runButton.addEventListener('click', () => void run());
$('features-filter').addEventListener('input', (e) => table.filter((e.target as HTMLInputElement).value));
$('download-csv').addEventListener('click', () => table.download());
$<HTMLInputElement>('slice-slider').addEventListener('input', (e) => viewer.setSlice(Number((e.target as HTMLInputElement).value)));
$<HTMLInputElement>('overlay-toggle').addEventListener('change', (e) => {
  viewer.showMask = (e.target as HTMLInputElement).checked;
  viewer.draw();
});
const presets = $<HTMLSelectElement>('window-select');
for (const p of PRESETS) presets.add(new Option(`${p.name} (W ${p.width} / L ${p.level})`, p.name));
presets.addEventListener('change', () => viewer.setWindow(presets.value));
window.addEventListener('dragover', (e) => e.preventDefault()); // a drop outside the zones must not open the file
window.addEventListener('drop', (e) => e.preventDefault());

engine.init().then(
  (version) => {
    $('engine-version').textContent = `engine ${version}`;
    setStage('Ready. Choose an image and a mask, then Run.', false);
  },
  (err) => showError(`Engine: ${String(err?.message ?? err)}`),
);
