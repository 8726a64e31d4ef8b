/** Smoke test of the benchmark harness at tiny sizes: the report's shape, never its speed. */
import { afterAll, expect, it } from 'vitest';
import { checkBatch, flopsPerIteration, runBench, sweepWorkloads, timeTrainer } from '../src/bench/harness';
import type { Trainer } from '../src/model/types';
import { releaseGpu } from '../src/gpu/device';
import { makeSpec } from '../src/model/network';
import { benchModels, MODELS_GRID } from '../src/bench/models';

afterAll(async () => {
  await releaseGpu();
});

it('counts FLOPs of the three products', () => {
  // [2, 3, 1], m = 10: forward+weight-grad 4·10·(3·3 + 1·4) = 520, input grad 2·10·(1·3) = 60
  expect(flopsPerIteration(makeSpec(2, [3], 'relu'), 10)).toBe(580);
});

it('produces one row per implementation and workload, with median ≤ max and finite GFLOP/s', async () => {
  const r = await runBench(sweepWorkloads([3], [16], 3), { repeats: 2, gpu: true, wasm: true, cpu: true, maxMsPerIteration: 1e9 });
  expect(r.adapter).toMatch(/\S/);
  expect(r.flopsCounting).toMatch(/forward/);
  expect(r.rows.map((x) => x.impl)).toEqual(['reglab-gpu', 'reglab-wasm', 'reglab-cpu']);
  for (const row of r.rows) {
    expect(row).toMatchObject({ workload: 'sweep', hidden: [3, 3], m: 16, regularization: 'l2+dropout' });
    expect(row.skipped).toBeUndefined();
    const t = row.msPerIteration;
    expect(t.min).toBeGreaterThan(0);
    expect(t.min).toBeLessThanOrEqual(t.median);
    expect(t.median).toBeLessThanOrEqual(t.max);
    expect(Number.isFinite(row.gflops)).toBe(true);
  }
  expect(r.rows[0].gpuPath).toBe('unrolled');
});

it('reports a forced GPU path that cannot run a network as a skipped row, not a crash', async () => {
  const r = await runBench(sweepWorkloads([40], [16], 2), { repeats: 1, gpu: true, cpu: false, gpuPath: 'unrolled', maxMsPerIteration: 1e9 });
  expect(r.rows).toHaveLength(1);
  expect(r.rows[0].skipped).toMatch(/not run: the unrolled kernel cannot run this network: \d+ parameters > 512/);
});

it('skips, with the reason, rows estimated beyond the budget', async () => {
  const r = await runBench(sweepWorkloads([3], [16], 3), { repeats: 1, gpu: false, cpu: true, maxMsPerIteration: 0 });
  expect(r.rows).toHaveLength(1);
  expect(r.rows[0].skipped).toMatch(/not timed: about \d+ ms per iteration estimated/);
  expect(r.rows[0].msPerIteration.median).toBeNaN();
});

it('checks a big workload on fewer examples (≥ 256) when the CPU check would exceed its budget, and marks the row', async () => {
  const [w] = sweepWorkloads([1024], [65_536], 10, 4e9);
  expect(w.iterations).toBe(1); // over the FLOP budget: one iteration per timed repeat…
  const f = flopsPerIteration(makeSpec(2, [1024, 1024], 'relu'), w.m);
  expect(checkBatch(w, f, 1)).toBe(256); // never below 256
  expect(checkBatch(w, f, 60)).toBe(Math.floor(65_536 * 60 / (2 * f / 2e8))); // …but a check of two iterations at the assumed 0.2 GFLOP/s
  const [small] = sweepWorkloads([3], [4000], 3);
  const fs = flopsPerIteration(makeSpec(2, [3, 3], 'relu'), small.m);
  expect(checkBatch(small, fs, 60)).toBe(4000); // cheap enough: the whole batch
  const budget = 3 * fs / 2e8 / 4; // a quarter of what the whole check (3 iterations) needs at the assumed 0.2 GFLOP/s
  expect(checkBatch(small, fs, budget)).toBe(1000);
  const r = await runBench([small], { repeats: 1, gpu: true, cpu: false, maxMsPerIteration: 1e9, maxCheckSeconds: budget });
  expect(r.rows[0].skipped).toBeUndefined();
  expect(r.rows[0].checkedAtM).toBe(1000);
  expect(Number.isFinite(r.rows[0].gflops)).toBe(true);
});

