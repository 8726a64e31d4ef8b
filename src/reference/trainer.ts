/**
 * The CPU reference trainer: the oracle every GPU kernel is tested against, and the CPU side of
 * the benchmark. Full-batch gradient descent on the lesson's network, float64 by default or
 * float32 rounded like a GPU. Every buffer is allocated once, in the constructor.
 */
import type { NetworkSpec, Params } from '../model/network';
import { cloneParams } from '../model/network';
import type { Precision } from '../model/settings';
import type { CostPoint, Evaluation, LabelledSet, Trainer, TrainerDescription, TrainerOptions } from '../model/types';
import { evaluation, runSteps } from '../model/evaluation';
import { numpyMasks, philoxMask } from '../model/dropout';
import { hyperParams, type Hyper } from '../model/hyper';
import {
  activate, activateBackward, applyDropout, crossEntropyFromLogit, linearBackwardInput,
  linearBackwardParams, linearForward, round32, round64, type Round, type Vec,
} from './ops';

export interface CpuTrainerOptions extends TrainerOptions {
  precision?: Precision;
}

export interface Gradients {
  dW: Vec[];
  db: Vec[];
}

export class CpuTrainer implements Trainer {
  readonly backend = 'cpu' as const;
  readonly adapter = null;
  readonly precision: Precision;
  readonly preferredChunk = 1;

  private readonly fr: Round;
  private readonly spec: NetworkSpec;
  private readonly L: number;
  private readonly m: number;
  private readonly X: Vec;
  private readonly Y: Vec;
  readonly W: Vec[];
  readonly b: Vec[];
  /** Gradients of the last step, for tests and the gradient check. */
  readonly grads: Gradients;
  /** Dropout masks of the last forward pass (hidden layers); empty when keepProb = 1. */
  readonly masks: Uint8Array[];
  private readonly Z: Vec[];
  /** A[0] is X; A[l] is layer l's activation after dropout. */
  private readonly A: Vec[];
  private readonly dA: Vec[];
  private readonly dZ: Vec[];
  private readonly hyper: Hyper;

  constructor(private readonly opts: CpuTrainerOptions) {
    this.precision = opts.precision ?? 'f64';
    this.fr = this.precision === 'f32' ? round32 : round64;
    const alloc = (n: number): Vec => (this.precision === 'f32' ? new Float32Array(n) : new Float64Array(n));
    const copy = (src: ArrayLike<number>): Vec => {
      const v = alloc(src.length);
      v.set(src);
      return v;
    };
    this.spec = opts.spec;
    const dims = opts.spec.dims;
    this.L = dims.length - 1;
    this.m = opts.train.m;
    if (opts.train.features !== dims[0]) {
      throw new Error(`data has ${opts.train.features} features, the network expects ${dims[0]}`);
    }
    this.X = copy(opts.train.X);
    this.Y = copy(opts.train.Y);
    this.W = opts.params.W.map(copy);
    this.b = opts.params.b.map(copy);
    this.Z = [alloc(0)];
    this.A = [this.X];
    this.dA = [alloc(0)];
    this.dZ = [alloc(0)];
    for (let l = 1; l <= this.L; l++) {
      const size = dims[l] * this.m;
      this.Z.push(alloc(size));
      this.A.push(alloc(size));
      this.dA.push(alloc(size));
      this.dZ.push(alloc(size));
    }
    this.grads = { dW: this.W.map((w) => alloc(w.length)), db: this.b.map((b) => alloc(b.length)) };
    const hidden = dims.slice(1, this.L);
    this.hyper = hyperParams(opts, this.m);
    this.masks = this.hyper.masks === 'none'
      ? []
      : this.hyper.masks === 'stored'
        ? numpyMasks(hidden, this.m, opts.keepProb)
        : hidden.map((n) => new Uint8Array(n * this.m));
  }

  /** Forward pass over the training set with dropout; returns the cost (penalty terms included). */
  forward(iteration: number): number {
    const { fr, L, m, opts, hyper } = this;
    const dims = this.spec.dims;
    for (let l = 1; l <= L; l++) {
      linearForward(this.W[l - 1], this.A[l - 1], this.b[l - 1], this.Z[l], dims[l], dims[l - 1], m, fr);
      if (l === L) {
        activate('sigmoid', this.Z[l], this.A[l], fr);
      } else {
        activate(this.spec.hiddenActivation, this.Z[l], this.A[l], fr);
        if (hyper.masks !== 'none') {
          const mask = this.masks[l - 1];
          if (hyper.masks === 'philox') philoxMask(mask, opts.dropoutSeed, l, iteration, hyper.keepProb);
          applyDropout(this.A[l], mask, hyper.keepProb, fr);
        }
      }
    }
    return this.cost();
  }

