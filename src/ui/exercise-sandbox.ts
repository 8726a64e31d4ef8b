/**
 * The page's side of the exercise's sandbox worker: one request at a time, each with a watchdog.
 * The watchdog counts silence — time since the worker last said anything (a check says nothing
 * until it is done; training beats every 100 ms) — from the moment the request reaches a loaded
 * worker, so a slow first load never counts against the student. Past the limit the worker is
 * terminated, the request fails with a message saying so, and the next request gets a fresh worker:
 * an endless loop costs a few seconds and nothing else.
 */
import type { SandboxReply, SandboxRequest } from '../exercise/protocol';

type Body = SandboxRequest extends infer R ? R extends unknown ? Omit<R, 'id'> : never : never;

export interface RunOptions {
  /** Longest silence before the worker is stopped, in ms. */
  silenceMs: number;
  /** How the overrun is described: "the check", "training with your code". */
  what: string;
  onProgress?: (p: Extract<SandboxReply, { type: 'progress' }>) => void;
}

/** The worker was stopped (a timeout, a stop, a crash): the message says which. */
export class SandboxStopped extends Error {
  constructor(message: string, readonly timedOut: boolean) {
    super(message);
    this.name = 'SandboxStopped';
  }
}

/** An error the code raised, with its line where known. */
export class SandboxError extends Error {
  constructor(message: string, readonly line: number | undefined) {
    super(message);
    this.name = 'SandboxError';
  }
}

export class Sandbox {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Ends the request in flight (stop(), or the watchdog). */
  private abort: ((e: Error) => void) | null = null;

  constructor(private readonly name: string) {}

  private spawn(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(new URL('./exercise-worker.ts', import.meta.url), { type: 'module', name: this.name });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<SandboxReply>) => { if (e.data.type === 'ready') resolve(); };
      worker.onerror = (e) => { reject(new Error(`the exercise's sandbox did not start: ${e.message}`)); this.kill(); };
    });
    return this.ready;
  }

  private kill(): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }

  /** One request, after those already queued. */
  run<T>(body: Body, o: RunOptions): Promise<T> {
    const next = this.queue.then(() => this.send<T>(body, o));
    this.queue = next.catch(() => {});
    return next;
  }

  private async send<T>(body: Body, o: RunOptions): Promise<T> {
    await this.spawn();
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      let timer = 0;
      const finish = (f: () => void) => {
        clearTimeout(timer);
        this.abort = null;
        f();
      };
      const watch = () => {
        clearTimeout(timer);
        timer = window.setTimeout(() => {
          this.kill();
          finish(() => reject(new SandboxStopped(
            `stopped after ${o.silenceMs / 1000} s without an answer: ${o.what} did not finish (an endless loop?). `
            + 'The sandbox was restarted; the page is fine.', true)));
        }, o.silenceMs);
      };
      this.abort = (e) => { this.kill(); finish(() => reject(e)); };
      worker.onmessage = (e: MessageEvent<SandboxReply>) => {
        const m = e.data;
        if (m.type === 'ready' || m.id !== id) return;
        if (m.type === 'beat') watch();
        else if (m.type === 'progress') { watch(); o.onProgress?.(m); }
        else if (m.type === 'done') finish(() => resolve(m.value as T));
        else finish(() => reject(new SandboxError(m.message, m.line)));
      };
      // a crash (out of memory, an error outside the code's reach): the worker is gone, a new one comes next time
      worker.onerror = (e) => {
        e.preventDefault();
        this.kill();
        finish(() => reject(new SandboxStopped(`the sandbox stopped: ${e.message || 'the worker crashed'} (out of memory?). It was restarted.`, false)));
      };
      watch();
      worker.postMessage({ ...body, id } as SandboxRequest);
    });
  }

  /** Stop what runs now (its promise rejects with `why`); the next request starts a fresh worker. */
  stop(why = 'stopped'): void {
    if (this.abort) this.abort(new SandboxStopped(why, false));
    else this.kill();
  }
}
