/**
 * The GPU kernels' L2 and L1 terms against the CPU reference, on every kernel path. From the same
 * weights, one iteration with the penalty and one without: the difference of the two costs is the
 * penalty's cost term (cost.wgsl and single_dispatch.wgsl's log_iteration, with weight_norm.wgsl's
 * sums), and the difference of the two updated weights is −lr times its gradient term
 * (matmul_epilogue.wgsl's weight-gradient epilogue, single_dispatch.wgsl's update_share). Both are
 * compared with the same differences on the float64 reference (src/reference/trainer.ts), within
 * float32's tolerance; the biases, which no penalty touches, must come out the same bit for bit.
 * Then the L1 fixture (test/fixtures/l1_vectors.json, numpy float64) on every path: its costs
 * within 1e-4 of the float32 reference and of numpy, as test/gpu-trainer.test.ts holds the L2 runs.
 */
import { describe, expect, it } from 'vitest';
import { GpuTrainer } from '../src/gpu/trainer';
import type { GpuPath } from '../src/gpu/paths/rule';
import { makeSpec, type Params } from '../src/model/network';
import type { TrainerOptions } from '../src/model/types';
import { CpuTrainer } from '../src/reference/trainer';
import { expectClose } from './close';
import { fixtureTest, fixtureTrain, l1Options, l1Vectors } from './fixtures';
import { smallRun } from './small-runs';
import { useGpu } from './gpu-context';

const gpu = useGpu();

/**
 * A small net every path runs (37 parameters), its weights scaled up so the penalties are large, and
 * two of them exactly zero: L1's sign(0) = 0 leaves those alone (sign(0) = 1 would move them).
 */
const spec = makeSpec(2, [5, 3], 'tanh');
const base = smallRun(spec, 23, 11, { learningRate: 0.5 });
base.params.W.forEach((w) => w.forEach((v, i) => { w[i] = 2 * v; }));
base.params.W[0][3] = 0;
base.params.W[1][7] = 0;

interface Step {
  cost: number;
  after: Params;
}

async function gpuStep(path: GpuPath, extra: Partial<TrainerOptions>): Promise<Step> {
  const t = await GpuTrainer.create({ gpu: gpu(), ...base, ...extra, path });
  try {
    const [{ cost }] = await t.run(0, 1, 1);
    return { cost, after: await t.getParams() };
  } finally {
    t.dispose();
  }
}

function cpuStep(extra: Partial<TrainerOptions>): Step {
  const t = new CpuTrainer({ ...base, ...extra });
  return { cost: t.step(0), after: t.getParamsSync() };
}

/** The penalty's part of one step: (cost with − cost without, W after with − W after without, the same for b). */
function difference(withIt: Step, without: Step) {
  return {
    cost: withIt.cost - without.cost,
    W: withIt.after.W.map((w, l) => w.map((v, i) => v - without.after.W[l][i])),
    b: withIt.after.b.map((b, l) => b.map((v, i) => v - without.after.b[l][i])),
  };
}

describe.each(['layered', 'fused', 'unrolled'] as const)('the %s path', (path) => {
  it.each([
    ['L2 (λ = 0.9)', { l2: 0.9 }],
    ['L1 (λ₁ = 0.3)', { l1: 0.3 }],
    ['L1 and L2 together (λ₁ = 0.3, λ = 0.9)', { l1: 0.3, l2: 0.9 }],
  ] as const)('%s: its cost term and its weight-gradient term are the reference\'s; biases untouched', async (_name, penalty) => {
    const want = difference(cpuStep(penalty), cpuStep({}));
    const got = difference(await gpuStep(path, penalty), await gpuStep(path, {}));
    expect(Math.abs(want.cost)).toBeGreaterThan(0.05);
    expect([want.W[0][3], want.W[1][7]]).toEqual([0, 0]);
    expectClose([got.cost], [want.cost], { rtol: 1e-5, atol: 1e-6 }, 'cost term');
    got.W.forEach((w, l) => expectClose(w, want.W[l], { rtol: 1e-3, atol: 2e-7 }, `W${l + 1} term`));
    got.b.forEach((b) => expect(Array.from(b)).toEqual(Array.from(b, () => 0)));
  });
});

describe.each(['layered', 'fused', 'unrolled'] as const)('the L1 fixture on the %s path', (path) => {
  const iterations = 300;
  it.each(Object.entries(l1Vectors.l1_runs))(`%s: ${iterations} iterations of costs within 1e-4 of the f32 reference and of numpy; accuracies equal`, async (_name, run) => {
    const o = l1Options(run);
    const g = await GpuTrainer.create({ gpu: gpu(), ...o, path });
    const c = new CpuTrainer({ ...o, precision: 'f32' });
    try {
      const gc = (await g.run(0, iterations, 1)).map((p) => p.cost);
      expectClose(gc, c.runSync(0, iterations, 1).map((p) => p.cost), { rtol: 1e-4 }, 'GPU vs f32 CPU costs');
      for (const it of [0, 1, 2, 10, 100]) expectClose([gc[it]], [run.costs_at_iteration[it]], { rtol: 1e-4 }, `cost ${it} vs numpy`);
      for (const set of [fixtureTrain, fixtureTest]) expect((await g.evaluate(set)).accuracy).toBe(c.evaluateSync(set).accuracy);
    } finally {
      g.dispose();
    }
  });
});
