/**
 * The fast CPU engine's worker threads: each instantiates the kernels over the same shared memory
 * and runs `worker_loop`, which sleeps on the job slot until the engine hands it a slice of a
 * product. Node's worker_threads in the CLI and tests, Web Workers in a page (which needs
 * cross-origin isolation for shared memory). The workers' code is a few lines, given inline, so that
 * no bundler has to find a worker file.
 */
export interface WorkerHandle {
  terminate(): void;
}

/** CommonJS, as Node runs an `eval` worker. */
const NODE_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { module, memory, id, n, generation } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory } });
parentPort.postMessage('ready');
instance.exports.worker_loop(id, n, generation);
`;

const WEB_WORKER = `
onmessage = (e) => {
  const { module, memory, id, n, generation } = e.data;
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  postMessage('ready');
  instance.exports.worker_loop(id, n, generation);
};
`;

/**
 * Starts `count` workers with ids 1..count of `n` threads, resolving once each has its instance:
 * after that, a job posted to the slot is certain to be seen by all of them. `generation` is the job
 * slot's generation now (workers wait for it to move).
 */
export async function startWorkers(
  module: WebAssembly.Module, memory: WebAssembly.Memory, count: number, n: number, generation: number,
): Promise<WorkerHandle[]> {
  if (typeof process !== 'undefined' && process.versions?.node) {
    const { Worker } = await import(/* @vite-ignore */ 'node:worker_threads');
    return Promise.all(Array.from({ length: count }, (_, i) => new Promise<WorkerHandle>((resolve, reject) => {
      const w = new Worker(NODE_WORKER, { eval: true, workerData: { module, memory, id: i + 1, n, generation } });
      w.unref();
      w.once('message', () => resolve({ terminate: () => void w.terminate() }));
      w.once('error', reject);
    })));
  }
  const url = URL.createObjectURL(new Blob([WEB_WORKER], { type: 'text/javascript' }));
  try {
    return await Promise.all(Array.from({ length: count }, (_, i) => new Promise<WorkerHandle>((resolve, reject) => {
      const w = new Worker(url);
      w.onmessage = () => resolve({ terminate: () => w.terminate() });
      w.onerror = (e) => reject(new Error(e.message));
      w.postMessage({ module, memory, id: i + 1, n, generation });
    })));
  } finally {
    URL.revokeObjectURL(url);
  }
}
