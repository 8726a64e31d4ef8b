/** `reglab bench`: the harness of src/bench on this machine, as a table (stdout) and JSON. */
import { checkWritable, writeOutput } from './output-file';
import { FLOPS_COUNTING, flopsPerIteration, lessonWorkloads, matmulWorkloads, runBench, sweepWorkloads, type BenchReport, type BenchRow } from '../bench/harness';
import { table } from './output';
import { benchGflops, benchImpl, benchTime, measured } from '../present/format';
import type { TrainSettings } from '../model/settings';
import { makeSpec } from '../model/network';
import { UsageError } from './options';
import { benchModels, checkModelsGrid, MODELS_GRID, modelsCases, type ModelsRow } from '../bench/models';

export interface BenchFlags {
  quick?: boolean;
  json?: boolean;
  out?: string;
  repeats?: number;
  gpu?: boolean;
  cpu?: boolean;
  wasm?: boolean;
  maxMs?: number;
  gpuPath?: TrainSettings['gpuPath'];
  tfjs?: boolean;
  workloads?: string[];
  models?: number;
  modelIterations?: number;
  modelL2?: number[];
  modelKeepProb?: number[];
  widths?: number[];
  sizes?: number[];
  matmulSizes?: number[];
  maxCheckS?: number;
}


export function formatBench(r: BenchReport): string {
  const same = (impl: string, row: BenchRow) => r.rows.find((c) => c.impl === impl && c.workload === row.workload
    && c.m === row.m && c.regularization === row.regularization && String(c.hidden) === String(row.hidden));
  const body = r.rows.map((row) => {
    // reglab GPU: fast CPU engine ÷ GPU (the CPU reference ÷ GPU where the engine did not run);
    // fast CPU engine: CPU reference ÷ engine; tfjs: tfjs ÷ reglab on the same kind of device (tfjs-cpu vs reglab-cpu)
    const timed = (c: BenchRow | undefined) => (c && Number.isFinite(c.msPerIteration.median) ? c : undefined);
    const ref = row.impl === 'reglab-gpu' ? timed(same('reglab-wasm', row)) ?? same('reglab-cpu', row)
      : row.impl === 'reglab-wasm' ? same('reglab-cpu', row)
        : row.impl === 'tfjs-cpu' ? same('reglab-cpu', row) : row.impl === 'tfjs-webgpu' ? same('reglab-gpu', row) : undefined;
    const ratio = !ref ? NaN : row.impl === 'reglab-gpu' || row.impl === 'reglab-wasm'
      ? ref.msPerIteration.median / row.msPerIteration.median
      : row.msPerIteration.median / ref.msPerIteration.median;
    return [
      row.workload, row.hidden.join(','), String(row.m), row.regularization, benchImpl(row) + (row.checkedAtM ? ' *' : ''),
      benchTime(row), benchGflops(row), Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '',
    ];
  });
  return `adapter: ${r.adapter ?? 'none'}\nFLOPs: ${r.flopsCounting}; matmul rows: one product C = A·B, hidden = rows,depth and m = cols, 2·rows·depth·cols FLOPs\n\n` + table(
    ['workload', 'hidden', 'm', 'regularization', 'impl', 'ms/iteration median (min–max)', 'GFLOP/s', 'speed-up'], body,
  ) + checkNote(r) + matmulSummary(r) + modelsTable(r);
}

