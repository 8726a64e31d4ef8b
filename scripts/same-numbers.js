// `node scripts/same-numbers.js [REV]`: does this working tree print the numbers REV printed
// (default HEAD)? For refactors that must change no behaviour: builds REV's CLI in a temporary
// clone, runs the same CLI commands with both (every GPU path, dropout streams, the fast CPU
// engine, the labs, the sweep, the generated kernel) and compares their output byte for byte,
// timings left out. Prints one line per command and exits 1 on any difference.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureNodeModules, root, run } from './ensure.js';

ensureNodeModules();

const COMMANDS = [
  'train --backend gpu --gpu-path unrolled --keep-prob 0.86 --l2 0.7 --iterations 300 --log-every 50 --json',
  'train --backend gpu --gpu-path fused --layers 30,20 --keep-prob 0.86 --l2 0.7 --iterations 200 --log-every 50 --json',
  'train --backend gpu --gpu-path layered --layers 40,30 --keep-prob 0.8 --l2 0.3 --iterations 60 --log-every 10 --json',
  'train --backend gpu --gpu-path layered --layers 40,30 --dropout-rng numpy --keep-prob 0.8 --iterations 40 --log-every 10 --json',
  'train --backend wasm --layers 64,48 --keep-prob 0.8 --l2 0.3 --iterations 100 --log-every 10 --json',
  'train --backend cpu --keep-prob 0.86 --l2 0.7 --iterations 300 --log-every 50 --json',
  'compare --backend gpu --iterations 300 --json',
  'landscape --backend gpu --grid 21 --iterations 200 --json',
  'gradients --backend gpu --json',
  'init-compare --backend gpu --iterations 300 --json',
  'sweep --backend gpu --l2 0,0.7 --keep-prob 1,0.86 --iterations 300 --json',
  'sweep --backend gpu --l2 0,0.7 --keep-prob 1,0.86,0.7 --seeds 2 --iterations 200 --json', // two draw groups of Philox flags
  'sweep --backend gpu --layers 30,20 --gpu-path fused --l2 0,0.7 --keep-prob 1,0.86 --iterations 100 --json',
  'kernel --layers 4,2 --activation tanh --dropout philox',
];

/** Timings differ run to run: every key that names one goes. */
const TIMING_KEY = /wallMs|ms$|Ms$|seconds|perSecond|elapsed/i;
function withoutTimings(v) {
  if (Array.isArray(v)) return v.map(withoutTimings);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !TIMING_KEY.test(k)).map(([k, x]) => [k, withoutTimings(x)]));
  return v;
}

function output(repo, command) {
  const r = spawnSync(process.execPath, [join(repo, 'bin', 'reglab.js'), ...command.split(' ')], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return `exit ${r.status}: ${r.stderr.trim()}`;
  try {
    return JSON.stringify(withoutTimings(JSON.parse(r.stdout)));
  } catch {
    return r.stdout;
  }
}

const rev = process.argv[2] ?? 'HEAD';
const base = mkdtempSync(join(tmpdir(), 'reglab-same-'));
try {
  execFileSync('git', ['clone', '--quiet', root, base]);
  execFileSync('git', ['checkout', '--quiet', rev], { cwd: base });
  symlinkSync(join(root, 'node_modules'), join(base, 'node_modules'));
  if (run(process.execPath, ['scripts/cli-bundle.js'], { cwd: base }) !== 0) throw new Error(`could not build ${rev}'s CLI`);
  if (run(process.execPath, ['scripts/cli-bundle.js', '--if-stale']) !== 0) throw new Error('could not build this tree\'s CLI');
  let differ = 0;
  for (const command of COMMANDS) {
    const same = output(base, command) === output(root, command);
    if (!same) differ++;
    console.log(`${same ? 'same' : 'DIFFERENT'}  reglab ${command}`);
  }
  console.log(differ ? `${differ} of ${COMMANDS.length} commands print other numbers than ${rev}` : `all ${COMMANDS.length} commands print what ${rev} printed`);
  process.exitCode = differ ? 1 : 0;
} finally {
  rmSync(base, { recursive: true, force: true });
}
