/**
 * The sweep lab: every model of a sweep is the run `reglab train` makes with its settings — on the
 * GPU's unrolled path bit for bit though the models train side by side (one per workgroup), in one
 * dispatch or in waves; on the CPU the same code one model after another.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { releaseGpu } from '../src/gpu/device';
import { generateDataset } from '../src/data/generators';
import { validateSettings, type TrainSettings } from '../src/model/settings';
import { bestOf, runSweep, summarizeSweep, sweepData, sweepModels, type SweepRun } from '../src/labs/sweep';
import { createTrainer } from '../src/train/factory';
import { makeSpec } from '../src/model/network';
import { gpuPathFor } from '../src/gpu/paths/rule';
import { FUSED_MAX, fusedUnfit } from '../src/gpu/paths/fused';
import { runTraining } from '../src/train/run';

afterAll(async () => {
  await releaseGpu();
});

const data = generateDataset({ name: 'moons', size: 160, noise: 0.25, seed: 4, testFraction: 0.5 });
const SEED = 2;
const base = (extra: Partial<TrainSettings>) => validateSettings({ iterations: 200, logEvery: 100, seed: SEED, ...extra });

/**
 * The single run of these settings, as `reglab train` makes it on the sweep's training points (the
 * training data less the validation split): its validation evaluation, and its test evaluation after.
 */
async function alone(settings: TrainSettings) {
  const sd = sweepData({ ...settings, seed: SEED }, data.train, data.test); // the sweep's split: its base seed, whatever the model's
  const trainer = await createTrainer(settings, sd.train);
  try {
    const r = await runTraining({ settings, trainer, train: sd.train, test: sd.validation });
    return { ...r, validation: r.test, test: await trainer.evaluate(data.test!) };
  } finally {
    trainer.dispose();
  }
}

async function expectEachAsAlone(runs: SweepRun[], settingsOf: (r: SweepRun) => TrainSettings): Promise<void> {
  for (const run of runs) {
    const single = await alone(settingsOf(run));
    const label = `λ ${run.l2}, λ₁ ${run.l1}, keep_prob ${run.keepProb}, seed ${run.seed}`;
    expect(run.finalCost, label).toBe(single.finalCost);
    expect(run.train, label).toEqual(single.train);
    expect(run.validation, label).toEqual(single.validation);
    expect(run.test, label).toEqual(single.test);
    expect(run.nearZeroShare, label).toBe(single.nearZeroShare);
  }
}

describe('sweep on the GPU (unrolled path): each model bit for bit as its own run', () => {
  // seed k + 1 draws other weights and masks; with two seeds the Philox flags are drawn in two
  // groups of four models (shaders/dropout_bits.wgsl: one draw per seed, each model its keep_prob)
  it.each([['philox', 2], ['numpy', 1]] as const)('none, L2, dropout and L2 + dropout (%s masks), %i seed(s), in one dispatch', async (dropoutRng, seeds) => {
    const settings = base({ backend: 'gpu', gpuPath: 'unrolled', dropoutRng });
    const models = sweepModels(settings, { l2s: [0, 0.7], keepProbs: [1, 0.86], seeds });
    const result = await runSweep(models, sweepData(settings, data.train, data.test));
    expect(result.modelsPerDispatch).toBe(models.length);
    expect(result.runs.map((r) => [r.l2, r.keepProb, r.seed])).toEqual(models.map((m) => [m.l2, m.keepProb, m.seed]));
    await expectEachAsAlone(result.runs, (r) => validateSettings({ ...settings, l2: r.l2, keepProb: r.keepProb, seed: r.seed, dropoutSeed: r.seed }));
  });

  it('L1 lists: none, L1, L2, dropout and their pairs, 8 models in one dispatch, each bit for bit as its own run (its share of weights near zero too)', async () => {
    const settings = base({ backend: 'gpu', gpuPath: 'unrolled', init: 'he' });
    const models = sweepModels(settings, { l2s: [0, 0.7], l1s: [0, 0.05], keepProbs: [1, 0.86] });
    expect(models.map((m) => [m.l2, m.l1, m.keepProb])).toEqual([
      [0, 0, 1], [0, 0, 0.86], [0, 0.05, 1], [0, 0.05, 0.86], [0.7, 0, 1], [0.7, 0, 0.86], [0.7, 0.05, 1], [0.7, 0.05, 0.86],
    ]);
    const result = await runSweep(models, sweepData(settings, data.train, data.test));
    expect(result.modelsPerDispatch).toBe(8);
    await expectEachAsAlone(result.runs, (r) => validateSettings({ ...settings, l2: r.l2, l1: r.l1, keepProb: r.keepProb, seed: r.seed, dropoutSeed: r.seed }));
    // L1 leaves more weights near zero than no penalty does
    expect(result.runs[2].nearZeroShare!).toBeGreaterThan(result.runs[0].nearZeroShare!);
  });

  it('waves of 3 models give the numbers of one dispatch of 4 (two seeds)', async () => {
    const settings = base({ backend: 'gpu', gpuPath: 'unrolled' });
    const models = sweepModels(settings, { l2s: [0, 1], keepProbs: [0.8], seeds: 2 });
    const sd = sweepData(settings, data.train, data.test);
    const [one, waves] = [await runSweep(models, sd), await runSweep(models, sd, { maxModelsPerDispatch: 3 })];
    expect(waves.modelsPerDispatch).toBe(3);
    expect(waves.runs).toEqual(one.runs);
  });
});

