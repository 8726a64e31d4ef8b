// `node scripts/same-numbers.js [REV]`: does this working tree print the numbers REV printed
// (default HEAD)? For refactors that must change no behaviour: builds REV's CLI in a temporary
// clone, runs the same CLI commands with both (every GPU path, dropout streams, the fast CPU
// engine, the labs, the sweep, the generated kernel) and compares their output, timings left out:
// every value of REV's JSON must be in this tree's, the same (a field this tree adds, such as a new
// setting at its default, is listed but is no difference); text byte for byte. Prints one line per
// command and exits 1 on any difference.
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

/** What a command printed: its JSON without timings, or its text. */
function output(repo, command) {
  const r = spawnSync(process.execPath, [join(repo, 'bin', 'reglab.js'), ...command.split(' ')], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return `exit ${r.status}: ${r.stderr.trim()}`;
  try {
    return withoutTimings(JSON.parse(r.stdout));
  } catch {
    return r.stdout;
  }
}

/**
 * Whether `now` holds everything `was` held, the same: the paths of the fields `now` adds (array
 * indices as []), or null when a value of `was` differs or is gone.
 */
function added(was, now, path = '', out = new Set()) {
  if (Array.isArray(was)) {
    if (!Array.isArray(now) || now.length !== was.length) return null;
    for (let i = 0; i < was.length; i++) if (!added(was[i], now[i], `${path}[]`, out)) return null;
    return out;
  }
  if (was && typeof was === 'object') {
    if (!now || typeof now !== 'object' || Array.isArray(now)) return null;
    for (const k of Object.keys(was)) if (!(k in now) || !added(was[k], now[k], path ? `${path}.${k}` : k, out)) return null;
    for (const k of Object.keys(now)) if (!(k in was)) out.add(path ? `${path}.${k}` : k);
    return out;
  }
  return was === now ? out : null;
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
    const adds = added(output(base, command), output(root, command));
    if (!adds) differ++;
    console.log(`${adds ? 'same' : 'DIFFERENT'}  reglab ${command}${adds?.size ? `  (adds ${[...adds].join(', ')})` : ''}`);
  }
  console.log(differ ? `${differ} of ${COMMANDS.length} commands print other numbers than ${rev}` : `all ${COMMANDS.length} commands print what ${rev} printed`);
  process.exitCode = differ ? 1 : 0;
} finally {
  rmSync(base, { recursive: true, force: true });
}
