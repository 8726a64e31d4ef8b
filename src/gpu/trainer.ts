/**
 * GpuTrainer: the same Trainer as the CPU reference, with every tensor on the GPU, on one of three
 * kernel paths (the rule: src/gpu/paths/rule.ts; each path in its own file beside it). The trainer
 * owns what every path shares — parameters, layer table, labels, iteration state and the cost log —
 * and the run loop: many iterations per submit, nothing allocated per iteration, and the cost of
 * every iteration copied to a ring of MAP_READ buffers and read while the next chunk runs.
 */
import { isLogged, evaluation } from '../model/evaluation';
import { numpyMasks } from '../model/dropout';
import type { Params } from '../model/network';
import type { CostPoint, Evaluation, LabelledSet, Trainer, TrainerDescription, TrainerOptions } from '../model/types';
import { PathUnfitError } from '../errors';
import type { GpuContext } from './device';
import { GpuDeviceLostError } from './errors';
import { inference } from './inference';
import { encode, GpuScope } from './resources';
import { checkLimits } from './limits';
import { layerTable, packParams, unpackParams, type PackedParams } from './param-layout';
import { createProductKernels, productKernelFor, type ProductKernel, type ProductKernels } from './products';
import { buildFused, compileFused } from './paths/fused';
import { buildLayered, compileLayered } from './paths/layered';
import { dropoutSource, type PathContext, type TrainPath } from './paths/path';
import { choosePath, pathUnfit, type GpuPath } from './paths/rule';
import { buildUnrolled, compileUnrolled, unrolledChunkLimit, unrolledWorkgroup } from './paths/unrolled';

export interface GpuTrainerOptions extends TrainerOptions {
  gpu: GpuContext;
  /** Iterations per submit (default GPU_CHUNK). */
  chunk?: number;
  /** Kernel path; 'auto' (default) applies choosePath (src/gpu/paths/rule.ts). */
  path?: 'auto' | GpuPath;
  /** Invocations of the unrolled path's workgroup (default: unrolledWorkgroup's rule for the adapter). */
  unrolledWorkgroup?: number;
  /** The product kernel for the layered path and prediction (default: productKernelFor's rule for the adapter). */
  productKernel?: ProductKernel;
  /** Workgroups a split product aims for; tests lower it to split small products. */
  splitTarget?: number;
  /** Workgroups per dispatch dimension before a dispatch folds into (x, y) (default: the device's limit); tests lower it. */
  maxWorkgroupsPerDimension?: number;
}

/** Iterations per submit, unless the options say otherwise: each submit ends with a cost-log copy. */
export const GPU_CHUNK = 256;
/** Cost-log read-backs in flight while the GPU runs on. */
const RING = 3;

export class GpuTrainer implements Trainer {
  readonly backend = 'gpu' as const;
  readonly precision = 'f32' as const;
  readonly adapter: string;
  readonly preferredChunk: number;
  private readonly device: GPUDevice;
  private readonly scope: GpuScope;
  private readonly params: GPUBuffer;
  private readonly offsets: number[];
  private readonly state: GPUBuffer;
  private readonly log: GPUBuffer;
  private readonly staging: GPUBuffer[];
  private readonly maxDim: number;
  private lost: string | null = null;
  private completed = -1;
  private path!: TrainPath;
  /** The initial parameters, packed: the paths build from them. */
  private readonly packed: PackedParams;

