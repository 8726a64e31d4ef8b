import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './scripts/chromium.js';

// Debian's Chromium with WebGPU on (SwiftShader where there is no GPU); the page built by Vite and
// served on 127.0.0.1, since WebGPU needs a secure context.
const PORT = Number(process.env.REGLAB_E2E_PORT ?? 4174);

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  // Waits for the page (expect, expect.poll) get the time a busy machine needs: a page that is
  // merely slow passes, a page that never gets there still fails. Speed is measured in benchmarks.
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    // the built page registers a service worker (offline use); requests it serves bypass page.route, and
    // a page it controls is served from its cache: the specs run without it, e2e/offline.spec.ts with it
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite build --logLevel warn && npx vite preview --host 127.0.0.1 --strictPort --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
