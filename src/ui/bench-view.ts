/**
 * The page's Benchmark view: the benchmark run (the CLI's harness, its CPU engines in workers) with
 * its table filling row by row, then ms per iteration against problem size (FLOPs per iteration),
 * log-log, one line per implementation.
 */
import { flopsPerIteration, lessonWorkloads, runBench, sweepWorkloads, type BenchReport } from '../bench/harness';
import { makeSpec } from '../model/network';
import { benchGflops, benchImpl, benchTime } from '../present/format';
import { PALETTE, blankCanvas } from './chart';
import { $ } from './dom';
import { createPageTrainer, type RunController } from './run-controller';

/** tiny: a few seconds; quick: the lesson and 256/1024-unit sweeps (minutes without a GPU). */
export async function benchmark(run: RunController, size: 'tiny' | 'quick', adapter: string | null): Promise<BenchReport> {
  const workloads = size === 'tiny'
    ? sweepWorkloads([3], [16, 64], 3)
    : [...lessonWorkloads(100), ...sweepWorkloads([20, 64], [256, 1024], 5)];
  const body = $<HTMLTableElement>('bench-table').tBodies[0];
  body.replaceChildren();
  const report = await run.exclusive(() => runBench(workloads, {
    repeats: size === 'tiny' ? 2 : 5, gpu: adapter !== null, cpu: true, wasm: true, maxMsPerIteration: 2000,
    // the CPU engines train in a worker, as every CPU run of the page does
    makeTrainer: createPageTrainer,
    tfjs: adapter !== null ? ['webgpu', 'cpu'] : ['cpu'],
    note: (msg) => { $('stats').textContent = `benchmark: ${msg}`; },
    onRow: (row) => {
      const tr = body.insertRow();
      for (const t of [row.workload, row.hidden.join(','), String(row.m), row.regularization, benchImpl(row, false),
        benchTime(row, false), benchGflops(row, true)]) tr.insertCell().textContent = t;
    },
  }));
  drawBenchChart($('bench-chart'), report);
  $('stats').textContent = `benchmark on ${report.adapter ?? 'the CPU only (no WebGPU)'}; FLOPs: ${report.flopsCounting}`;
  return report;
}

/** Okabe–Ito colours, one per implementation; the legend sits right of the plot, off the data. */
const COLORS: Record<string, string> = { 'reglab-gpu': PALETTE.blue, 'reglab-wasm': PALETTE.green, 'reglab-cpu': PALETTE.vermillion, 'tfjs-webgpu': PALETTE.sky, 'tfjs-cpu': PALETTE.purple, 'tfjs-wasm': PALETTE.orange };
const M = { left: 56, right: 96, top: 12, bottom: 34 };

export function drawBenchChart(canvas: HTMLCanvasElement, r: BenchReport): void {
  const { ctx, W, H } = blankCanvas(canvas);
  // training rows only: a matmul micro-benchmark row is one product, not an iteration
  const pts = r.rows.filter((row) => row.workload !== 'matmul' && Number.isFinite(row.msPerIteration.median)).map((row) => ({
    impl: row.impl, x: Math.log10(flopsPerIteration(makeSpec(2, row.hidden, 'relu'), row.m)), y: Math.log10(row.msPerIteration.median),
  }));
  if (pts.length === 0) return;
  const x0 = Math.floor(Math.min(...pts.map((p) => p.x))), x1 = Math.ceil(Math.max(...pts.map((p) => p.x)));
  const y0 = Math.floor(Math.min(...pts.map((p) => p.y))), y1 = Math.ceil(Math.max(...pts.map((p) => p.y)));
  const pw = W - M.left - M.right, ph = H - M.top - M.bottom;
  const sx = (x: number) => M.left + ((x - x0) / (x1 - x0 || 1)) * pw;
  const sy = (y: number) => M.top + (1 - (y - y0) / (y1 - y0 || 1)) * ph;
  ctx.strokeStyle = '#ddd';
  ctx.fillStyle = '#333';
  ctx.font = '10px sans-serif';
  for (let x = x0; x <= x1; x++) {
    ctx.beginPath(); ctx.moveTo(sx(x), M.top); ctx.lineTo(sx(x), M.top + ph); ctx.stroke();
    ctx.textAlign = 'center';
    ctx.fillText(`1e${x}`, sx(x), H - M.bottom + 12);
  }
  for (let y = y0; y <= y1; y++) {
    ctx.beginPath(); ctx.moveTo(M.left, sy(y)); ctx.lineTo(M.left + pw, sy(y)); ctx.stroke();
    ctx.textAlign = 'right';
    ctx.fillText(`1e${y} ms`, M.left - 4, sy(y) + 3);
  }
  ctx.textAlign = 'center';
  ctx.fillText('FLOPs per iteration', M.left + pw / 2, H - 4);
  ctx.strokeStyle = '#555';
  ctx.strokeRect(M.left, M.top, pw, ph);
  const impls = [...new Set(pts.map((p) => p.impl))];
  impls.forEach((impl, k) => {
    const line = pts.filter((p) => p.impl === impl).sort((a, b) => a.x - b.x);
    ctx.strokeStyle = ctx.fillStyle = COLORS[impl] ?? '#333';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    line.forEach((p, i) => (i === 0 ? ctx.moveTo(sx(p.x), sy(p.y)) : ctx.lineTo(sx(p.x), sy(p.y))));
    ctx.stroke();
    for (const p of line) {
      ctx.beginPath(); ctx.arc(sx(p.x), sy(p.y), 3, 0, 2 * Math.PI); ctx.fill();
    }
    ctx.textAlign = 'left';
    ctx.fillRect(W - M.right + 8, M.top + 6 + 14 * k, 10, 3);
    ctx.fillText(impl, W - M.right + 22, M.top + 10 + 14 * k);
  });
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Milliseconds per iteration against FLOPs per iteration (log-log): ` + impls.map((impl) => {
    const ys = pts.filter((p) => p.impl === impl).map((p) => 10 ** p.y);
    return `${impl} from ${Math.min(...ys).toPrecision(2)} to ${Math.max(...ys).toPrecision(2)} ms`;
  }).join('; ') + '.');
}
