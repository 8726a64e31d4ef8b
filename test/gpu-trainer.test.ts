/**
 * GpuTrainer against the float32 CPU reference, on SwiftShader through dawn.node in CI. A missing
 * adapter fails these tests (acquireGpu throws in beforeAll); nothing is skipped.
 * Tolerances: costs within rtol 1e-4 (the fixture README's float32 bound), parameters within rtol
 * 1e-3, accuracies equal, dropout masks bit for bit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, releaseGpu, type GpuContext } from '../src/gpu/device';
import { GpuTrainer, type GpuTrainerOptions } from '../src/gpu/trainer';
import { pathUnfit } from '../src/gpu/paths/rule';
import { PRODUCT_TILE, splitsFor } from '../src/gpu/products';
import { foldGroups } from '../src/gpu/kernel';
import { initParams } from '../src/model/init';
import { makeSpec, type NetworkSpec } from '../src/model/network';
import { CpuTrainer } from '../src/reference/trainer';
import type { LabelledSet, TrainerOptions } from '../src/model/types';
import { expectClose } from './close';
import { fixtureTest, fixtureTrain, vectors } from './fixtures';
import { smallRun } from './small-runs';

let gpu: GpuContext;
beforeAll(async () => {
  gpu = await acquireGpu();
});
afterAll(async () => {
  await releaseGpu();
});

const courseSpec = makeSpec(2, [20, 3], 'relu');
const courseInit = () => initParams(courseSpec, { init: 'scaled', rng: 'numpy', seed: 3 });


/** A GPU trainer on the asked-for path and its float32 CPU twin, from the same options. */
async function twins(o: TrainerOptions, gpuOptions: Omit<GpuTrainerOptions, keyof TrainerOptions | 'gpu'>) {
  const g = await GpuTrainer.create({ gpu, ...o, ...gpuOptions });
  if (gpuOptions.path) expect(g.describe().gpuPath).toBe(gpuOptions.path);
  return { g, c: new CpuTrainer({ ...o, precision: 'f32' }) };
}

/**
 * Runs `iterations` iterations on both twins and compares the cost of every one (rtol 1e-4), then
 * the parameters (rtol 1e-3) and predictions on `predictOn` (rtol `predictRtol`), and disposes the GPU trainer.
 */
async function expectTwinsAgree(
  { g, c }: { g: GpuTrainer; c: CpuTrainer }, iterations: number,
  { atol = 1e-6, predictOn, predictRtol = 1e-4, evaluateOn }: {
    atol?: number; predictOn?: { X: Float64Array; m: number }; predictRtol?: number; evaluateOn?: LabelledSet;
  } = {},
): Promise<void> {
  try {
    expectClose((await g.run(0, iterations, 1)).map((p) => p.cost), c.runSync(0, iterations, 1).map((p) => p.cost), { rtol: 1e-4, atol }, 'costs');
    const gp = await g.getParams(), cp = c.getParamsSync();
    gp.W.forEach((w, l) => expectClose(w, cp.W[l], { rtol: 1e-3, atol: 1e-5 }, `W${l + 1}`));
    gp.b.forEach((b, l) => expectClose(b, cp.b[l], { rtol: 1e-3, atol: 1e-5 }, `b${l + 1}`));
    if (predictOn) expectClose(await g.predict(predictOn.X, predictOn.m), c.predictSync(predictOn.X, predictOn.m), { rtol: predictRtol, atol }, 'predict');
    if (evaluateOn) expect((await g.evaluate(evaluateOn)).accuracy).toBe(c.evaluateSync(evaluateOn).accuracy);
  } finally {
    g.dispose();
  }
}

