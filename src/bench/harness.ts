/**
 * The benchmark harness, shared by `reglab bench` (Node, dawn.node) and any page view: builds a
 * workload, checks that the GPU and the fast CPU engine agree with the float32 CPU reference on its
 * first iterations (a wrong result is never timed), then times each implementation: a warm-up, then `repeats` timed
 * runs, reporting the median, min and max milliseconds per iteration and GFLOP/s.
 *
 * FLOPs per iteration count the three products only, 2 per multiply-add:
 *   forward 2m·Σ_l n_l(n_{l−1}+1) + weight gradients 2m·Σ_l n_l(n_{l−1}+1) + input gradients 2m·Σ_{l≥2} n_l·n_{l−1};
 * activations, dropout, cost and update are not counted (they are O(units·m), not O(units²·m)).
 */
import { generateDataset } from '../data/generators';
import { makeSpec, type NetworkSpec } from '../model/network';
import { validateSettings, type TrainSettings } from '../model/settings';
import { createTrainer, initialParams, specFor, type TrainerFactory } from '../train/factory';
import { DEFAULT_COMPARE_KEEP_PROB, DEFAULT_COMPARE_L2 } from '../train/requests';
import { tfjsTrainer, type TfjsBackend } from './tfjs-peer';
import type { LabelledSet, Trainer } from '../model/types';
import { acquireGpu, gpuPathFor, MATMUL_KERNELS, pathUnfit, type GpuPath, type ProductKernel } from '../gpu';
import { timeMatmuls } from './matmul';
import type { ModelsRow } from './models';

export type Regularization = 'none' | 'l2' | 'dropout' | 'l2+dropout';
export type Impl = 'reglab-gpu' | 'reglab-wasm' | 'reglab-cpu' | 'tfjs-webgpu' | 'tfjs-cpu' | 'tfjs-wasm';

export interface Workload {
  workload: 'lesson' | 'sweep' | 'matmul';
  hidden: number[];
  m: number;
  regularization: Regularization;
  /** Iterations per timed repeat. */
  iterations: number;
}

export interface BenchRow extends Omit<Workload, 'iterations'> {
  impl: Impl;
  /** matmul rows: the kernel timed (hidden is [rows, depth] and m is cols of the product). */
  kernel?: string;
  /** Iterations (training) or products (matmul) per timed repeat. */
  iterationsTimed: number;
  msPerIteration: { median: number; min: number; max: number };
  gflops: number;
  /** The GPU kernel path that ran (the rule: src/gpu/paths/rule.ts). */
  gpuPath?: GpuPath;
  /** On the layered path, the product kernel (src/gpu/products.ts). */
  products?: ProductKernel;
  /**
   * The batch the GPU was checked against the CPU reference on, when smaller than m: the same
   * network, kernel path and settings on a smaller moons set, because the CPU reference would need
   * longer than the check budget for the whole workload.
   */
  checkedAtM?: number;
  /** Why a row was not timed (too slow for the budget, or a failed check); then the numbers are NaN. */
  skipped?: string;
}

export interface BenchReport {
  adapter: string | null;
  flopsCounting: string;
  rows: BenchRow[];
  /** The sweep benchmark: models per second side by side, one at a time, on the CPU (src/bench/models.ts). */
  models?: ModelsRow[];
  /** Set in the file `reglab bench --out` rewrites after each row, until the run ends. */
  partial?: boolean;
}

// written with Unicode subscripts, not TeX: the page and the CLI show it as it is
export const FLOPS_COUNTING = 'products only: forward 2m·Σ nₗ(nₗ₋₁ + 1), weight gradients the same, input gradients 2m·Σ nₗ·nₗ₋₁ over the layers l ≥ 2 (m examples, nₗ units in layer l)';

