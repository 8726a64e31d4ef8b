/**
 * GpuTrainer: the same Trainer as the CPU reference, with every tensor on the GPU, on one of three
 * kernel paths (the rule: src/gpu/fused.ts). Layered: per iteration L forward products (bias,
 * activation and dropout fused), one cost kernel (cost, accuracy, dZ_L), L weight-gradient products
 * (db and the L2 term fused), L − 1 input-gradient products (dropout and g' fused) and one update —
 * 3L + 1 dispatches, plus one sum per product split along its depth (GPUs; src/gpu/products.ts).
 * Fused: shaders/fused.wgsl runs a whole chunk of iterations in one dispatch. Unrolled: the same in
 * shaders/unrolled.wgsl, with the per-example work written out for this network's dims by
 * src/gpu/unrolled.ts. Every way, nothing is allocated per iteration, many iterations go in one
 * submit, and the cost of every iteration lands in a GPU log that is copied to a ring of MAP_READ
 * buffers and read while the next chunk runs.
 */
import { PathUnfitError, ReglabError } from '../errors';
import { paramCount, type NetworkSpec, type Params } from '../model/network';
import { flagWordsPerIteration, packMaskBits } from './dropout-bits';
import { activationCode } from './codes';
import { numpyMasks } from '../reference/dropout';
import type { CpuTrainerOptions } from '../reference/trainer';
import type { CostPoint, Evaluation, LabelledSet, Trainer } from '../train/types';
import type { GpuContext } from './device';
import { createKernel, createNamedKernel, foldGroups, type Kernel } from './kernel';
import { choosePath, FUSED_WORKGROUP, pathUnfit, unrolledWorkgroup, type GpuPath } from './fused';
import { unrolledBlockSource } from './unrolled';
import { unrolledSource } from './shaders';
import { COST_PARAMS, DROPOUT_BITS_PARAMS, FUSED_PARAMS, MATMUL_PARAMS, packStruct, UPDATE_PARAMS } from './uniforms';
import { createProductKernels, PRODUCT_TILE, productKernelFor, splitsFor, SPLIT_TARGET_WORKGROUPS, type ProductKernel, type ProductKernels } from './products';

/** The CPU trainer's options (the same network, weights, data and settings) plus the device. */
export interface GpuTrainerOptions extends Omit<CpuTrainerOptions, 'precision'> {
  gpu: GpuContext;
  /** Iterations per submit (default GPU_CHUNK). */
  chunk?: number;
  /** Kernel path; 'auto' (default) applies choosePath in src/gpu/fused.ts. */
  path?: 'auto' | GpuPath;
  /** Invocations of the unrolled path's workgroup (default: unrolledWorkgroup's rule for the adapter). */
  unrolledWorkgroup?: number;
  /** The layered path's product kernel (default: productKernelFor's rule for the adapter, src/gpu/products.ts). */
  productKernel?: ProductKernel;
  /** Workgroups a split product aims for (default SPLIT_TARGET_WORKGROUPS); tests lower it to split small products. */
  splitTarget?: number;
  /**
   * Workgroups per dispatch dimension before a dispatch folds into (x, y) (default: the device's
   * maxComputeWorkgroupsPerDimension); tests lower it to fold small dispatches.
   */
  maxWorkgroupsPerDimension?: number;
}

export class GpuDeviceLostError extends ReglabError {
  constructor(reason: string, readonly lastIteration: number) {
    super(`the GPU device was lost (${reason}); training stopped after iteration ${lastIteration}. Run again, or use --backend cpu`, { exitCode: 1 });
  }
}

export class GpuLimitError extends ReglabError {
  constructor(limit: string, needed: number, available: number, what: string) {
    super(`${what} needs ${needed} bytes but the device's ${limit} is ${available}; use fewer examples or narrower layers`, { exitCode: 1, field: 'layers' });
  }
}

const MODE = { forwardHidden: 1, forwardOutput: 2, weightGrad: 3, inputGrad: 4 } as const;
const DROPOUT = { none: 0, philox: 1, stored: 2 } as const;
/** Partial sums of split products stay within 64 MiB. */
const MAX_PARTIAL_BYTES = 64 * 2 ** 20;
const RING = 3;
/** Iterations per submit, unless the options say otherwise: each submit ends with a cost-log copy. */
export const GPU_CHUNK = 256;

/**
 * The product kernels always (prediction; src/gpu/products.ts); cost, update and norms for the
 * layered path; for the fused and unrolled paths their one kernel and its workgroup size.
 */
