/**
 * What the exercise does, without its view: checks (the JavaScript blanks in the sandbox worker,
 * the GPU blank on the page's WebGPU device), solutions (refused under a teacher's link), and
 * training with the student's functions — compare's three runs, resolved from the settings as
 * compare resolves them, on the float64 CPU. `window.reglab.exercise` is this (docs/page.md); the
 * view adds the editors, the hints and the pictures.
 */
import { jsBlank } from '../exercise/blanks';
import { GPU_BLANK, checkWgsl } from '../exercise/gpu-blank';
import type { CheckResult } from '../exercise/grader';
import { GPU_EXERCISE, JS_EXERCISES, type ExerciseName, type JsExerciseName } from '../exercise/names';
import type { ExerciseRun, TrainedRun } from '../exercise/train-with';
import { acquireGpu } from '../gpu';
import { boundsOf, type Bounds } from '../train/grid';
import { compareRuns } from '../train/requests';
import type { RunResult } from '../train/run';
import type { LabData } from './data-source';
import { FieldError } from './field-error';
import { requestFrom, settingsFor } from './request';
import { fieldsFromSettings, type Fields } from './state';
import { Sandbox, SandboxError, SandboxStopped } from './exercise-sandbox';

/** What the exercise needs from the page. */
export interface ExerciseHost {
  /** The page's controls now (a loaded CSV stays the data unless the settings name another, as in compare). */
  fields(): Fields;
  /** The data the fields name (a built-in set made in the data worker, or the loaded file). */
  data(fields: Fields): Promise<LabData>;
}

/** A check's time: an endless loop is stopped this long after the check reached the sandbox. */
export const CHECK_LIMIT_MS = 3000;
/** Training beats every 100 ms; this much silence means the student's code hangs. */
const TRAIN_SILENCE_MS = 5000;
export const BOUNDARY_GRID = 64;

export const TEACHER_MESSAGE = 'solutions are turned off by this link (solutions=off): ask your teacher';

export interface Progress { engine: 'student' | 'reference'; run: number; done: number; total: number; cost: number }

export interface Trained {
  data: LabData;
  runs: ExerciseRun[];
  bounds: Bounds;
  student: TrainedRun[];
  reference: TrainedRun[];
}

export class ExerciseController {
  private readonly checker = new Sandbox('reglab exercise: checks');
  private readonly student = new Sandbox('reglab exercise: your code');
  private readonly reference = new Sandbox('reglab exercise: the reference');

  constructor(private readonly host: ExerciseHost, readonly solutionsOff: boolean) {}

  solution(name: string): string {
    if (this.solutionsOff) throw new Error(TEACHER_MESSAGE);
    if (name === GPU_EXERCISE) return GPU_BLANK.solution;
    const blank = jsBlank(name);
    if (!blank) throw new Error(`no exercise ${JSON.stringify(name)}; the exercises: ${[...JS_EXERCISES, GPU_EXERCISE].join(', ')}`);
    return blank.solution;
  }

  async check(name: string, source: string): Promise<CheckResult> {
    if (typeof source !== 'string') throw new TypeError(`check: source must be text, got ${source === null ? 'null' : typeof source}`);
    if (name === GPU_EXERCISE) return this.checkGpu(source);
    if (!jsBlank(name)) throw new Error(`no exercise ${JSON.stringify(name)}; the exercises: ${[...JS_EXERCISES, GPU_EXERCISE].join(', ')}`);
    try {
      return await this.checker.run<CheckResult>({ op: 'check', name: name as JsExerciseName, source }, { silenceMs: CHECK_LIMIT_MS, what: 'your function' });
    } catch (e) {
      if (e instanceof SandboxStopped || e instanceof SandboxError) return { passed: false, message: e.message, ...(e instanceof SandboxError && e.line ? { line: e.line } : {}) };
      throw e;
    }
  }

  private async checkGpu(line: string): Promise<CheckResult> {
    let gpu;
    try {
      gpu = await acquireGpu();
    } catch (e) {
      return { passed: false, message: `no WebGPU here (${(e as Error).message}): the GPU blank needs it; the four JavaScript blanks work without` };
    }
    return checkWgsl(gpu, line);
  }

