// `npm test`: every test. Installs what is missing (npm packages, Debian's chromium), type-checks,
// then runs vitest (CPU reference, CLI, GPU parity through dawn.node) and the Playwright specs in
// headless Chromium side by side — each waits on its own processes a good share of the time, so
// together they take ~15 % less than one after the other on 2 cores — with Playwright's output as it
// comes and vitest's whole when it ends (never line by line between Playwright's), each part's duration
// and one summary line:
// "tests: N passed, N failed, N skipped". While a part prints nothing for 25 s, a line says it is
// still running, so piped output (CI) never sits silent.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { ensureChromium, ensureNodeModules, root } from './ensure.js';

ensureNodeModules();
ensureChromium();

const out = join(root, 'test-results');
rmSync(out, { recursive: true, force: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
const QUIET_S = 25;

/**
 * Run one part; resolves to its exit code and duration in seconds. Its output is passed through as
 * it comes (`live`) or kept and printed whole when it ends, so two parts side by side never mix lines.
 */
function part(name, cmd, args, { live = true } = {}) {
  const started = Date.now();
  let last = started;
  const kept = [];
  const header = `\n== ${name}: ${[cmd.replace(root + '/', ''), ...args].join(' ')}`;
  if (live) console.log(header);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
    const take = (stream) => (d) => { last = Date.now(); if (live) stream.write(d); else kept.push(d); };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    const beat = setInterval(() => {
      if (Date.now() - last >= QUIET_S * 1000) {
        last = Date.now();
        console.log(`… ${name} still running (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }, 1000);
    child.on('close', (code, signal) => {
      clearInterval(beat);
      if (!live) {
        console.log(header);
        process.stdout.write(Buffer.concat(kept));
      }
      resolve({ name, code: code ?? (signal ? 1 : 0), seconds: (Date.now() - started) / 1000 });
    });
  });
}

// The machine's load beside the durations: the suite is built to pass on a busy machine, and its
// times are only comparable at a like load.
const loadAtStart = loadavg()[0];
const vitestJson = join(out, 'vitest.json');
const pwJson = join(out, 'playwright.json');
const parts = [];
const started = Date.now();
parts.push(await part('typecheck', bin('tsc'), ['-p', '.']));
console.log('\n== vitest and playwright, side by side (playwright as it runs, vitest whole when it ends)');
parts.push(...await Promise.all([
  // vitest on one worker: Playwright (the longer part) keeps a core, and the suite ends sooner
  // (281 s against 300 s with vitest's default two, measured back to back here)
  part('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, '--maxWorkers=1'], { live: false }),
  part('playwright', bin('playwright'), ['test']),
]));

let passed = 0, failed = 0, skipped = 0;
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
}
if (existsSync(pwJson)) {
  const p = JSON.parse(readFileSync(pwJson, 'utf8'));
  passed += p.stats.expected;
  failed += p.stats.unexpected + p.stats.flaky;
  skipped += p.stats.skipped;
}
const failedSteps = parts.filter((p) => p.code !== 0).map((p) => p.name);
if (failedSteps.length && failed === 0) failed = failedSteps.length; // a step failed outside any test
const total = (Date.now() - started) / 1000;
console.log(`\ndurations: ${parts.map((p) => `${p.name} ${Math.round(p.seconds)} s`).join(', ')} (vitest and playwright side by side); total ${Math.round(total)} s`
  + ` (load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end, on ${availableParallelism()} cores)`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped${failedSteps.length ? `  (failed: ${failedSteps.join(', ')})` : ''}`);
process.exitCode = failedSteps.length ? 1 : 0;
