/**
 * The sweep lab: which λ, which keep_prob (which λ₁)? Many models of the same network on the same
 * data, one per (λ, λ₁, keep_prob, seed), each reported as `reglab train` would report it alone — the validation curve
 * of the lesson in one run. On the GPU's single-dispatch paths (unrolled, fused: networks of up to
 * 64 units, or 256 when the fused path is asked for by name) the models train side by side, one per
 * workgroup, in as few dispatches as the device
 * allows (waves); elsewhere (the CPU reference, the layered path) one after another. Either way each
 * model's numbers are those of its own run: bit for bit on the GPU, the same code on the CPU.
 *
 * Model selection as it should be done: by default every model trains on the training data less a
 * validation split (validationFraction, 20 %, seeded by the base seed: the same split for every model
 * and the one early stopping holds out), the best (λ, λ₁, keep_prob) is chosen on that split, and each
 * model's test accuracy is reported beside it — never used to choose. `monitor: 'train'` trains on the
 * whole training set and chooses on it (what the notebook's numbers need); the test set is never a choice.
 */
import { SettingsError, validateSettings, type TrainSettings } from '../model/settings';
import type { Evaluation, LabelledSet, Trainer } from '../model/types';
import { assertFloat32Run, assertFloat32Set } from '../model/float32';
import { nearZeroShare } from '../model/sparsity';
import { type SweepData, type SweepMonitor } from './sweep-data';
import { acquireGpu, gpuPathFor, GpuTrainer, modelsPerDispatch, type GpuContext, type GpuPath, type Variant } from '../gpu';
import { createTrainer, initialParams, specFor, type TrainerFactory } from '../train/factory';
import { chunkSize, DivergenceError, runModelChunks, runTraining } from '../train/run';
import { ReglabError } from '../errors';
import type { Params } from '../model/network';
import { TrainingClock } from '../train/timing';

/** λ and keep_prob when a sweep is given neither list: the validation curve of λ. */
export const DEFAULT_SWEEP_L2 = [0, 0.01, 0.03, 0.1, 0.3, 0.7, 1, 3];
/** More models than this are refused: a typo (a list of thousands) should not run for hours. */
export const SWEEP_MAX_MODELS = 4096;

export interface SweepRequest {
  /** λ values (default DEFAULT_SWEEP_L2 when neither keepProbs nor l1s is given, else [0]). */
  l2s?: number[];
  /** λ₁ values of the L1 penalty (default [0]). */
  l1s?: number[];
  /** keep_prob values (default [1]). */
  keepProbs?: number[];
  /** Seeds per (λ, keep_prob): seed + k and dropout seed + k for k < seeds (default 1). */
  seeds?: number;
}

export interface SweepModel {
  l2: number;
  l1: number;
  keepProb: number;
  seed: number;
  settings: TrainSettings;
}

export interface SweepRun {
  l2: number;
  l1: number;
  keepProb: number;
  seed: number;
  /** The cost of the last iteration (the lesson's "final cost"); NaN when the model diverged. */
  finalCost: number;
  /** Accuracy and cross-entropy on the points it trained on; null when the model diverged. */
  train: Evaluation | null;
  /** The same on the validation split (what the sweep chooses on); null when the model diverged or monitor is 'train'. */
  validation: Evaluation | null;
  /** The same on the test set, reported beside (never chosen on); null when there is no test set or the model diverged. */
  test: Evaluation | null;
  /** The share of its final weights near zero (as `reglab train` reports it); null when the model diverged. */
  nearZeroShare: number | null;
  /** Why the model counts as diverged (as `reglab train` would say), when it does. */
  diverged?: string;
}

export interface SweepResult {
  backend: Trainer['backend'];
  adapter: string | null;
  settings: TrainSettings;
  /** The set the best model is chosen on. */
  monitor: SweepMonitor;
  /** With monitor 'validation': the fraction of the training data held out (the validation split). */
  validationFraction?: number;
  /** GPU: the kernel path, and how many models one dispatch trained (1: one run after another). */
  gpuPath?: string;
  modelsPerDispatch?: number;
  runs: SweepRun[];
  /** Training time (src/train/timing.ts): from the first submit to the last result read back, set-up excluded. */
  wallMs: number;
  /** One-time set-up: the device, pipeline compiles, data uploads, trainers built (not overlapped by training). */
  setupMs: number;
  /** With `keepParams`: each run's final weights (null when it diverged), for the page to draw; never in the JSON. */
  params?: (Params | null)[];
}