/** The sweep benchmark: models per second, and side by side's speed-up over one at a time and over the CPU engines. */
function modelsTable(r: BenchReport): string {
  if (!r.models?.length) return '';
  const rate = (row: ModelsRow | undefined) => row && !row.skipped ? row.modelsPerSecond : NaN;
  const rows = r.models.map((row) => {
    const same = (impl: ModelsRow['impl']) => r.models!.find((o) => o.impl === impl && String(o.hidden) === String(row.hidden) && o.m === row.m && o.models === row.models);
    const times = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '');
    const side = row.impl === 'reglab-gpu side by side';
    return [
      row.hidden.join(','), String(row.m), String(row.models), String(row.iterations),
      row.impl + (row.gpuPath ? ` (${row.gpuPath}${row.modelsPerDispatch && row.modelsPerDispatch > 1 ? `, ${row.modelsPerDispatch} per dispatch` : ''})` : ''),
      row.skipped ?? measured(row.seconds, 2), row.skipped ? '' : measured(row.modelsPerSecond, 2),
      side ? times(rate(row) / rate(same('reglab-gpu one at a time'))) : '',
      side ? times(rate(row) / rate(same('reglab-wasm'))) : '', side ? times(rate(row) / rate(same('reglab-cpu'))) : '',
    ];
  });
  const { l2s, keepProbs } = r.models[0];
  return `\n\nsweep: many models of one network on the same data (λ ${l2s.join(', ')} × keep_prob ${keepProbs.join(', ')}, over seeds), each its own run\n`
    + table(['hidden', 'm', 'models', 'iterations', 'impl', 'seconds', 'models/s', 'vs one at a time', 'vs fast CPU', 'vs CPU reference'], rows);
}

/** Rows whose check ran on a smaller batch than the workload (marked * in the table). */
function checkNote(r: BenchReport): string {
  const small = r.rows.filter((row) => row.checkedAtM);
  if (!small.length) return '';
  return `\n\n* checked against the CPU reference on ${[...new Set(small.map((row) => row.checkedAtM))].join(' / ')} examples with the same network, kernel path and settings`
    + ' (the whole batch would take the CPU reference longer than --max-check-s)';
}

/** The best plain-matmul GFLOP/s of our kernels, and the largest timed sweep point's share of it. */
function matmulSummary(r: BenchReport): string {
  const timed = (row: BenchRow) => Number.isFinite(row.gflops) && row.impl === 'reglab-gpu';
  const best = r.rows.filter((row) => row.workload === 'matmul' && timed(row)).sort((a, b) => b.gflops - a.gflops)[0];
  if (!best) return '';
  let out = `\n\nmatmul micro-benchmark: best ${best.gflops.toFixed(2)} GFLOP/s (${best.kernel}, ${best.hidden.join('×')}×${best.m})`;
  const sweep = r.rows.filter((row) => row.workload === 'sweep' && timed(row))
    .sort((a, b) => flopsPerIteration(makeSpec(2, b.hidden, 'relu'), b.m) - flopsPerIteration(makeSpec(2, a.hidden, 'relu'), a.m))[0];
  if (sweep) {
    out += `; the largest timed sweep point, [${sweep.hidden.join(',')}] × ${sweep.m} (${sweep.gpuPath}), trains at ${sweep.gflops.toFixed(2)} GFLOP/s = ${(100 * sweep.gflops / best.gflops).toFixed(0)} % of it`;
  }
  return out;
}

