/**
 * L1 against numpy (test/fixtures/l1_vectors.json, written by `python3 scripts/numpy_lesson.py
 * --l1-fixture` from its own restatement of the lesson's code with the L1 term): the lesson's model
 * [2, 20, 3, 1] trained 2000 iterations on the fixture data with L1 alone (λ₁ 0.1) and with L1 + L2
 * + Philox dropout. The float64 reference reproduces every logged cost and the first step's gradients
 * within 1e-9 relative, the masks and accuracies exactly; its float32 mirror and the fast CPU engine
 * follow within float32's tolerances (as test/course-fixture.test.ts and test/wasm-trainer.test.ts
 * hold the L2 and dropout runs). The GPU paths: test/gpu-penalties.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { nearZeroShare } from '../src/model/sparsity';
import { CpuTrainer } from '../src/reference/trainer';
import { WasmEngine } from '../src/wasm/engine';
import { WasmTrainer } from '../src/wasm/trainer';
import { expectClose } from './close';
import { expectFirstStep, expectWholeRun } from './fixture-checks';
import { l1Options, l1Vectors } from './fixtures';

afterAll(async () => {
  (await WasmEngine.get()).stopWorkers();
});

describe.each(Object.entries(l1Vectors.l1_runs))('L1 run %s', (_name, run) => {
  const s = run.settings;
  const make = (precision: 'f64' | 'f32' = 'f64') => new CpuTrainer({ ...l1Options(run), precision });

  it('the reference, iteration 0: cost and gradients within 1e-9 relative, masks exact', () => {
    expectFirstStep(make(), run);
  });

  it('the reference, 2000 iterations: every logged cost within 1e-9 relative; final weights, accuracies and the share near zero', () => {
    expect(nearZeroShare(expectWholeRun(make(), run))).toBe(run.near_zero_share);
  });

  it('the float32 mirror tracks float64 within 1e-4 relative over the first 200 iterations', () => {
    const c64 = make('f64').runSync(0, 200, 1).map((c) => c.cost);
    const c32 = make('f32').runSync(0, 200, 1).map((c) => c.cost);
    expectClose(c32, c64, { rtol: 1e-4 }, 'f32 vs f64 costs');
  });

  it('the fast CPU engine: costs within 1e-4 of the reference for 500 iterations, and of numpy where it logged them; masks exact', async () => {
    const o = l1Options(run);
    const w = await WasmTrainer.create({ ...o, threads: 1 });
    const c = new CpuTrainer(o);
    try {
      const wc = (await w.run(0, 500, 1)).map((p) => p.cost);
      expectClose(wc, c.runSync(0, 500, 1).map((p) => p.cost), { rtol: 1e-4 }, 'costs of the first 500 iterations');
      for (const it of [0, 1, 2, 10, 100]) expectClose([wc[it]], [run.costs_at_iteration[it]], { rtol: 1e-4 }, `cost ${it} vs numpy`);
      if (s.keep_prob < 1) w.dropoutMasks().forEach((mask, i) => expect(mask).toEqual(c.masks[i]));
    } finally {
      w.dispose();
    }
  });
});
