// `npm run bench:page`: the page's benchmark (`window.reglab.bench({ size: 'quick' })`) in headless
// Chromium — reglab's GPU and CPU paths beside TensorFlow.js's webgpu and cpu backends on the same
// adapter — printed as a table and written to bench-results/page.json, with a screenshot of the page
// (`-- --docs`: also docs/bench.png, shown in docs/performance.md). Builds the page and serves it on 127.0.0.1 (WebGPU
// needs a secure context) for the duration.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { ensureChromium, ensureNodeModules, root, run } from './ensure.js';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.js';

ensureNodeModules();
ensureChromium();
const port = process.env.PORT ?? '4175';
const vite = join(root, 'node_modules', '.bin', 'vite');
if (run(vite, ['build', '--logLevel', 'warn']) !== 0) process.exit(1);
const server = spawn(vite, ['preview', '--host', '127.0.0.1', '--strictPort', '--port', port], { cwd: root, stdio: 'ignore' });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  for (let tries = 0; ; tries++) {
    try {
      await page.goto(`http://127.0.0.1:${port}/`);
      break;
    } catch (e) {
      if (tries > 50) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  let last = '';
  const progress = setInterval(async () => {
    const s = await page.locator('#stats').textContent().catch(() => '');
    if (s && s !== last) process.stderr.write(`${(last = s)}\n`);
  }, 1000);
  const report = await page.evaluate(() => window.reglab.bench({ size: 'quick' }));
  clearInterval(progress);
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(join(root, 'bench-results', 'page.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`adapter: ${report.adapter}`);
  console.table(report.rows.map((r) => ({
    workload: r.workload, hidden: r.hidden.join(','), m: r.m, regularization: r.regularization,
    impl: r.impl + (r.gpuPath ? ` (${r.gpuPath})` : ''),
    'ms/iteration': r.skipped ?? `${r.msPerIteration.median.toFixed(3)} (${r.msPerIteration.min.toFixed(3)}–${r.msPerIteration.max.toFixed(3)})`,
    'GFLOP/s': Number.isFinite(r.gflops) ? Number(r.gflops.toPrecision(3)) : '—',
  })));
  // the page itself, table and chart: bench-results/page.png, and the README's docs/bench.png (docs/performance.md) with --docs
  await page.screenshot({ path: join(root, 'bench-results', 'page.png'), fullPage: true });
  if (process.argv.includes('--docs')) await page.screenshot({ path: join(root, 'docs', 'bench.png'), fullPage: true });
  console.log(`written: bench-results/page.json, bench-results/page.png${process.argv.includes('--docs') ? ', docs/bench.png' : ''}`);
} finally {
  await browser.close();
  server.kill();
}
