#!/usr/bin/env node
// Entry point of `npx reglab`: runs the CLI bundle (dist/cli/cli.js), which `npm install` builds
// (scripts/cli-bundle.js). Nothing is built here, so running the CLI needs no devDependency.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { bundle, bundleIsStale } from '../scripts/cli-bundle.js';

// `reglab … | head`: a reader that stops early ends the run quietly, as other command-line tools do;
// any other failure to write the output (a full disk) ends it with one line.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  process.stderr.write(`reglab: cannot write the output (${e.code ?? e.message})\n`);
  process.exit(1);
});

if (!existsSync(bundle)) {
  process.stderr.write('reglab: the CLI bundle (dist/cli/cli.js) is missing; run `npm install` (or `npm run build:cli`) first\n');
  process.exit(1);
}
if (bundleIsStale()) {
  process.stderr.write('reglab: note: src/ has changed since the CLI bundle was built; run `npm run build:cli` to use the changes\n');
}

const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
