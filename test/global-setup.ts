/**
 * Before any test file: bring the CLI bundle up to date once (scripts/cli-bundle.js), so the CLI
 * tests run the code under test. Left to the test files, two spawning the CLI at once would race.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const script = fileURLToPath(new URL('../scripts/cli-bundle.js', import.meta.url));
  const r = spawnSync(process.execPath, [script, '--if-stale'], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`building the CLI bundle failed: ${r.stderr}`);
}
