/**
 * The GPU trainer's run loop: a whole chunk of iterations per submit, nothing allocated per
 * iteration, and each chunk's cost log copied to one of a ring of MAP_READ buffers and read while
 * the next chunks run. The path (src/gpu/paths/) encodes the chunk; the loop only schedules it.
 */
import { isLogged } from '../model/evaluation';
import type { CostPoint } from '../model/types';
import type { TrainPath } from './paths/path';

/** Cost-log read-backs in flight while the GPU runs on. */
export const RING = 3;

export interface RunLoop {
  device: GPUDevice;
  path: TrainPath;
  /** state[0] = the chunk's first iteration, state[1] = the iteration of cost-log slot 0 (the same, per submit). */
  state: GPUBuffer;
  /** Per model, `chunk` slots of (cost, correct answers), model k's from slot k·chunk. */
  log: GPUBuffer;
  /** RING MAP_READ buffers the size of the log. */
  staging: GPUBuffer[];
  models: number;
  chunk: number;
  /** Throws when the device is gone. */
  checkAlive(): void;
  /** The error a failed read-back becomes (the device was lost). */
  lostError(e: Error): Error;
  /** The last iteration whose costs have been read back. */
  completed(iteration: number): void;
}

/**
 * Iterations start … start + count − 1 for every model: each model's costs at the iterations
 * isLogged picks. A model whose cost stops being finite logs no further; the run ends early only
 * when every model has.
 */
export async function runChunks(loop: RunLoop, start: number, count: number, logEvery: number): Promise<CostPoint[][]> {
  loop.checkAlive();
  const { device, models: M, chunk } = loop;
  const out: CostPoint[][] = Array.from({ length: M }, () => []);
  const diverged: boolean[] = new Array(M).fill(false);
  const last = start + count - 1;
  const pending: { buf: GPUBuffer; from: number; n: number; bytes: number; done: Promise<void> }[] = [];
  let ring = 0;
  const allDiverged = () => diverged.every(Boolean);
  const drain = async () => {
    const job = pending.shift()!;
    try {
      await job.done;
    } catch (e) {
      throw loop.lostError(e as Error);
    }
    const log = new Float32Array(job.buf.getMappedRange(0, job.bytes)).slice();
    job.buf.unmap();
    for (let k = 0; k < M; k++) {
      // model k's slots start at k·chunk in the log
      for (let s = 0; s < job.n && !diverged[k]; s++) {
        const t = job.from + s;
        const cost = log[2 * (k * chunk + s)];
        if (isLogged(t, logEvery, last, cost)) out[k].push({ iteration: t, cost });
        diverged[k] = !Number.isFinite(cost);
      }
    }
    loop.completed(job.from + job.n - 1);
  };
  for (let from = start; from <= last && !allDiverged(); from += chunk) {
    if (pending.length === RING) await drain();
    if (allDiverged()) break;
    loop.checkAlive();
    const n = Math.min(chunk, last - from + 1);
    device.queue.writeBuffer(loop.state, 0, new Uint32Array([from, from]));
    const enc = device.createCommandEncoder({ label: `iterations ${from}..${from + n - 1}` });
    const pass = enc.beginComputePass({ label: 'train' });
    loop.path.encode(pass, n);
    pass.end();
    const buf = loop.staging[ring];
    ring = (ring + 1) % RING;
    const bytes = 8 * ((M - 1) * chunk + n);
    enc.copyBufferToBuffer(loop.log, 0, buf, 0, bytes);
    device.queue.submit([enc.finish()]);
    const done = buf.mapAsync(GPUMapMode.READ, 0, bytes);
    done.catch(() => {}); // a lost device rejects every pending map; the first one awaited reports it
    pending.push({ buf, from, n, bytes, done });
  }
  while (pending.length) await drain();
  return out;
}
