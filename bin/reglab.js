#!/usr/bin/env node
// Entry point of `npx reglab`. The CLI is TypeScript that imports WGSL with Vite's `?raw`, so it
// runs from a Vite SSR bundle (dist/cli/cli.js). The bundle is (re)built here when it is missing
// or older than any file under src/ or shaders/ (or vite.config.ts, package.json), so a fresh clone needs nothing but `npm install`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `reglab … | head`: a reader that stops early ends the run quietly, as other command-line tools do;
// any other failure to write the output (a full disk) ends it with one line.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  process.stderr.write(`reglab: cannot write the output (${e.code ?? e.message})\n`);
  process.exit(1);
});

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'cli.js');

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const inputs = [newestMtime(join(root, 'src')), newestMtime(join(root, 'shaders')),
  ...['vite.config.ts', 'package.json'].map((f) => (existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0))];
const stale = !existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(...inputs);
if (stale) {
  let build;
  try {
    ({ build } = await import('vite'));
  } catch {
    process.stderr.write('reglab: the CLI bundle is missing and vite is not installed; run `npm install` first\n');
    process.exit(1);
  }
  process.stderr.write('reglab: building the CLI bundle…\n');
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { ssr: join(root, 'src', 'cli.ts'), outDir: join(root, 'dist', 'cli'), emptyOutDir: true, target: 'node20' },
  });
}

const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
