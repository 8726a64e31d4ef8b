// `node scripts/cpu-vs-numpy.js [--quick] [--no-gpu] [--out FILE]`: reglab's CPU engines beside the
// lesson's own numpy code (scripts/numpy_lesson.py), in one run on this machine: the lesson's network
// on 211 points and [256, 256] on 4 096, both with L2 (λ 0.7) and dropout (keep_prob 0.86). Rows:
// numpy (float64), reglab's float64 reference (--backend cpu), the fast CPU engine (--backend wasm:
// float32 WebAssembly SIMD on every core) and the GPU path (--backend gpu: SwiftShader on a machine
// without a GPU; --no-gpu leaves it out). Prints ms per iteration and GFLOP/s (the three products,
// as `reglab bench` counts them) and the ratios, and writes the JSON (default
// bench-results/cpu-vs-numpy.json). Without python3 and numpy the numpy rows are skipped with a note.
// reglab's times are `reglab train --json`'s wall time over its iterations.
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
const ENGINES = [
  { backend: 'cpu', impl: 'reglab-cpu (float64 reference)' },
  { backend: 'wasm', impl: 'reglab-wasm (fast CPU engine, f32)' },
  ...(process.argv.includes('--no-gpu') ? [] : [{ backend: 'gpu', impl: 'reglab-gpu (WebGPU, f32)' }]),
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
for (const c of CASES) for (const e of ENGINES) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'reglab.js'), 'train', '--dataset', 'moons', '--size', String(c.m), '--test-fraction', '0',
    '--layers', c.network.join(','), '--iterations', String(c.iterations), '--l2', '0.7', '--keep-prob', '0.86', '--learning-rate', '0.05',
    '--init', 'he', '--log-every', String(c.iterations), '--json', '--no-progress', '--backend', e.backend], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reglab train --backend ${e.backend} failed: ${r.stderr}`);
  const run = JSON.parse(r.stdout);
  const ms = run.wallMs / c.iterations;
  rows.push({ impl: e.impl, ...c, msPerIteration: ms, gflops: flops(c.network, c.m) / (ms * 1e6), finalCost: run.finalCost, ...(run.adapter ? { adapter: run.adapter } : {}) });
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
console.log(`${pad('network', 12)}${pad('m', 7)}${pad('impl', 38)}${pad('ms/iteration', 14)}${pad('GFLOP/s', 9)}× numpy's time`);
rows.sort((a, b) => a.m - b.m);
for (const r of rows) {
  const np = rows.find((x) => x.m === r.m && x.impl.startsWith('numpy'));
  const ratio = np && r !== np ? (r.msPerIteration / np.msPerIteration).toFixed(2) : '';
  console.log(`${pad(`[${r.network}]`, 12)}${pad(r.m, 7)}${pad(r.impl, 38)}${pad(r.msPerIteration.toFixed(3), 14)}${pad(r.gflops.toFixed(2), 9)}${ratio}`);
}
const gpu = rows.find((r) => r.adapter);
if (gpu) console.log(`GPU adapter: ${gpu.adapter}`);
if (note) console.log(note);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ rows, note }, null, 2) + '\n');
console.log(`wrote ${out}`);
