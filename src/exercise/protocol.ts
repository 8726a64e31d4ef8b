/**
 * The messages between the page and the exercise's sandbox worker (src/ui/exercise-worker.ts,
 * src/ui/exercise-sandbox.ts). The worker says `ready` once loaded; then each request gets `beat`s
 * and `progress` while it works (the page's watchdog counts silence, not total time) and one `done`
 * or `error`.
 */
import type { Bounds } from '../train/grid';
import type { LabelledSet } from '../model/types';
import type { JsExerciseName } from './names';
import type { Engine, ExerciseRun } from './train-with';

export type SandboxRequest =
  | { id: number; op: 'check'; name: JsExerciseName; source: string }
  | {
    id: number; op: 'train'; engine: Engine; sources: Partial<Record<JsExerciseName, string>> | null; runs: ExerciseRun[];
    train: LabelledSet; test: LabelledSet | null; grid: { bounds: Bounds; resolution: number } | null;
  };

export type SandboxReply =
  | { type: 'ready' }
  | { id: number; type: 'beat' }
  | { id: number; type: 'progress'; run: number; done: number; total: number; cost: number }
  | { id: number; type: 'done'; value: unknown }
  | { id: number; type: 'error'; message: string; line?: number };
