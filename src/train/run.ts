/**
 * A training run, the same for every backend and every view: chunks of iterations through the
 * Trainer interface, the cost log, divergence detection, progress, and the final evaluation.
 * Produces the JSON the CLI prints with --json and the page's automation API returns.
 */
import { assertFloat32Set } from '../model/float32';
import { ReglabError } from '../errors';
import type { Params } from '../model/network';
import type { TrainSettings } from '../model/settings';
import type { CostPoint, Evaluation, LabelledSet, Trainer } from '../model/types';
import { nearZeroShare } from '../model/sparsity';

/** The L2 penalty's own step, when it alone diverges: W ← (1 − lr·λ/m)·W and the largest stable λ, 2m/lr. */
export interface PenaltyStep {
  factor: number;
  limit: number;
}

/**
 * A run whose cost left the lesson's regime. Its `field` is the control to change: the learning
 * rate, or λ (`l2`) when the L2 penalty alone drives the divergence (`penalty`).
 */
export class DivergenceError extends ReglabError {
  constructor(readonly iteration: number, readonly cost: number, readonly why = `cost ${cost}`, readonly penalty?: PenaltyStep) {
    super(penalty
      ? `λ (L2) is too large: the penalty drives training to diverge at iteration ${iteration} (${why}). Each step multiplies the weights by `
        + `1 − lr·λ/m = ${penalty.factor.toPrecision(3)}, which flips their sign and grows them; keep λ below 2m/lr = ${+penalty.limit.toPrecision(4)} (or lower the learning rate)`
      : `training diverged at iteration ${iteration} (${why}); try a smaller learning rate or a gentler initialization`,
    { exitCode: 1, field: penalty ? 'l2' : 'learningRate' });
  }
}

/**
 * Gradient descent on the L2 penalty alone is W ← (1 − lr·λ/m)·W: it diverges, whatever the data,
 * once |1 − lr·λ/m| > 1, i.e. lr·λ/m > 2 (m training examples). Then λ is the cause; otherwise the
 * learning rate (or the initialization) is.
 */
export function penaltyStep(s: Pick<TrainSettings, 'learningRate' | 'l2'>, m: number): PenaltyStep | undefined {
  const step = (s.learningRate * s.l2) / m;
  return step > 2 ? { factor: 1 - step, limit: (2 * m) / s.learningRate } : undefined;
}

/** The divergence of a run with these settings on m examples, blamed on λ where the penalty alone diverges. */
export function divergenceOf(s: Pick<TrainSettings, 'learningRate' | 'l2'>, m: number, iteration: number, cost: number, why?: string): DivergenceError {
  return new DivergenceError(iteration, cost, why, penaltyStep(s, m));
}

/**
 * How far past its start the cost may climb before a run counts as diverged (both backends, every
 * reported cost): a cost of 100× the first one (or 100, whichever is larger) has left the lesson's
 * regime for good. A non-finite cost always diverges.
 */
export const DIVERGENCE_FACTOR = 100;

/** Why the cost at this point means divergence, or null. */
export function divergence(first: number, cost: number): string | null {
  if (!Number.isFinite(cost)) return `cost ${cost}`;
  const limit = DIVERGENCE_FACTOR * Math.max(first, 1);
  return cost > limit ? `cost ${cost.toPrecision(3)}, over ${DIVERGENCE_FACTOR}× its start ${first.toPrecision(3)}` : null;
}

export interface EarlyStoppingReport {
  monitor: 'validation' | 'test';
  patience: number;
  minDelta: number;
  /** Iteration whose weights were kept (and restored). */
  bestIteration: number;
  bestCost: number;
  /** Last iteration run: earlier than iterations − 1 when patience ran out. */
  stopIteration: number;
  stopped: boolean;
  /** The monitored cross-entropy at every check. */
  costs: CostPoint[];
}

export interface RunResult {
  name?: string;
  backend: Trainer['backend'];
  adapter: string | null;
  settings: TrainSettings;
  /** Cost (training objective: cross-entropy with dropout + L2 and L1 terms) every logEvery iterations, and the last. */
  costs: CostPoint[];
  /** The cost of the last iteration's forward pass (the lesson's "final cost"). */
  finalCost: number;
  /** Accuracy and mean cross-entropy on the training set, without dropout or the penalty terms. */
  train: Evaluation;
  /** The same on the test set; null when there is none. */
  test: Evaluation | null;
  /** The share of the final weights (not biases) with |w| < 1 % of the largest |w| (src/model/sparsity.ts): what L1 drives to zero. */
  nearZeroShare: number;
  /**
   * Training time (src/train/timing.ts, the same meaning in every command): from the first
   * iteration's submit to the last result read back, one-time set-up excluded.
   */
  wallMs: number;
  /** That set-up, where the caller measured it: the device, pipeline compiles, data upload (building the trainer). */
  setupMs?: number;
  /** Present when early stopping was on. */
  earlyStopping?: EarlyStoppingReport;
}