  /** compare's three runs for these settings (over the defaults; the lesson's when none are given), on the float64 CPU. */
  resolveRuns(settings: Record<string, unknown>): { fields: Fields; runs: ExerciseRun[] } {
    const { fields, course } = fieldsFromSettings(settings);
    if (settings.dataset === undefined && this.host.fields().dataset === 'csv') fields.dataset = 'csv';
    if (fields.compareAugmented === 'yes') throw new FieldError('compareAugmented', 'the exercise trains none, L2 and dropout: no augmented run');
    const req = { ...requestFrom(fields, course), backend: 'cpu' as const, precision: 'f64' as const };
    const runs = compareRuns(req, settingsFor).runs.map((r) => ({ name: r.name, settings: r.settings }));
    return { fields, runs };
  }

  /** The view's run: the page's data (its data controls, or the loaded file) with the lesson's settings, `iterations` long. */
  lessonSettings(iterations: number): Record<string, unknown> {
    const f = this.host.fields();
    return {
      course: true, dataset: f.dataset, size: f.size, noise: f.noise, dataSeed: f.dataSeed, testFraction: f.testFraction,
      iterations, logEvery: Math.max(1, Math.round(iterations / 100)),
    };
  }

  /** The API's trainWith: the JSON compare gives, with the student's functions in place of the reference's. */
  async trainWith(sources: Record<string, string>, settings: Record<string, unknown> = { course: true }): Promise<{ data: string; runs: RunResult[] }> {
    if (typeof sources !== 'object' || sources === null) throw new TypeError('trainWith: sources must be an object { compute_cost_with_regularization: "…", … }');
    const { fields, runs } = this.resolveRuns(settings);
    const data = await this.host.data(fields);
    const trained = await this.trainIn(this.student, 'student', sources, runs, data, null);
    return { data: data.source, runs: trained.map((t) => t.result) };
  }

  /** The view's run: the student's functions and the reference side by side (two workers), with progress and the boundary grids. */
  async trainBoth(sources: Record<string, string>, settings: Record<string, unknown>, onProgress: (p: Progress) => void): Promise<Trained> {
    const { fields, runs } = this.resolveRuns(settings);
    const data = await this.host.data(fields);
    const bounds = boundsOf([data.train, data.test]);
    const grid = { bounds, resolution: BOUNDARY_GRID };
    const both = [
      this.trainIn(this.student, 'student', sources, runs, data, grid, onProgress),
      this.trainIn(this.reference, 'reference', null, runs, data, grid, onProgress),
    ];
    // one failing (the student's code) stops the other
    both.forEach((p) => p.catch(() => this.stop()));
    const [student, reference] = await Promise.all(both);
    return { data, runs, bounds, student, reference };
  }

  private async trainIn(
    sandbox: Sandbox, engine: 'student' | 'reference', sources: Record<string, string> | null, runs: ExerciseRun[], data: LabData,
    grid: { bounds: Bounds; resolution: number } | null, onProgress?: (p: Progress) => void,
  ): Promise<TrainedRun[]> {
    try {
      return await sandbox.run<TrainedRun[]>({ op: 'train', engine, sources, runs, train: data.train, test: data.test, grid }, {
        silenceMs: engine === 'student' ? TRAIN_SILENCE_MS : 60_000, what: engine === 'student' ? 'training with your code' : 'the reference',
        onProgress: (m) => onProgress?.({ engine, run: m.run, done: m.done, total: m.total, cost: m.cost }),
      });
    } catch (e) {
      throw e instanceof SandboxError || e instanceof SandboxStopped ? new Error(e.message) : e;
    }
  }

  /** Stop any training (both workers); the next run starts fresh ones. */
  stop(): void {
    this.student.stop('stopped: training with your code was stopped');
    this.reference.stop('stopped');
  }
}

export type ExerciseSources = Partial<Record<ExerciseName, string>>;