interface Kernels {
  path: GpuPath;
  products: ProductKernels;
  cost: Kernel | null;
  update: Kernel | null;
  norms: Kernel | null;
  fused: { kernel: Kernel; workgroup: number } | null;
  dropoutBits: Kernel | null;
}

/** What both paths train from. */
interface SharedBuffers {
  packed: { data: Float32Array; offsets: number[] };
  layers: GPUBuffer;
  y: GPUBuffer;
  /** The lesson's numpy masks, uploaded once (null: Philox masks drawn on the GPU, or no dropout). */
  stored: Uint8Array[] | null;
}

/** Packs W_l and b_l into [W_l | b_l] (n_l × (n_{l−1} + 1)) per layer, layers in order. */
export function packParams(spec: NetworkSpec, p: Params): { data: Float32Array; offsets: number[] } {
  const offsets: number[] = [];
  let total = 0;
  for (let l = 1; l < spec.dims.length; l++) {
    offsets.push(total);
    total += spec.dims[l] * (spec.dims[l - 1] + 1);
  }
  const data = new Float32Array(total);
  for (let l = 1; l < spec.dims.length; l++) {
    const n = spec.dims[l], k = spec.dims[l - 1];
    for (let i = 0; i < n; i++) {
      for (let q = 0; q < k; q++) data[offsets[l - 1] + i * (k + 1) + q] = p.W[l - 1][i * k + q];
      data[offsets[l - 1] + i * (k + 1) + k] = p.b[l - 1][i];
    }
  }
  return { data, offsets };
}

export function unpackParams(spec: NetworkSpec, data: Float32Array, offsets: number[]): Params {
  const W: Float64Array[] = [], b: Float64Array[] = [];
  for (let l = 1; l < spec.dims.length; l++) {
    const n = spec.dims[l], k = spec.dims[l - 1];
    const w = new Float64Array(n * k), bb = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let q = 0; q < k; q++) w[i * k + q] = data[offsets[l - 1] + i * (k + 1) + q];
      bb[i] = data[offsets[l - 1] + i * (k + 1) + k];
    }
    W.push(w);
    b.push(bb);
  }
  return { W, b };
}

/** X (features × m) with a row of ones appended: the bias input. */
function withOnes(X: Float64Array, features: number, m: number): Float32Array {
  const out = new Float32Array((features + 1) * m);
  out.set(X);
  out.fill(1, features * m);
  return out;
}

interface Dispatch {
  kernel: Kernel;
  bindGroup: GPUBindGroup;
  groups: [number, number];
}

export class GpuTrainer implements Trainer {
  readonly backend = 'gpu' as const;
  readonly precision = 'f32' as const;
  /** The layered path's product kernel (src/gpu/products.ts); prediction uses it on every path. */
  get productKernel(): ProductKernel {
    return this.kernels.products.kind;
  }
  readonly adapter: string;

  private readonly device: GPUDevice;
  private readonly owned: GPUBuffer[] = [];
  private readonly paramsBuf: GPUBuffer;
  private readonly offsets: number[];
  private readonly stateBuf: GPUBuffer;
  private readonly logBuf: GPUBuffer;
  private readonly staging: GPUBuffer[];
  private readonly iteration: Dispatch[];
  /**
   * The fused or unrolled path's single dispatch and its uniforms (rewritten per chunk: the
   * iteration count); with Philox dropout on the unrolled path, the dispatch before it that draws
   * the chunk's dropout flags.
   */
  private readonly fused: {
    dispatch: Dispatch; uniform: GPUBuffer; values: Record<(typeof FUSED_PARAMS.fields)[number][0], number>;
    flags: { dispatch: Dispatch; uniform: GPUBuffer; values: Record<(typeof DROPOUT_BITS_PARAMS.fields)[number][0], number>; perIteration: number } | null;
  } | null;
  readonly path: GpuPath;
  private readonly chunk: number;
  private readonly maskBufs: (GPUBuffer | null)[] = [];
  /** The gradient-norm dispatch and its output (layered path only: the fused and unrolled paths keep no gradients). */
  private readonly norms: { buf: GPUBuffer; dispatch: Dispatch } | null;
  private lost: string | null = null;
  private completed = -1;

  private get maxDim(): number {
    return Math.min(this.o.maxWorkgroupsPerDimension ?? Infinity, this.device.limits.maxComputeWorkgroupsPerDimension);
  }

