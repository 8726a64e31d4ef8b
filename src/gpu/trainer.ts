/**
 * GpuTrainer: the same Trainer as the CPU reference, with every tensor on the GPU, on one of three
 * kernel paths (the rule: src/gpu/paths/rule.ts; each path in its own file beside it). The trainer
 * owns what every path shares — parameters, layer table, labels, iteration state and the cost log —
 * and drives the run loop (src/gpu/run-loop.ts: many iterations per submit, the cost log read back
 * while the next chunk runs), prediction (inference.ts) and the read-backs.
 */
import { evaluation } from '../model/evaluation';
import { numpyMasks } from '../model/dropout';
import { hyperParams, sharedMaskSource, type Hyper, type MaskSource } from '../model/hyper';
import { paramCount, type NetworkSpec, type Params } from '../model/network';
import type { CostPoint, Evaluation, LabelledSet, Trainer, TrainerDescription, TrainerOptions } from '../model/types';
import type { GpuPathSetting } from '../model/settings';
import { PathUnfitError, ReglabError } from '../errors';
import type { GpuContext } from './device';
import { GpuDeviceLostError } from './errors';
import { inference } from './inference';
import { encode, GpuScope } from './resources';
import { checkLimits } from './limits';
import { RING, runChunks } from './run-loop';
import { layerTable, packParams, unpackParams, type PackedParams } from './param-layout';
import { createProductKernels, productKernelFor, type ProductKernel, type ProductKernels } from './products';
import { buildFused, compileFused } from './paths/fused';
import { buildLayered, compileLayered } from './paths/layered';
import { type ModelVariant, type PathContext, type TrainPath } from './paths/path';
import { gpuPathFor, pathUnfit, type GpuPath } from './paths/rule';
import { buildUnrolled, compileUnrolled, unrolledChunkLimit, unrolledWorkgroup } from './paths/unrolled';
import { modelLimit } from './paths/single-dispatch';
import { KERNELS } from './kernel';
import { iterationsPerSubmit, iterationWork } from './submit-size';

export interface GpuTrainerOptions extends TrainerOptions {
  gpu: GpuContext;
  /** Iterations per submit (default: iterationsPerSubmit's, by the iteration's work, at most GPU_CHUNK). */
  chunk?: number;
  /** Kernel path; 'auto' (default) applies the rule of src/gpu/paths/rule.ts. */
  path?: GpuPathSetting;
  /** Invocations of the unrolled path's workgroup (default: unrolledWorkgroup's rule for the adapter). */
  unrolledWorkgroup?: number;
  /** The product kernel for the layered path and prediction (default: productKernelFor's rule for the adapter). */
  productKernel?: ProductKernel;
  /** Workgroups a split product aims for; tests lower it to split small products. */
  splitTarget?: number;
  /** Workgroups per dispatch dimension before a dispatch folds into (x, y) (default: the device's limit); tests lower it. */
  maxWorkgroupsPerDimension?: number;
  /**
   * Models trained side by side, one per workgroup, on the unrolled or fused path (a sweep: src/labs/sweep.ts);
   * default one, from the options' own params, l2, l1, keepProb and dropoutSeed. Every model's numbers
   * are those of a trainer of its own.
   */
  variants?: Variant[];
}

/** One model of a sweep: its initial weights and what differs in its training. */
export interface Variant extends ModelVariant {
  params: Params;
}

export { GPU_CHUNK } from './submit-size';

/**
 * How many models of this network one dispatch of `path` trains side by side on this device (the
 * single-dispatch paths: one per workgroup, within the `models` array and one binding of partial
 * sums; the layered path trains one). A sweep of more goes in waves of this many.
 */