  private constructor(private readonly o: GpuTrainerOptions, private readonly products: ProductKernels, chunk: number) {
    this.device = o.gpu.device;
    this.adapter = o.gpu.adapterName;
    this.preferredChunk = chunk;
    this.maxDim = Math.min(o.maxWorkgroupsPerDimension ?? Infinity, this.device.limits.maxComputeWorkgroupsPerDimension);
    void this.device.lost.then((info) => { this.lost = info.message || info.reason || 'unknown reason'; });
    this.scope = new GpuScope(this.device);
    this.packed = packParams(o.spec, o.params);
    this.offsets = this.packed.offsets;
    this.params = this.scope.storage('params [W|b]', this.packed.data);
    this.state = this.scope.storage('state (iteration, chunk start)', new Uint32Array(4));
    this.log = this.scope.storage('cost log', 2 * chunk);
    this.staging = Array.from({ length: RING }, (_, i) => this.scope.staging(`cost log staging ${i}`, 8 * chunk));
  }

  /** The shared buffers a path builds on. */
  private context(): PathContext {
    const o = this.o;
    const { dims } = o.spec;
    return {
      scope: this.scope, o, packed: this.packed, params: this.params, state: this.state, log: this.log,
      layers: this.scope.storage('layer table', layerTable(o.spec, this.offsets)),
      y: this.scope.storage('Y', Float32Array.from(o.train.Y)),
      stored: dropoutSource(o) === 'stored' ? numpyMasks(dims.slice(1, -1), o.train.m, o.keepProb) : null,
      chunk: this.preferredChunk, maxDim: this.maxDim,
    };
  }

  static async create(o: GpuTrainerOptions): Promise<GpuTrainer> {
    const d = o.gpu.device;
    const name = o.path === undefined || o.path === 'auto' ? choosePath(o.spec, o.train.m, o.gpu.isSoftware) : o.path;
    const why = pathUnfit(name, o.spec);
    if (why) throw new PathUnfitError(`${why}; choose another GPU path (auto picks one that fits)`);
    checkLimits(o.spec, o.train.m, d.limits);
    const productKernel = o.productKernel ?? productKernelFor(o.gpu.isSoftware);
    // compile first (asynchronously, side by side), then build every buffer in one synchronous step
    const [products, layered, fused, unrolled] = await Promise.all([
      createProductKernels(d, productKernel, false),
      name === 'layered' ? compileLayered(d, productKernel) : null,
      name === 'fused' ? compileFused(d) : null,
      name === 'unrolled' ? compileUnrolled(d, o, o.unrolledWorkgroup ?? unrolledWorkgroup(o.gpu.isSoftware)) : null,
    ]);
    const chunk = Math.min(o.chunk ?? GPU_CHUNK, unrolled ? unrolledChunkLimit(o, d.limits) : Infinity);
    d.pushErrorScope('validation');
    let t: GpuTrainer | null = null;
    try {
      t = new GpuTrainer(o, layered?.products ?? products, chunk);
      const ctx = t.context();
      t.path = layered ? buildLayered(ctx, layered, { productKernel, splitTarget: o.splitTarget })
        : fused ? buildFused(ctx, fused) : buildUnrolled(ctx, unrolled!);
    } finally {
      const err = await d.popErrorScope();
      if (err) {
        t?.dispose();
        throw new Error(`GpuTrainer setup: ${err.message}`);
      }
    }
    return t;
  }

  describe(): TrainerDescription {
    const { backend, adapter, precision } = this;
    return { backend, adapter, precision, gpuPath: this.path.name, ...(this.path.name === 'layered' ? { products: this.products.kind } : {}) };
  }

  private deviceLost = (e: Error) => new GpuDeviceLostError(this.lost ?? e.message, this.completed);

  private checkAlive(): void {
    if (this.lost !== null) throw new GpuDeviceLostError(this.lost, this.completed);
  }