export function flopsPerIteration(spec: NetworkSpec, m: number): number {
  const d = spec.dims;
  let f = 0;
  for (let l = 1; l < d.length; l++) {
    f += 4 * m * d[l] * (d[l - 1] + 1);
    if (l >= 2) f += 2 * m * d[l] * d[l - 1];
  }
  return f;
}

export function lessonWorkloads(iterations: number): Workload[] {
  return (['none', 'l2', 'dropout'] as const).map((regularization) => ({ workload: 'lesson', hidden: [20, 3], m: 211, regularization, iterations }));
}

/** Square products n × n × n for the matmul micro-benchmark (hidden = [rows, depth], m = cols). */
export function matmulWorkloads(sizes: number[]): Workload[] {
  return sizes.map((n) => ({ workload: 'matmul' as const, hidden: [n, n], m: n, regularization: 'none' as const, iterations: 1 }));
}

/**
 * Hidden [w, w] × m, L2 + dropout. Each timed repeat runs `iterations` iterations, or fewer for big
 * points — as many as fit in `flopBudget` FLOPs, at least 1 — so that the large points cost minutes,
 * not hours, while every row still gets its warm-up and all its repeats.
 */
export function sweepWorkloads(widths: number[], ms: number[], iterations: number, flopBudget = Infinity): Workload[] {
  return widths.flatMap((w) => ms.map((m) => {
    const flops = flopsPerIteration(makeSpec(2, [w, w], 'relu'), m);
    const its = Math.max(1, Math.min(iterations, Math.floor(flopBudget / flops)));
    return { workload: 'sweep' as const, hidden: [w, w], m, regularization: 'l2+dropout' as const, iterations: its };
  }));
}

function settingsFor(w: Workload, backend: 'cpu' | 'gpu' | 'wasm', gpuPath: TrainSettings['gpuPath'] = 'auto'): TrainSettings {
  // the lesson's λ and keep_prob, as compare uses them
  const l2 = w.regularization.includes('l2') ? DEFAULT_COMPARE_L2 : 0;
  const keepProb = w.regularization.includes('dropout') ? DEFAULT_COMPARE_KEEP_PROB : 1;
  return validateSettings({
    layers: w.hidden, activation: 'relu', init: 'he', initRng: 'philox', seed: 1, learningRate: 0.05, iterations: w.iterations,
    l2, keepProb, dropoutRng: 'philox', backend, precision: 'f32', logEvery: 1_000_000, gpuPath,
  });
}

function dataFor(w: Workload): LabelledSet {
  return generateDataset({ name: 'moons', size: w.m, noise: 0.2, seed: 1, testFraction: 0 }).train;
}

export interface BenchOptions {
  /** Kernel path for the GPU rows (default: the documented rule). */
  gpuPath?: TrainSettings['gpuPath'];
  repeats: number;
  /** Skip an implementation's row when one iteration is estimated to take longer than this (ms). */
  maxMsPerIteration: number;
  /**
   * Seconds the CPU reference may spend checking one GPU row (estimated at 0.2 GFLOP/s; default 60).
   * A workload whose check would take longer is checked on as many examples as fit, at least 256.
   */
  maxCheckSeconds?: number;
  gpu: boolean;
  /** The CPU reference's rows. */
  cpu: boolean;
  /** The fast CPU engine's rows (backend wasm). */
  wasm?: boolean;
  /** TensorFlow.js backends to time as the peer ('cpu' in Node and the page, 'webgpu' in the page). */
  tfjs?: TfjsBackend[];
  onRow?: (row: BenchRow) => void;
  /** Prints progress notes (stderr in the CLI). */
  note?: (msg: string) => void;
  /** Makes every reglab trainer the bench checks and times (default createTrainer; the page's puts the CPU engines in a worker). */
  makeTrainer?: TrainerFactory;
}

/** A timed repeat lasts about this long, so that its submit and read-back do not count (as in the matmul micro-benchmark). */
const REPEAT_MS = 100;

