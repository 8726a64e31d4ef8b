/**
 * The fast CPU engine's trainer: the CPU reference's iteration (src/reference/trainer.ts) in
 * float32 on the WebAssembly SIMD kernels of src/wasm/assembly/kernels.ts, with the large products
 * split across the machine's cores. Same Trainer contract, same Philox dropout masks bit for bit;
 * results equal the reference's within float32 tolerance (test/wasm-trainer.test.ts).
 * Every buffer lives in the engine's shared memory, allocated once, in create().
 */
import { ACTIVATIONS, type Activation } from '../model/settings';
import type { NetworkSpec, Params } from '../model/network';
import type { CostPoint, Evaluation, LabelledSet, Trainer, TrainerDescription, TrainerOptions } from '../model/types';
import { evaluation, runSteps } from '../model/evaluation';
import { numpyMasks } from '../model/dropout';
import { hyperParams, type Hyper } from '../model/hyper';
import { paddedColumns, WasmEngine } from './engine';

export interface WasmTrainerOptions extends TrainerOptions {
  /** Threads for the large products (default: every core). */
  threads?: number;
}

/** The kernels' activation codes: the index in ACTIVATIONS (kernels.ts: 0 relu, 1 tanh, 2 sigmoid). */
function code(act: Activation): number {
  return ACTIVATIONS.indexOf(act);
}

/** Floats a trainer allocates (each buffer rounded up to 16 floats, as the allocator does). */
function footprint(dims: readonly number[], ld: number): number {
  const r = (n: number) => Math.ceil(n / 16) * 16;
  let floats = r(dims[0] * ld) + r(ld);
  for (let l = 1; l < dims.length; l++) {
    const n = dims[l], k = dims[l - 1], hidden = l < dims.length - 1;
    floats += 2 * r(n * k) + 2 * r(n) + (hidden ? 5 : 3) * r(n * ld);
  }
  return floats;
}

interface Layer {
  /** Units n and inputs k of this layer. */
  n: number;
  k: number;
  W: number; b: number; dW: number; db: number;
  /** (n × ld) buffers. */
  Z: number; A: number; dZ: number;
  /** Hidden layers: dA and the dropout mask (0 where there is no dropout). */
  dA: number; mask: number;
}

export class WasmTrainer implements Trainer {
  readonly backend = 'wasm' as const;
  readonly adapter = null;
  readonly precision = 'f32' as const;
  readonly preferredChunk = 1;

  private readonly spec: NetworkSpec;
  private readonly m: number;
  private readonly ld: number;
  private readonly X: number;
  private readonly Y: number;
  private readonly layers: Layer[] = [];
  private readonly owned: number[] = [];
  private readonly hyper: Hyper;

  private constructor(private readonly engine: WasmEngine, private readonly opts: TrainerOptions) {
    const dims = opts.spec.dims;
    this.spec = opts.spec;
    this.m = opts.train.m;
    this.ld = paddedColumns(this.m);
    if (opts.train.features !== dims[0]) {
      throw new Error(`data has ${opts.train.features} features, the network expects ${dims[0]}`);
    }
    this.hyper = hyperParams(opts, this.m);
    const dropout = this.hyper.masks !== 'none';
    const L = dims.length - 1;
    engine.assertFits(footprint(dims, this.ld), `training [${dims.join(', ')}] on ${this.m} examples`);
    this.X = this.columns(dims[0], opts.train.X, this.m);
    this.Y = this.columns(1, opts.train.Y, this.m);
    const fixed = this.hyper.masks === 'stored' ? numpyMasks(dims.slice(1, L), this.m, this.hyper.keepProb) : [];
    for (let l = 1; l <= L; l++) {
      const n = dims[l], k = dims[l - 1];
      const hidden = l < L;
      const layer: Layer = {
        n, k,
        W: this.floats(n * k), b: this.floats(n), dW: this.floats(n * k), db: this.floats(n),
        Z: this.floats(n * this.ld), A: this.floats(n * this.ld), dZ: this.floats(n * this.ld),
        dA: hidden ? this.floats(n * this.ld) : 0,
        mask: hidden && dropout ? this.floats(n * this.ld) : 0,
      };
      this.layers.push(layer);
      if (fixed.length > 0 && hidden) {
        const words = new Uint32Array(engine.memory.buffer, layer.mask, n * this.ld);
        const src = fixed[l - 1];
        for (let r = 0; r < n; r++) for (let j = 0; j < this.m; j++) words[r * this.ld + j] = src[r * this.m + j] ? 0xffffffff : 0;
      }
    }
    this.setParamsSync(opts.params);
  }