  /** Mean cross-entropy of the last forward pass plus λ/(2m)·Σ‖W_l‖² plus λ₁/m·Σ|W_l|, in that order. */
  private cost(): number {
    const { fr, m, L } = this;
    const zL = this.Z[L];
    let sum = 0;
    for (let j = 0; j < m; j++) sum = fr(sum + crossEntropyFromLogit(zL[j], this.Y[j], fr));
    let cost = fr(sum / m);
    if (this.hyper.lambdaOverTwoM !== 0) {
      let sq = 0;
      for (const w of this.W) for (let i = 0; i < w.length; i++) sq = fr(sq + fr(w[i] * w[i]));
      cost = fr(cost + fr(fr(this.hyper.lambdaOverTwoM) * sq));
    }
    if (this.hyper.lambda1OverM !== 0) {
      let abs = 0;
      for (const w of this.W) for (let i = 0; i < w.length; i++) abs = fr(abs + Math.abs(w[i]));
      cost = fr(cost + fr(fr(this.hyper.lambda1OverM) * abs));
    }
    return cost;
  }

  /** Backward pass of the last forward pass into `grads` (dW includes λ/m·W and λ₁/m·sign(W)). */
  backward(): void {
    const { fr, L, m, hyper } = this;
    const dims = this.spec.dims;
    // σ output with cross-entropy: dZ_L = A_L − Y.
    const aL = this.A[L], dzL = this.dZ[L];
    for (let j = 0; j < m; j++) dzL[j] = fr(aL[j] - this.Y[j]);
    for (let l = L; l >= 1; l--) {
      linearBackwardParams(
        this.dZ[l], this.A[l - 1], this.W[l - 1], this.grads.dW[l - 1], this.grads.db[l - 1],
        dims[l], dims[l - 1], m, hyper, fr,
      );
      if (l === 1) break;
      const dA = this.dA[l - 1];
      linearBackwardInput(this.W[l - 1], this.dZ[l], dA, dims[l], dims[l - 1], m, fr);
      if (hyper.masks !== 'none') applyDropout(dA, this.masks[l - 2], hyper.keepProb, fr);
      activateBackward(this.spec.hiddenActivation, dA, this.Z[l - 1], this.dZ[l - 1], fr);
    }
  }

  /** W −= lr·dW, b −= lr·db. */
  update(): void {
    const { fr } = this;
    const lr = fr(this.opts.learningRate);
    for (let l = 0; l < this.L; l++) {
      const W = this.W[l], dW = this.grads.dW[l], b = this.b[l], db = this.grads.db[l];
      for (let i = 0; i < W.length; i++) W[i] = fr(W[i] - fr(lr * dW[i]));
      for (let i = 0; i < b.length; i++) b[i] = fr(b[i] - fr(lr * db[i]));
    }
  }

  /** One iteration: forward (with dropout), backward, update. Returns that forward pass's cost. */
  step(iteration: number): number {
    const cost = this.forward(iteration);
    this.backward();
    this.update();
    return cost;
  }

  runSync(start: number, count: number, logEvery: number): CostPoint[] {
    return runSteps(start, count, logEvery, (t) => this.step(t));
  }

  async run(start: number, count: number, logEvery: number): Promise<CostPoint[]> {
    return this.runSync(start, count, logEvery);
  }

  /** Forward pass without dropout over any X (features × m): the output logits and probabilities. */
  private inference(X: Float64Array, m: number): { logits: Vec; probs: Float64Array } {
    const { fr, L } = this;
    const dims = this.spec.dims;
    const alloc = (n: number): Vec => (this.precision === 'f32' ? new Float32Array(n) : new Float64Array(n));
    let A: Vec = alloc(X.length);
    A.set(X);
    let Z: Vec = A;
    for (let l = 1; l <= L; l++) {
      Z = alloc(dims[l] * m);
      linearForward(this.W[l - 1], A, this.b[l - 1], Z, dims[l], dims[l - 1], m, fr);
      A = alloc(Z.length);
      activate(l === L ? 'sigmoid' : this.spec.hiddenActivation, Z, A, fr);
    }
    return { logits: Z, probs: Float64Array.from(A) };
  }

  /** P(y = 1) for each column of X, with the current weights and no dropout. */
  predictSync(X: Float64Array, m: number): Float64Array {
    return this.inference(X, m).probs;
  }

  async predict(X: Float64Array, m: number): Promise<Float64Array> {
    return this.predictSync(X, m);
  }

  evaluateSync(set: LabelledSet): Evaluation {
    const { logits, probs } = this.inference(set.X, set.m);
    return evaluation(logits, probs, set.Y, set.m, (z, y) => crossEntropyFromLogit(z, y, this.fr));
  }

  describe(): TrainerDescription {
    return { backend: this.backend, adapter: null, precision: this.precision };
  }

  async evaluate(set: LabelledSet): Promise<Evaluation> {
    return this.evaluateSync(set);
  }

  getParamsSync(): Params {
    return cloneParams({ W: this.W.map((w) => Float64Array.from(w)), b: this.b.map((b) => Float64Array.from(b)) });
  }

  async getParams(): Promise<Params> {
    return this.getParamsSync();
  }

  setParamsSync(p: Params): void {
    p.W.forEach((w, l) => this.W[l].set(w));
    p.b.forEach((b, l) => this.b[l].set(b));
  }

  async setParams(p: Params): Promise<void> {
    this.setParamsSync(p);
  }

  gradientNormsSync(): number[] {
    return this.grads.dW.map((g) => {
      let s = 0;
      for (let i = 0; i < g.length; i++) s += g[i] * g[i];
      return Math.sqrt(s);
    });
  }

  async gradientNorms(): Promise<number[]> {
    return this.gradientNormsSync();
  }

  dispose(): void {}
}