/**
 * Times `repeats` runs of at least `w.iterations` iterations each: after a warm-up, a first run
 * measures the speed, and each repeat gets as many iterations as fill about REPEAT_MS (at most 20×
 * the workload's) — 2 iterations of a big sweep point on a GPU would otherwise time one submit and
 * read-back per 2 iterations, which training (256 iterations per submit) does not pay. Where the
 * warm-up already ran the workload's iterations for over 10× REPEAT_MS, it is the measure (a big
 * point on SwiftShader takes minutes per iteration; the margin keeps first-run costs from shortening
 * the repeats of fast points). A warm-up or repeat longer than 5 s is reported
 * through `note` as it finishes.
 */
export async function timeTrainer(t: Trainer, w: Workload, repeats: number, note?: (msg: string) => void): Promise<{ per: number[]; iterations: number }> {
  const warm = Math.min(w.iterations, 20);
  let t0 = performance.now();
  await t.run(0, warm, 1_000_000); // warm-up: pipelines, JIT, caches
  let at = warm;
  let probe = (performance.now() - t0) / warm;
  if (probe * warm > 5000) note?.(`  warm-up: ${(probe * warm / 1000).toFixed(1)} s`);
  if (warm < w.iterations || probe * w.iterations < 10 * REPEAT_MS) {
    t0 = performance.now();
    await t.run(at, w.iterations, 1_000_000);
    at += w.iterations;
    probe = (performance.now() - t0) / w.iterations;
  }
  const iterations = Math.max(w.iterations, Math.min(20 * w.iterations, Math.round(REPEAT_MS / probe)));
  const per: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const costs = await t.run(at, iterations, 1_000_000);
    const ms = performance.now() - t0;
    per.push(ms / iterations);
    if (ms > 5000) note?.(`  repeat ${r + 1}/${repeats}: ${(ms / 1000).toFixed(1)} s`);
    // a timed run that went wrong (NaN, Infinity) is reported, never averaged
    const bad = costs.find((c) => !Number.isFinite(c.cost));
    if (bad) throw new Error(`${t.backend} cost ${bad.cost} at iteration ${bad.iteration} while timing`);
    at += iterations;
  }
  return { per, iterations };
}

function summarize(per: number[]): BenchRow['msPerIteration'] {
  const s = [...per].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

/**
 * tfjs computes the same costs as the float32 reference on the first iterations with dropout off
 * (its masks come from its own generator, so with dropout only the math, not the numbers, is shared).
 */
async function checkTfjs(w: Workload, train: LabelledSet, backend: TfjsBackend, make: TrainerFactory = createTrainer): Promise<string | null> {
  const n = Math.min(5, w.iterations);
  const s = { ...settingsFor(w, 'cpu'), keepProb: 1 };
  const spec = specFor(s, train.features);
  const peer = await tfjsTrainer(backend, spec, initialParams(s, spec), train, s);
  const c = await make(s, train);
  try {
    const tc = await peer.run(n);
    const cc = await c.run(0, n, 1);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(tc[i]) || Math.abs(tc[i] - cc[i].cost) > 1e-3 * Math.abs(cc[i].cost)) return `tfjs cost ${tc[i]} ≠ reglab ${cc[i].cost} at iteration ${i}`;
    }
    return null;
  } finally {
    peer.dispose();
    c.dispose();
  }
}

async function timeTfjs(w: Workload, train: LabelledSet, backend: TfjsBackend, repeats: number): Promise<number[]> {
  const s = settingsFor(w, 'cpu');
  const spec = specFor(s, train.features);
  const peer = await tfjsTrainer(backend, spec, initialParams(s, spec), train, s);
  try {
    await peer.run(Math.min(w.iterations, 20));
    const per: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      await peer.run(w.iterations);
      per.push((performance.now() - t0) / w.iterations);
    }
    return per;
  } finally {
    peer.dispose();
  }
}

