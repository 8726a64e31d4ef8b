/**
 * The fast CPU engine's machine: one shared WebAssembly memory per JavaScript realm, the kernels of
 * src/wasm/assembly/kernels.ts instantiated over it, a small allocator for the trainers' buffers,
 * and worker threads that take slices of the large products (src/wasm/threads.ts). Products too
 * small to pay for waking the workers run on the calling thread.
 */
import { ReglabError } from '../errors';
import { KERNELS_WASM_BASE64 } from './kernels-wasm';
import { startWorkers, type WorkerHandle } from './threads';
import { withUnsharedMemory } from './unshared';

/** The kernels' exports (addresses are byte offsets into the shared memory). */
export interface Kernels {
  run_job(id: number, n: number): void;
  product(W: number, rs: number, cs: number, B: number, bias: number, C: number, rows: number, inner: number, ld: number, c0: number, c1: number): void;
  gradient(D: number, A: number, G: number, k: number, ld: number, i0: number, i1: number): void;
  scale_gradient(G: number, W: number, len: number, invM: number, l2m: number, l1m: number): void;
  row_sums(D: number, db: number, rows: number, ld: number, invM: number): void;
  update(P: number, dP: number, len: number, lr: number): void;
  sum_squares(W: number, len: number): number;
  sum_abs(W: number, len: number): number;
  activate(act: number, Z: number, A: number, len: number): void;
  activate_backward(act: number, dA: number, Z: number, dZ: number, len: number): void;
  philox_mask(mask: number, rows: number, m: number, ld: number, seed: number, layer: number, iteration: number, threshold: number, b0: number, b1: number): void;
  apply_mask(X: number, mask: number, len: number, keepProb: number): void;
  output_delta(AL: number, Y: number, dZ: number, m: number): void;
  cross_entropy_sum(Z: number, Y: number, m: number): number;
}

/** The job slot's address and layout: must match JOB and the OP_ codes in kernels.ts. */
const JOB = 256;
const OP_PRODUCT = 1;
const OP_GRADIENT = 2;
const OP_STOP = 3;
const OP_MASK = 4;
/** Masks of fewer Philox blocks (4 units each) than this are drawn on one thread. */
const PARALLEL_MIN_BLOCKS = 1 << 14;
/** The first byte the allocator hands out; below it, the job slot and the compiler's constant tables. */
const HEAP_BASE = 65536;
const PAGE = 65536;
/** The memory's limit in pages (2 GiB), as the module declares it (--maximumMemory in scripts/wasm-build.js). */
const MAX_PAGES = 32768;
/** Products of fewer multiply-adds than this run on one thread: waking workers costs tens of µs. */
const PARALLEL_MIN_MACS = 1 << 20;
/** How long the calling thread waits for its workers before it calls the engine broken. */
const WORKER_TIMEOUT_MS = 60_000;

/** Columns rounded up to whole vectors of 4 floats: the leading dimension of every activation buffer. */
export function paddedColumns(m: number): number {
  return (m + 3) & ~3;
}

