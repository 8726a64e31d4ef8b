/**
 * The CPU reference in a Web Worker, so the page stays responsive while it trains. Answers the
 * messages of WorkerTrainer (src/ui/worker-trainer.ts), one Trainer per worker.
 */
import { validateSettings, type TrainSettings } from '../model/settings';
import { createTrainer } from '../train/factory';
import type { LabelledSet, Trainer } from '../train/types';
import type { Params } from '../model/network';

export type WorkerRequest =
  | { id: number; op: 'create'; settings: TrainSettings; train: LabelledSet }
  | { id: number; op: 'run'; start: number; count: number; logEvery: number }
  | { id: number; op: 'evaluate'; set: LabelledSet }
  | { id: number; op: 'predict'; X: Float64Array; m: number }
  | { id: number; op: 'getParams' }
  | { id: number; op: 'setParams'; params: Params }
  | { id: number; op: 'gradientNorms' };

let trainer: Trainer | null = null;

async function handle(req: WorkerRequest): Promise<unknown> {
  if (req.op === 'create') {
    trainer = await createTrainer(validateSettings({ ...req.settings, backend: 'cpu' }), req.train);
    return null;
  }
  if (!trainer) throw new Error('worker: no trainer yet');
  switch (req.op) {
    case 'run': return trainer.run(req.start, req.count, req.logEvery);
    case 'evaluate': return trainer.evaluate(req.set);
    case 'predict': return trainer.predict(req.X, req.m);
    case 'getParams': return trainer.getParams();
    case 'setParams': return trainer.setParams(req.params);
    case 'gradientNorms': return trainer.gradientNorms();
  }
}

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  try {
    self.postMessage({ id: e.data.id, ok: true, value: await handle(e.data) });
  } catch (err) {
    self.postMessage({ id: e.data.id, ok: false, error: (err as Error).message });
  }
};
