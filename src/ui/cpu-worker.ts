/**
 * The CPU trainers in a Web Worker, so the page stays responsive while they train: the reference
 * (backend cpu) or the fast engine (backend wasm, whose own worker threads this worker starts). Answers the
 * messages of WorkerTrainer (src/ui/worker-trainer.ts), one Trainer per worker.
 */
import { validateSettings, type TrainSettings } from '../model/settings';
import { createTrainer } from '../train/factory';
import type { LabelledSet, Trainer } from '../model/types';
import type { Params } from '../model/network';
import { answerRequests } from './worker-client';

export type WorkerRequest =
  | { id: number; op: 'create'; settings: TrainSettings; train: LabelledSet }
  | { id: number; op: 'run'; start: number; count: number; logEvery: number }
  /** `set` is sent with the first evaluation of it only; later ones name it by `setId`. */
  | { id: number; op: 'evaluate'; setId: number; set?: LabelledSet }
  | { id: number; op: 'predict'; X: Float64Array; m: number }
  | { id: number; op: 'getParams' }
  | { id: number; op: 'setParams'; params: Params }
  | { id: number; op: 'gradientNorms' }
  /** Forget the trainer and its sets: the worker goes back to the pool for the next run. */
  | { id: number; op: 'release' };

let trainer: Trainer | null = null;
const sets = new Map<number, LabelledSet>();

answerRequests<WorkerRequest>(async (req) => {
  if (req.op === 'release') {
    trainer = null;
    sets.clear();
    return null;
  }
  if (req.op === 'create') {
    trainer = await createTrainer(validateSettings({ ...req.settings, backend: req.settings.backend === 'wasm' ? 'wasm' : 'cpu' }), req.train);
    return null;
  }
  if (!trainer) throw new Error('worker: no trainer yet');
  switch (req.op) {
    case 'run': return trainer.run(req.start, req.count, req.logEvery);
    case 'evaluate': {
      if (req.set) sets.set(req.setId, req.set);
      const set = sets.get(req.setId);
      if (!set) throw new Error(`worker: set ${req.setId} was never sent`);
      return trainer.evaluate(set);
    }
    case 'predict': return trainer.predict(req.X, req.m);
    case 'getParams': return trainer.getParams();
    case 'setParams': return trainer.setParams(req.params);
    case 'gradientNorms': return trainer.gradientNorms();
  }
});
