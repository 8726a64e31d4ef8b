/**
 * GpuTrainer against the float32 CPU reference, on SwiftShader through dawn.node in CI (fails, not
 * skips, when no adapter can be had). Costs within 1e-4 relative over the first 500 iterations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, releaseGpu, type GpuContext } from '../src/gpu/device';
import { GpuTrainer } from '../src/gpu/trainer';
import { initParams } from '../src/model/init';
import { makeSpec } from '../src/model/network';
import { CpuTrainer } from '../src/reference/trainer';
import { expectClose } from './close';
import { fixtureTest, fixtureTrain, vectors } from './fixtures';

let gpu: GpuContext;
beforeAll(async () => {
  gpu = await acquireGpu();
});
afterAll(async () => {
  await releaseGpu();
});

const spec = makeSpec(2, [20, 3], 'relu');
const courseInit = () => initParams(spec, { init: 'scaled', rng: 'numpy', seed: 3 });

describe('GpuTrainer', () => {
  it('has an adapter', () => {
    expect(gpu.adapterName.length).toBeGreaterThan(0);
  });

  it('course run none: costs match the f32 reference', async () => {
    const opts = { spec, params: courseInit(), train: fixtureTrain, learningRate: 0.3, l2: 0, keepProb: 1, dropoutRng: 'philox' as const, dropoutSeed: 42 };
    const g = await GpuTrainer.create({ gpu, ...opts });
    const c = new CpuTrainer({ ...opts, precision: 'f32' });
    const gc = (await g.run(0, 20, 1)).map((p) => p.cost);
    const cc = c.runSync(0, 20, 1).map((p) => p.cost);
    console.log(gc.slice(0, 5), cc.slice(0, 5));
    expectClose(gc, cc, { rtol: 1e-4 }, 'costs');
    g.dispose();
  });
});