export interface Progress {
  done: number;
  total: number;
  cost: number;
  iterationsPerSecond: number;
}

export interface RunOptions {
  settings: TrainSettings;
  trainer: Trainer;
  train: LabelledSet;
  test: LabelledSet | null;
  onProgress?: (p: Progress) => void;
  /** Awaited between chunks: lets a page stay responsive or pause. */
  yieldBetweenChunks?: () => Promise<void>;
  name?: string;
  /** Iterations between progress callbacks (default: chunkSize(iterations, logEvery)). */
  chunkIterations?: number;
  /** Where the final training accuracy and cost are measured (default `train`; the unaugmented points). */
  evaluateTrain?: LabelledSet;
  /** Asked before each chunk: the most iterations it may run (the page's step stops a run after exactly n). */
  chunkLimit?: (done: number) => number;
  /** The set early stopping watches (settings.earlyStopping > 0): a validation split or the test set. */
  monitor?: LabelledSet;
  /** The trainer's set-up time (ms), measured by the caller who built it: reported as setupMs beside wallMs. */
  setupMs?: number;
}

/**
 * GPU submits between a view's checkpoints (a redraw, a pause, a stop): each submit is sized to about
 * 50 ms of estimated work (src/gpu/submit-size.ts), so a stop is answered within about half a second
 * unless a single iteration is over that budget (a run that long is refused past an hour first).
 */
export const SUBMITS_BETWEEN_CHECKS = 8;

/**
 * Iterations between a view's checkpoints: about 1 % of the run, in whole multiples of what the
 * trainer prefers (on the GPU one submit); on the GPU at most SUBMITS_BETWEEN_CHECKS submits.
 */
export function viewChunk(preferredChunk: number, iterations: number, gpu: boolean): number {
  const submits = Math.max(1, Math.ceil(iterations / 100 / preferredChunk));
  return preferredChunk * (gpu ? Math.min(SUBMITS_BETWEEN_CHECKS, submits) : submits);
}

/** Chunk size: a multiple of logEvery near 1 % of the run, so progress moves and costs line up. */
export function chunkSize(iterations: number, logEvery: number): number {
  const target = Math.max(1, Math.ceil(iterations / 100));
  return Math.max(logEvery, Math.ceil(target / logEvery) * logEvery);
}

/**
 * What the run loop drives: models trained side by side, each iteration's costs per model (the GPU
 * trainer's sweep trains many in one dispatch; any Trainer is one model: oneModel).
 */
export interface ModelsRunner {
  readonly models: number;
  runModels(start: number, count: number, logEvery: number): Promise<CostPoint[][]>;
}

/** A Trainer as a runner of its one model. */
export function oneModel(trainer: Trainer): ModelsRunner {
  return { models: 1, runModels: async (start, count, logEvery) => [await trainer.run(start, count, logEvery)] };
}

/** One model's run so far: its cost log, its last cost, and why it diverged if it did. */
export interface ModelLog {
  /** The costs of every logEvery-th iteration and of the last one. */
  costs: CostPoint[];
  /** The cost of iteration 0 (what divergence is measured against). */
  first: number;
  /** The cost of the last iteration run (before divergence, when the model diverged). */
  finalCost: number;
  /** Set when the model diverged; it logs no further. */
  diverged: DivergenceError | null;
}

export interface ChunkLoop {
  iterations: number;
  logEvery: number;
  /** Iterations per chunk: chunks end at multiples of it, unless `limit` cut the last one short. */
  step: number;
  /** The most iterations the next chunk may run (at least 1), given the iterations done. */
  limit?: (done: number) => number;
  /** After each chunk (models that have not all diverged): returns true to stop the run there. */
  afterChunk?: (done: number, points: CostPoint[][], logs: ModelLog[]) => Promise<boolean>;
}

/**
 * The run loop every training run goes through, one model or many: iterations in chunks, each
 * model's costs logged every logEvery iterations and at the last, each model's divergence checked
 * at every reported cost (a diverged model logs no further), and the run ended when every model
 * has diverged or afterChunk says so.
 */
