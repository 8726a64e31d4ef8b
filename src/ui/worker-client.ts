/**
 * The main thread's side of a Web Worker that answers numbered requests (cpu-worker.ts,
 * compute-worker.ts): one promise per request, errors rebuilt with their name and message, and
 * dispose() as a stop — it terminates the worker and rejects whatever is still waiting.
 */
/** The message that asks a worker to close itself. */
const CLOSE = 'close';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
/** A request without its id (WorkerClient numbers them). */
export type Body<R> = R extends unknown ? Omit<R, 'id'> : never;

/** What a worker posts back: a value, or the error it threw (an Error cannot cross as itself). */
export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string } };

export class WorkerClient<Req extends { id: number }> {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private disposed = false;

  constructor(private readonly worker: Worker, private readonly what: string) {
    worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const p = this.pending.get(e.data.id);
      this.pending.delete(e.data.id);
      if (e.data.ok) p?.resolve(e.data.value);
      else p?.reject(Object.assign(new Error(e.data.error.message), { name: e.data.error.name }));
    };
    worker.onerror = (e) => {
      // a worker whose script did not load (the page's files replaced by a new build, the server gone)
      // fires an error with no message: say what the student can do
      const why = e.message || 'its script did not load — reload the page';
      for (const p of this.pending.values()) p.reject(new Error(`${what} failed: ${why}`));
      this.pending.clear();
    };
  }

  call<T>(body: Body<Req>, transfer: Transferable[] = []): Promise<T> {
    if (this.disposed) return Promise.reject(new Error(`${this.what} was stopped`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...body, id }, transfer);
    });
  }

  /**
   * Stop the worker. An idle one is asked to close itself: terminate() on a worker that has held a
   * large heap blocked the page's main thread for seconds in Chromium. A busy one (a stop mid-run) is
   * terminated.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.pending.size === 0) this.worker.postMessage({ id: -1, op: CLOSE });
    else this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error(`${this.what} was stopped`));
    this.pending.clear();
  }
}

/** The worker's side: answer each request with `handle`'s value (transferring its typed arrays) or its error. */
export function answerRequests<Req extends { id: number }>(handle: (req: Req) => unknown, transferOf: (value: unknown) => Transferable[] = () => []): void {
  self.onmessage = async (e: MessageEvent<Req>) => {
    if ((e.data as unknown as { op: string }).op === CLOSE) {
      self.close();
      return;
    }
    try {
      const value = await handle(e.data);
      (self as unknown as Worker).postMessage({ id: e.data.id, ok: true, value } satisfies WorkerReply, transferOf(value));
    } catch (err) {
      const { name, message } = err instanceof Error ? err : new Error(String(err));
      (self as unknown as Worker).postMessage({ id: e.data.id, ok: false, error: { name, message } } satisfies WorkerReply);
    }
  };
}
