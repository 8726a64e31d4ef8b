/** Smoke test of the benchmark harness at tiny sizes: the report's shape, never its speed. */
import { afterAll, expect, it } from 'vitest';
import { flopsPerIteration, runBench, sweepWorkloads } from '../src/bench/harness';
import { releaseGpu } from '../src/gpu/device';
import { makeSpec } from '../src/model/network';

afterAll(async () => {
  await releaseGpu();
});

it('counts FLOPs of the three products', () => {
  // [2, 3, 1], m = 10: forward+weight-grad 4·10·(3·3 + 1·4) = 520, input grad 2·10·(1·3) = 60
  expect(flopsPerIteration(makeSpec(2, [3], 'relu'), 10)).toBe(580);
});

it('produces one row per implementation and workload, with median ≤ max and finite GFLOP/s', async () => {
  const r = await runBench(sweepWorkloads([3], [16], 3), { repeats: 2, gpu: true, cpu: true, maxMsPerIteration: 1e9 });
  expect(r.adapter).toMatch(/\S/);
  expect(r.flopsCounting).toMatch(/forward/);
  expect(r.rows.map((x) => x.impl)).toEqual(['reglab-gpu', 'reglab-cpu']);
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