describe('sweep on the CPU reference', () => {
  it('each model is its own run (float64, the same code one after another)', async () => {
    const settings = base({ backend: 'cpu' });
    const models = sweepModels(settings, { l2s: [0, 0.7], keepProbs: [1, 0.86] });
    const result = await runSweep(models, sweepData(settings, data.train, data.test));
    expect(result.backend).toBe('cpu');
    await expectEachAsAlone(result.runs, (r) => validateSettings({ ...settings, l2: r.l2, keepProb: r.keepProb, seed: r.seed, dropoutSeed: r.seed }));
    // three at a time (the page's workers) reports the same runs in the sweep's order
    const lanes = await runSweep(models, sweepData(settings, data.train, data.test), { cpuConcurrency: 3 });
    expect(lanes.runs).toEqual(result.runs);
  });

  it('chooses on a validation split of the training data by default, the same split for every model; never on the test set', () => {
    const settings = base({ backend: 'cpu', validationFraction: 0.25 });
    const sd = sweepData(settings, data.train, data.test);
    expect(sd.monitor).toBe('validation');
    expect(sd.validation!.m + sd.train.m).toBe(data.train.m);
    expect(sd.validation!.m).toBe(Math.round(0.25 * data.train.m));
    expect(sd.test).toBe(data.test);
    // the split is seeded by the base seed: the same for a second call
    expect(sweepData(settings, data.train, data.test).validation!.X).toEqual(sd.validation!.X);
    const whole = sweepData(settings, data.train, data.test, 'train');
    expect(whole).toMatchObject({ monitor: 'train', validation: null, train: data.train });
    expect(() => sweepData(settings, data.train, data.test, 'test')).toThrow(expect.objectContaining({ field: 'monitor', message: expect.stringMatching(/never chooses on the test set/) }));
    expect(() => sweepData(settings, data.train, data.test, 'foo')).toThrow(expect.objectContaining({ field: 'monitor' }));
  });

  it('the best is the argmax of mean validation accuracy, not of test accuracy; every run has its validation and test evaluation; times apart', async () => {
    const settings = base({ backend: 'cpu', iterations: 300 });
    const models = sweepModels(settings, { l2s: [0, 0.3, 3, 30], keepProbs: [1, 0.7] });
    const result = await runSweep(models, sweepData(settings, data.train, data.test));
    expect(result.monitor).toBe('validation');
    for (const r of result.runs.filter((x) => !x.diverged)) {
      expect(r.validation).toEqual({ accuracy: expect.any(Number), cost: expect.any(Number) });
      expect(r.test).toEqual({ accuracy: expect.any(Number), cost: expect.any(Number) });
    }
    const summary = summarizeSweep(result);
    const valid = summary.cells.filter((c) => c.validation);
    const byValidation = valid.reduce((a, c) => (c.validation!.mean > a.validation!.mean ? c : a));
    expect(summary.best).toBe(byValidation);
    expect(bestOf(summary)).toEqual({
      l2: byValidation.l2, l1: 0, keepProb: byValidation.keepProb, chosenOn: 'validation', seeds: 1, trainAccuracy: byValidation.train!.mean,
      validationAccuracy: byValidation.validation!.mean, testAccuracy: byValidation.test!.mean,
    });
    // a sweep whose test set prefers another model still chooses by validation: swap the sets' roles
    const swapped = summarizeSweep({ monitor: 'validation', runs: result.runs.map((r) => ({ ...r, validation: r.test, test: r.validation })) });
    const byTest = valid.reduce((a, c) => (c.test!.mean > a.test!.mean ? c : a));
    expect([swapped.best!.l2, swapped.best!.keepProb]).toEqual([byTest.l2, byTest.keepProb]);
    expect(result.wallMs).toBeGreaterThanOrEqual(0);
    expect(result.setupMs).toBeGreaterThanOrEqual(0);
    expect(result.params).toBeUndefined(); // weights only when asked (the page), never in the JSON
    const kept = await runSweep(models.slice(0, 1), sweepData(settings, data.train, data.test), { keepParams: true });
    expect(kept.params![0]!.W).toHaveLength(settings.layers.length + 1);
  });
});

