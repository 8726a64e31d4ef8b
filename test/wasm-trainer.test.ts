/**
 * The fast CPU engine (WasmTrainer, float32 WebAssembly SIMD) against the float64 CPU reference.
 * Tolerances: costs within rtol 1e-4 of the reference at every iteration of short runs and of the
 * fixture's first 500 (float32 against float64, as the GPU's); over the fixture's whole 2 000 the
 * two roundings drift apart (dropout runs most: 1.2 % at worst), so there rtol 2e-2; parameters within rtol 1e-3 / atol 1e-5, accuracies equal; Philox
 * dropout masks bit for bit; the threaded products bit for bit those of one thread (each output is
 * the same sum in the same order whichever thread computes it).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { initParams } from '../src/model/init';
import { makeSpec, type NetworkSpec } from '../src/model/network';
import { CpuTrainer } from '../src/reference/trainer';
import type { TrainerOptions } from '../src/model/types';
import { philoxMask } from '../src/model/dropout';
import { WasmEngine } from '../src/wasm/engine';
import { WasmTrainer } from '../src/wasm/trainer';
import { expectClose } from './close';
import { fixtureTest, fixtureTrain, vectors } from './fixtures';
import { smallRun } from './small-runs';

afterAll(async () => {
  (await WasmEngine.get()).stopWorkers();
});

const courseSpec = makeSpec(2, [20, 3], 'relu');


async function expectAgrees(o: TrainerOptions, iterations: number, threads = 1): Promise<void> {
  const w = await WasmTrainer.create({ ...o, threads });
  const c = new CpuTrainer(o);
  try {
    expectClose((await w.run(0, iterations, 1)).map((p) => p.cost), c.runSync(0, iterations, 1).map((p) => p.cost), { rtol: 1e-4, atol: 1e-6 }, 'costs');
    const wp = await w.getParams(), cp = c.getParamsSync();
    wp.W.forEach((x, l) => expectClose(x, cp.W[l], { rtol: 1e-3, atol: 1e-5 }, `W${l + 1}`));
    wp.b.forEach((x, l) => expectClose(x, cp.b[l], { rtol: 1e-3, atol: 1e-5 }, `b${l + 1}`));
    const grid = { X: Float64Array.from({ length: 2 * 7 }, (_, i) => Math.sin(i)), m: 7 };
    expectClose(await w.predict(grid.X, grid.m), c.predictSync(grid.X, grid.m), { rtol: 1e-4, atol: 1e-6 }, 'predict');
    expectClose(await w.gradientNorms(), c.gradientNormsSync(), { rtol: 1e-3, atol: 1e-6 }, 'gradient norms');
  } finally {
    w.dispose();
  }
}

describe('WasmTrainer on the course fixture', () => {
  it.each(Object.entries(vectors.course_model_runs))('%s: costs within 1e-4 of the f64 reference for 500 iterations, 2e-2 for all; accuracies equal; numpy\'s test accuracy', async (_name, run) => {
    const s = run.settings;
    const o: TrainerOptions = {
      spec: courseSpec, params: initParams(courseSpec, { init: 'scaled', rng: 'numpy', seed: 3 }), train: fixtureTrain,
      learningRate: s.learning_rate, l2: s.lambd, keepProb: s.keep_prob, dropoutRng: s.mode, dropoutSeed: s.seed,
    };
    const w = await WasmTrainer.create({ ...o, threads: 1 });
    const c = new CpuTrainer(o);
    try {
      const wc = (await w.run(0, s.iterations, 1)).map((p) => p.cost);
      const cc = c.runSync(0, s.iterations, 1).map((p) => p.cost);
      expectClose(wc.slice(0, 500), cc.slice(0, 500), { rtol: 1e-4 }, 'costs of the first 500 iterations');
      expectClose(wc, cc, { rtol: 2e-2 }, 'costs');
      for (const [it, cost] of Object.entries(run.costs_at_iteration)) {
        expectClose([wc[Number(it)]], [cost], { rtol: Number(it) < 500 ? 1e-4 : 2e-2 }, `cost ${it} vs numpy`);
      }
      for (const set of [fixtureTrain, fixtureTest]) expect((await w.evaluate(set)).accuracy).toBe(c.evaluateSync(set).accuracy);
      expect((await w.evaluate(fixtureTest)).accuracy).toBeCloseTo(run.test_accuracy, 10);
      if (s.keep_prob < 1) w.dropoutMasks().forEach((mask, i) => expect(mask).toEqual(c.masks[i]));
    } finally {
      w.dispose();
    }
  });
});

describe('WasmTrainer on awkward shapes', () => {
  const cases: [string, NetworkSpec, number, Partial<TrainerOptions>][] = [
    ['4 examples, one hidden layer', makeSpec(2, [5], 'relu'), 4, {}],
    ['m not a multiple of 4, width 1 hidden layers', makeSpec(2, [1, 1], 'tanh'), 37, { l2: 0.1 }],
    ['sizes not multiples of 4 or 8, sigmoid, L2 + dropout', makeSpec(2, [33, 7, 65], 'sigmoid'), 67, { l2: 0.5, keepProb: 0.8 }],
    ['a deep tanh net with dropout', makeSpec(2, [6, 6, 6, 6, 6, 6], 'tanh'), 50, { keepProb: 0.9 }],
    ['numpy masks on odd sizes', makeSpec(2, [9, 5], 'relu'), 23, { keepProb: 0.7, dropoutRng: 'numpy', l2: 0.3 }],
    ['L1 with L2 and dropout, sizes not multiples of 4', makeSpec(2, [13, 7], 'relu'), 29, { l1: 0.2, l2: 0.3, keepProb: 0.85 }],
  ];
  it.each(cases)('%s: 100 iterations match the f64 reference', async (_name, spec, m, extra) => {
    await expectAgrees(smallRun(spec, m, 5, { learningRate: 0.1, ...extra }), 100);
  });

  it('draws the reference\'s Philox masks bit for bit at every iteration', async () => {
    const o = smallRun(makeSpec(2, [13, 6], 'relu'), 41, 9, { keepProb: 0.75 });
    const w = await WasmTrainer.create({ ...o, threads: 1 });
    try {
      for (let t = 0; t < 5; t++) {
        await w.run(t, 1, 1);
        w.dropoutMasks().forEach((mask, i) => {
          const n = o.spec.dims[i + 1];
          expect(mask).toEqual(philoxMask(new Uint8Array(n * 41), o.dropoutSeed, i + 1, t, 0.75));
        });
      }
    } finally {
      w.dispose();
    }
  });
});

describe('WasmTrainer across threads', () => {
  // 64 × 48 × 1 100 multiply-adds per product and 64 × 1 100 / 4 Philox blocks in the first mask:
  // above the engine's thresholds, so products and masks split across the threads.
  const o = smallRun(makeSpec(2, [64, 48], 'relu'), 1100, 11, { l2: 0.2, keepProb: 0.9 });

  it('two threads give the bits of one', async () => {
    const one = await WasmTrainer.create({ ...o, threads: 1 });
    const oneCosts = await one.run(0, 20, 1);
    const oneParams = await one.getParams();
    one.dispose();
    const two = await WasmTrainer.create({ ...o, threads: 2 });
    expect(await (await WasmEngine.get()).workersReady()).toBe(true);
    try {
      expect(two.describe().threads).toBe(2);
      expect(await two.run(0, 20, 1)).toEqual(oneCosts);
      expect(await two.getParams()).toEqual(oneParams);
      const c = new CpuTrainer(o);
      c.runSync(0, 20, 1);
      two.dropoutMasks().forEach((mask, i) => expect(mask).toEqual(c.masks[i]));
    } finally {
      two.dispose();
    }
  });

  it('match the f64 reference', async () => {
    await expectAgrees(o, 30, 2);
  });
});

describe('WasmEngine memory', () => {
  it('reuses what trainers release, and zeroes what it hands out', async () => {
    const engine = await WasmEngine.get();
    const a = engine.alloc(1000);
    engine.f32(a, 250).fill(7);
    engine.release(a);
    const b = engine.alloc(1000);
    expect(b).toBe(a);
    expect(b % 64).toBe(0);
    expect(Array.from(engine.f32(b, 250)).every((x) => x === 0)).toBe(true);
    engine.release(b);
  });

  it('refuses a network its 2 GiB cannot hold, naming --layers, before allocating anything', async () => {
    const engine = await WasmEngine.get();
    const probe = engine.alloc(64);
    engine.release(probe);
    const m = 200_000;
    const o = smallRun(makeSpec(2, [1024, 1024], 'relu'), m, 1, { train: { X: new Float64Array(2 * m), Y: new Float64Array(m), m, features: 2 } });
    await expect(WasmTrainer.create({ ...o, threads: 1 })).rejects.toMatchObject({
      field: 'layers', message: expect.stringMatching(/training \[2, 1024, 1024, 1\] on 200000 examples needs \d+ MiB of the fast CPU engine's memory/),
    });
    expect(engine.alloc(64)).toBe(probe);
    engine.release(probe);
  });

  it('refuses a bad thread count by name, and keeps the one it had', async () => {
    const engine = await WasmEngine.get();
    const before = engine.threadCount;
    for (const bad of [0, 1.5, NaN]) expect(() => engine.setThreads(bad)).toThrow(/^threads must be a whole number ≥ 1, got /);
    expect(engine.threadCount).toBe(before);
  });
});
