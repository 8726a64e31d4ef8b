// `node scripts/cpu-vs-numpy.js [--quick] [--out FILE]`: reglab's CPU reference beside the lesson's
// own numpy code (scripts/numpy_lesson.py), in one run on this machine: the lesson's network on 211
// points and [256, 256] on 4 096, both with L2 (λ 0.7) and dropout (keep_prob 0.86). Prints a table
// of ms per iteration and GFLOP/s (the three products, as `reglab bench` counts them) and writes the
// JSON (default bench-results/cpu-vs-numpy.json). Without python3 and numpy the numpy rows are
// skipped with a note. reglab's times are `reglab train --json`'s wall time over its iterations.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from './ensure.js';

const quick = process.argv.includes('--quick');
const outAt = process.argv.indexOf('--out');
const out = outAt > 0 ? process.argv[outAt + 1] : join(root, 'bench-results', 'cpu-vs-numpy.json');
const CASES = [
  { network: [20, 3], m: 211, iterations: quick ? 300 : 2000 },
  { network: [256, 256], m: 4096, iterations: quick ? 2 : 5 },
];

function flops(hidden, m) {
  const d = [2, ...hidden, 1];
  let f = 0;
  for (let l = 1; l < d.length; l++) {
    f += 4 * m * d[l] * (d[l - 1] + 1);
    if (l >= 2) f += 2 * m * d[l] * d[l - 1];
  }
  return f;
}

const rows = [];
for (const c of CASES) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'reglab.js'), 'train', '--dataset', 'moons', '--size', String(c.m), '--test-fraction', '0',
    '--layers', c.network.join(','), '--iterations', String(c.iterations), '--l2', '0.7', '--keep-prob', '0.86', '--learning-rate', '0.05',
    '--init', 'he', '--log-every', String(c.iterations), '--json', '--no-progress'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reglab train failed: ${r.stderr}`);
  const ms = JSON.parse(r.stdout).wallMs / c.iterations;
  rows.push({ impl: 'reglab-cpu (float64 reference)', ...c, msPerIteration: ms, gflops: flops(c.network, c.m) / (ms * 1e6) });
}
const py = spawnSync('python3', [join(root, 'scripts', 'numpy_lesson.py'), ...(quick ? ['--quick'] : [])], { encoding: 'utf8' });
let note = null;
if (py.status === 0) {
  for (const line of py.stdout.trim().split('\n')) {
    const j = JSON.parse(line);
    rows.push({ impl: 'numpy (the lesson\'s code, float64)', network: j.network, m: j.m, iterations: j.iterations, msPerIteration: j.ms_per_iteration, gflops: j.gflops });
  }
} else {
  note = `numpy rows skipped: python3 with numpy is not available here (${(py.error?.message ?? py.stderr.trim().split('\n').at(-1)) || 'exit ' + py.status})`;
}
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('network', 12)}${pad('m', 7)}${pad('impl', 38)}${pad('ms/iteration', 14)}GFLOP/s`);
for (const r of rows.sort((a, b) => a.m - b.m)) {
  console.log(`${pad(`[${r.network}]`, 12)}${pad(r.m, 7)}${pad(r.impl, 38)}${pad(r.msPerIteration.toFixed(3), 14)}${r.gflops.toFixed(2)}`);
}
for (const c of CASES) {
  const [ours, np] = ['reglab', 'numpy'].map((p) => rows.find((r) => r.m === c.m && r.impl.startsWith(p)));
  if (ours && np) console.log(`[${c.network}] × ${c.m}: reglab's reference takes ${(ours.msPerIteration / np.msPerIteration).toFixed(2)}× numpy's time per iteration`);
}
if (note) console.log(note);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ rows, note }, null, 2) + '\n');
console.log(`wrote ${out}`);