/**
 * Speeds ASSUMED (never reported) to decide, before timing, which rows would run for hours and are
 * skipped, and how many iterations the CPU can check in its budget. Deliberately low, from the
 * measurements in docs/performance.md: the CPU reference 0.1–0.7 GFLOP/s here; training on a
 * CPU-backed adapter (SwiftShader) 0.3–1.4 and on an H200 17 ([64, 64] × 4096) to thousands; a
 * plain product 2.6–3.0 on SwiftShader and 31 TFLOP/s on the H200; the fast CPU engine 1–18 on this
 * 2-core machine; TensorFlow.js's CPU backend about half the CPU reference's rate.
 */
const ASSUMED_FLOPS_PER_S = {
  cpuReference: 2e8,
  wasmEngine: 1e9,
  softwareTraining: 1e9,
  gpuTraining: 5e10,
  softwareProduct: 2e9,
  gpuProduct: 2e13,
  tfjsCpu: 3e8,
  tfjsWebgpu: 5e9,
} as const;

/**
 * Iterations the check compares: five, or two where an iteration is over a GFLOP — never fewer than
 * two, even for a workload timed one iteration per repeat: the second cost is what covers the
 * backward pass and the update.
 */
const checkIterations = (w: Workload, flops: number) => Math.max(2, Math.min(flops > 1e9 ? 2 : 5, w.iterations));

/** The batch a GPU row is checked on: the whole workload when the CPU can check it within `seconds`, else fewer examples (≥ 256). */
export function checkBatch(w: Workload, flops: number, seconds: number): number {
  const cpuSeconds = checkIterations(w, flops) * flops / ASSUMED_FLOPS_PER_S.cpuReference;
  if (cpuSeconds <= seconds) return w.m;
  return Math.min(w.m, Math.max(256, Math.floor(w.m * seconds / cpuSeconds)));
}

/**
 * The GPU's (or the fast CPU engine's) costs agree with the float32 CPU reference's on the first
 * iterations (1e-3 relative): five, or two where an iteration is over a GFLOP — the CPU reference's
 * minutes, not the checked backend's, are what a big point's check costs, and two costs already
 * cover the forward pass, the backward pass and the update (the second cost is computed with the
 * updated weights).
 */
async function check(
  w: Workload, train: LabelledSet, flops: number, gpuPath: TrainSettings['gpuPath'] = 'auto', backend: 'gpu' | 'wasm' = 'gpu',
  make: TrainerFactory = createTrainer,
): Promise<string | null> {
  const n = checkIterations(w, flops);
  const g = await make(settingsFor(w, backend, gpuPath), train);
  const c = await make(settingsFor(w, 'cpu'), train);
  try {
    const gc = await g.run(0, n, 1);
    const cc = await c.run(0, n, 1);
    for (let i = 0; i < n; i++) {
      const a = gc[i].cost, b = cc[i].cost;
      if (!Number.isFinite(a) || Math.abs(a - b) > 1e-3 * Math.abs(b)) return `${backend === 'gpu' ? 'GPU' : 'fast CPU engine'} cost ${a} ≠ CPU ${b} at iteration ${i}`;
    }
    return null;
  } finally {
    g.dispose();
    c.dispose();
  }
}

