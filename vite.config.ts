import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Cross-origin isolation: the fast CPU engine (src/wasm) shares one WebAssembly memory between its
 * worker threads, which a page may do only when isolated. Everything the page loads is its own.
 */
const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/**
 * The page's service worker (src/offline/service-worker.js, hand-written) emitted as sw.js beside
 * index.html, with every built file in its list to cache at install and a version named after their
 * content: a page opened once works offline, and a new build replaces the old cache.
 */
function serviceWorker(): Plugin {
  return {
    name: 'reglab-service-worker',
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'sw.js').sort();
      const hash = createHash('sha256');
      for (const f of files) {
        const out = bundle[f];
        hash.update(f).update(out.type === 'chunk' ? out.code : out.source);
      }
      const source = readFileSync(new URL('./src/offline/service-worker.js', import.meta.url), 'utf8')
        .replace('\'__REGLAB_VERSION__\'', JSON.stringify(hash.digest('hex').slice(0, 16)))
        .replace('__REGLAB_ASSETS__', JSON.stringify(['./', ...files]));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

// One config for the page (vite / vite build), the CLI bundle (vite build --ssr) and vitest.
export default defineConfig({
  // relative addresses: the built folder works from any path of any static host
  base: './',
  plugins: [serviceWorker()],
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  build: {
    target: 'es2022',
    // The page; the CLI bundle goes to dist/cli (bin/reglab.js), so neither build wipes the other.
    outDir: 'dist/web',
  },
  worker: { format: 'es' },
  // tfjs's ESM files import without extensions, which Node's loader refuses: the CLI bundle
  // (vite build --ssr) includes tfjs instead of importing it, as one copy of tfjs-core.
  ssr: { noExternal: [/^@tensorflow\//, 'seedrandom'] },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // the CLI bundle is built once here, not by the first tests that spawn it (side by side)
    globalSetup: ['test/global-setup.ts'],
    // dawn.node holds a native device per process: GPU files run in their own forks, two at a time
    // (the GPU parity file beside the CPU and CLI files on a 2-core machine).
    pool: 'forks',
    maxWorkers: 2,
    // The slowest test takes about 10 s here: a hang fails in a minute, and a busy machine has room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
