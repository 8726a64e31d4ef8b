// The CLI bundle: the CLI is TypeScript that imports WGSL with Vite's `?raw`, so it runs from a Vite
// SSR bundle, dist/cli/cli.js, built by `npm run build:cli` — which `npm install`/`npm ci` run
// (the `prepare` script) and vitest's global setup repeats when src/ has changed since.
//   node scripts/cli-bundle.js             build it
//   node scripts/cli-bundle.js --if-stale  build it only when it is missing or older than its sources
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bundle = join(root, 'dist', 'cli', 'cli.js');

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether the bundle is missing or older than any file it is built from. */
export function bundleIsStale() {
  if (!existsSync(bundle)) return true;
  const inputs = [newestMtime(join(root, 'src')), newestMtime(join(root, 'shaders')),
    ...['vite.config.ts', 'package.json'].map((f) => (existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0))];
  return statSync(bundle).mtimeMs < Math.max(...inputs);
}

export async function buildBundle() {
  const { build } = await import('vite');
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { ssr: join(root, 'src', 'cli.ts'), outDir: join(root, 'dist', 'cli'), emptyOutDir: true, target: 'node20' },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!process.argv.includes('--if-stale') || bundleIsStale()) await buildBundle();
}