async function matmulRows(w: Workload, o: BenchOptions): Promise<BenchRow[]> {
  const gpu = await acquireGpu();
  const shape = { rows: w.hidden[0], depth: w.hidden[1], cols: w.m };
  const flops = 2 * shape.rows * shape.depth * shape.cols;
  const row = (kernel: string): BenchRow => ({
    workload: 'matmul', hidden: w.hidden, m: w.m, regularization: 'none', impl: 'reglab-gpu', kernel, iterationsTimed: 0,
    msPerIteration: { median: NaN, min: NaN, max: NaN }, gflops: NaN,
  });
  // Sizes this adapter cannot hold, or that would take longer than --max-ms per product, are
  // listed as skipped rather than run: 4096³ takes about a minute a product on SwiftShader.
  const bytes = 4 * Math.max(shape.rows * shape.depth, shape.depth * shape.cols, shape.rows * shape.cols);
  const limit = Math.min(gpu.device.limits.maxStorageBufferBindingSize, gpu.device.limits.maxBufferSize);
  const estimate = flops / (gpu.isSoftware ? ASSUMED_FLOPS_PER_S.softwareProduct : ASSUMED_FLOPS_PER_S.gpuProduct) * 1000;
  const skipped = bytes > limit ? `not run: a ${shape.rows}×${shape.depth} matrix needs ${(bytes / 2 ** 20).toFixed(0)} MiB, over this adapter's ${(limit / 2 ** 20).toFixed(0)} MiB per buffer`
    : estimate > o.maxMsPerIteration ? `not timed: about ${Math.round(estimate)} ms per product estimated (over --max-ms)` : null;
  if (skipped) {
    return MATMUL_KERNELS.map((kernel) => {
      const r = { ...row(kernel), skipped };
      o.onRow?.(r);
      return r;
    });
  }
  return (await timeMatmuls(gpu, [shape], o.repeats, o.note)).map((t) => {
    const r: BenchRow = { ...row(t.kernel), iterationsTimed: t.times, msPerIteration: t.wrong ? row(t.kernel).msPerIteration : summarize(t.perProduct) };
    if (t.wrong) r.skipped = `not timed: ${t.wrong}`;
    else r.gflops = flops / (r.msPerIteration.median * 1e6);
    o.onRow?.(r);
    return r;
  });
}

