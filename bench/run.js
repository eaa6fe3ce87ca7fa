// Runs every benchmark in turn (after `npm run build`): npm run bench [-- name ...]
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const all = readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'run.js').map((f) => f.slice(0, -3));
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : all;
for (const name of chosen) {
  if (!all.includes(name)) throw new Error(`no benchmark "${name}" (have: ${all.join(', ')})`);
  console.log(`\n## ${name}\n`);
  execFileSync(process.execPath, [`${dir}${name}.js`], { stdio: 'inherit' });
}
