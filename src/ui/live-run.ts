/**
 * One model of train or compare, trained with live views: the run loop (src/train/run.ts) in chunks,
 * and between them what the views draw — cost and accuracy curves, the boundary map, ‖W‖ per layer,
 * the network (its frame, computed in a worker), progress — gathered in the model's LiveModel, the one
 * place the views read. The views refresh at most every 100 ms, spaced also by 3× their own cost, so
 * on a large data set they take at most about a third of the run; and whenever the run pauses (or a
 * step ends), so a paused run shows the iteration it paused at. No training math lives here.
 */
import { withMonitor } from '../data/prepare';
import type { Params } from '../model/network';
import type { TrainSettings } from '../model/settings';
import type { CostPoint, Evaluation, LabelledSet, Trainer } from '../model/types';
import { specFor } from '../train/factory';
import { predictGrid, type Bounds } from '../train/grid';
import type { NetworkFrame } from '../train/network-frame';
import { runTraining, viewChunk, type RunResult } from '../train/run';
import type { LabData } from './data-source';
import { frameOf } from './network-compute';
import type { RunController } from './run-controller';
import { weightNorms } from './weights-view';

/** Cells per side of a boundary map. */
export const GRID = 64;

/** What a model's views have so far. */
export interface LiveModel {
  /** compare's name of the model (train's has none). */
  readonly name: string | undefined;
  readonly settings: TrainSettings;
  /** Examples the model trains on (m of the L2 term; the dropout masks are over them). */
  readonly trainM: number;
  /** The points it trains on (after a validation split or augmentation): where a mask's example is. */
  readonly train: LabelledSet;
  /** Where it trains. */
  readonly backend: Trainer['backend'];
  readonly adapter: string | null;
  /** Train and test cross-entropy, evaluated without dropout or the L2 term. */
  costs: CostPoint[];
  testCosts: CostPoint[];
  /** The training objective the run minimizes (and the notebook prints): L2 term included, with dropout. */
  objective: CostPoint[];
  /** Train and test accuracy (0–1, in each point's `cost`) at the same iterations as the cross-entropy. */
  trainAccuracy: CostPoint[];
  testAccuracy: CostPoint[];
  /** The model is measured on a test set (its test curves will have points). */
  readonly hasTest: boolean;
  /** ‖W‖ per layer at the last refresh (after the run: of the final weights); null unless asked for. */
  norms: number[] | null;
  /** The boundary map at the last refresh: P(y = 1) on the grid after `iteration` iterations. */
  map: { iteration: number; probs: Float64Array } | null;
  /** At the last refresh after iteration 0: iterations per second of running time, train and test accuracy. */
  progress: { iteration: number; rate: number; train: number; test: number | null } | null;
  /** The network at the last refresh (after the run: the final or restored weights). */
  frame: NetworkFrame | null;
  /** The weights at the last refresh (after the run: the final or restored ones): what "download weights JSON" saves. */
  params: Params | null;
  /** The run's result, once it is over. */
  result: RunResult | null;
  /** With early stopping, once the run is over: the map of the weights it restored. */
  restoredMap: Float64Array | null;
}

/**
 * Train one model, calling `onUpdate` whenever its LiveModel has changed: at iteration 0, after a
 * chunk whose curves (or views) were refreshed, and once the run is over.
 */
