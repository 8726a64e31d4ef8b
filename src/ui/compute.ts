/** The main thread's handle on compute-worker.ts: one worker per client, stopped by dispose(). */
import type { ComputeRequest } from './compute-worker';
import { WorkerClient } from './worker-client';

export type ComputeClient = WorkerClient<ComputeRequest>;

export function computeClient(purpose: string): ComputeClient {
  const worker = new Worker(new URL('./compute-worker.ts', import.meta.url), { type: 'module', name: `reglab ${purpose}` });
  return new WorkerClient<ComputeRequest>(worker, purpose);
}