  private constructor(private readonly o: GpuTrainerOptions, private readonly kernels: Kernels) {
    const { device, adapterName } = o.gpu;
    this.device = device;
    this.adapter = adapterName;
    this.chunk = o.chunk ?? GPU_CHUNK;
    if (kernels.dropoutBits) {
      // the unrolled path keeps a chunk's Philox flags: a chunk short enough for them to fit one binding
      const perIteration = flagWordsPerIteration(o.spec.dims, o.train.m);
      const room = Math.min(device.limits.maxStorageBufferBindingSize, 64 * 2 ** 20) - 4;
      this.chunk = Math.max(1, Math.min(this.chunk, Math.floor(room / (4 * perIteration))));
    }
    void device.lost.then((info) => { this.lost = info.message || info.reason || 'unknown reason'; });
    const { dims } = o.spec;
    const L = dims.length - 1;
    this.checkLimits();

    const packed = packParams(o.spec, o.params);
    this.offsets = packed.offsets;
    this.paramsBuf = this.buffer('params [W|b]', packed.data);
    const layerTable = new Uint32Array(4 * L);
    // per layer: offset of [W|b], rows, cols (with the bias column), first unit among layers 1..L
    let unit = 0;
    for (let l = 1; l <= L; l++) {
      layerTable.set([packed.offsets[l - 1], dims[l], dims[l - 1] + 1, unit], 4 * (l - 1));
      unit += dims[l];
    }
    this.stateBuf = this.buffer('state (iteration, chunk start)', new Uint32Array(4));
    this.logBuf = this.buffer('cost log', 2 * this.chunk);
    this.staging = Array.from({ length: RING }, (_, i) => this.track(device.createBuffer({
      label: `cost log staging ${i}`, size: 8 * this.chunk, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    })));
    const shared: SharedBuffers = {
      packed, layers: this.buffer('layer table', layerTable), y: this.buffer('Y', Float32Array.from(o.train.Y)),
      stored: o.keepProb < 1 && o.dropoutRng === 'numpy' ? numpyMasks(dims.slice(1, L), o.train.m, o.keepProb) : null,
    };
    // Only the path that runs gets its buffers and bind groups.
    this.path = kernels.path;
    if (kernels.fused) {
      this.fused = this.buildFused(kernels, shared);
      this.iteration = [];
      this.norms = null;
    } else {
      this.fused = null;
      ({ steps: this.iteration, norms: this.norms } = this.buildLayered(kernels, shared));
    }
  }

  private dropoutMode(stored: Uint8Array[] | null): number {
    return this.o.keepProb === 1 ? DROPOUT.none : stored ? DROPOUT.stored : DROPOUT.philox;
  }

