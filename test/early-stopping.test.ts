/** Early stopping: stops when the monitored cost stops improving and restores the best weights, on both backends. */
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../src/data/generators';
import { splitValidation } from '../src/data/split';
import { releaseGpu } from '../src/gpu/device';
import { validateSettings } from '../src/model/settings';
import { withMonitor } from '../src/data/prepare';
import { createTrainer } from '../src/train/factory';
import { runTraining } from '../src/train/run';

afterAll(async () => {
  await releaseGpu();
});

const data = generateDataset({ name: 'moons', size: 160, noise: 0.4, seed: 5, testFraction: 0.5 });

describe.each(['cpu', 'gpu'] as const)('early stopping (%s)', (backend) => {
  it('stops on the validation split, reports the best iteration and restores its weights', async () => {
    const settings = validateSettings({
      layers: [64, 32], iterations: 20_000, logEvery: 50, learningRate: 0.5, earlyStopping: 3, backend, gpuPath: 'layered',
    });
    const { train, monitor } = withMonitor(settings, data.train, data.test);
    expect(train.m + monitor!.m).toBe(data.train.m);
    const trainer = await createTrainer(settings, train);
    try {
      const r = await runTraining({ settings, trainer, train, test: data.test, monitor });
      const es = r.earlyStopping!;
      expect(es.stopped).toBe(true);
      expect(es.stopIteration).toBeLessThan(settings.iterations - 1);
      expect(es.stopIteration - es.bestIteration).toBe(3 * 50);
      expect(es.costs.map((c) => c.iteration)).toEqual(Array.from({ length: es.costs.length }, (_, k) => 50 * k + 49));
      expect(Math.min(...es.costs.map((c) => c.cost))).toBe(es.bestCost);
      // the restored weights give the best validation cost again
      const again = (await trainer.evaluate(monitor!)).cost;
      expect(Math.abs(again - es.bestCost)).toBeLessThanOrEqual(backend === 'cpu' ? 0 : 1e-6 * es.bestCost);
      expect(r.costs.at(-1)!.iteration).toBe(es.stopIteration);
    } finally {
      trainer.dispose();
    }
  });
});

it('the validation split is seeded, disjoint and complete', () => {
  const a = splitValidation(data.train, 0.25, 7);
  const b = splitValidation(data.train, 0.25, 7);
  expect(a.validation.X).toEqual(b.validation.X);
  expect(a.validation.m).toBe(Math.ceil(0.25 * data.train.m));
  expect(a.train.m + a.validation.m).toBe(data.train.m);
  const key = (s: typeof a.train, j: number) => `${s.X[j]},${s.X[s.m + j]}`;
  const all = new Set([...Array(a.train.m).keys()].map((j) => key(a.train, j)));
  for (let j = 0; j < a.validation.m; j++) expect(all.has(key(a.validation, j))).toBe(false);
});

it('monitor test needs a test set; bad early-stopping settings name their field', () => {
  expect(() => withMonitor(validateSettings({ earlyStopping: 3, monitor: 'test' }), data.train, null)).toThrow(/^monitor:/);
  expect(() => validateSettings({ earlyStopping: -1 })).toThrow(/^earlyStopping:/);
  expect(() => validateSettings({ validationFraction: 1 })).toThrow(/^validationFraction:/);
  expect(() => validateSettings({ minDelta: NaN })).toThrow(/^minDelta:/);
});