export async function runBench(workloads: Workload[], o: BenchOptions): Promise<BenchReport> {
  const rows: BenchRow[] = [];
  const gpuContext = o.gpu ? await acquireGpu().catch(() => null) : null;
  let adapter: string | null = gpuContext?.adapterName ?? null;
  const softwareAdapter = gpuContext?.isSoftware ?? false;
  for (const w of workloads) {
    if (w.workload === 'matmul') {
      if (o.gpu) rows.push(...await matmulRows(w, o));
      continue;
    }
    const train = dataFor(w);
    const spec = specFor(settingsFor(w, 'cpu'), train.features);
    const flops = flopsPerIteration(spec, w.m);
    const base = { workload: w.workload, hidden: w.hidden, m: w.m, regularization: w.regularization };
    const unfit = o.gpuPath && o.gpuPath !== 'auto' ? pathUnfit(o.gpuPath, spec) : null;
    // A rough estimate keeps hopeless rows (the CPU at 1024 × 65 536) from running for hours.
    const rate = (backend: 'gpu' | 'cpu' | 'wasm') => backend === 'cpu' ? ASSUMED_FLOPS_PER_S.cpuReference
      : backend === 'wasm' ? ASSUMED_FLOPS_PER_S.wasmEngine
        : softwareAdapter ? ASSUMED_FLOPS_PER_S.softwareTraining : ASSUMED_FLOPS_PER_S.gpuTraining;
    const estimateMs = (backend: 'gpu' | 'cpu' | 'wasm') => flops / rate(backend) * 1000;
    // The GPU is checked against the CPU whenever its row will be timed, and only then; where the
    // CPU reference would take too long, on a smaller batch with the kernel path of the whole workload.
    const gpuTimed = o.gpu && !unfit && estimateMs('gpu') <= o.maxMsPerIteration;
    const mCheck = checkBatch(w, flops, o.maxCheckSeconds ?? 60);
    const mismatch = { gpu: null as string | null, wasm: null as string | null };
    for (const backend of ['gpu', 'wasm'] as const) {
      const timed = backend === 'gpu' ? gpuTimed : o.wasm && estimateMs('wasm') <= o.maxMsPerIteration;
      if (!timed) continue;
      o.note?.(`${w.workload} [${w.hidden}] m=${w.m} ${w.regularization}: checking the ${backend === 'gpu' ? 'GPU' : 'fast CPU engine'} against the CPU reference${mCheck < w.m ? ` on ${mCheck} examples` : ''}…`);
      if (mCheck === w.m) mismatch[backend] = await check(w, train, flops, o.gpuPath, backend, o.makeTrainer);
      else {
        const path = gpuPathFor(o.gpuPath ?? 'auto', spec, w.m, softwareAdapter);
        const small = { ...w, m: mCheck };
        mismatch[backend] = await check(small, dataFor(small), flopsPerIteration(spec, mCheck), path, backend, o.makeTrainer);
      }
    }
    for (const impl of [o.gpu && 'reglab-gpu', o.wasm && 'reglab-wasm', o.cpu && 'reglab-cpu'].filter(Boolean) as Impl[]) {
      const backend = impl === 'reglab-gpu' ? 'gpu' : impl === 'reglab-wasm' ? 'wasm' : 'cpu';
      const row: BenchRow = { ...base, impl, iterationsTimed: w.iterations, msPerIteration: { median: NaN, min: NaN, max: NaN }, gflops: NaN };
      const estimate = estimateMs(backend);
      const wrong = backend === 'cpu' ? null : mismatch[backend];
      if (backend === 'gpu' && unfit) row.skipped = `not run: ${unfit}`;
      else if (wrong) row.skipped = `not timed: ${wrong}`;
      else if (estimate > o.maxMsPerIteration) row.skipped = `not timed: about ${Math.round(estimate)} ms per iteration estimated`;
      if (!row.skipped) {
        o.note?.(`${w.workload} [${w.hidden}] m=${w.m} ${w.regularization} ${impl}…`);
        const t = await (o.makeTrainer ?? createTrainer)(settingsFor(w, backend, o.gpuPath), train);
        if (t.adapter) adapter = t.adapter;
        const ran = t.describe();
        if (ran.gpuPath) {
          row.gpuPath = ran.gpuPath;
          if (ran.products) row.products = ran.products;
          if (mCheck < w.m) row.checkedAtM = mCheck;
        }
        try {
          const { per, iterations } = await timeTrainer(t, w, o.repeats, o.note);
          row.msPerIteration = summarize(per);
          row.iterationsTimed = iterations;
          row.gflops = flops / (row.msPerIteration.median * 1e6);
        } catch (e) {
          row.skipped = `not timed: ${(e as Error).message}`;
        } finally {
          t.dispose();
        }
      }
      rows.push(row);
      o.onRow?.(row);
    }
    for (const tb of o.tfjs ?? []) {
      const impl: Impl = tb === 'cpu' ? 'tfjs-cpu' : 'tfjs-webgpu';
      const row: BenchRow = { ...base, impl, iterationsTimed: w.iterations, msPerIteration: { median: NaN, min: NaN, max: NaN }, gflops: NaN };
      const estimate = flops / (tb === 'cpu' ? ASSUMED_FLOPS_PER_S.tfjsCpu : ASSUMED_FLOPS_PER_S.tfjsWebgpu) * 1000;
      if (estimate > o.maxMsPerIteration) row.skipped = `not timed: about ${Math.round(estimate)} ms per iteration estimated`;
      else {
        const wrong = await checkTfjs(w, train, tb, o.makeTrainer);
        if (wrong) row.skipped = `not timed: ${wrong}`;
      }
      if (!row.skipped) {
        o.note?.(`${w.workload} [${w.hidden}] m=${w.m} ${w.regularization} ${impl}…`);
        row.msPerIteration = summarize(await timeTfjs(w, train, tb, o.repeats));
        row.gflops = flops / (row.msPerIteration.median * 1e6);
      }
      rows.push(row);
      o.onRow?.(row);
    }
  }
  return { adapter, flopsCounting: FLOPS_COUNTING, rows };
}
