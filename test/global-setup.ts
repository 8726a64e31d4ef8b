/**
 * Before any test file: bring the CLI bundle up to date once. bin/reglab.js rebuilds it when src/ is
 * newer; left to the tests, two files spawning the CLI at once would both rebuild into the same
 * folder and one would see "building the CLI bundle…" on stderr.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const bin = fileURLToPath(new URL('../bin/reglab.js', import.meta.url));
  const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`building the CLI bundle failed: ${r.stderr}`);
}
