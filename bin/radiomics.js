#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

main(process.argv).catch((err) => {
  // Commands print their own one-line errors; this is the last resort for anything unexpected.
  console.error(`radiomics: ${err?.message ?? err}`);
  process.exit(1);
});