export function modelsPerDispatch(gpu: GpuContext, spec: NetworkSpec, path: GpuPath, unrolledWorkgroupSize = unrolledWorkgroup(gpu.isSoftware)): number {
  if (path === 'layered') return 1;
  return modelLimit(paramCount(spec.dims), path === 'fused' ? KERNELS.fused.workgroup : unrolledWorkgroupSize, gpu.device.limits);
}

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
  /** The first model's initial parameters, packed: the layout every model shares. */
  private readonly packed: PackedParams;
  /** Models trained side by side (one but in a sweep), and each one's parameter count. */
  readonly models: number;
  private readonly paramCount: number;

  private constructor(
    private readonly o: GpuTrainerOptions, private readonly variants: Variant[], private readonly hypers: Hyper[], private readonly masks: MaskSource,
    private readonly products: ProductKernels, chunk: number,
  ) {
    this.device = o.gpu.device;
    this.adapter = o.gpu.adapterName;
    this.preferredChunk = chunk;
    this.models = variants.length;
    this.maxDim = Math.min(o.maxWorkgroupsPerDimension ?? Infinity, this.device.limits.maxComputeWorkgroupsPerDimension);
    void this.device.lost.then((info) => { this.lost = info.message || info.reason || 'unknown reason'; });
    this.scope = new GpuScope(this.device);
    const packed = variants.map((v) => packParams(o.spec, v.params));
    this.packed = packed[0];
    this.offsets = this.packed.offsets;
    this.paramCount = this.packed.data.length;
    const all = new Float32Array(this.models * this.paramCount);
    packed.forEach((p, k) => all.set(p.data, k * this.paramCount));
    this.params = this.scope.storage('params [W|b]', all);
    this.state = this.scope.storage('state (iteration, chunk start)', new Uint32Array(4));
    this.log = this.scope.storage('cost log', 2 * chunk * this.models);
    this.staging = Array.from({ length: RING }, (_, i) => this.scope.staging(`cost log staging ${i}`, 8 * chunk * this.models));
  }

  /** The shared buffers a path builds on. */
  private context(): PathContext {
    const o = this.o;
    const hidden = o.spec.dims.slice(1, -1);
    return {
      scope: this.scope, o, variants: this.variants, hypers: this.hypers, masks: this.masks,
      packed: this.packed, params: this.params, state: this.state, log: this.log,
      layers: this.scope.storage('layer table', layerTable(o.spec, this.offsets)),
      y: this.scope.storage('Y', Float32Array.from(o.train.Y)),
      stored: this.masks === 'stored' ? this.hypers.map((h) => numpyMasks(hidden, o.train.m, h.keepProb)) : null,
      chunk: this.preferredChunk, maxDim: this.maxDim,
    };
  }

  static async create(o: GpuTrainerOptions): Promise<GpuTrainer> {
    const d = o.gpu.device;
    const name = gpuPathFor(o.path ?? 'auto', o.spec, o.train.m, o.gpu.isSoftware);
    const why = pathUnfit(name, o.spec);
    if (why) throw new PathUnfitError(`${why}; choose another GPU path (auto picks one that fits)`);
    checkLimits(o.spec, o.train.m, d.limits);
    const variants = o.variants ?? [{ params: o.params, l2: o.l2, l1: o.l1, keepProb: o.keepProb, dropoutSeed: o.dropoutSeed }];
    const hypers = variants.map((v) => hyperParams({ ...v, dropoutRng: o.dropoutRng }, o.train.m));
    const masks = sharedMaskSource(hypers);
    const workgroup = o.unrolledWorkgroup ?? unrolledWorkgroup(o.gpu.isSoftware);
    if (variants.length > 1 && name === 'layered') throw new PathUnfitError(`the layered path trains one model at a time; ${variants.length} side by side need the unrolled or fused path`);
    const most = modelsPerDispatch(o.gpu, o.spec, name, workgroup);
    // (a sweep never asks for more: it splits its models into waves of at most this many)
    if (variants.length > most) throw new ReglabError(`${variants.length} models in one dispatch: this device and network allow at most ${most}`, { exitCode: 1 });
    const productKernel = o.productKernel ?? productKernelFor(o.gpu.isSoftware);
    // compile first (asynchronously, side by side), then build every buffer in one synchronous step
    const [products, layered, fused, unrolled] = await Promise.all([
      createProductKernels(d, productKernel, false),
      name === 'layered' ? compileLayered(d, productKernel) : null,
      name === 'fused' ? compileFused(d, o.spec) : null,
      name === 'unrolled' ? compileUnrolled(d, o.spec, masks, workgroup) : null,
    ]);
    // each submit short by its estimated work (a big data set: one iteration), whatever path runs it
    const bySize = iterationsPerSubmit(iterationWork(o.spec.dims, o.train.m, variants.length), o.gpu.isSoftware);
    const chunk = Math.min(o.chunk ?? bySize, unrolled ? unrolledChunkLimit(o.spec, o.train.m, masks, variants.length, d.limits) : Infinity);
    d.pushErrorScope('validation');
    let t: GpuTrainer | null = null;
    try {
      t = new GpuTrainer(o, variants, hypers, masks, layered?.products ?? products, chunk);
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
    return (await this.runModels(start, count, logEvery))[0];
  }

  /** run() for every model side by side: each model's costs as run() reports them (src/gpu/run-loop.ts). */
  async runModels(start: number, count: number, logEvery: number): Promise<CostPoint[][]> {
    return runChunks({
      device: this.device, path: this.path, state: this.state, log: this.log, staging: this.staging, models: this.models, chunk: this.preferredChunk,
      checkAlive: () => this.checkAlive(), lostError: this.deviceLost, completed: (iteration) => { this.completed = iteration; },
    }, start, count, logEvery);
  }

  private async read(src: GPUBuffer, bytes: number): Promise<Float32Array> {
    this.checkAlive();
    return new Float32Array(await this.scope.read(src, bytes, this.deviceLost));
  }

  /** `model`'s layers in the parameter buffer (models lie one after another). */
  private offsetsOf(model: number): number[] {
    if (!(model >= 0 && model < this.models)) throw new RangeError(`model ${model}: this trainer has ${this.models}`);
    return this.offsets.map((o) => o + model * this.paramCount);
  }

  private infer(X: Float64Array, m: number, model: number) {
    this.checkAlive();
    return inference({
      device: this.device, spec: this.o.spec, products: this.products, params: this.params, offsets: this.offsetsOf(model),
      state: this.state, maxDim: this.maxDim, lost: this.deviceLost,
    }, X, m);
  }

  /** P(label = 1) for each column of X, by model `model` (the only one, but in a sweep). */
  async predict(X: Float64Array, m: number, model = 0): Promise<Float64Array> {
    return Float64Array.from((await this.infer(X, m, model)).probs);
  }

  async evaluate(set: LabelledSet, model = 0): Promise<Evaluation> {
    const { logits, probs } = await this.infer(set.X, set.m, model);
    return evaluation(logits, probs, set.Y, set.m);
  }

  async setParams(p: Params, model = 0): Promise<void> {
    this.checkAlive();
    this.offsetsOf(model);
    this.device.queue.writeBuffer(this.params, 4 * model * this.paramCount, new Float32Array(packParams(this.o.spec, p).data));
  }

  async getParams(model = 0): Promise<Params> {
    return unpackParams(this.o.spec, await this.read(this.params, this.params.size), this.offsetsOf(model));
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