/** Sweep settings errors name the field, as every setting's do: a list entry names its list. */
function listOf(field: 'l2' | 'l1' | 'keepProb', values: number[] | undefined): number[] | undefined {
  if (values === undefined) return undefined;
  if (values.length === 0) throw new SettingsError(field, 'the list is empty');
  const seen = new Set<number>();
  for (const v of values) {
    if (seen.has(v)) throw new SettingsError(field, `${v} appears twice in the list`);
    seen.add(v);
  }
  return values;
}

/** The models of a sweep, validated before any work: seeds outermost, then λ, then λ₁, then keep_prob. */
export function sweepModels(base: TrainSettings, req: SweepRequest): SweepModel[] {
  if (base.earlyStopping > 0) throw new SettingsError('earlyStopping', 'not with a sweep (every model trains its full iterations)');
  if (base.augmentCopies > 0 || base.augmentMirror !== 'none' || base.augmentRotate !== 0) {
    throw new SettingsError('augmentCopies', 'not with a sweep (every model trains on the same points)');
  }
  const keepProbs = listOf('keepProb', req.keepProbs) ?? [1];
  const l1s = listOf('l1', req.l1s) ?? [0];
  const l2s = listOf('l2', req.l2s) ?? (req.keepProbs || req.l1s ? [0] : DEFAULT_SWEEP_L2);
  const seeds = req.seeds ?? 1;
  if (!Number.isInteger(seeds) || seeds < 1) throw new SettingsError('seeds', `must be a positive integer, got ${seeds}`);
  const count = seeds * l2s.length * l1s.length * keepProbs.length;
  if (count > SWEEP_MAX_MODELS) throw new SettingsError('seeds', `${count} models (seeds × λ values × λ₁ values × keep_prob values) > ${SWEEP_MAX_MODELS}`);
  const models: SweepModel[] = [];
  for (let k = 0; k < seeds; k++) {
    for (const l2 of l2s) {
      for (const l1 of l1s) {
        for (const keepProb of keepProbs) {
          const settings = validateSettings({ ...base, l2, l1, keepProb, seed: base.seed + k, dropoutSeed: base.dropoutSeed + k });
          models.push({ l2, l1, keepProb, seed: settings.seed, settings });
        }
      }
    }
  }
  return models;
}

export interface SweepOptions {
  /** Called after each chunk: models × iterations done of the total. */
  onProgress?: (done: number, total: number) => void;
  /** At most this many models in one dispatch (default: the device's limit); tests lower it to make waves. */
  maxModelsPerDispatch?: number;
  /** Awaited between chunks (a page stays responsive). */
  yieldBetweenChunks?: () => Promise<void>;
  /** One model after another even where they could train side by side (the benchmark's baseline). */
  oneAtATime?: boolean;
  /** Makes the trainers of one-at-a-time runs (default createTrainer; the page's runs the CPU in workers). */
  makeTrainer?: TrainerFactory;
  /**
   * Models trained at once where they train one at a time on the CPU (default 1): the page's CPU
   * trainers are workers, so two or more keep more cores busy. Each model's numbers are its own.
   */
  cpuConcurrency?: number;
  /** Keep each model's final weights in the result's `params` (the page draws a chosen model's boundary from them). */
  keepParams?: boolean;
}

interface Outcome {
  finalCost: number;
  train: Evaluation | null;
  validation: Evaluation | null;
  test: Evaluation | null;
  nearZeroShare: number | null;
  params: Params | null;
  diverged?: string;
}

function runOf(m: SweepModel, r: Outcome): SweepRun {
  return {
    l2: m.l2, l1: m.l1, keepProb: m.keepProb, seed: m.seed, finalCost: r.finalCost, train: r.train, validation: r.validation, test: r.test,
    nearZeroShare: r.nearZeroShare, ...(r.diverged ? { diverged: r.diverged } : {}),
  };
}

