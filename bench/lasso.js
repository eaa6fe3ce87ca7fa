// LASSO cross-validation time: Pima (200 x 7, the glmnet reference call) and a synthetic radiomics-like
// 124 x 1000 matrix (features driven by 12 shared factors, so highly correlated, as texture features are).
// Run after `npm run build`: node bench/lasso.js
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lassoCv } from '../dist/models/lasso-cv.js';

const data = (...p) => fileURLToPath(new URL(`../../shared/data/${p.join('/')}`, import.meta.url));

function csv(path) {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
}

function pima() {
  const params = JSON.parse(readFileSync(data('stats-reference', 'pima', 'zscore_params.json'), 'utf8'));
  const rows = csv(data('tabular', 'pima.csv')).filter((r) => r.set === 'train');
  const X = rows.map((r) => params.features.map((f) => (Number(r[f]) - params.mean[f]) / params.sd[f]));
  const y = rows.map((r) => Number(r.y));
  const foldid = csv(data('stats-reference', 'pima', 'pima_foldid.csv')).map((r) => Number(r.fold10));
  return { X, y, foldid };
}

function radiomicsLike(n, p, factors, seed) {
  let s = seed;
  const unif = () => ((s = (s * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  const normal = () => Math.sqrt(-2 * Math.log(unif())) * Math.cos(2 * Math.PI * unif());
  const load = Array.from({ length: p }, () => Array.from({ length: factors }, normal));
  const X = Array.from({ length: n }, () => {
    const f = Array.from({ length: factors }, normal);
    return load.map((w) => w.reduce((a, wk, k) => a + wk * f[k], 0) + 0.5 * normal());
  });
  const y = X.map((r) => (unif() < 1 / (1 + Math.exp(-(0.4 * r[0] - 0.3 * r[5] + 0.2 * r[17]))) ? 1 : 0));
  return { X, y };
}

function median(fn, runs) {
  const times = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)], out };
}

const P = pima();
const R = radiomicsLike(124, 1000, 12, 20240611);
const cases = [
  ['Pima 200x7, binomial, thresh 1e-12 (reference call)', () => lassoCv(P.X, P.y, { foldid: P.foldid, standardize: false, thresh: 1e-12, maxit: 1e7 }), 5],
  ['Pima 200x7, binomial, default thresh', () => lassoCv(P.X, P.y, { foldid: P.foldid, standardize: false }), 5],
  ['synthetic 124x1000, binomial, 10-fold', () => lassoCv(R.X, R.y, { family: 'binomial', nfolds: 10 }), 3],
  ['synthetic 124x1000, gaussian (LassoCV recipe), 10-fold', () => lassoCv(R.X, R.y, { family: 'gaussian', nfolds: 10 }), 3],
];
const rGlmnetMs = JSON.parse(readFileSync(data('stats-reference', 'pima', 'timing_R.json'), 'utf8')).glmnet_cv_seconds * 1000;
console.log('| case | lambdas | selected at lambda.min | median ms |');
console.log('|---|---|---|---|');
for (const [name, fn, runs] of cases) {
  const { ms, out } = median(fn, runs);
  console.log(`| ${name} | ${out.lambda.length} | ${out.coefMin.selected.length} | ${ms.toFixed(1)} |`);
}
console.log(`\nR glmnet 4.1-6 cv.glmnet on the Pima reference call (timing_R.json, another machine): ${rGlmnetMs.toFixed(1)} ms`);