  static async create(opts: WasmTrainerOptions): Promise<WasmTrainer> {
    const engine = await WasmEngine.get();
    if (opts.threads !== undefined) engine.setThreads(opts.threads);
    // A run may never yield to the event loop between its products: workers a large network will
    // use start now, or its products would all run on this thread.
    const dims = opts.spec.dims;
    const largest = Math.max(...dims.slice(1).map((n, l) => n * dims[l] * paddedColumns(opts.train.m)));
    const widest = Math.max(...dims.slice(1, -1), 0) * opts.train.m;
    if (engine.wouldSplit(largest) || (hyperParams(opts, opts.train.m).masks !== 'none' && engine.wouldSplitMask(widest))) await engine.workersReady();
    return new WasmTrainer(engine, opts);
  }

  /** `count` zeroed floats in the engine's memory, released by dispose(). */
  private floats(count: number): number {
    const at = this.engine.alloc(count * 4);
    this.owned.push(at);
    return at;
  }

  /** A (rows × m) row-major matrix copied into a new (rows × ld) buffer, pads zero. */
  private columns(rows: number, src: ArrayLike<number>, m: number, into?: number): number {
    const ld = paddedColumns(m);
    const at = into ?? this.floats(rows * ld);
    const v = this.engine.f32(at, rows * ld);
    for (let r = 0; r < rows; r++) for (let j = 0; j < m; j++) v[r * ld + j] = src[r * m + j];
    return at;
  }

  /** Forward pass over the training set with dropout; returns the cost (penalty terms included). */
  private forward(iteration: number): number {
    const { engine, ld, m, opts, hyper } = this;
    const K = engine.kernels;
    let input = this.X;
    this.layers.forEach((layer, i) => {
      const len = layer.n * ld;
      engine.product(layer.W, layer.k, 1, input, layer.b, layer.Z, layer.n, layer.k, ld);
      const last = i === this.layers.length - 1;
      K.activate(code(last ? 'sigmoid' : this.spec.hiddenActivation), layer.Z, layer.A, len);
      if (layer.mask) {
        if (hyper.masks === 'philox') engine.dropoutMask(layer.mask, layer.n, m, ld, opts.dropoutSeed, i + 1, iteration, Math.fround(hyper.keepProb));
        K.apply_mask(layer.A, layer.mask, len, hyper.keepProb);
      }
      input = layer.A;
    });
    const out = this.layers[this.layers.length - 1];
    let cost = K.cross_entropy_sum(out.Z, this.Y, m) / m;
    if (hyper.lambdaOverTwoM !== 0) {
      let sq = 0;
      for (const layer of this.layers) sq += K.sum_squares(layer.W, layer.n * layer.k);
      cost += hyper.lambdaOverTwoM * sq;
    }
    if (hyper.lambda1OverM !== 0) {
      let abs = 0;
      for (const layer of this.layers) abs += K.sum_abs(layer.W, layer.n * layer.k);
      cost += hyper.lambda1OverM * abs;
    }
    return cost;
  }

  /** Backward pass of the last forward pass (dW includes λ/m·W and λ₁/m·sign(W)), then W −= lr·dW, b −= lr·db. */
  private backwardAndUpdate(): void {
    const { engine, ld, m, opts, hyper } = this;
    const K = engine.kernels;
    const L = this.layers.length;
    const out = this.layers[L - 1];
    K.output_delta(out.A, this.Y, out.dZ, m);
    for (let i = L - 1; i >= 0; i--) {
      const layer = this.layers[i];
      const input = i === 0 ? this.X : this.layers[i - 1].A;
      engine.gradient(layer.dZ, input, layer.dW, layer.n, layer.k, ld);
      K.scale_gradient(layer.dW, layer.W, layer.n * layer.k, 1 / m, hyper.lambdaOverM, hyper.lambda1OverM);
      K.row_sums(layer.dZ, layer.db, layer.n, ld, 1 / m);
      if (i === 0) break;
      const below = this.layers[i - 1];
      // dA_{l−1} = W_lᵀ·dZ_l: w(r, q) = W[q·k + r].
      engine.product(layer.W, 1, layer.k, layer.dZ, 0, below.dA, layer.k, layer.n, ld);
      if (below.mask) K.apply_mask(below.dA, below.mask, below.n * ld, hyper.keepProb);
      K.activate_backward(code(this.spec.hiddenActivation), below.dA, below.Z, below.dZ, below.n * ld);
    }
    for (const layer of this.layers) {
      K.update(layer.W, layer.dW, layer.n * layer.k, opts.learningRate);
      K.update(layer.b, layer.db, layer.n, opts.learningRate);
    }
  }

