/**
 * A training run, the same for every backend and every view: chunks of iterations through the
 * Trainer interface, the cost log, divergence detection, progress, and the final evaluation.
 * Produces the JSON the CLI prints with --json and the page's automation API returns.
 */
import type { TrainSettings } from '../model/settings';
import type { CostPoint, Evaluation, LabelledSet, Trainer } from './types';

export class DivergenceError extends Error {
  constructor(readonly iteration: number, readonly cost: number) {
    super(`training diverged at iteration ${iteration} (cost ${cost}); try a smaller learning rate or a gentler initialization`);
    this.name = 'DivergenceError';
  }
}

export interface RunResult {
  name?: string;
  backend: 'cpu' | 'gpu';
  adapter: string | null;
  settings: TrainSettings;
  /** Cost (training objective: cross-entropy with dropout + L2 term) every logEvery iterations, and the last. */
  costs: CostPoint[];
  /** The cost of the last iteration's forward pass (the lesson's "final cost"). */
  finalCost: number;
  /** Accuracy and mean cross-entropy on the training set, without dropout or the L2 term. */
  train: Evaluation;
  /** The same on the test set; null when there is none. */
  test: Evaluation | null;
  wallMs: number;
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
}

/** Chunk size: a multiple of logEvery near 1 % of the run, so progress moves and costs line up. */
export function chunkSize(iterations: number, logEvery: number): number {
  const target = Math.max(1, Math.ceil(iterations / 100));
  return Math.max(logEvery, Math.ceil(target / logEvery) * logEvery);
}

export async function runTraining(o: RunOptions): Promise<RunResult> {
  const { settings, trainer } = o;
  const total = settings.iterations;
  const logEvery = settings.logEvery;
  const costs: CostPoint[] = [];
  const started = performance.now();
  const step = o.chunkIterations ?? chunkSize(total, logEvery);
  let finalCost = NaN;
  for (let start = 0; start < total; start += step) {
    const count = Math.min(step, total - start);
    const points = await trainer.run(start, count, logEvery);
    for (const p of points) {
      if (!Number.isFinite(p.cost)) throw new DivergenceError(p.iteration, p.cost);
      if (p.iteration % logEvery === 0 || p.iteration === total - 1) costs.push(p);
      finalCost = p.cost;
    }
    const done = start + count;
    o.onProgress?.({ done, total, cost: finalCost, iterationsPerSecond: done / ((performance.now() - started) / 1000) });
    if (o.yieldBetweenChunks) await o.yieldBetweenChunks();
  }
  const train = await trainer.evaluate(o.train);
  const test = o.test ? await trainer.evaluate(o.test) : null;
  const wallMs = performance.now() - started;
  if (!Number.isFinite(train.cost)) throw new DivergenceError(total, train.cost);
  if (test && !Number.isFinite(test.cost)) throw new DivergenceError(total, test.cost);
  return {
    ...(o.name ? { name: o.name } : {}),
    backend: trainer.backend, adapter: trainer.adapter, settings, costs, finalCost, train, test, wallMs,
  };
}