export async function benchCommand(flags: BenchFlags): Promise<void> {
  const repeats = flags.repeats ?? 5;
  if (flags.maxCheckS !== undefined && !(flags.maxCheckS > 0)) throw new UsageError(`--max-check-s: must be a number > 0, got ${flags.maxCheckS}`);
  if (!Number.isInteger(repeats) || repeats < 1) throw new UsageError(`--repeats: must be an integer >= 1, got ${flags.repeats}`);
  const KINDS = ['lesson', 'sweep', 'matmul', 'models'];
  const kinds = flags.workloads ?? KINDS;
  const bad = kinds.find((k) => !KINDS.includes(k));
  if (bad !== undefined || kinds.length === 0) throw new UsageError(`--workloads: expected a comma-separated subset of ${KINDS.join(',')}, got ${JSON.stringify(kinds.join(','))}`);
  const grid = { l2s: flags.modelL2 ?? MODELS_GRID.l2s, keepProbs: flags.modelKeepProb ?? MODELS_GRID.keepProbs };
  checkModelsGrid(grid);
  const gridSize = grid.l2s.length * grid.keepProbs.length;
  // by default at least 16 models: the grid repeated over seeds
  const modelCount = flags.models ?? gridSize * Math.ceil(16 / gridSize);
  if (flags.modelIterations !== undefined && !(Number.isInteger(flags.modelIterations) && flags.modelIterations >= 1)) throw new UsageError(`--model-iterations: must be an integer >= 1, got ${flags.modelIterations}`);
  if (!Number.isInteger(modelCount) || modelCount < 1 || modelCount % gridSize !== 0) {
    throw new UsageError(`--models: must be a multiple of ${gridSize} (the λ × keep_prob grid, ${grid.l2s.length} × ${grid.keepProbs.length}), got ${flags.models}`);
  }
  const q = flags.quick;
  const widths = flags.widths ?? (q ? [20, 64] : [20, 64, 256, 1024]);
  const sizes = flags.sizes ?? (q ? [256] : [256, 4096, 65_536]);
  const matmulSizes = flags.matmulSizes ?? (q ? [256] : [256, 512, 1024]);
  const workloads = [
    ...lessonWorkloads(q ? 300 : 2000),
    ...(q ? sweepWorkloads(widths, sizes, 20) : sweepWorkloads(widths, sizes, 10, 4e9)),
    ...matmulWorkloads(matmulSizes),
  ].filter((w) => kinds.includes(w.workload));
  const save = (r: BenchReport) => {
    if (!flags.out) return;
    writeOutput(flags.out, JSON.stringify(r, null, 2) + '\n');
  };
  if (flags.out) checkWritable(flags.out); // fail before measuring anything
  const done: BenchRow[] = [];
  const report = await runBench(workloads, {
    repeats, gpuPath: flags.gpuPath, tfjs: flags.tfjs === false ? [] : ['cpu'], gpu: flags.gpu !== false, cpu: flags.cpu !== false, wasm: flags.wasm !== false, maxMsPerIteration: flags.maxMs ?? (flags.quick ? 200 : 5000), maxCheckSeconds: flags.maxCheckS,
    note: (msg) => process.stderr.write(`reglab bench: ${msg}\n`),
    // a long run keeps what it has measured: --out is rewritten after every row
    onRow: (row) => {
      done.push(row);
      process.stderr.write(`reglab bench: ${row.workload} [${row.hidden}] m=${row.m} ${row.regularization} ${row.impl}${row.kernel ? ` ${row.kernel}` : ''}: ${
        row.skipped ?? `${measured(row.msPerIteration.median)} ms${row.workload === 'matmul' ? ' per product' : '/iteration'}${Number.isFinite(row.gflops) ? `, ${benchGflops(row)} GFLOP/s` : ''}`}\n`);
      save({ adapter: null, flopsCounting: FLOPS_COUNTING, rows: done, partial: true });
    },
  });
  if (kinds.includes('models')) {
    const models: ModelsRow[] = [];
    report.models = models;
    await benchModels(modelsCases(modelCount, flags.modelIterations ?? (flags.quick ? 300 : 2000), !!flags.quick, grid), {
      gpu: flags.gpu !== false, cpu: flags.cpu !== false, wasm: flags.wasm !== false, maxSeconds: flags.quick ? 60 : 600,
      note: (msg) => process.stderr.write(`reglab bench: ${msg}\n`),
      onRow: (row) => {
        models.push(row);
        process.stderr.write(`reglab bench: models [${row.hidden}] m=${row.m} ${row.impl}: ${row.skipped ?? `${row.models} models in ${row.seconds.toFixed(2)} s, ${row.modelsPerSecond.toFixed(2)} models/s`}\n`);
        save({ ...report, partial: true });
      },
    });
  }
  save(report);
  process.stdout.write(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatBench(report) + '\n');
}
