/** The rest of the lesson: vanishing gradients, initialization, gradient check — CPU, and GPU where it computes. */
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../src/data/generators';
import { releaseGpu } from '../src/gpu/device';
import { validateSettings } from '../src/model/settings';
import { deepLayers, gradientTrace } from '../src/train/gradients';
import { initCompare } from '../src/train/init-compare';
import { expectClose } from './close';

afterAll(async () => {
  await releaseGpu();
});

const data = generateDataset({ name: 'moons', size: 200, noise: 0.2, seed: 2, testFraction: 0 }).train;

describe('vanishing gradients', () => {
  it('12-layer sigmoid net, scaled init: the first layer\'s ‖dW‖ is ≥ 100× smaller than the last\'s at initialization (CPU and GPU agree)', async () => {
    const s = { layers: deepLayers(12, 10), activation: 'sigmoid' as const, init: 'scaled' as const, iterations: 21, learningRate: 0.5 };
    const cpu = await gradientTrace(validateSettings({ ...s, backend: 'cpu', precision: 'f32' }), data, 10);
    const gpu = await gradientTrace(validateSettings({ ...s, backend: 'gpu' }), data, 10);
    expect(cpu.points.map((p) => p.iteration)).toEqual([0, 10, 20]);
    expect(gpu.points.map((p) => p.iteration)).toEqual([0, 10, 20]);
    const n0 = cpu.points[0].norms;
    expect(n0).toHaveLength(12);
    expect(n0[11] / n0[0]).toBeGreaterThanOrEqual(100);
    expectClose(gpu.points[0].norms, n0, { rtol: 1e-3 }, 'norms at initialization');
    // Later the gradients shrink to ~1e-6 and below: sums of nearly cancelling float32 terms, so the
    // two float32 implementations (different summation orders) agree to a few per cent.
    cpu.points.slice(1).forEach((p, k) => expectClose(gpu.points[k + 1].norms, p.norms, { rtol: 5e-2 }, `norms at ${p.iteration}`));
  });

  it('ReLU with He initialization keeps the first layer\'s gradient within 100× of the last\'s', async () => {
    const t = await gradientTrace(validateSettings({ layers: deepLayers(12, 10), activation: 'relu', init: 'he', iterations: 1 }), data, 1);
    const n = t.points[0].norms;
    expect(n[11] / n[0]).toBeLessThan(100);
  });
});

describe('initialization lab', () => {
  // Balanced classes (generators alternate labels; no split): with zeros every hidden unit is
  // identical and dead, and the output bias has nothing to learn, so the cost is ln 2 throughout.
  const split = {
    train: generateDataset({ name: 'circles', size: 200, noise: 0.1, seed: 3, testFraction: 0 }).train,
    test: generateDataset({ name: 'circles', size: 200, noise: 0.1, seed: 4, testFraction: 0 }).train,
  };
  it.each(['cpu', 'gpu'] as const)('zeros: the cost stays at ln 2 (within 1e-6) and accuracy near chance — %s', async (backend) => {
    const [zeros] = await initCompare(validateSettings({ layers: [10, 5], iterations: 300, logEvery: 50, learningRate: 0.1, backend }), split.train, split.test, ['zeros']);
    for (const c of zeros.costs) expect(Math.abs(c.cost - Math.LN2)).toBeLessThan(1e-6);
    expect(Math.abs(zeros.train.accuracy - 0.5)).toBeLessThan(0.1);
  });
  it('large random starts with a huge cost; He ends far better than zeros', async () => {
    const runs = await initCompare(validateSettings({ layers: [10, 5], iterations: 2000, learningRate: 0.1 }), split.train, split.test);
    const by = Object.fromEntries(runs.map((r) => [r.settings.init, r]));
    expect(by.random.costs[0].cost).toBeGreaterThan(100 * by.he.costs[0].cost);
    expect(by.he.test!.accuracy).toBeGreaterThan(by.zeros.test!.accuracy + 0.25);
    expect(by.he.finalCost).toBeLessThan(by.random.finalCost);
  });
});
