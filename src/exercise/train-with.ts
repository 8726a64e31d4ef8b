/**
 * "Train with your own code": compare's runs (none, L2, dropout), each trained by the run every view
 * uses (src/train/run.ts) — with the student's four functions (StudentTrainer), or with the float64
 * CPU reference for the numbers beside them. The runs' settings come resolved (the page resolves
 * them as compare does); what the student's functions cannot do is refused here, naming the setting.
 */
import { withMonitor } from '../data/prepare';
import { initParams } from '../model/init';
import { makeSpec } from '../model/network';
import type { TrainSettings } from '../model/settings';
import type { LabelledSet } from '../model/types';
import { CpuTrainer } from '../reference/trainer';
import { predictGrid, type Bounds } from '../train/grid';
import { runTraining, type Progress, type RunResult } from '../train/run';
import { compileFunction, newSandbox, StudentCodeError } from './compile';
import { JS_EXERCISES, type JsExerciseName } from './names';
import { StudentTrainer, type StudentFunctions } from './student-trainer';

export interface ExerciseRun {
  name: string;
  settings: TrainSettings;
}

export type Engine = 'student' | 'reference';

export interface TrainHooks {
  onProgress?: (run: number, p: Progress) => void;
  /** After every iteration of the student's code (the worker's heartbeat). */
  onIteration?: () => void;
}

/** What the student's functions can train: the lesson's model, float64, numpy's dropout masks. */
export function refuseUnsupported(s: TrainSettings): void {
  const no = (field: string, why: string) => { throw new StudentCodeError('missing', `${field}: ${why}`); };
  if (s.layers.length !== 2) no('layers', `the exercise's functions are the lesson's 3-layer network (two hidden layers, e.g. 20,3), not ${s.layers.length}`);
  if (s.activation !== 'relu') no('activation', `the exercise's functions use relu, not ${s.activation}`);
  if (s.keepProb < 1 && s.dropoutRng !== 'numpy') {
    no('dropoutRng', 'forward_propagation_with_dropout draws its masks with np.random, the lesson\'s convention: use dropoutRng "numpy" (course: true sets it)');
  }
  if (s.augmentCopies > 0 || s.augmentMirror !== 'none' || s.augmentRotate !== 0) no('augmentCopies', 'the exercise trains on the data as given (no augmentation)');
}

/** The four sources compiled into one sandbox (the model's np, and its random stream, are shared as in the notebook). */
export function compileAll(sources: Partial<Record<JsExerciseName, string>>) {
  const box = newSandbox();
  const fns = {} as StudentFunctions;
  for (const name of JS_EXERCISES) {
    const source = sources?.[name];
    if (typeof source !== 'string') throw new StudentCodeError('missing', `no source for ${name}: trainWith needs all four functions`);
    try {
      fns[name] = compileFunction(name, source, box);
    } catch (e) {
      if (e instanceof StudentCodeError) throw new StudentCodeError(e.kind, `${name}: ${e.describe()}`, e.line, e.column);
      throw e;
    }
  }
  return { box, fns };
}

export interface TrainedRun {
  result: RunResult;
  /** P(y = 1) on the boundary grid after training, when a grid was asked for. */
  grid: Float64Array | null;
}

/** Train each run from the same data and initialization, one after another, as compare does. */
export async function trainRuns(
  engine: Engine, sources: Partial<Record<JsExerciseName, string>> | null, runs: ExerciseRun[], data: { train: LabelledSet; test: LabelledSet | null },
  grid: { bounds: Bounds; resolution: number } | null, hooks: TrainHooks = {},
): Promise<TrainedRun[]> {
  const out: TrainedRun[] = [];
  for (const [k, run] of runs.entries()) {
    const { settings } = run;
    if (engine === 'student') refuseUnsupported(settings);
    const { train, monitor, evaluateTrain } = withMonitor(settings, data.train, data.test);
    const spec = makeSpec(train.features, settings.layers, settings.activation);
    const params = initParams(spec, { init: settings.init, rng: settings.initRng, seed: settings.seed, scale: settings.initScale });
    const options = {
      spec, params, train, learningRate: settings.learningRate, l2: settings.l2, keepProb: settings.keepProb,
      dropoutRng: settings.dropoutRng, dropoutSeed: settings.dropoutSeed,
    };
    // compiled afresh for every run: a run starts from the notebook's state, as a fresh kernel would
    const trainer = engine === 'student'
      ? (() => { const { box, fns } = compileAll(sources!); return new StudentTrainer(fns, box, options, hooks.onIteration); })()
      : new CpuTrainer({ ...options, precision: 'f64' });
    const result = await runTraining({
      settings, trainer, train, test: data.test, name: run.name, monitor, evaluateTrain,
      chunkIterations: Math.max(1, Math.ceil(settings.iterations / 100)),
      onProgress: (p) => hooks.onProgress?.(k, p),
    });
    out.push({ result, grid: grid ? await predictGrid(trainer, grid.bounds, grid.resolution) : null });
  }
  return out;
}