  /** The per-layer kernels: 3L + 1 dispatches per iteration, and the gradient-norm dispatch. */
  private buildLayered(kernels: Kernels, sh: SharedBuffers): { steps: Dispatch[]; norms: { buf: GPUBuffer; dispatch: Dispatch } } {
    const o = this.o;
    const { dims } = o.spec;
    const L = dims.length - 1;
    const m = o.train.m;
    const { packed } = sh;
    const cost = kernels.cost!, update = kernels.update!, normsKernel = kernels.norms!;
    const gradsBuf = this.buffer('grads [dW|db]', packed.data.length);
    const dummyAux = this.buffer('unused aux', 4);
    const dummyMask = this.buffer('unused mask', 4);
    // Activations: A[0] = [X; 1], hidden A[l] = [A_l; 1] (the ones row feeds the next bias), A[L] = A_L.
    const A: GPUBuffer[] = [this.buffer('A0 [X;1]', withOnes(o.train.X, dims[0], m))];
    const Z: GPUBuffer[] = [dummyAux];
    const dZ: GPUBuffer[] = [dummyAux];
    const masks: GPUBuffer[] = [dummyMask];
    const dropout = o.keepProb < 1;
    for (let l = 1; l <= L; l++) {
      const hidden = l < L;
      const a = new Float32Array((dims[l] + (hidden ? 1 : 0)) * m);
      if (hidden) a.fill(1, dims[l] * m);
      A.push(this.buffer(`A${l}`, a));
      Z.push(this.buffer(`Z${l}`, dims[l] * m));
      dZ.push(this.buffer(`dZ${l}`, dims[l] * m));
      masks.push(hidden && dropout
        ? this.buffer(`mask${l}`, sh.stored ? Float32Array.from(sh.stored[l - 1]) : dims[l] * m)
        : dummyMask);
      if (hidden) this.maskBufs.push(dropout ? masks[l] : null);
    }
    const dropoutMode = this.dropoutMode(sh.stored);
    const maxDim = this.maxDim;
    const P = kernels.products;
    const tile = PRODUCT_TILE[P.kind];
    const maxPartialFloats = Math.min(MAX_PARTIAL_BYTES, this.device.limits.maxStorageBufferBindingSize) / 4;
    const split = (rows: number, cols: number, depth: number) =>
      splitsFor(P.kind, rows, cols, depth, maxPartialFloats, o.splitTarget ?? SPLIT_TARGET_WORKGROUPS);
    // one buffer for the partial sums of every split product (they run one after another)
    let partialFloats = 1;
    for (let l = 1; l <= L; l++) {
      const n = dims[l], k = dims[l - 1];
      for (const [r, c, d] of [[n, m, k + 1], [n, k + 1, m], [k, m, n]]) partialFloats = Math.max(partialFloats, split(r, c, d).splits * r * c);
    }
    const partial = P.partialBinding ? this.buffer('split products\' partial sums', partialFloats) : null;
    // One product: its kernel's dispatch, then, when it is split along the depth, the sum of the slices.
    const matmul = (label: string, fields: Record<string, number>, bufs: GPUBuffer[]): Dispatch[] => {
      const values = {
        a_off: 0, a_rs: 0, a_cs: 0, b_off: 0, b_rs: 0, b_cs: 0, c_off: 0, c_rs: 0, aux_off: 0, mode: 0,
        activation: activationCode(o.spec.hiddenActivation), dropout: DROPOUT.none, layer: 0, seed: o.dropoutSeed,
        bias_col: 0, keep_prob: o.keepProb, alpha: 1, l2: 0, ...fields,
      } as Record<(typeof MATMUL_PARAMS.fields)[number][0], number>;
      const { splits, sliceDepth } = split(values.rows, values.cols, values.depth);
      const uniform = packStruct(MATMUL_PARAMS, { ...values, splits, split_depth: sliceDepth });
      const storage = [...bufs, this.stateBuf, ...(partial ? [partial] : [])];
      const tiles = Math.ceil(values.rows / tile) * Math.ceil(values.cols / tile);
      const product = this.dispatch(P.product, label, uniform, storage, foldGroups(tiles * splits, maxDim));
      if (splits === 1) return [product];
      return [product, this.dispatch(P.reduce!, `${label}: sum of ${splits} slices`, uniform, storage, foldGroups(Math.ceil(values.rows * values.cols / 64), maxDim))];
    };

    const steps: Dispatch[] = [];
    for (let l = 1; l <= L; l++) {
      const n = dims[l], k = dims[l - 1];
      const hidden = l < L;
      steps.push(...matmul(`forward ${l}`, {
        rows: n, cols: m, depth: k + 1, a_off: packed.offsets[l - 1], a_rs: k + 1, a_cs: 1, b_rs: m, b_cs: 1, c_rs: m,
        mode: hidden ? MODE.forwardHidden : MODE.forwardOutput, dropout: hidden ? dropoutMode : DROPOUT.none, layer: l,
      }, [this.paramsBuf, A[l - 1], A[l], Z[l], masks[l]]));
    }
    steps.push(this.dispatch(cost, 'cost', packStruct(COST_PARAMS, {
      m, layer_count: L, l2_half_over_m: o.l2 / (2 * m),
    }), [Z[L], A[L], sh.y, dZ[L], this.paramsBuf, sh.layers, this.stateBuf, this.logBuf], [1, 1]));
    for (let l = L; l >= 1; l--) {
      const n = dims[l], k = dims[l - 1];
      steps.push(...matmul(`weight gradient ${l}`, {
        rows: n, cols: k + 1, depth: m, a_rs: m, a_cs: 1, b_rs: 1, b_cs: m, c_off: packed.offsets[l - 1], c_rs: k + 1,
        aux_off: packed.offsets[l - 1], mode: MODE.weightGrad, bias_col: k, alpha: 1 / m, l2: o.l2 / m,
      }, [dZ[l], A[l - 1], gradsBuf, this.paramsBuf, dummyMask]));
      if (l > 1) {
        steps.push(...matmul(`input gradient ${l}`, {
          rows: k, cols: m, depth: n, a_off: packed.offsets[l - 1], a_rs: 1, a_cs: k + 1, b_rs: m, b_cs: 1, c_rs: m,
          mode: MODE.inputGrad, dropout: dropoutMode === DROPOUT.none ? DROPOUT.none : DROPOUT.stored, layer: l - 1,
        }, [this.paramsBuf, dZ[l], dZ[l - 1], Z[l - 1], masks[l - 1]]));
      }
    }
    steps.push(this.dispatch(update, 'update', packStruct(UPDATE_PARAMS, {
      count: packed.data.length, learning_rate: o.learningRate,
    }), [this.paramsBuf, gradsBuf], foldGroups(Math.ceil(packed.data.length / 64), maxDim)));

    const normsBuf = this.buffer('gradient norms', L);
    const norms = {
      buf: normsBuf,
      dispatch: {
        kernel: normsKernel, groups: [L, 1] as [number, number],
        bindGroup: this.device.createBindGroup({
          label: 'gradient norms', layout: normsKernel.layout,
          entries: [gradsBuf, sh.layers, normsBuf].map((buffer, binding) => ({ binding, resource: { buffer } })),
        }),
      },
    };
    return { steps, norms };
  }

