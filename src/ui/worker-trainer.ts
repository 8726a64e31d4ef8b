/** A Trainer whose CPU reference runs in a Web Worker (src/ui/cpu-worker.ts); same numbers, free main thread. */
import type { Params } from '../model/network';
import type { TrainSettings } from '../model/settings';
import type { CostPoint, Evaluation, LabelledSet, Trainer } from '../train/types';
import type { WorkerRequest } from './cpu-worker';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Body<R> = R extends unknown ? Omit<R, 'id'> : never;

export class WorkerTrainer implements Trainer {
  readonly backend = 'cpu' as const;
  readonly adapter = null;
  readonly precision: TrainSettings['precision'];
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  private constructor(settings: TrainSettings) {
    this.precision = settings.precision;
    this.worker = new Worker(new URL('./cpu-worker.ts', import.meta.url), { type: 'module', name: 'reglab cpu trainer' });
    this.worker.onmessage = (e: MessageEvent<{ id: number; ok: boolean; value?: unknown; error?: string }>) => {
      const p = this.pending.get(e.data.id);
      this.pending.delete(e.data.id);
      if (e.data.ok) p?.resolve(e.data.value);
      else p?.reject(new Error(e.data.error));
    };
    this.worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(`CPU worker failed: ${e.message}`));
      this.pending.clear();
    };
  }

  static async create(settings: TrainSettings, train: LabelledSet): Promise<WorkerTrainer> {
    const t = new WorkerTrainer(settings);
    await t.call({ op: 'create', settings, train });
    return t;
  }

  private call<T>(body: Body<WorkerRequest>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...body, id });
    });
  }

  run(start: number, count: number, logEvery: number): Promise<CostPoint[]> {
    return this.call({ op: 'run', start, count, logEvery });
  }
  evaluate(set: LabelledSet): Promise<Evaluation> {
    return this.call({ op: 'evaluate', set });
  }
  predict(X: Float64Array, m: number): Promise<Float64Array> {
    return this.call({ op: 'predict', X, m });
  }
  getParams(): Promise<Params> {
    return this.call({ op: 'getParams' });
  }
  setParams(p: Params): Promise<void> {
    return this.call({ op: 'setParams', params: p });
  }
  gradientNorms(): Promise<number[]> {
    return this.call({ op: 'gradientNorms' });
  }
  dispose(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('trainer disposed'));
    this.pending.clear();
  }
}
