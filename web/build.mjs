// Bundles the offline page into dist/web/: app.js (page), worker.js (the engine in a Web Worker),
// radiomics.wasm beside them, index.html and style.css. Relative URLs only, so any static host serves it.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/web/`;
const wasm = `${root}build/radiomics.wasm`;
if (!existsSync(wasm)) {
  console.error(`build:web: ${wasm} not found: run \`npm run build:wasm\` first`);
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { app: `${root}web/app.ts`, worker: `${root}web/worker.ts` },
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome111', 'firefox115', 'safari16.4'],
  minify: true,
  sourcemap: true,
  legalComments: 'eof',
  // csv-parse/csv-stringify's default builds use Node's Buffer; their browser builds do not
  alias: { 'csv-stringify/sync': 'csv-stringify/browser/esm/sync', 'csv-parse/sync': 'csv-parse/browser/esm/sync' },
  logLevel: 'warning',
});
for (const file of ['index.html', 'style.css']) copyFileSync(`${root}web/${file}`, out + file);
copyFileSync(wasm, `${out}radiomics.wasm`);
console.log(`build:web: wrote ${out}`);