export async function runModelChunks(runner: ModelsRunner, loop: ChunkLoop): Promise<ModelLog[]> {
  const { iterations: total, logEvery, step } = loop;
  const logs: ModelLog[] = Array.from({ length: runner.models }, () => ({ costs: [], first: NaN, finalCost: NaN, diverged: null }));
  for (let start = 0, count = 0; start < total; start += count) {
    // a chunk cut short by `limit` is followed by one that ends at the next multiple of step again
    count = Math.max(1, Math.min(step - (start % step), total - start, loop.limit?.(start) ?? Infinity));
    const points = await runner.runModels(start, count, logEvery);
    points.forEach((ps, k) => {
      const log = logs[k];
      for (const p of ps) {
        if (log.diverged) break;
        if (Number.isNaN(log.first)) log.first = p.cost;
        const why = divergence(log.first, p.cost);
        if (why) {
          log.diverged = new DivergenceError(p.iteration, p.cost, why);
          break;
        }
        if (p.iteration % logEvery === 0 || p.iteration === total - 1) log.costs.push(p);
        log.finalCost = p.cost;
      }
    });
    if (logs.every((l) => l.diverged)) break;
    if (loop.afterChunk && await loop.afterChunk(start + count, points, logs)) break;
  }
  return logs;
}

export async function runTraining(o: RunOptions): Promise<RunResult> {
  const { settings, trainer } = o;
  const total = settings.iterations;
  const logEvery = settings.logEvery;
  const started = performance.now();
  const patience = settings.earlyStopping;
  if (patience > 0 && !o.monitor) throw new Error('early stopping needs a monitor set');
  if ((trainer.backend === 'gpu' || trainer.precision === 'f32') && o.test) assertFloat32Set(o.test, 'the test data');
  // Early stopping checks at multiples of logEvery, so chunks end there.
  const step = patience > 0 ? logEvery : o.chunkIterations ?? chunkSize(total, logEvery);
  const es: EarlyStoppingReport | undefined = patience > 0
    ? { monitor: settings.monitor, patience, minDelta: settings.minDelta, bestIteration: -1, bestCost: Infinity, stopIteration: total - 1, stopped: false, costs: [] }
    : undefined;
  let best: Params | null = null;
  let sinceBest = 0;
  const [log] = await runModelChunks(oneModel(trainer), {
    iterations: total, logEvery, step, limit: o.chunkLimit,
    afterChunk: async (done, [points], [{ costs, finalCost }]) => {
      // early stopping checks at multiples of logEvery (and the end) however the chunks fall
      if (es && o.monitor && (done % logEvery === 0 || done === total)) {
        // the weights after `done` iterations, i.e. after iteration done − 1's update
        const v = (await trainer.evaluate(o.monitor)).cost;
        es.costs.push({ iteration: done - 1, cost: v });
        if (v < es.bestCost - settings.minDelta) {
          es.bestCost = v;
          es.bestIteration = done - 1;
          best = await trainer.getParams();
          sinceBest = 0;
        } else if (++sinceBest >= patience && done < total) {
          es.stopped = true;
          es.stopIteration = done - 1;
          if (costs[costs.length - 1]?.iteration !== done - 1) costs.push(points[points.length - 1]);
          return true;
        }
      }
      o.onProgress?.({ done, total, cost: finalCost, iterationsPerSecond: done / ((performance.now() - started) / 1000) });
      if (o.yieldBetweenChunks) await o.yieldBetweenChunks();
      return false;
    },
  });
  if (log.diverged) throw divergenceOf(settings, o.train.m, log.diverged.iteration, log.diverged.cost, log.diverged.why);
  const { costs, finalCost } = log;
  if (es && best && es.bestIteration !== es.stopIteration) await trainer.setParams(best);
  const train = await trainer.evaluate(o.evaluateTrain ?? o.train);
  const test = o.test ? await trainer.evaluate(o.test) : null;
  const wallMs = performance.now() - started;
  if (!Number.isFinite(train.cost)) throw divergenceOf(settings, o.train.m, total, train.cost);
  if (test && !Number.isFinite(test.cost)) throw divergenceOf(settings, o.train.m, total, test.cost);
  const near = nearZeroShare(await trainer.getParams());
  return {
    ...(o.name ? { name: o.name } : {}),
    backend: trainer.backend, adapter: trainer.adapter, settings, costs, finalCost, train, test, nearZeroShare: near, wallMs,
    ...(o.setupMs !== undefined ? { setupMs: o.setupMs } : {}),
    ...(es ? { earlyStopping: es } : {}),
  };
}