// The layered path twice: with the CPU adapters' product kernel (matmul.wgsl) and with the GPUs'
// (matmul_shared.wgsl), whichever this adapter would pick.
describe.each([
  { which: 'layered', products: 'registers', label: 'layered path, register-tiled products (matmul.wgsl)' },
  { which: 'layered', products: 'shared', label: 'layered path, shared-memory products (matmul_shared.wgsl)' },
  { which: 'fused', products: undefined, label: 'fused path' },
  { which: 'unrolled', products: undefined, label: 'unrolled path' },
] as const)('GpuTrainer, $label', ({ which, products }) => {
  const path = which;
  const productKernel = products;

  describe('on the course fixture', () => {
    // The shared-memory products are barrier-bound on SwiftShader (about 23 ms an iteration here): they
    // get the run that exercises everything (L2 and Philox dropout), for its first 30 iterations; the
    // shapes below cover the rest. The other kernels check 500 iterations of every run; the slow
    // register-tiled layered path runs the fixture's whole 2 000 iterations (test accuracy against
    // numpy's) for the run that exercises everything (L2 + dropout), the fused and unrolled paths for all.
    const runs = Object.entries(vectors.course_model_runs).filter(([n]) => products !== 'shared' || n === 'l2_0.7_and_dropout_0.86_philox_seed42');
    const checked = products === 'shared' ? 30 : 500;
    it.each(runs)(`%s: ${checked} iterations of costs within 1e-4 of the f32 reference; accuracies equal`, async (name, run) => {
      const s = run.settings;
      const { g, c } = await twins({
        spec: courseSpec, params: courseInit(), train: fixtureTrain, learningRate: s.learning_rate, l2: s.lambd,
        keepProb: s.keep_prob, dropoutRng: s.mode, dropoutSeed: s.seed,
      }, { path, productKernel });
      try {
        const gc = (await g.run(0, checked, 1)).map((p) => p.cost);
        const cc = c.runSync(0, checked, 1).map((p) => p.cost);
        expectClose(gc, cc, { rtol: 1e-4 }, 'GPU vs f32 CPU costs');
        // and against numpy's float64 costs at the recorded iterations
        for (const it of [0, 1, 2, 10, 100].filter((i) => i < checked)) expectClose([gc[it]], [run.costs_at_iteration[it]], { rtol: 1e-4 }, `cost ${it} vs numpy`);
        const whole = products !== 'shared' && (which !== 'layered' || name === 'l2_0.7_and_dropout_0.86_philox_seed42');
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
    // the shared-memory products are barrier-bound on SwiftShader: 10 iterations of each shape there
    // (every iteration runs the same kernels; the other paths run 50)
    const iterations = products === 'shared' ? 10 : 50;
    const cases: [string, NetworkSpec, number, Partial<TrainerOptions>][] = [
      ['4 examples, one hidden layer', makeSpec(2, [5], 'relu'), 4, {}],
      ['width 1 hidden layers', makeSpec(2, [1, 1], 'tanh'), 37, { l2: 0.1 }],
      ['sizes not multiples of 32, sigmoid, L2 + dropout', makeSpec(2, [33, 7, 65], 'sigmoid'), 67, { l2: 0.5, keepProb: 0.8 }],
      // four hidden layers of 6 (five with the output): deep, yet small enough that the unrolled path's generated kernel compiles in seconds on SwiftShader
      ['a deep tanh net', makeSpec(2, [6, 6, 6, 6], 'tanh'), 50, { keepProb: 0.9 }],
      ['too many parameters to unroll', makeSpec(2, [40, 30], 'relu'), 20, { l2: 0.2 }],
    ];
    it.each(cases)(`%s: ${iterations} iterations match the f32 reference`, async (_name, spec, m, extra) => {
      const o = smallRun(spec, m, 5, { learningRate: 0.1, ...extra });
      const unfit = pathUnfit(which, spec);
      if (unfit) {
        await expect(GpuTrainer.create({ gpu, ...o, path }))
          .rejects.toThrow(/(fused kernel cannot run this network: \d+ units > 256)|(unrolled kernel cannot run this network: \d+ parameters > 512)/);
        return;
      }
      const grid = { X: Float64Array.from({ length: 2 * 7 }, (_, i) => Math.sin(i)), m: 7 };
      await expectTwinsAgree(await twins(o, { path, productKernel }), iterations, { predictOn: grid });
    });

    it('Philox dropout across chunk boundaries (7 iterations per submit, m = 67): costs match the f32 reference', async () => {
      const o = smallRun(makeSpec(2, [6, 5], 'relu'), 67, 8, { keepProb: 0.75 });
      await expectTwinsAgree(await twins(o, { path, productKernel, chunk: 7 }), products === 'shared' ? 15 : 30);
    });

    it('m = 1: a single example', async () => {
      const spec = makeSpec(2, [3, 2], 'relu');
      const train = { X: Float64Array.from([0.4, -0.7]), Y: Float64Array.from([1]), m: 1, features: 2 };
      const o = smallRun(spec, 1, 4, { train, l2: 0.3, keepProb: 0.8 });
      await expectTwinsAgree(await twins(o, { path, productKernel }), products === 'shared' ? 15 : 30, { atol: 1e-7, predictOn: train });
    });
  });
});

// Only the layered path keeps dropout masks in buffers and tiles large m over many workgroups
// (the fused path's dropout parity shows in its costs above).
describe('GpuTrainer, layered path only', () => {
  it('shared-memory products split along the depth (weight gradients of m = 1100 in 4 slices): costs, parameters and predictions match the f32 reference', async () => {
    // the rule cuts [dW1 | db1] (33 × 3 over m) into 4 slices when 64 workgroups are aimed for
    expect(splitsFor('shared', 33, 3, 1100, 1e6, 64)).toEqual({ splits: 4, sliceDepth: 280 });
    const o = smallRun(makeSpec(2, [33, 7], 'relu'), 1100, 12, { learningRate: 0.3, l2: 0.4, keepProb: 0.8 });
    const grid = { X: Float64Array.from({ length: 2 * 300 }, (_, i) => Math.sin(i)), m: 300 };
    await expectTwinsAgree(await twins(o, { path: 'layered', productKernel: 'shared', splitTarget: 64 }), 8, { predictOn: grid });
  });

  it('Philox dropout masks are identical to the CPU\'s for the same seed, layer and iteration', async () => {
    const { g, c } = await twins({
      spec: courseSpec, params: courseInit(), train: fixtureTrain, learningRate: 0.3, l2: 0, keepProb: 0.7,
      dropoutRng: 'philox', dropoutSeed: 1234,
    }, { path: 'layered' });
    try {
      for (const t of [0, 1, 2]) {
        await g.run(t, 1, 1);
        c.step(t);
        const gm = await g.readMasks();
        expect(gm).toHaveLength(2);
        gm.forEach((m, i) => expect(Array.from(m)).toEqual(Array.from(c.masks[i])));
      }
    } finally {
      g.dispose();
    }
    const fixtureMasks = vectors.course_model_runs['dropout_0.86_philox_seed42'].dropout_masks_at_iteration_0!;
    const g42 = await GpuTrainer.create({
      gpu, path: 'layered', spec: courseSpec, params: courseInit(), train: fixtureTrain, learningRate: 0.3, l2: 0, keepProb: 0.86,
      dropoutRng: 'philox', dropoutSeed: 42,
    });
    try {
      await g42.run(0, 1, 1);
      (await g42.readMasks()).forEach((m, i) => expect(Array.from(m)).toEqual(fixtureMasks[i]!.flat()));
    } finally {
      g42.dispose();
    }
  });

  it('dispatches folded into a second dimension (a per-dimension limit of 7 workgroups): costs, parameters and predictions match the f32 reference', async () => {
    // A real device folds past 65 535 workgroups (m > 4 million on the register kernel's 64-column
    // tiles): far too slow on SwiftShader, so the limit is lowered instead; the kernels' index
    // arithmetic (wid.x + wid.y · nwg.x) is the same at any limit.
    const maxWorkgroupsPerDimension = 7;
    const m = 7 * PRODUCT_TILE.registers * 3 + 40;
    expect(foldGroups(Math.ceil(m / PRODUCT_TILE.registers), maxWorkgroupsPerDimension)).toEqual([7, 4]);
    const o = smallRun(makeSpec(2, [5, 3], 'relu'), m, 2, { learningRate: 0.5, l2: 0.2, keepProb: 0.9 });
    // the last columns were computed too: predictions of every example agree, and so do accuracies
    await expectTwinsAgree(await twins(o, { path: 'layered', productKernel: 'registers', maxWorkgroupsPerDimension }), 20, {
      predictOn: o.train, predictRtol: 1e-3, evaluateOn: o.train,
    });
  });
});

describe('GpuTrainer, unrolled path only', () => {
  it('with a GPU\'s workgroup (64 invocations, as on real GPUs), L2 + Philox dropout still match the f32 reference', async () => {
    const o = smallRun(makeSpec(2, [7, 5], 'relu'), 301, 6, { learningRate: 0.3, l2: 0.4, keepProb: 0.8 });
    await expectTwinsAgree(await twins(o, { path: 'unrolled', unrolledWorkgroup: 64 }), 40);
  });
});