/** A diverged model's outcome: no numbers, why. */
const divergedOutcome = (why: string): Outcome => ({ finalCost: NaN, train: null, validation: null, test: null, nearZeroShare: null, params: null, diverged: why });

/** What the two ways of training a sweep return: its runs, and each run's outcome (the weights kept when asked). */
type Trained = Omit<SweepResult, 'wallMs' | 'setupMs' | 'runs' | 'params'> & { outcomes: Outcome[] };

/** Train every model of the sweep and measure it, as `reglab train` would each alone. */
export async function runSweep(models: SweepModel[], data: SweepData, o: SweepOptions = {}): Promise<SweepResult> {
  if (models.length === 0) throw new ReglabError('a sweep needs at least one model', { exitCode: 2 });
  const base = models[0].settings;
  const clock = new TrainingClock(); // acquiring the device is set-up
  let gpu: GpuContext | null = null;
  if (base.backend === 'gpu' || base.backend === 'auto') {
    try {
      gpu = await acquireGpu();
    } catch (e) {
      if (base.backend === 'gpu') throw e;
    }
  }
  const spec = specFor(base, data.train.features);
  const path = gpu && gpuPathFor(base.gpuPath, spec, data.train.m, gpu.isSoftware);
  let trained: Trained;
  if (gpu && path && path !== 'layered' && !o.oneAtATime) trained = await sideBySide(gpu, path, models, data, o, clock);
  else trained = await oneByOne(models, data, o, gpu ? 'gpu' : base.backend === 'wasm' ? 'wasm' : 'cpu', clock);
  const { outcomes, ...rest } = trained;
  return {
    ...rest, ...(data.validationFraction !== undefined ? { validationFraction: data.validationFraction } : {}),
    runs: outcomes.map((r, k) => runOf(models[k], r)), ...clock.read(),
    ...(o.keepParams ? { params: outcomes.map((r) => r.params) } : {}),
  };
}

/** A trained model's test evaluation, or why it counts as diverged (a non-finite test cost, as `reglab train` says). */
async function testOf(evaluate: (s: LabelledSet) => Promise<Evaluation>, data: SweepData, iterations: number): Promise<Evaluation | null> {
  if (!data.test) return null;
  const test = await evaluate(data.test);
  if (!Number.isFinite(test.cost)) throw new DivergenceError(iterations, test.cost);
  return test;
}

/**
 * One model after another (on the CPU engines, `cpuConcurrency` at a time), each through the same run loop
 * as `reglab train`; the runs are reported in the sweep's order whatever order they end in.
 */
async function oneByOne(models: SweepModel[], data: SweepData, o: SweepOptions, backend: Trainer['backend'], clock: TrainingClock): Promise<Trained> {
  const outcomes: Outcome[] = new Array(models.length);
  let adapter: string | null = null;
  let gpuPath: string | undefined;
  const iterations = models[0].settings.iterations;
  const done: number[] = models.map(() => 0);
  const progress = () => o.onProgress?.(done.reduce((a, b) => a + b, 0), models.length * iterations);
  const trainOne = async (k: number) => {
    const m = models[k];
    const settings = { ...m.settings, backend };
    const trainer = await (o.makeTrainer ?? createTrainer)(settings, data.train);
    adapter = trainer.adapter;
    gpuPath = trainer.describe().gpuPath;
    if ((trainer.backend === 'gpu' || trainer.precision === 'f32') && data.test) assertFloat32Set(data.test, 'the test data');
    clock.begin();
    try {
      // the run loop of `reglab train`, measured on the validation split; the test set beside
      const r = await runTraining({
        settings, trainer, train: data.train, test: data.validation, evaluateTrain: data.evaluateTrain,
        onProgress: (p) => { done[k] = p.done; progress(); }, yieldBetweenChunks: o.yieldBetweenChunks,
      });
      const test = await testOf((s) => trainer.evaluate(s), data, settings.iterations);
      const params = o.keepParams ? await trainer.getParams() : null;
      outcomes[k] = { finalCost: r.finalCost, train: r.train, validation: r.test, test, nearZeroShare: r.nearZeroShare, params };
    } catch (e) {
      if (!(e instanceof DivergenceError)) throw e;
      outcomes[k] = divergedOutcome(e.message);
    } finally {
      clock.end();
      trainer.dispose();
    }
  };
  let next = 0;
  const lane = async () => {
    while (next < models.length) await trainOne(next++);
  };
  const lanes = backend !== 'gpu' ? Math.max(1, Math.min(o.cpuConcurrency ?? 1, models.length)) : 1;
  await Promise.all(Array.from({ length: lanes }, lane));
  return { backend, adapter, settings: models[0].settings, monitor: data.monitor, ...(gpuPath ? { gpuPath, modelsPerDispatch: 1 } : {}), outcomes };
}