/** A trainer that only takes `ms` per iteration, recording each run(start, count). */
function sleeper(ms: number) {
  const runs: [number, number][] = [];
  const t = {
    backend: 'cpu',
    async run(start: number, count: number) {
      runs.push([start, count]);
      await new Promise((r) => setTimeout(r, ms * count));
      return Array.from({ length: count }, (_, i) => ({ iteration: start + i, cost: 0.5 }));
    },
  } as unknown as Trainer;
  return { t, runs };
}

it('times a repeat of about 100 ms after a warm-up and a probe, and trusts a warm-up of over a second instead of a probe', async () => {
  const w = sweepWorkloads([3], [16], 2)[0];
  const fast = sleeper(1);
  const f = await timeTrainer(fast.t, w, 2);
  // warm-up, probe, then repeats of as many iterations as fill ~100 ms (at most 20× the workload's 2)
  expect(fast.runs.slice(0, 2)).toEqual([[0, 2], [2, 2]]);
  expect(fast.runs).toHaveLength(4);
  expect(f.iterations).toBeGreaterThanOrEqual(2);
  expect(f.iterations).toBeLessThanOrEqual(40);
  expect(fast.runs[2]).toEqual([4, f.iterations]);
  expect(f.per).toHaveLength(2);
  const slow = sleeper(1050);
  const s = await timeTrainer(slow.t, { ...w, iterations: 1 }, 2);
  // the warm-up's one iteration took over 10 × 100 ms: no probe, repeats of one iteration each
  expect(slow.runs).toEqual([[0, 1], [1, 1], [2, 1]]);
  expect(s.iterations).toBe(1);
  expect(s.per.every((ms) => ms >= 1000)).toBe(true);
});

it('the sweep benchmark: a row per implementation with models per second; side by side on the fused kernel where auto picks layered, skipped where no single-dispatch kernel fits', async () => {
  const cases = [
    { hidden: [3], m: 24, models: 16, iterations: 4, ...MODELS_GRID },
    { hidden: [40, 30], m: 8, models: 16, iterations: 1, ...MODELS_GRID },
    { hidden: [300], m: 8, models: 16, iterations: 1, ...MODELS_GRID },
  ];
  const rows = await benchModels(cases, { gpu: true, wasm: true, cpu: true, maxSeconds: 600 });
  const impls = ['reglab-gpu side by side', 'reglab-gpu one at a time', 'reglab-wasm', 'reglab-cpu'];
  expect(rows.map((r) => [r.hidden, r.impl])).toEqual(cases.flatMap((c) => impls.map((impl) => [c.hidden, impl])));
  expect(rows[0]).toMatchObject({ gpuPath: 'unrolled', modelsPerDispatch: 16 });
  expect(rows[1]).toMatchObject({ gpuPath: 'unrolled', modelsPerDispatch: 1 });
  // [40, 30]: 71 units, the fused kernel's wide compile side by side; one at a time where auto puts it
  expect(rows[4]).toMatchObject({ gpuPath: 'fused', modelsPerDispatch: 16 });
  expect(rows[5]).toMatchObject({ gpuPath: 'layered', modelsPerDispatch: 1 });
  // [300]: 301 units, over the wide compile's 256
  expect(rows[8].skipped).toMatch(/trains on the layered path, one model at a time \(side by side: the unrolled and fused paths, up to 256 units\)/);
  expect(rows[9]).toMatchObject({ gpuPath: 'layered' });
  for (const r of rows.filter((x) => !x.skipped)) {
    expect(r.seconds).toBeGreaterThan(0);
    expect(r.modelsPerSecond).toBeCloseTo(16 / r.seconds, 10);
  }
  await expect(benchModels([{ hidden: [3], m: 8, models: 10, iterations: 1, ...MODELS_GRID }], { gpu: false, cpu: true, maxSeconds: 1 })).rejects.toThrow(/multiple of 16/);
  // another grid: 2 λ × 1 keep_prob over 2 seeds
  const [other] = await benchModels([{ hidden: [3], m: 8, models: 4, iterations: 1, l2s: [0, 0.1], keepProbs: [1] }], { gpu: false, cpu: true, maxSeconds: 60 });
  expect(other).toMatchObject({ impl: 'reglab-cpu', models: 4, l2s: [0, 0.1], keepProbs: [1] });
  expect(other.modelsPerSecond).toBeCloseTo(4 / other.seconds, 10);
});
