/**
 * What a run will cost, said before it starts: its time from its size (examples × network ×
 * iterations, dropout or not) and the engine's measured speed. The CLI prints the estimate on
 * stderr above ESTIMATE_NOTICE_S and refuses above ESTIMATE_CAP_S unless asked (--yes); the page
 * can show `estimateLine` beside its stop button. Nothing here runs anything: it is arithmetic on
 * the table below, so a caller may ask as often as it likes.
 *
 * The model, per iteration: a fixed cost, plus for every example a cost per parameter (the
 * products: forward, weight and input gradients), per unit (activations, the cost, the update) and
 * per hidden unit with dropout on (drawing the mask). Its constants are fitted to the measurements
 * in docs/performance.md ("What a run will cost"; a 2-core AMD EPYC, SwiftShader as the software
 * GPU, an H200 as the hardware one), which also says how far the estimate lands from each.
 */
import { augmentedCount } from '../data/augment';
import { validationCount } from '../data/split';
import type { TrainSettings } from '../model/settings';

/** The engines the table knows: the CPU reference in each precision, the fast CPU engine, a software or a hardware GPU. */
export type CostEngine = 'cpu-f64' | 'cpu-f32' | 'wasm' | 'gpu-software' | 'gpu';

interface EngineCost {
  /** µs per iteration whatever the size (a GPU's dispatches and read-backs). */
  perIteration: number;
  /** ns per example and iteration, per parameter (weights and biases). */
  perParameter: number;
  /** ns per example and iteration, per unit (hidden and output). */
  perUnit: number;
  /** ns per example and iteration, per hidden unit, when dropout is on. */
  perDroppedUnit: number;
}

/** Measured costs (docs/performance.md, "What a run will cost": the rows each is fitted to). */
export const ENGINE_COSTS: Readonly<Record<CostEngine, EngineCost>> = {
  'cpu-f64': { perIteration: 0, perParameter: 1.63, perUnit: 18.3, perDroppedUnit: 28.6 },
  'cpu-f32': { perIteration: 0, perParameter: 9.6, perUnit: 0, perDroppedUnit: 46 },
  wasm: { perIteration: 0.75, perParameter: 0.136, perUnit: 1.76, perDroppedUnit: 6.0 },
  'gpu-software': { perIteration: 0, perParameter: 7.9, perUnit: 0, perDroppedUnit: 47 },
  gpu: { perIteration: 330, perParameter: 0.00035, perUnit: 0.23, perDroppedUnit: 0 },
};

export const ENGINE_NAMES: Readonly<Record<CostEngine, string>> = {
  'cpu-f64': 'the CPU reference (float64)', 'cpu-f32': 'the CPU reference (float32)', wasm: 'the fast CPU engine',
  'gpu-software': 'a software GPU (SwiftShader: the CPU)', gpu: 'the GPU (H200-measured rates; yours may differ)',
};

/** Above this an estimate is said before the run starts. */
export const ESTIMATE_NOTICE_S = 60;
/** Above this a run is refused unless asked for anyway (the CLI's --yes). */
export const ESTIMATE_CAP_S = 3600;

/** One training run's size. */
export interface RunSize {
  features: number;
  layers: readonly number[];
  /** Training examples. */
  m: number;
  iterations: number;
  keepProb: number;
}

/** The size of a run of `settings` on a training set of m examples of `features` (after its validation split and augmentation). */
export function runSize(settings: TrainSettings, m: number, features: number, extraIterations = 0): RunSize {
  const held = settings.earlyStopping > 0 && settings.monitor !== 'test' && m > 1 ? validationCount(m, settings.validationFraction) : 0;
  const trained = augmentedCount(m - held, { copies: settings.augmentCopies, mirror: settings.augmentMirror, rotate: settings.augmentRotate });
  return { features, layers: settings.layers, m: trained, iterations: settings.iterations + extraIterations, keepProb: settings.keepProb };
}

/**
 * The engine a run's settings choose; a GPU's kind once known (null: no adapter). The views make
 * 'auto' concrete first (engine-choice.ts); left as it is, it counts as the GPU when there is one.
 */
export function costEngine(settings: Pick<TrainSettings, 'backend' | 'precision'>, gpu: { isSoftware: boolean } | null): CostEngine {
  if (settings.backend === 'wasm') return 'wasm';
  if ((settings.backend === 'gpu' || settings.backend === 'auto') && gpu) return gpu.isSoftware ? 'gpu-software' : 'gpu';
  return settings.precision === 'f32' ? 'cpu-f32' : 'cpu-f64';
}

/** Seconds one run is expected to take on `engine`. */
export function estimateSeconds(run: RunSize, engine: CostEngine): number {
  const dims = [run.features, ...run.layers, 1];
  let parameters = 0, units = 0;
  for (let l = 1; l < dims.length; l++) {
    parameters += dims[l] * (dims[l - 1] + 1);
    units += dims[l];
  }
  const hidden = units - dims[dims.length - 1];
  const c = ENGINE_COSTS[engine];
  const perExampleNs = c.perParameter * parameters + c.perUnit * units + (run.keepProb < 1 ? c.perDroppedUnit * hidden : 0);
  return run.iterations * (c.perIteration * 1e-6 + run.m * perExampleNs * 1e-9);
}

/** A duration as a person says it: "45 s", "12 min", "2 h 10 min", "4.2 days". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 3570) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) {
    const h = Math.floor(seconds / 3600 + 0.01), min = Math.round((seconds - 3600 * h) / 60);
    return min > 0 ? `${h} h ${min} min` : `${h} h`;
  }
  return `${(seconds / 86_400).toFixed(1)} days`;
}

export type CostVerdict = 'quiet' | 'notice' | 'over-cap';

export function costVerdict(seconds: number): CostVerdict {
  return seconds > ESTIMATE_CAP_S ? 'over-cap' : seconds > ESTIMATE_NOTICE_S ? 'notice' : 'quiet';
}

/** "about 2 h 10 min on the CPU reference (float64): 3 runs × 30000 iterations × 2000000 examples" */
export function estimateLine(seconds: number, engine: CostEngine, runs: readonly RunSize[]): string {
  const sizes = [...new Set(runs.map((r) => `${r.iterations} iterations × ${r.m} examples`))];
  const what = sizes.length === 1 ? `${runs.length > 1 ? `${runs.length} runs × ` : ''}${sizes[0]}` : `${runs.length} runs`;
  return `about ${formatDuration(seconds)} on ${ENGINE_NAMES[engine]}: ${what}`;
}