export async function trainLive(
  run: RunController, settings: TrainSettings, data: LabData, bounds: Bounds, name: string | undefined,
  withNorms: boolean, onUpdate: (live: LiveModel) => void,
): Promise<RunResult> {
  const { train, monitor, evaluateTrain } = withMonitor(settings, data.train, data.test);
  const setupStarted = performance.now();
  const trainer = await run.makeTrainer(settings, train); // the device, compiles, data upload: setupMs
  const setupMs = performance.now() - setupStarted;
  run.beginModel(settings.iterations);
  const live: LiveModel = {
    name, settings, trainM: train.m, train, backend: trainer.backend, adapter: trainer.adapter,
    costs: [], testCosts: [], objective: [], trainAccuracy: [], testAccuracy: [], hasTest: data.test !== null,
    norms: null, map: null, progress: null, frame: null, params: null, result: null, restoredMap: null,
  };
  /** One point of the curves: cross-entropy and accuracy, train and test, after `iteration`. */
  const measured = (iteration: number, tr: Evaluation, te: Evaluation | null) => {
    live.costs.push({ iteration, cost: tr.cost });
    live.trainAccuracy.push({ iteration, cost: tr.accuracy });
    if (te) {
      live.testCosts.push({ iteration, cost: te.cost });
      live.testAccuracy.push({ iteration, cost: te.accuracy });
    }
  };
  const spec = specFor(settings, train.features);
  const started = performance.now();
  const pausedBefore = run.pausedMs;
  let lastView = -Infinity;
  let viewMs = 0;
  let evalMs = 0;
  let chunkStart = performance.now();
  /** The weights now: ‖W‖ per layer (when asked for) and the network's frame after `done` iterations. */
  const weights = async (done: number) => {
    const params = await trainer.getParams();
    live.params = params;
    live.norms = withNorms ? weightNorms(params) : null;
    live.frame = await frameOf(spec, params, bounds, done);
  };
  // iteration 0: the curves start where training starts, the map shows the untrained boundary
  const [tr0, te0, , probs0] = await Promise.all([
    trainer.evaluate(evaluateTrain), data.test ? trainer.evaluate(data.test) : null, weights(0), predictGrid(trainer, bounds, GRID),
  ]);
  live.map = { iteration: 0, probs: probs0 };
  measured(0, tr0, te0);
  onUpdate(live);
  const result = await runTraining({
    settings, trainer, train, test: data.test, name, monitor, evaluateTrain, setupMs,
    // about 100 chunks per run, whatever logEvery is, in whole multiples of what the trainer
    // prefers (on the GPU one submit, since each chunk costs a submit-and-read round trip), and on
    // the GPU few enough submits that a stop is answered within about half a second
    chunkIterations: viewChunk(trainer.preferredChunk, settings.iterations, trainer.backend === 'gpu'),
    chunkLimit: () => run.chunkLimit(),
    onProgress: (p) => {
      run.reached(p.done);
      live.objective.push({ iteration: p.done - 1, cost: p.cost });
    },
    yieldBetweenChunks: async () => {
      // The curves get a point after every chunk while evaluating costs less than half a chunk's
      // training (small data); otherwise with the views (boundary map, ‖W‖, network, progress), which
      // refresh after the last chunk, when the run pauses here, and otherwise as paced above.
      const done = run.iteration;
      const now = performance.now();
      const viewDue = done >= settings.iterations || run.paused || now - lastView >= Math.max(100, 3 * viewMs);
      const curveDue = viewDue || evalMs <= (now - chunkStart) / 2;
      if (viewDue) lastView = now;
      if (curveDue) {
        // the run's own cost log is the objective; cross-entropy is evaluated here, on the trainer
        const [tr, te] = await Promise.all([trainer.evaluate(evaluateTrain), data.test ? trainer.evaluate(data.test) : null]);
        evalMs = performance.now() - now;
        measured(done - 1, tr, te);
        if (viewDue) {
          const [probs] = await Promise.all([predictGrid(trainer, bounds, GRID), weights(done)]);
          live.map = { iteration: done, probs };
          const rate = done / ((performance.now() - started - (run.pausedMs - pausedBefore)) / 1000);
          live.progress = { iteration: done, rate, train: tr.accuracy, test: te ? te.accuracy : null };
        }
        onUpdate(live);
        if (viewDue) viewMs = performance.now() - now;
      }
      await run.checkpoint();
      chunkStart = performance.now();
    },
  });
  // training time as every command counts it (src/train/timing.ts): time spent paused is not training
  result.wallMs = Math.max(0, result.wallMs - (run.pausedMs - pausedBefore));
  // the objective at iteration 0 comes from the run's own log (progress reports each chunk's last)
  if (result.costs[0]?.iteration === 0 && live.objective[0]?.iteration !== 0) live.objective.unshift(result.costs[0]);
  // early stopping restored the best weights: the views show the model that is kept, not the last one trained
  if (result.earlyStopping) live.restoredMap = await predictGrid(trainer, bounds, GRID);
  await weights(result.earlyStopping ? result.earlyStopping.bestIteration + 1 : run.iteration);
  live.result = result;
  onUpdate(live);
  return result;
}
