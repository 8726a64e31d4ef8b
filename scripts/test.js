// `npm test`: every test. Installs what is missing (npm packages, Debian's chromium), type-checks,
// runs vitest (CPU reference, CLI, GPU parity through dawn.node) and the Playwright specs in
// headless Chromium, then prints one summary line: "tests: N passed, N failed".
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, ensureNodeModules, root, run } from './ensure.js';

ensureNodeModules();
ensureChromium();

const out = join(root, 'test-results');
rmSync(out, { recursive: true, force: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);

let failedSteps = [];
if (run(bin('tsc'), ['-p', '.']) !== 0) failedSteps.push('typecheck');

const vitestJson = join(out, 'vitest.json');
if (run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]) !== 0) failedSteps.push('vitest');

const pwJson = join(out, 'playwright.json');
const pw = run(bin('playwright'), ['test']);
if (pw !== 0) failedSteps.push('playwright');

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
if (failedSteps.length && failed === 0) failed = failedSteps.length; // a step failed outside any test
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped${failedSteps.length ? `  (failed: ${failedSteps.join(', ')})` : ''}`);
process.exitCode = failedSteps.length ? 1 : 0;
