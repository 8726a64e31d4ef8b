/** The rest of the lesson: vanishing gradients, initialization, gradient check — CPU, and GPU where it computes. */
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../src/data/generators';
import { releaseGpu } from '../src/gpu/device';
import { validateSettings } from '../src/model/settings';
import { deepLayers, gradientTrace } from '../src/labs/gradients';
import { initCompare } from '../src/labs/init-compare';
import { axis, filterNormalizedDirection, landscape, landscapeCpu } from '../src/labs/landscape';
import { landscapeOnGpu } from '../src/gpu/landscape';
import { acquireGpu } from '../src/gpu/device';
import { makeSpec } from '../src/model/network';
import { initParams } from '../src/model/init';
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

describe('loss landscape', () => {
  it('reglab landscape on the GPU matches the CPU run (1e-2); the trajectory ends at (0, 0); the centre beats the corners', async () => {
    const s = { layers: [6, 4], iterations: 200, logEvery: 50, l2: 0.3 };
    const gpu = await landscape(validateSettings({ ...s, backend: 'gpu' }), data, 9, 1);
    const cpu = await landscape(validateSettings({ ...s, backend: 'cpu', precision: 'f32' }), data, 9, 1);
    expect(gpu.backend).toBe('gpu');
    expect(gpu.costs).toHaveLength(9);
    expect(gpu.alphas[4]).toBe(0);
    // Both trained in float32 but in different summation orders, so their centres differ slightly;
    // the exact kernel-vs-reference check on one centre is the next test.
    const g = gpu.costs.flat();
    expect(g.every(Number.isFinite)).toBe(true);
    expect(cpu.costs.flat().every(Number.isFinite)).toBe(true);
    expectClose(g, cpu.costs.flat(), { rtol: 1e-2 }, 'GPU vs CPU landscape');
    const end = gpu.trajectory.at(-1)!;
    expect(end.iteration).toBe(200);
    expect(Math.abs(end.alpha) + Math.abs(end.beta)).toBeLessThan(1e-12);
    expect(gpu.trajectory.map((t) => t.iteration)).toEqual([0, 50, 100, 150, 200]);
    // the centre is the minimum of its neighbourhood more often than not: at least lower than the corners
    const c = gpu.costs[4][4];
    for (const corner of [gpu.costs[0][0], gpu.costs[0][8], gpu.costs[8][0], gpu.costs[8][8]]) expect(c).toBeLessThan(corner);
  });

  it('landscapeCpu and the GPU kernel agree exactly on the same centre and directions (1e-4), L2 and L1 terms included', async () => {
    const spec = makeSpec(2, [5, 3], 'tanh');
    const center = initParams(spec, { init: 'he', rng: 'philox', seed: 8 });
    const d1 = filterNormalizedDirection(spec, center, 1), d2 = filterNormalizedDirection(spec, center, 2);
    const alphas = axis(5, 0.5), betas = axis(5, 0.5);
    for (const reg of [{ l2: 0.2 }, { l2: 0.2, l1: 0.3 }]) {
      const ref = landscapeCpu(spec, center, d1, d2, data, alphas, betas, reg);
      const got = await landscapeOnGpu(await acquireGpu(), spec, center, d1, d2, data, alphas, betas, reg);
      expectClose(got, ref, { rtol: 1e-4 }, `landscape grid, ${JSON.stringify(reg)}`);
    }
    // filter normalization: each row of a direction has the norm of that row of the weights
    const W = center.W[0], D = d1.W[0];
    for (let i = 0; i < 5; i++) {
      const wn = Math.hypot(W[2 * i], W[2 * i + 1]), dn = Math.hypot(D[2 * i], D[2 * i + 1]);
      expect(Math.abs(wn - dn)).toBeLessThan(1e-12);
    }
  });
});