export function wasmModuleBytes(): Uint8Array<ArrayBuffer> {
  const text = atob(KERNELS_WASM_BASE64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Threads this machine offers: Node's available parallelism, a worker's hardwareConcurrency — and
 * one on a page's main thread, which may not block waiting for workers (the page trains in a worker).
 */
export async function availableThreads(): Promise<number> {
  if (typeof process !== 'undefined' && process.versions?.node) {
    const os = await import(/* @vite-ignore */ 'node:os');
    return os.availableParallelism();
  }
  if (typeof document !== 'undefined') return 1;
  return typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
}

/**
 * Whether this realm may share memory between threads: Node, and a page served cross-origin isolated
 * (COOP/COEP headers). Elsewhere (a plain static host) the engine runs on one thread, unshared.
 */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
}

export class WasmEngine {
  private static current: Promise<WasmEngine> | null = null;

  readonly kernels: Kernels;
  private readonly jobWords: Int32Array;
  private free: { at: number; bytes: number }[] = [];
  /** The size of every block handed out, by address. */
  private readonly sizes = new Map<number, number>();
  private top = HEAP_BASE;
  private workers: WorkerHandle[] = [];
  private starting: Promise<void> | null = null;

  private constructor(readonly module: WebAssembly.Module, readonly memory: WebAssembly.Memory, private threads: number) {
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.kernels = instance.exports as unknown as Kernels;
    this.jobWords = new Int32Array(memory.buffer, JOB, 16);
  }

  /** This realm's engine, made at first use: shared memory and every core where allowed, else one thread (canShareMemory). */
  static get(): Promise<WasmEngine> {
    WasmEngine.current ??= (async () => {
      const shared = canShareMemory();
      const module = new WebAssembly.Module(shared ? wasmModuleBytes() : withUnsharedMemory(wasmModuleBytes()));
      const memory = new WebAssembly.Memory({ initial: 2, maximum: MAX_PAGES, shared });
      return new WasmEngine(module, memory, shared ? await availableThreads() : 1);
    })();
    return WasmEngine.current;
  }

  /** Whether the memory is shared (the engine may use worker threads). */
  get shared(): boolean {
    return typeof SharedArrayBuffer === 'function' && this.memory.buffer instanceof SharedArrayBuffer;
  }

  /** Threads the large products use (the calling one included). */
  get threadCount(): number {
    return this.threads;
  }

  /** Use at most n threads from now on (1: never wake a worker). */
  setThreads(n: number): void {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`threads must be a whole number ≥ 1, got ${n}`);
    if (!this.shared) n = 1; // unshared memory: no worker can see it
    if (n !== this.threads) this.stopWorkers();
    this.threads = n;
  }

  /** `bytes` (rounded up to 64) of zeroed memory; the address is 64-byte aligned. */
  alloc(bytes: number): number {
    const size = Math.max(64, Math.ceil(bytes / 64) * 64);
    const i = this.free.findIndex((f) => f.bytes >= size);
    let at: number;
    if (i >= 0) {
      const f = this.free[i];
      at = f.at;
      if (f.bytes === size) this.free.splice(i, 1);
      else { f.at += size; f.bytes -= size; }
    } else {
      at = this.top;
      this.top += size;
      const need = Math.ceil(this.top / PAGE) - this.memory.buffer.byteLength / PAGE;
      if (need > 0) {
        if (this.top > MAX_PAGES * PAGE) {
          this.top -= size;
          throw new RangeError(`the fast CPU engine needs ${Math.ceil((this.top + size) / 2 ** 20)} MiB, more than its 2 GiB memory`);
        }
        this.memory.grow(need);
      }
    }
    new Uint8Array(this.memory.buffer, at, size).fill(0);
    this.sizes.set(at, size);
    return at;
  }

  /**
   * Refuses, naming --layers, buffers of `floats` float32s in all (as `what` needs them) that the
   * memory cannot hold next to what is already allocated — before any of them is allocated.
   */
  assertFits(floats: number, what: string): void {
    const free = this.free.reduce((s, f) => s + f.bytes, 0) + MAX_PAGES * PAGE - this.top;
    const needed = floats * 4;
    if (needed > free) {
      throw new ReglabError(`${what} needs ${Math.ceil(needed / 2 ** 20)} MiB of the fast CPU engine's memory, which has ${Math.floor(free / 2 ** 20)} MiB free of its 2 GiB; use fewer examples or narrower layers`, { exitCode: 1, field: 'layers' });
    }
  }

  release(at: number): void {
    const bytes = this.sizes.get(at);
    if (bytes === undefined) return;
    this.sizes.delete(at);
    this.free.push({ at, bytes });
    this.free.sort((a, b) => a.at - b.at);
    // Merge neighbours; give the last block back to the top.
    const merged: { at: number; bytes: number }[] = [];
    for (const f of this.free) {
      const last = merged.at(-1);
      if (last && last.at + last.bytes === f.at) last.bytes += f.bytes;
      else merged.push({ ...f });
    }
    const tail = merged.at(-1);
    if (tail && tail.at + tail.bytes === this.top) {
      this.top = tail.at;
      merged.pop();
    }
    this.free = merged;
  }

  /** A float32 view of `length` floats at `at` (made fresh: the memory's buffer changes when it grows). */
  f32(at: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, at, length);
  }

  /** Whether a product of `macs` multiply-adds would be split across threads. */
  wouldSplit(macs: number): boolean {
    return this.threads > 1 && macs >= PARALLEL_MIN_MACS;
  }

  /** C (rows × ld) = w·B (+ bias) as kernels.ts's product, over every column; in slices across threads when large. */
  product(W: number, rs: number, cs: number, B: number, bias: number, C: number, rows: number, inner: number, ld: number): void {
    if (this.wouldSplit(rows * inner * ld) && ld >= 16) {
      this.parallel(OP_PRODUCT, [W, rs, cs, B, bias, C, rows, inner, ld]);
    } else {
      this.kernels.product(W, rs, cs, B, bias, C, rows, inner, ld, 0, ld);
    }
  }

  /** G (n × k) = D·Aᵀ over ld columns, in row slices across threads when large. */
  gradient(D: number, A: number, G: number, n: number, k: number, ld: number): void {
    if (this.wouldSplit(n * k * ld) && n >= 8) {
      this.parallel(OP_GRADIENT, [D, A, G, n, k, ld]);
    } else {
      this.kernels.gradient(D, A, G, k, ld, 0, n);
    }
  }

  /** Whether a keep mask of `units` units (rows × m) would be drawn across threads. */
  wouldSplitMask(units: number): boolean {
    return this.threads > 1 && Math.ceil(units / 4) >= PARALLEL_MIN_BLOCKS;
  }

  /** A hidden layer's Philox keep mask (kernels.ts's philox_mask), in block slices across threads when large. */
  dropoutMask(mask: number, rows: number, m: number, ld: number, seed: number, layer: number, iteration: number, threshold: number): void {
    const blocks = Math.ceil((rows * m) / 4);
    if (this.wouldSplitMask(rows * m)) {
      this.parallel(OP_MASK, [mask, rows, m, ld, seed, layer, iteration], threshold);
    } else {
      this.kernels.philox_mask(mask, rows, m, ld, seed, layer, iteration, threshold, 0, blocks);
    }
  }

  /**
   * Hands a job to the workers and runs share 0 here. The first large product starts the workers
   * (asynchronously in every runtime), so until they are up the product runs here alone.
   */
  private parallel(op: number, args: number[], floatArg = 0): void {
    const n = this.workers.length + 1;
    if (n === 1) {
      this.startWorkers();
      if (op === OP_PRODUCT) this.kernels.product(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8], 0, args[8]);
      else if (op === OP_GRADIENT) this.kernels.gradient(args[0], args[1], args[2], args[4], args[5], 0, args[3]);
      else this.kernels.philox_mask(args[0], args[1], args[2], args[3], args[4], args[5], args[6], floatArg, 0, Math.ceil((args[1] * args[2]) / 4));
      return;
    }
    const w = this.jobWords;
    w[2] = op;
    for (let i = 0; i < args.length; i++) w[3 + i] = args[i];
    // the mask's threshold, a float32, in the word after its integer arguments
    if (op === OP_MASK) new Float32Array(w.buffer, w.byteOffset + 4 * (3 + args.length), 1)[0] = floatArg;
    Atomics.store(w, 1, 0);
    Atomics.add(w, 0, 1);
    Atomics.notify(w, 0);
    this.kernels.run_job(0, n);
    const deadline = Date.now() + WORKER_TIMEOUT_MS;
    for (let done = Atomics.load(w, 1); done < n - 1; done = Atomics.load(w, 1)) {
      if (Date.now() > deadline) throw new Error(`the fast CPU engine's worker threads did not finish a product within ${WORKER_TIMEOUT_MS / 1000} s`);
      Atomics.wait(w, 1, done, 100);
    }
  }

  private startWorkers(): void {
    if (this.starting || this.threads <= 1) return;
    const count = this.threads - 1;
    const generation = Atomics.load(this.jobWords, 0);
    this.starting = startWorkers(this.module, this.memory, count, count + 1, generation)
      .then((handles) => {
        if (this.starting) this.workers = handles;
        else for (const h of handles) h.terminate();
      })
      .catch(() => { this.threads = 1; });
  }

  /** Whether the workers are running (tests wait for this). */
  async workersReady(): Promise<boolean> {
    this.startWorkers();
    await this.starting;
    return this.workers.length > 0;
  }

  /** Stops the workers (their loops return on OP_STOP) and forgets them. */
  stopWorkers(): void {
    const workers = this.workers;
    this.starting = null;
    this.workers = [];
    if (workers.length === 0) return;
    const w = this.jobWords;
    w[2] = OP_STOP;
    Atomics.add(w, 0, 1);
    Atomics.notify(w, 0);
    for (const h of workers) h.terminate();
  }
}
