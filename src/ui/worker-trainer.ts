/** A Trainer whose CPU reference or fast CPU engine runs in a Web Worker (src/ui/cpu-worker.ts); same numbers, free main thread. */
import type { Params } from '../model/network';
import type { TrainSettings } from '../model/settings';
import type { CostPoint, Evaluation, LabelledSet, Trainer, TrainerDescription } from '../model/types';
import type { WorkerRequest } from './cpu-worker';
import { WorkerClient, type Body } from './worker-client';

/**
 * Idle CPU workers, kept for the next run. Ending a worker that has just trained on a large set
 * (its heap hundreds of MB) blocked Chromium's main thread for seconds, so a finished trainer's
 * worker is released and reused rather than ended.
 */
const pool: WorkerClient<WorkerRequest>[] = [];
const POOL_SIZE = 4;
const newWorker = () => new WorkerClient<WorkerRequest>(
  new Worker(new URL('./cpu-worker.ts', import.meta.url), { type: 'module', name: 'reglab cpu trainer' }), 'the CPU trainer');

export class WorkerTrainer implements Trainer {
  readonly backend: 'cpu' | 'wasm';
  readonly adapter = null;
  readonly precision: TrainSettings['precision'];
  readonly preferredChunk = 1;
  private readonly client = pool.pop() ?? newWorker();
  private disposed = false;

  private constructor(settings: TrainSettings) {
    this.backend = settings.backend === 'wasm' ? 'wasm' : 'cpu';
    this.precision = this.backend === 'wasm' ? 'f32' : settings.precision;
  }

  static async create(settings: TrainSettings, train: LabelledSet): Promise<WorkerTrainer> {
    const t = new WorkerTrainer(settings);
    await t.call({ op: 'create', settings, train });
    return t;
  }

  describe(): TrainerDescription {
    return { backend: this.backend, adapter: null, precision: this.precision };
  }

  private call<T>(body: Body<WorkerRequest>): Promise<T> {
    return this.disposed ? Promise.reject(new Error('the CPU trainer was stopped')) : this.client.call<T>(body);
  }
  run(start: number, count: number, logEvery: number): Promise<CostPoint[]> {
    return this.call({ op: 'run', start, count, logEvery });
  }
  /** The sets this worker holds: a set is copied to the worker once, not at every view refresh. */
  private readonly sent = new WeakMap<LabelledSet, number>();
  evaluate(set: LabelledSet): Promise<Evaluation> {
    const known = this.sent.get(set);
    if (known !== undefined) return this.call({ op: 'evaluate', setId: known });
    const setId = this.sent.set(set, this.nextSetId).get(set)!;
    this.nextSetId++;
    return this.call({ op: 'evaluate', setId, set });
  }
  private nextSetId = 0;
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
  /**
   * Give the worker back: once what it is computing (at most one chunk; a stop ends the run at the
   * next chunk boundary) is done, it forgets this trainer and returns to the pool.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const c = this.client;
    c.call({ op: 'release' }).then(() => {
      if (pool.length < POOL_SIZE) pool.push(c);
      else c.dispose();
    }, () => c.dispose());
  }
}