  /** shaders/fused.wgsl or shaders/unrolled.wgsl: whole chunks of iterations in one dispatch. */
  private buildFused(kernels: Kernels, sh: SharedBuffers): NonNullable<GpuTrainer['fused']> {
    const { kernel, workgroup } = kernels.fused!;
    const o = this.o;
    const { dims } = o.spec;
    const L = dims.length - 1;
    const m = o.train.m;
    const values = {
      m, features: dims[0], layer_count: L, param_count: sh.packed.data.length, iterations: 1,
      activation: activationCode(o.spec.hiddenActivation), dropout: this.dropoutMode(sh.stored), seed: o.dropoutSeed,
      keep_prob: o.keepProb, learning_rate: o.learningRate, alpha: 1 / m, l2: o.l2 / m, l2_half_over_m: o.l2 / (2 * m),
    };
    let flags: NonNullable<GpuTrainer['fused']>['flags'] = null;
    let masks: GPUBuffer;
    if (this.path === 'unrolled') {
      // Binding 6 holds keep flags, one bit per (hidden unit, example), each layer rounded up to whole
      // words (shaders/dropout_bits.wgsl's layout), plus one word of slack (keep_bits4 reads a word
      // past the one it needs): for Philox, every iteration of a chunk, drawn per chunk by that
      // kernel; for the uploaded masks, one set for all iterations.
      const perIteration = flagWordsPerIteration(dims, m);
      if (values.dropout === DROPOUT.philox) {
        masks = this.buffer('dropout flags of a chunk', this.chunk * perIteration + 1);
        const flagValues = { m, hidden_layers: L - 1, iterations: this.chunk, words_per_iteration: perIteration, seed: o.dropoutSeed, keep_prob: o.keepProb };
        const dispatch = this.dispatch(kernels.dropoutBits!, 'dropout flags', packStruct(DROPOUT_BITS_PARAMS, flagValues), [sh.layers, this.stateBuf, masks], [1, 1]);
        flags = { dispatch, uniform: this.owned.at(-1)!, values: flagValues, perIteration };
      } else {
        masks = this.buffer('dropout flags (uploaded)', sh.stored ? packMaskBits(sh.stored, perIteration + 1) : new Uint32Array(1));
      }
    } else {
      const hiddenUnits = dims.slice(1, L).reduce((t, n) => t + n, 0);
      const maskCat = new Float32Array(sh.stored ? hiddenUnits * m : 1);
      if (sh.stored) {
        let at = 0;
        for (const mk of sh.stored) { maskCat.set(mk, at); at += mk.length; }
      }
      masks = this.buffer('fused masks (uploaded)', maskCat);
    }
    const bufs = [
      this.buffer('X', Float32Array.from(o.train.X)), sh.y, this.paramsBuf, sh.layers,
      this.buffer(`${this.path} partial [dW|db] per invocation`, workgroup * sh.packed.data.length),
      masks, this.stateBuf, this.logBuf,
    ];
    const dispatch = this.dispatch(kernel, `${this.path} iterations`, packStruct(FUSED_PARAMS, values), bufs, [1, 1]);
    return { dispatch, uniform: this.owned.at(-1)!, values, flags };
  }