/** The GPU's single-dispatch paths (unrolled, fused): every model of a wave in one dispatch, one per workgroup. */
async function sideBySide(
  gpu: GpuContext, path: Exclude<GpuPath, 'layered'>, models: SweepModel[], data: SweepData, o: SweepOptions, clock: TrainingClock,
): Promise<Trained> {
  const base = models[0].settings;
  const spec = specFor(base, data.train.features);
  assertFloat32Set(data.train, 'the training data');
  if (data.validation) assertFloat32Set(data.validation, 'the validation data');
  if (data.test) assertFloat32Set(data.test, 'the test data');
  const wave = Math.max(1, Math.min(modelsPerDispatch(gpu, spec, path), o.maxModelsPerDispatch ?? Infinity));
  const total = models.length * base.iterations;
  const outcomes: Outcome[] = [];
  for (let w0 = 0; w0 < models.length; w0 += wave) {
    const batch = models.slice(w0, w0 + wave);
    const variants: Variant[] = batch.map((m) => {
      const params = initialParams(m.settings, spec);
      assertFloat32Run({ learningRate: m.settings.learningRate, l2: m.settings.l2, l1: m.settings.l1, params });
      return { params, l2: m.settings.l2, l1: m.settings.l1, keepProb: m.settings.keepProb, dropoutSeed: m.settings.dropoutSeed };
    });
    const t = await GpuTrainer.create({
      gpu, spec, train: data.train, learningRate: base.learningRate, dropoutRng: base.dropoutRng, path,
      ...variants[0], variants,
    });
    clock.begin(); // the wave's pipelines are compiled and its data uploaded: set-up until here
    try {
      // the run loop of every training run (runTraining's), for each model of the wave
      const logs = await runModelChunks(t, {
        iterations: base.iterations, logEvery: base.logEvery, step: chunkSize(base.iterations, base.logEvery),
        afterChunk: async (done) => {
          o.onProgress?.(w0 * base.iterations + done * batch.length, total);
          if (o.yieldBetweenChunks) await o.yieldBetweenChunks();
          return false;
        },
      });
      for (const k of batch.keys()) {
        const diverged = logs[k].diverged;
        if (diverged) {
          outcomes.push(divergedOutcome(diverged.message));
          continue;
        }
        const train = await t.evaluate(data.evaluateTrain, k);
        const validation = data.validation ? await t.evaluate(data.validation, k) : null;
        const test = data.test ? await t.evaluate(data.test, k) : null;
        const bad = [train, validation, test].find((e) => e && !Number.isFinite(e.cost));
        const params = await t.getParams(k);
        outcomes.push(bad
          ? divergedOutcome(new DivergenceError(base.iterations, bad.cost).message)
          : { finalCost: logs[k].finalCost, train, validation, test, nearZeroShare: nearZeroShare(params), params: o.keepParams ? params : null });
      }
    } finally {
      clock.end();
      t.dispose();
    }
  }
  return { backend: 'gpu', adapter: gpu.adapterName, settings: base, monitor: data.monitor, gpuPath: path, modelsPerDispatch: Math.min(wave, models.length), outcomes };
}

// The sweep's data (the validation split, the test set) and the validation curve's numbers live beside.
export { SWEEP_MONITORS, sweepData, type SweepData, type SweepMonitor } from './sweep-data';
export { bestOf, chosenOn, summarizeSweep, type Spread, type SweepBest, type SweepCell, type SweepSummary } from './sweep-summary';