  async run(start: number, count: number, logEvery: number): Promise<CostPoint[]> {
    this.checkAlive();
    const out: CostPoint[] = [];
    const last = start + count - 1;
    const pending: { buf: GPUBuffer; from: number; n: number; done: Promise<void> }[] = [];
    let ring = 0;
    let diverged = false;
    const drain = async () => {
      const job = pending.shift()!;
      try {
        await job.done;
      } catch (e) {
        throw this.deviceLost(e as Error);
      }
      const log = new Float32Array(job.buf.getMappedRange(0, 8 * job.n)).slice();
      job.buf.unmap();
      for (let s = 0; s < job.n && !diverged; s++) {
        const t = job.from + s;
        const cost = log[2 * s];
        if (isLogged(t, logEvery, last, cost)) out.push({ iteration: t, cost });
        diverged = !Number.isFinite(cost);
        this.completed = t;
      }
    };
    for (let from = start; from <= last && !diverged; from += this.preferredChunk) {
      if (pending.length === RING) await drain();
      if (diverged) break;
      this.checkAlive();
      const n = Math.min(this.preferredChunk, last - from + 1);
      this.device.queue.writeBuffer(this.state, 0, new Uint32Array([from, from]));
      const enc = this.device.createCommandEncoder({ label: `iterations ${from}..${from + n - 1}` });
      const pass = enc.beginComputePass({ label: 'train' });
      this.path.encode(pass, n);
      pass.end();
      const buf = this.staging[ring];
      ring = (ring + 1) % RING;
      enc.copyBufferToBuffer(this.log, 0, buf, 0, 8 * n);
      this.device.queue.submit([enc.finish()]);
      const done = buf.mapAsync(GPUMapMode.READ, 0, 8 * n);
      done.catch(() => {}); // a lost device rejects every pending map; the first one awaited reports it
      pending.push({ buf, from, n, done });
    }
    while (pending.length) await drain();
    return out;
  }

  private async read(src: GPUBuffer, bytes: number): Promise<Float32Array> {
    this.checkAlive();
    return new Float32Array(await this.scope.read(src, bytes, this.deviceLost));
  }

  private infer(X: Float64Array, m: number) {
    this.checkAlive();
    return inference({
      device: this.device, spec: this.o.spec, products: this.products, params: this.params, offsets: this.offsets,
      state: this.state, maxDim: this.maxDim, lost: this.deviceLost,
    }, X, m);
  }

  async predict(X: Float64Array, m: number): Promise<Float64Array> {
    return Float64Array.from((await this.infer(X, m)).probs);
  }

  async evaluate(set: LabelledSet): Promise<Evaluation> {
    const { logits, probs } = await this.infer(set.X, set.m);
    return evaluation(logits, probs, set.Y, set.m);
  }

  async setParams(p: Params): Promise<void> {
    this.checkAlive();
    this.device.queue.writeBuffer(this.params, 0, new Float32Array(packParams(this.o.spec, p).data));
  }

  async getParams(): Promise<Params> {
    return unpackParams(this.o.spec, await this.read(this.params, this.params.size), this.offsets);
  }

  async gradientNorms(): Promise<number[]> {
    const norms = this.path.norms;
    if (!norms) throw new Error(`gradientNorms: the ${this.path.name} path keeps no gradients; use the layered path (--gpu-path layered)`);
    this.checkAlive();
    const enc = this.device.createCommandEncoder({ label: 'gradient norms' });
    const pass = enc.beginComputePass({ label: 'gradient norms' });
    encode(pass, norms.dispatch);
    pass.end();
    this.device.queue.submit([enc.finish()]);
    return Array.from(await this.read(norms.buf, 4 * (this.o.spec.dims.length - 1)));
  }

  /** The dropout masks of the last forward pass, one per hidden layer (empty without dropout). */
  async readMasks(): Promise<Uint8Array[]> {
    const masks = this.path.masks;
    if (!masks) throw new Error(`readMasks: the ${this.path.name} path keeps dropout masks in registers; use path: 'layered'`);
    const out: Uint8Array[] = [];
    for (const [h, buf] of masks.entries()) {
      if (!buf) return [];
      out.push(Uint8Array.from(await this.read(buf, 4 * this.o.spec.dims[h + 1] * this.o.train.m)));
    }
    return out;
  }

  dispose(): void {
    this.scope.dispose();
  }
}
