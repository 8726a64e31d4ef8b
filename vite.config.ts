import { defineConfig } from 'vitest/config';

// One config for the page (vite / vite build), the CLI bundle (vite build --ssr) and vitest.
export default defineConfig({
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
    // dawn.node holds a native device per process: GPU files run in their own forks.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
