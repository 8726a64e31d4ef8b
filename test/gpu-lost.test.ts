/** Destroying the device mid-run ends in a clear error, never a hang (its own file: it kills the device). */
import { afterAll, expect, it } from 'vitest';
import { acquireGpu, releaseGpu } from '../src/gpu/device';
import { GpuDeviceLostError } from '../src/gpu/errors';
import { GpuTrainer } from '../src/gpu/trainer';
import { initParams } from '../src/model/init';
import { makeSpec } from '../src/model/network';
import { fixtureTrain } from './fixtures';

afterAll(async () => {
  await releaseGpu();
});

it('a device destroyed mid-run stops training with GpuDeviceLostError naming the last iteration', async () => {
  const gpu = await acquireGpu();
  const spec = makeSpec(2, [20, 3], 'relu');
  const t = await GpuTrainer.create({
    gpu, spec, params: initParams(spec, { init: 'he', rng: 'philox', seed: 1 }), train: fixtureTrain,
    learningRate: 0.1, l2: 0, keepProb: 0.9, dropoutRng: 'philox', dropoutSeed: 1, chunk: 64,
  });
  const running = t.run(0, 200_000, 1000);
  setTimeout(() => gpu.device.destroy(), 300);
  const err = await running.then(() => null, (e) => e);
  expect(err).toBeInstanceOf(GpuDeviceLostError);
  expect(err.message).toMatch(/GPU device was lost .*stopped after iteration -?\d+/);
  await expect(t.evaluate(fixtureTrain)).rejects.toBeInstanceOf(GpuDeviceLostError);
  // a fresh device can be had afterwards
  const again = await acquireGpu();
  expect(again.device).not.toBe(gpu.device);
}, 60_000);