  runSync(start: number, count: number, logEvery: number): CostPoint[] {
    return runSteps(start, count, logEvery, (t) => {
      const cost = this.forward(t);
      this.backwardAndUpdate();
      return cost;
    });
  }

  async run(start: number, count: number, logEvery: number): Promise<CostPoint[]> {
    return this.runSync(start, count, logEvery);
  }

  /** Forward pass without dropout over any X (features × m) in scratch buffers: logits and probabilities. */
  private inference(X: Float64Array, m: number): { logits: Float64Array; probs: Float64Array } {
    const { engine } = this;
    const ld = paddedColumns(m);
    const dims = this.spec.dims;
    engine.assertFits(dims.reduce((s, n, l) => s + (l === 0 ? n : 2 * n) * ld + 16 * dims.length, 0), `predicting ${m} points`);
    const scratch: number[] = [];
    const alloc = (floats: number) => {
      const at = engine.alloc(floats * 4);
      scratch.push(at);
      return at;
    };
    try {
      let input = alloc(this.spec.dims[0] * ld);
      this.columns(this.spec.dims[0], X, m, input);
      let Z = input;
      this.layers.forEach((layer, i) => {
        Z = alloc(layer.n * ld);
        const A = alloc(layer.n * ld);
        engine.product(layer.W, layer.k, 1, input, layer.b, Z, layer.n, layer.k, ld);
        engine.kernels.activate(code(i === this.layers.length - 1 ? 'sigmoid' : this.spec.hiddenActivation), Z, A, layer.n * ld);
        input = A;
      });
      return { logits: Float64Array.from(engine.f32(Z, m)), probs: Float64Array.from(engine.f32(input, m)) };
    } finally {
      for (const at of scratch) engine.release(at);
    }
  }

  async predict(X: Float64Array, m: number): Promise<Float64Array> {
    return this.inference(X, m).probs;
  }

  async evaluate(set: LabelledSet): Promise<Evaluation> {
    const { logits, probs } = this.inference(set.X, set.m);
    return evaluation(logits, probs, set.Y, set.m);
  }

  describe(): TrainerDescription {
    return { backend: this.backend, adapter: null, precision: this.precision, threads: this.engine.threadCount };
  }

  getParamsSync(): Params {
    return {
      W: this.layers.map((l) => Float64Array.from(this.engine.f32(l.W, l.n * l.k))),
      b: this.layers.map((l) => Float64Array.from(this.engine.f32(l.b, l.n))),
    };
  }

  async getParams(): Promise<Params> {
    return this.getParamsSync();
  }

  setParamsSync(p: Params): void {
    this.layers.forEach((l, i) => {
      this.engine.f32(l.W, l.n * l.k).set(p.W[i]);
      this.engine.f32(l.b, l.n).set(p.b[i]);
    });
  }

  async setParams(p: Params): Promise<void> {
    this.setParamsSync(p);
  }

  /** The dropout masks of the last forward pass, hidden layers in order, (n × m) with 1 = keep: for tests. */
  dropoutMasks(): Uint8Array[] {
    return this.layers.filter((l) => l.mask).map((l) => {
      const words = new Uint32Array(this.engine.memory.buffer, l.mask, l.n * this.ld);
      const mask = new Uint8Array(l.n * this.m);
      for (let r = 0; r < l.n; r++) for (let j = 0; j < this.m; j++) mask[r * this.m + j] = words[r * this.ld + j] ? 1 : 0;
      return mask;
    });
  }

  async gradientNorms(): Promise<number[]> {
    return this.layers.map((l) => {
      const g = this.engine.f32(l.dW, l.n * l.k);
      let s = 0;
      for (let i = 0; i < g.length; i++) s += g[i] * g[i];
      return Math.sqrt(s);
    });
  }

  dispose(): void {
    for (const at of this.owned.splice(0)) this.engine.release(at);
  }
}
