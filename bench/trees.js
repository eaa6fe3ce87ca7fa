// Tree ensembles: scoring throughput of LightGBM's WDBC model (50 trees, 15 leaves) on 1e6 rows, single
// thread, WebAssembly kernel vs the plain TypeScript walk in the same run; training time on WDBC with
// train.conf next to the LightGBM CLI's recorded times. Run after `npm run build`: node bench/trees.js
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadLightgbmModel } from '../dist/models/lightgbm-text.js';
import { predictEnsemble } from '../dist/models/trees.js';
import { trainGbdt } from '../dist/models/gbdt-boost.js';
import { parseLightgbmConfig } from '../dist/models/gbdt-params.js';

const data = (...p) => fileURLToPath(new URL(`../../shared/data/${p.join('/')}`, import.meta.url));
const text = (...p) => readFileSync(data(...p), 'utf8');

function table(file, names) {
  const [head, ...rows] = text('lightgbm', file).trim().split('\n');
  const cols = head.split(',');
  const idx = names.map((n) => cols.indexOf(n));
  return { X: rows.map((r) => { const v = r.split(','); return idx.map((i) => Number(v[i])); }), y: rows.map((r) => Number(r.split(',')[0])) };
}

function time(fn) {
  const t0 = performance.now();
  const out = fn();
  return { ms: performance.now() - t0, out };
}

const model = loadLightgbmModel(text('lightgbm', 'model.txt'));
const names = model.featureNames;
const test = table('wdbc_test_lgb.csv', names);
const train = table('wdbc_train_lgb.csv', names);

// 1e6 rows: the test rows cycled, each value scaled by a deterministic factor in [0.9, 1.1) so that rows
// take different paths.
const N = 1_000_000, F = names.length;
const batch = new Float64Array(N * F);
let s = 12345;
for (let r = 0; r < N; r++) {
  const src = test.X[r % test.X.length];
  for (let f = 0; f < F; f++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    batch[r * F + f] = src[f] * (0.9 + 0.2 * (s / 4294967296));
  }
}
const X = { data: batch, rows: N, cols: F };
predictEnsemble(model, { data: batch.subarray(0, 1000 * F), rows: 1000, cols: F }, { output: 'raw' }); // instantiate + warm up
predictEnsemble(model, { data: batch.subarray(0, 1000 * F), rows: 1000, cols: F }, { output: 'raw', engine: 'ts' });
const wasm = time(() => predictEnsemble(model, X, { output: 'raw' }));
const ts = time(() => predictEnsemble(model, X, { output: 'raw', engine: 'ts' }));
let identical = true;
for (let i = 0; i < N; i++) if (wasm.out[i] !== ts.out[i]) identical = false;

const conf = parseLightgbmConfig(text('lightgbm', 'train.conf'));
trainGbdt(train.X, train.y, conf, { featureNames: names }); // warm-up
const trainRuns = Array.from({ length: 5 }, () => time(() => trainGbdt(train.X, train.y, conf, { featureNames: names })).ms).sort((a, b) => a - b);
const lgb = JSON.parse(text('lightgbm', 'timing_lightgbm_cli.json'));

const rate = (ms) => `${((N / ms) * 1000 / 1e6).toFixed(2)} M rows/s`;
console.log('Scoring: LightGBM WDBC model (50 trees) on 1e6 rows x 30 features, single thread');
console.table([
  { engine: 'WebAssembly kernel', ms: wasm.ms.toFixed(0), throughput: rate(wasm.ms) },
  { engine: 'TypeScript tree walk', ms: ts.ms.toFixed(0), throughput: rate(ts.ms) },
]);
console.log(`WebAssembly / TypeScript speed: ${(ts.ms / wasm.ms).toFixed(2)}x; identical raw scores: ${identical ? 'yes' : 'NO'}`);
console.log('\nTraining: WDBC 427 x 30, train.conf (50 iterations, 15 leaves, max_bin 63)');
console.table([
  { what: 'trainGbdt (median of 5, warm)', ms: trainRuns[2].toFixed(1) },
  { what: 'LightGBM CLI: 50 iterations (its log)', ms: (lgb.train_internal_log_seconds_after_50_iterations * 1000).toFixed(1) },
  { what: 'LightGBM CLI: whole process (median of 10)', ms: (lgb.train_cli_wall.median_s * 1000).toFixed(1) },
]);