  static async create(o: GpuTrainerOptions): Promise<GpuTrainer> {
    const d = o.gpu.device;
    const path = o.path === undefined || o.path === 'auto' ? choosePath(o.spec, o.train.m, o.gpu.isSoftware) : o.path;
    const why = pathUnfit(path, o.spec, o.train.m);
    if (why) throw new PathUnfitError(`${why}; choose another GPU path (auto picks one that fits)`);
    const storage = 'storage' as const, read = 'read' as const, uniform = 'uniform' as const;
    // matmul serves prediction on both paths; the rest only on the path that trains.
    const kernels: Kernels = {
      products: await createProductKernels(d, o.productKernel ?? productKernelFor(o.gpu.isSoftware), path === 'layered'),
      path, cost: null, update: null, norms: null, fused: null, dropoutBits: null,
    };
    const fusedBindings = [uniform, read, read, storage, read, storage, read, storage, storage] as const;
    if (path === 'fused') {
      kernels.fused = { kernel: await createNamedKernel(d, 'fused.wgsl', fusedBindings, { WG: FUSED_WORKGROUP }), workgroup: FUSED_WORKGROUP };
    } else if (path === 'unrolled') {
      const dropout = o.keepProb === 1 ? 'none' : o.dropoutRng === 'numpy' ? 'stored' : 'philox';
      const code = unrolledSource(unrolledBlockSource(o.spec, dropout));
      const workgroup = o.unrolledWorkgroup ?? unrolledWorkgroup(o.gpu.isSoftware);
      const name = `unrolled.wgsl for [${o.spec.dims.join(', ')}]`;
      const [bits, kernel] = await Promise.all([
        dropout === 'philox' ? createNamedKernel(d, 'dropout_bits.wgsl', [uniform, read, read, storage]) : null,
        createKernel(d, name, code, fusedBindings, { WG: workgroup }),
      ]);
      kernels.dropoutBits = bits;
      kernels.fused = { kernel, workgroup };
    } else {
      // compiled side by side (each kernel's error scopes are pushed and popped before it awaits)
      [kernels.cost, kernels.update, kernels.norms] = await Promise.all([
        createNamedKernel(d, 'cost.wgsl', [uniform, read, read, read, storage, read, read, storage, storage]),
        createNamedKernel(d, 'update.wgsl', [uniform, storage, read]),
        createNamedKernel(d, 'grad_norms.wgsl', [read, read, storage]),
      ]);
    }
    d.pushErrorScope('validation');
    const t = new GpuTrainer(o, kernels);
    const err = await d.popErrorScope();
    if (err) {
      t.dispose();
      throw new Error(`GpuTrainer setup: ${err.message}`);
    }
    return t;
  }


  private checkLimits(): void {
    const { dims } = this.o.spec;
    const lim = this.device.limits;
    const m = this.o.train.m;
    const params = paramCount(dims);
    for (let l = 1; l < dims.length; l++) {
      const bytes = 4 * (dims[l] + 1) * m;
      if (bytes > lim.maxStorageBufferBindingSize) {
        throw new GpuLimitError('maxStorageBufferBindingSize', bytes, lim.maxStorageBufferBindingSize, `layer ${l}'s activations (${dims[l]} × ${m})`);
      }
    }
    if (4 * params > lim.maxStorageBufferBindingSize) {
      throw new GpuLimitError('maxStorageBufferBindingSize', 4 * params, lim.maxStorageBufferBindingSize, `the parameters (${params})`);
    }
  }

  private track(b: GPUBuffer): GPUBuffer {
    this.owned.push(b);
    return b;
  }

  /** A storage buffer holding `init` (or `init` zeroed floats), 4-byte padded. */
  private buffer(label: string, init: Float32Array | Uint32Array | number, extraUsage = 0): GPUBuffer {
    const bytes = typeof init === 'number' ? 4 * init : init.byteLength;
    const buf = this.device.createBuffer({
      label, size: Math.max(16, Math.ceil(bytes / 4) * 4),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST | extraUsage,
      mappedAtCreation: typeof init !== 'number',
    });
    if (typeof init !== 'number') {
      new Uint8Array(buf.getMappedRange()).set(new Uint8Array(init.buffer, init.byteOffset, init.byteLength));
      buf.unmap();
    }
    return this.track(buf);
  }

