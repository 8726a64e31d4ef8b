/**
 * GpuTrainer against the float32 CPU reference, on SwiftShader through dawn.node in CI. A missing
 * adapter fails these tests (acquireGpu throws in beforeAll); nothing is skipped.
 * Tolerances: costs within rtol 1e-4 over the first 500 iterations (the fixture README's float32
 * bound), accuracies equal, dropout masks bit for bit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, releaseGpu, type GpuContext } from '../src/gpu/device';
import { GpuTrainer } from '../src/gpu/trainer';
import { pathUnfit, type GpuPath } from '../src/gpu/fused';
import { PRODUCT_TILE, splitsFor, type ProductKernel } from '../src/gpu/products';
import { foldGroups } from '../src/gpu/kernel';
import { initParams } from '../src/model/init';
import { makeSpec, type NetworkSpec } from '../src/model/network';
import { CpuTrainer, type CpuTrainerOptions } from '../src/reference/trainer';
import { generateDataset } from '../src/data/generators';
import type { LabelledSet } from '../src/train/types';
import { expectClose } from './close';
import { fixtureTest, fixtureTrain, vectors } from './fixtures';

let gpu: GpuContext;
beforeAll(async () => {
  gpu = await acquireGpu();
});
afterAll(async () => {
  await releaseGpu();
});

const courseSpec = makeSpec(2, [20, 3], 'relu');
const courseInit = () => initParams(courseSpec, { init: 'scaled', rng: 'numpy', seed: 3 });

function randomSet(m: number, seed: number): LabelledSet {
  const s = generateDataset({ name: 'moons', size: m, noise: 0.2, seed, testFraction: 0 }).train;
  return s;
}

let path: GpuPath = 'layered';
let productKernel: ProductKernel | undefined;
async function pair(o: Omit<CpuTrainerOptions, 'precision'>) {
  const g = await GpuTrainer.create({ gpu, ...o, path, productKernel });
  expect(g.path).toBe(path);
  return { g, c: new CpuTrainer({ ...o, precision: 'f32' }) };
}

// The layered path twice: with the CPU adapters' product kernel (matmul.wgsl) and with the GPUs'
// (matmul_shared.wgsl), whichever this adapter would pick.
describe.each([
  { which: 'layered', products: 'registers', label: 'layered path, register-tiled products (matmul.wgsl)' },
  { which: 'layered', products: 'shared', label: 'layered path, shared-memory products (matmul_shared.wgsl)' },
  { which: 'fused', products: undefined, label: 'fused path' },
  { which: 'unrolled', products: undefined, label: 'unrolled path' },
] as const)('GpuTrainer, $label', ({ which, products }) => {
beforeAll(() => {
  path = which;
  productKernel = products;
});

describe('on the course fixture', () => {
  it('reports its adapter', () => {
    expect(gpu.adapterName).toMatch(/\S/);
  });

  // The shared-memory products are barrier-bound on SwiftShader (about 23 ms an iteration here): they
  // get the run that exercises everything (L2 and Philox dropout), for its first 150 iterations; the
  // shapes below cover the rest. The other kernels check 500 iterations of every run; the slow
  // register-tiled layered path runs the fixture's whole 2 000 iterations (test accuracy against
  // numpy's) for two runs (none; L2 + dropout), the fused and unrolled paths for all.
  const runs = Object.entries(vectors.course_model_runs).filter(([n]) => products !== 'shared' || n === 'l2_0.7_and_dropout_0.86_philox_seed42');
  const checked = products === 'shared' ? 150 : 500;
  it.each(runs)(`%s: ${checked} iterations of costs within 1e-4 of the f32 reference; accuracies equal`, async (name, run) => {
    const s = run.settings;
    const { g, c } = await pair({
      spec: courseSpec, params: courseInit(), train: fixtureTrain, learningRate: s.learning_rate, l2: s.lambd,
      keepProb: s.keep_prob, dropoutRng: s.mode, dropoutSeed: s.seed,
    });
    try {
      const gc = (await g.run(0, checked, 1)).map((p) => p.cost);
      const cc = c.runSync(0, checked, 1).map((p) => p.cost);
      expectClose(gc, cc, { rtol: 1e-4 }, 'GPU vs f32 CPU costs');
      // and against numpy's float64 costs at the recorded iterations
      for (const it of [0, 1, 2, 10, 100]) expectClose([gc[it]], [run.costs_at_iteration[it]], { rtol: 1e-4 }, `cost ${it} vs numpy`);
      const whole = products !== 'shared' && (which !== 'layered' || name === 'none' || name === 'l2_0.7_and_dropout_0.86_philox_seed42');
      if (whole) {
        const rest = await g.run(checked, s.iterations - checked, 1000);
        c.runSync(checked, s.iterations - checked, 1000);
        expect(rest.at(-1)!.iteration).toBe(s.iterations - 1);
      }
      expect((await g.evaluate(fixtureTrain)).accuracy).toBe(c.evaluateSync(fixtureTrain).accuracy);
      expect((await g.evaluate(fixtureTest)).accuracy).toBe(c.evaluateSync(fixtureTest).accuracy);
      if (whole) expect((await g.evaluate(fixtureTest)).accuracy).toBeCloseTo(run.test_accuracy, 10);
    } finally {
      g.dispose();
    }
  });

});

describe('on awkward shapes', () => {
  const cases: [string, NetworkSpec, number, Partial<CpuTrainerOptions>][] = [
    ['4 examples, one hidden layer', makeSpec(2, [5], 'relu'), 4, {}],
    ['width 1 hidden layers', makeSpec(2, [1, 1], 'tanh'), 37, { l2: 0.1 }],
    ['sizes not multiples of 32, sigmoid, L2 + dropout', makeSpec(2, [33, 7, 65], 'sigmoid'), 67, { l2: 0.5, keepProb: 0.8 }],
    // six hidden layers of 6: deep, yet small enough that the unrolled path's generated kernel compiles in seconds on SwiftShader
    ['a deep tanh net', makeSpec(2, [6, 6, 6, 6, 6, 6], 'tanh'), 50, { keepProb: 0.9 }],
    ['too many parameters to unroll', makeSpec(2, [40, 30], 'relu'), 20, { l2: 0.2 }],
  ];
  it.each(cases)('%s: 50 iterations match the f32 reference', async (_name, spec, m, extra) => {
    const unfit = pathUnfit(which, spec, m);
    if (unfit) {
      await expect(GpuTrainer.create({ gpu, spec, params: initParams(spec, { init: 'he', rng: 'philox', seed: 5 }), train: randomSet(m, 3), learningRate: 0.1, l2: 0, keepProb: 1, dropoutRng: 'philox', dropoutSeed: 9, path }))
        .rejects.toThrow(/(fused kernel cannot run this network: \d+ units > 64)|(unrolled kernel cannot run this network: \d+ parameters > 512)/);
      return;
    }
    const train = randomSet(m, 3);
    const o = {
      spec, params: initParams(spec, { init: 'he', rng: 'philox', seed: 5 }), train, learningRate: 0.1, l2: 0,
      keepProb: 1, dropoutRng: 'philox' as const, dropoutSeed: 9, ...extra,
    };
    const { g, c } = await pair(o);
    try {
      expectClose((await g.run(0, 50, 1)).map((p) => p.cost), c.runSync(0, 50, 1).map((p) => p.cost), { rtol: 1e-4, atol: 1e-6 }, 'costs');
      const gp = await g.getParams();
      const cp = c.getParamsSync();
      gp.W.forEach((w, l) => expectClose(w, cp.W[l], { rtol: 1e-3, atol: 1e-5 }, `W${l + 1}`));
      gp.b.forEach((b, l) => expectClose(b, cp.b[l], { rtol: 1e-3, atol: 1e-5 }, `b${l + 1}`));
      const grid = Float64Array.from({ length: 2 * 7 }, (_, i) => Math.sin(i));
      expectClose(await g.predict(grid, 7), c.predictSync(grid, 7), { rtol: 1e-4, atol: 1e-6 }, 'predict');
    } finally {
      g.dispose();
    }
  });

  it('Philox dropout across chunk boundaries (7 iterations per submit, m = 67): costs match the f32 reference', async () => {
    const spec = makeSpec(2, [6, 5], 'relu');
    const o = {
      spec, params: initParams(spec, { init: 'he', rng: 'philox', seed: 8 }), train: randomSet(67, 4), learningRate: 0.2, l2: 0,
      keepProb: 0.75, dropoutRng: 'philox' as const, dropoutSeed: 77,
    };
    const g = await GpuTrainer.create({ gpu, ...o, path, productKernel, chunk: 7 });
    const c = new CpuTrainer({ ...o, precision: 'f32' });
    try {
      expectClose((await g.run(0, 30, 1)).map((q) => q.cost), c.runSync(0, 30, 1).map((q) => q.cost), { rtol: 1e-4, atol: 1e-6 }, 'costs');
    } finally {
      g.dispose();
    }
  });

  it('m = 1: a single example', async () => {
    const spec = makeSpec(2, [3, 2], 'relu');
    const train = { X: Float64Array.from([0.4, -0.7]), Y: Float64Array.from([1]), m: 1, features: 2 };
    const o = { spec, params: initParams(spec, { init: 'he', rng: 'philox', seed: 4 }), train, learningRate: 0.2, l2: 0.3, keepProb: 0.8, dropoutRng: 'philox' as const, dropoutSeed: 3 };
    const { g, c } = await pair(o);
    try {
      expectClose((await g.run(0, 30, 1)).map((p) => p.cost), c.runSync(0, 30, 1).map((p) => p.cost), { rtol: 1e-4, atol: 1e-7 }, 'costs');
      expectClose(await g.predict(train.X, 1), c.predictSync(train.X, 1), { rtol: 1e-4 }, 'predict');
    } finally {
      g.dispose();
    }
  });

});
});

// Only the layered path keeps dropout masks in buffers and tiles large m over many workgroups
// (the fused path's dropout parity shows in its costs above).
describe('GpuTrainer, layered path only', () => {
beforeAll(() => {
  path = 'layered';
  productKernel = undefined;
});
  it('shared-memory products split along the depth (weight gradients of m = 1100 in 4 slices): costs, parameters and predictions match the f32 reference', async () => {
    const spec = makeSpec(2, [33, 7], 'relu');
    const m = 1100;
    // the rule cuts [dW1 | db1] (33 × 3 over m) into 4 slices when 64 workgroups are aimed for
    expect(splitsFor('shared', 33, 3, m, 1e6, 64)).toEqual({ splits: 4, sliceDepth: 280 });
    const o = {
      spec, params: initParams(spec, { init: 'he', rng: 'philox', seed: 12 }), train: randomSet(m, 6), learningRate: 0.3, l2: 0.4,
      keepProb: 0.8, dropoutRng: 'philox' as const, dropoutSeed: 21,
    };
    const g = await GpuTrainer.create({ gpu, ...o, path, productKernel: 'shared', splitTarget: 64 });
    const c = new CpuTrainer({ ...o, precision: 'f32' });
    try {
      expectClose((await g.run(0, 20, 1)).map((q) => q.cost), c.runSync(0, 20, 1).map((q) => q.cost), { rtol: 1e-4, atol: 1e-6 }, 'costs');
      const gp = await g.getParams();
      const cp = c.getParamsSync();
      gp.W.forEach((w, l) => expectClose(w, cp.W[l], { rtol: 1e-3, atol: 1e-5 }, `W${l + 1}`));
      gp.b.forEach((b, l) => expectClose(b, cp.b[l], { rtol: 1e-3, atol: 1e-5 }, `b${l + 1}`));
      const grid = Float64Array.from({ length: 2 * 300 }, (_, i) => Math.sin(i));
      expectClose(await g.predict(grid, 300), c.predictSync(grid, 300), { rtol: 1e-4, atol: 1e-6 }, 'predict');
    } finally {
      g.dispose();
    }
  });
  it('Philox dropout masks are identical to the CPU\'s for the same seed, layer and iteration', async () => {
    const { g, c } = await pair({
      spec: courseSpec, params: courseInit(), train: fixtureTrain, learningRate: 0.3, l2: 0, keepProb: 0.7,
      dropoutRng: 'philox', dropoutSeed: 1234,
    });
    try {
      for (const t of [0, 1, 2]) {
        await g.run(t, 1, 1);
        c.step(t);
        const gm = await g.readMasks();
        expect(gm).toHaveLength(2);
        gm.forEach((m, i) => expect(Array.from(m)).toEqual(Array.from(c.masks[i])));
      }
      const fixtureMasks = vectors.course_model_runs['dropout_0.86_philox_seed42'].dropout_masks_at_iteration_0!;
      const g42 = await GpuTrainer.create({
        gpu, path: 'layered', spec: courseSpec, params: courseInit(), train: fixtureTrain, learningRate: 0.3, l2: 0, keepProb: 0.86,
        dropoutRng: 'philox', dropoutSeed: 42,
      });
      await g42.run(0, 1, 1);
      (await g42.readMasks()).forEach((m, i) => expect(Array.from(m)).toEqual(fixtureMasks[i]!.flat()));
      g42.dispose();
    } finally {
      g.dispose();
    }
  });
  it('dispatches folded into a second dimension (a per-dimension limit of 7 workgroups): costs, parameters and predictions match the f32 reference', async () => {
    // A real device folds past 65 535 workgroups (m > 4 million on the register kernel's 64-column
    // tiles): far too slow on SwiftShader, so the limit is lowered instead; the kernels' index
    // arithmetic (wid.x + wid.y · nwg.x) is the same at any limit.
    const maxWorkgroupsPerDimension = 7;
    const m = 7 * PRODUCT_TILE.registers * 3 + 40;
    expect(foldGroups(Math.ceil(m / PRODUCT_TILE.registers), maxWorkgroupsPerDimension)).toEqual([7, 4]);
    const spec = makeSpec(2, [5, 3], 'relu');
    const o = {
      spec, params: initParams(spec, { init: 'he', rng: 'philox', seed: 2 }), train: randomSet(m, 9), learningRate: 0.5, l2: 0.2,
      keepProb: 0.9, dropoutRng: 'philox' as const, dropoutSeed: 1,
    };
    const g = await GpuTrainer.create({ gpu, ...o, path, productKernel: 'registers', maxWorkgroupsPerDimension });
    const c = new CpuTrainer({ ...o, precision: 'f32' });
    try {
      expectClose((await g.run(0, 20, 1)).map((q) => q.cost), c.runSync(0, 20, 1).map((q) => q.cost), { rtol: 1e-4, atol: 1e-6 }, 'costs');
      const gp = await g.getParams();
      const cp = c.getParamsSync();
      gp.W.forEach((w, l) => expectClose(w, cp.W[l], { rtol: 1e-3, atol: 1e-5 }, `W${l + 1}`));
      // the last columns were computed too: predictions of every example agree
      expectClose(await g.predict(o.train.X, m), c.predictSync(o.train.X, m), { rtol: 1e-3, atol: 1e-6 }, 'predict');
      expect((await g.evaluate(o.train)).accuracy).toBe(c.evaluateSync(o.train).accuracy);
    } finally {
      g.dispose();
    }
  });
});

describe('GpuTrainer, unrolled path only', () => {
beforeAll(() => {
  path = 'unrolled';
});
  it('with a GPU\'s workgroup (64 invocations, as on real GPUs), L2 + Philox dropout still match the f32 reference', async () => {
    const spec = makeSpec(2, [7, 5], 'relu');
    const o = {
      spec, params: initParams(spec, { init: 'he', rng: 'philox', seed: 6 }), train: generateDataset({ name: 'moons', size: 301, noise: 0.2, seed: 2, testFraction: 0 }).train, learningRate: 0.3, l2: 0.4,
      keepProb: 0.8, dropoutRng: 'philox' as const, dropoutSeed: 5,
    };
    const g = await GpuTrainer.create({ gpu, ...o, path, unrolledWorkgroup: 64 });
    const c = new CpuTrainer({ ...o, precision: 'f32' });
    try {
      expectClose((await g.run(0, 40, 1)).map((q) => q.cost), c.runSync(0, 40, 1).map((q) => q.cost), { rtol: 1e-4, atol: 1e-6 }, 'costs');
      const gp = await g.getParams(), cp = c.getParamsSync();
      gp.W.forEach((w, l) => expectClose(w, cp.W[l], { rtol: 1e-3, atol: 1e-5 }, `W${l + 1}`));
    } finally {
      g.dispose();
    }
  });
});