describe('sweep settings', () => {
  it('defaults: λ from 0 to 3 without dropout or L1; λ 0 when only keep_prob or λ₁ values are given', () => {
    const settings = base({});
    expect(sweepModels(settings, {}).map((m) => [m.l2, m.l1])).toEqual([0, 0.01, 0.03, 0.1, 0.3, 0.7, 1, 3].map((l2) => [l2, 0]));
    expect(sweepModels(settings, { keepProbs: [1, 0.5] }).map((m) => [m.l2, m.keepProb])).toEqual([[0, 1], [0, 0.5]]);
    expect(sweepModels(settings, { l1s: [0, 0.1] }).map((m) => [m.l2, m.l1, m.settings.l1])).toEqual([[0, 0, 0], [0, 0.1, 0.1]]);
  });

  it('refuses bad lists naming the field, and what a sweep cannot do', () => {
    const settings = base({});
    expect(() => sweepModels(settings, { keepProbs: [1, 0] })).toThrow(expect.objectContaining({ field: 'keepProb' }));
    expect(() => sweepModels(settings, { l2s: [-1] })).toThrow(expect.objectContaining({ field: 'l2' }));
    expect(() => sweepModels(settings, { l1s: [0, -0.1] })).toThrow(expect.objectContaining({ field: 'l1' }));
    expect(() => sweepModels(settings, { l1s: [0.1, 0.1] })).toThrow(/0.1 appears twice/);
    expect(() => sweepModels(settings, { l2s: [0.1, 0.1] })).toThrow(/0.1 appears twice/);
    expect(() => sweepModels(settings, { l2s: [] })).toThrow(/empty/);
    expect(() => sweepModels(settings, { seeds: 0 })).toThrow(expect.objectContaining({ field: 'seeds' }));
    expect(() => sweepModels(settings, { seeds: 1000 })).toThrow(/8000 models .* > 4096/);
    expect(() => sweepModels(base({ earlyStopping: 3 }), {})).toThrow(expect.objectContaining({ field: 'earlyStopping' }));
    expect(() => sweepModels(base({ augmentCopies: 2 }), {})).toThrow(expect.objectContaining({ field: 'augmentCopies' }));
  });
});