  private dispatch(kernel: Kernel, label: string, uniform: ArrayBuffer, storage: GPUBuffer[], groups: [number, number]): Dispatch {
    const ubuf = this.track(this.device.createBuffer({ label: `${label} uniforms`, size: uniform.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }));
    this.device.queue.writeBuffer(ubuf, 0, new Uint8Array(uniform)); // dawn.node needs a view, not a bare ArrayBuffer
    const bindGroup = this.device.createBindGroup({
      label, layout: kernel.layout,
      entries: [ubuf, ...storage].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    return { kernel, bindGroup, groups };
  }

  private encode(pass: GPUComputePassEncoder, d: Dispatch): void {
    pass.setPipeline(d.kernel.pipeline);
    pass.setBindGroup(0, d.bindGroup);
    pass.dispatchWorkgroups(d.groups[0], d.groups[1]);
  }

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
        throw new GpuDeviceLostError(this.lost ?? (e as Error).message, this.completed);
      }
      const log = new Float32Array(job.buf.getMappedRange(0, 8 * job.n)).slice();
      job.buf.unmap();
      for (let s = 0; s < job.n && !diverged; s++) {
        const t = job.from + s;
        const cost = log[2 * s];
        if (t % logEvery === 0 || t === last || !Number.isFinite(cost)) out.push({ iteration: t, cost });
        if (!Number.isFinite(cost)) diverged = true;
        this.completed = t;
      }
    };
    for (let from = start; from <= last && !diverged; from += this.chunk) {
      if (pending.length === RING) await drain();
      if (diverged) break;
      this.checkAlive();
      const n = Math.min(this.chunk, last - from + 1);
      this.device.queue.writeBuffer(this.stateBuf, 0, new Uint32Array([from, from]));
      if (this.fused) {
        this.fused.values.iterations = n;
        this.device.queue.writeBuffer(this.fused.uniform, 0, new Uint8Array(packStruct(FUSED_PARAMS, this.fused.values)));
      }
      const flags = this.fused?.flags;
      if (flags) {
        // draw exactly this chunk's flags: a short run must not pay for a whole chunk's
        flags.values.iterations = n;
        flags.dispatch.groups = foldGroups(Math.ceil(n * flags.perIteration / 64), this.maxDim);
        this.device.queue.writeBuffer(flags.uniform, 0, new Uint8Array(packStruct(DROPOUT_BITS_PARAMS, flags.values)));
      }
      const enc = this.device.createCommandEncoder({ label: `iterations ${from}..${from + n - 1}` });
      const pass = enc.beginComputePass({ label: 'train' });
      if (flags) this.encode(pass, flags.dispatch);
      if (this.fused) this.encode(pass, this.fused.dispatch);
      else for (let s = 0; s < n; s++) for (const d of this.iteration) this.encode(pass, d);
      pass.end();
      const buf = this.staging[ring];
      ring = (ring + 1) % RING;
      enc.copyBufferToBuffer(this.logBuf, 0, buf, 0, 8 * n);
      this.device.queue.submit([enc.finish()]);
      const done = buf.mapAsync(GPUMapMode.READ, 0, 8 * n);
      done.catch(() => {}); // a lost device rejects every pending map; the first one awaited reports it
      pending.push({ buf, from, n, done });
    }
    while (pending.length) await drain();
    return out;
  }

  private async readBuffer(src: GPUBuffer, bytes: number): Promise<Float32Array> {
    this.checkAlive();
    const staging = this.device.createBuffer({ label: 'readback', size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    try {
      const enc = this.device.createCommandEncoder({ label: 'readback' });
      enc.copyBufferToBuffer(src, 0, staging, 0, bytes);
      this.device.queue.submit([enc.finish()]);
      try {
        await staging.mapAsync(GPUMapMode.READ);
      } catch (e) {
        throw new GpuDeviceLostError(this.lost ?? (e as Error).message, this.completed);
      }
      return new Float32Array(staging.getMappedRange()).slice();
    } finally {
      staging.destroy();
    }
  }

  /** Forward pass without dropout over X (features × m): output logits and probabilities. */
  private async inference(X: Float64Array, m: number): Promise<{ logits: Float32Array; probs: Float32Array }> {
    this.checkAlive();
    const { dims } = this.o.spec;
    const L = dims.length - 1;
    const temp: GPUBuffer[] = [];
    const buf = (label: string, init: Float32Array | number) => {
      const b = this.buffer(label, init);
      this.owned.pop();
      temp.push(b);
      return b;
    };
    const dummyMask = buf('unused mask', 4);
    const dummyPartial = buf('unused partial sums', 4); // a second writable binding may not alias the first
    const A: GPUBuffer[] = [buf('predict A0', withOnes(X, dims[0], m))];
    const Z: GPUBuffer[] = [dummyMask];
    const dispatches: Dispatch[] = [];
    const maxDim = this.maxDim;
    for (let l = 1; l <= L; l++) {
      const n = dims[l], k = dims[l - 1], hidden = l < L;
      const a = new Float32Array((n + (hidden ? 1 : 0)) * m);
      if (hidden) a.fill(1, n * m);
      A.push(buf(`predict A${l}`, a));
      Z.push(buf(`predict Z${l}`, n * m));
      const u = packStruct(MATMUL_PARAMS, {
        rows: n, cols: m, depth: k + 1, a_off: this.offsets[l - 1], a_rs: k + 1, a_cs: 1, b_off: 0, b_rs: m, b_cs: 1,
        c_off: 0, c_rs: m, aux_off: 0, mode: hidden ? MODE.forwardHidden : MODE.forwardOutput,
        activation: activationCode(this.o.spec.hiddenActivation), dropout: DROPOUT.none, layer: l, seed: 0, bias_col: 0,
        keep_prob: 1, alpha: 1, l2: 0, splits: 1, split_depth: k + 1,
      });
      const P = this.kernels.products;
      const tile = PRODUCT_TILE[P.kind];
      const d = this.dispatch(P.product, `predict ${l}`, u, [this.paramsBuf, A[l - 1], A[l], Z[l], dummyMask, this.stateBuf, ...(P.partialBinding ? [dummyPartial] : [])],
        foldGroups(Math.ceil(n / tile) * Math.ceil(m / tile), maxDim));
      temp.push(this.owned.pop()!); // the uniform buffer
      dispatches.push(d);
    }
    try {
      const enc = this.device.createCommandEncoder({ label: 'predict' });
      const pass = enc.beginComputePass({ label: 'predict' });
      for (const d of dispatches) this.encode(pass, d);
      pass.end();
      this.device.queue.submit([enc.finish()]);
      const logits = await this.readBuffer(Z[L], 4 * m);
      const probs = await this.readBuffer(A[L], 4 * m);
      return { logits, probs };
    } finally {
      for (const b of temp) b.destroy();
    }
  }

  async predict(X: Float64Array, m: number): Promise<Float64Array> {
    return Float64Array.from((await this.inference(X, m)).probs);
  }

  async evaluate(set: LabelledSet): Promise<Evaluation> {
    const { logits, probs } = await this.inference(set.X, set.m);
    let correct = 0, sum = 0;
    for (let j = 0; j < set.m; j++) {
      if ((probs[j] > 0.5 ? 1 : 0) === set.Y[j]) correct++;
      const z = logits[j];
      sum += Math.max(z, 0) - z * set.Y[j] + Math.log1p(Math.exp(-Math.abs(z)));
    }
    return { accuracy: correct / set.m, cost: sum / set.m };
  }

  async setParams(p: Params): Promise<void> {
    this.checkAlive();
    const packed = packParams(this.o.spec, p);
    this.device.queue.writeBuffer(this.paramsBuf, 0, new Float32Array(packed.data));
  }

  async gradientNorms(): Promise<number[]> {
    if (!this.norms) throw new Error(`gradientNorms: the ${this.path} path keeps no gradients; use the layered path (--gpu-path layered)`);
    this.checkAlive();
    const enc = this.device.createCommandEncoder({ label: 'gradient norms' });
    const pass = enc.beginComputePass({ label: 'gradient norms' });
    this.encode(pass, this.norms.dispatch);
    pass.end();
    this.device.queue.submit([enc.finish()]);
    return Array.from(await this.readBuffer(this.norms.buf, 4 * (this.o.spec.dims.length - 1)));
  }

  /** The dropout masks of the last forward pass, one per hidden layer (empty without dropout). */
  async readMasks(): Promise<Uint8Array[]> {
    if (this.fused) throw new Error(`readMasks: the ${this.path} path keeps dropout masks in registers; use path: 'layered'`);
    const m = this.o.train.m;
    const out: Uint8Array[] = [];
    for (let l = 1; l <= this.maskBufs.length; l++) {
      const buf = this.maskBufs[l - 1];
      if (!buf) return [];
      out.push(Uint8Array.from(await this.readBuffer(buf, 4 * this.o.spec.dims[l] * m)));
    }
    return out;
  }

  async getParams(): Promise<Params> {
    const total = this.paramsBuf.size;
    const data = await this.readBuffer(this.paramsBuf, total);
    return unpackParams(this.o.spec, data, this.offsets);
  }

  dispose(): void {
    for (const b of this.owned) b.destroy();
    this.owned.length = 0;
  }
}