describe('sweep on the GPU (fused path): networks too large to unroll, still side by side', () => {
  it.each(['philox', 'numpy'] as const)('[24, 24] (697 parameters, 48 units), %s masks: none, L2, dropout and L2 + dropout, each bit for bit as its own fused run', async (dropoutRng) => {
    const settings = base({ backend: 'gpu', gpuPath: 'fused', layers: [24, 24], iterations: 60, logEvery: 30, dropoutRng });
    const models = sweepModels(settings, { l2s: [0, 0.7], keepProbs: [1, 0.86] });
    const result = await runSweep(models, sweepData(settings, data.train, data.test));
    expect(result).toMatchObject({ gpuPath: 'fused', modelsPerDispatch: 4 });
    await expectEachAsAlone(result.runs, (r) => validateSettings({ ...settings, l2: r.l2, keepProb: r.keepProb, seed: r.seed, dropoutSeed: r.seed }));
  });

  it('[24, 24] with L1: none, L1, dropout and L1 + dropout, each bit for bit as its own fused run', async () => {
    const settings = base({ backend: 'gpu', gpuPath: 'fused', layers: [24, 24], iterations: 60, logEvery: 30, init: 'he' });
    const models = sweepModels(settings, { l1s: [0, 0.05], keepProbs: [1, 0.86] });
    const result = await runSweep(models, sweepData(settings, data.train, data.test));
    expect(result).toMatchObject({ gpuPath: 'fused', modelsPerDispatch: 4 });
    await expectEachAsAlone(result.runs, (r) => validateSettings({ ...settings, l2: r.l2, l1: r.l1, keepProb: r.keepProb, seed: r.seed, dropoutSeed: r.seed }));
  });

  it('[40, 30] (71 units: the wide compile, which only a named --gpu-path fused gets): none, L2, dropout and L2 + dropout, each bit for bit as its own fused run', async () => {
    const settings = base({ backend: 'gpu', gpuPath: 'fused', layers: [40, 30], iterations: 30, logEvery: 15 });
    const spec = makeSpec(2, [40, 30], 'relu');
    expect(gpuPathFor('auto', spec, data.train.m, false)).toBe('layered');
    expect(fusedUnfit(spec, FUSED_MAX.units)).toBe('71 units > 64');
    const models = sweepModels(settings, { l2s: [0, 0.7], keepProbs: [1, 0.86] });
    const result = await runSweep(models, sweepData(settings, data.train, data.test));
    expect(result).toMatchObject({ gpuPath: 'fused', modelsPerDispatch: 4 });
    await expectEachAsAlone(result.runs, (r) => validateSettings({ ...settings, l2: r.l2, keepProb: r.keepProb, seed: r.seed, dropoutSeed: r.seed }));
    // and each trains as the layered path's run does, within float32 rounding (other sums, other order)
    for (const run of result.runs) {
      const layered = await alone(validateSettings({ ...settings, gpuPath: 'layered', l2: run.l2, keepProb: run.keepProb, seed: run.seed, dropoutSeed: run.seed }));
      expect(Math.abs(run.finalCost - layered.finalCost), `λ ${run.l2}, keep_prob ${run.keepProb}`).toBeLessThan(1e-4);
    }
  });
});

describe('GpuTrainer side by side', () => {
  it('refuses more models than one dispatch holds (a sweep splits them into waves) and any on the layered path', async () => {
    const { acquireGpu } = await import('../src/gpu/device');
    const { GpuTrainer } = await import('../src/gpu/trainer');
    const { initParams } = await import('../src/model/init');
    const { makeSpec } = await import('../src/model/network');
    const gpu = await acquireGpu();
    const spec = makeSpec(2, [3], 'relu');
    const params = initParams(spec, { init: 'he', rng: 'philox', seed: 1 });
    const o = { gpu, spec, params, train: data.train, learningRate: 0.1, l2: 0, keepProb: 1, dropoutRng: 'philox' as const, dropoutSeed: 1 };
    const many = Array.from({ length: 1025 }, () => ({ params, l2: 0, keepProb: 1, dropoutSeed: 1 }));
    await expect(GpuTrainer.create({ ...o, path: 'unrolled', variants: many })).rejects.toThrow(/^1025 models in one dispatch: this device and network allow at most 1024$/);
    await expect(GpuTrainer.create({ ...o, path: 'layered', variants: many.slice(0, 2) })).rejects.toThrow(/layered path trains one model at a time/);
  });
});
