/** What both backends share: the data they train on and the Trainer interface the views use. */
import type { NetworkSpec, Params } from './network';
import type { Precision, RngStream } from './settings';

/** A labelled 2-D set in the lesson's layout: X is (features × m) row-major, Y has m labels in {0, 1}. */
export interface LabelledSet {
  X: Float64Array;
  Y: Float64Array;
  /** Number of examples. */
  m: number;
  /** Number of features (2 for every data set reglab ships). */
  features: number;
}

export interface CostPoint {
  iteration: number;
  cost: number;
}

export interface Evaluation {
  /** Fraction of examples with (A_L > 0.5) === label, predicting without dropout. */
  accuracy: number;
  /** Mean cross-entropy without dropout and without the L2 term. */
  cost: number;
}

export interface Trainer {
  readonly backend: 'cpu' | 'gpu' | 'wasm';
  /** cpu: the float64 reference (or float32 rounded like a GPU); wasm: the fast CPU engine (float32, SIMD, every core). */
  /** The adapter's description for the GPU backend; null for the CPU. */
  readonly adapter: string | null;
  readonly precision: Precision;
  /**
   * Iterations a caller should ask run() for at a time to keep the backend busy: on the GPU one
   * submit (each run() call ends with a read-back), on the CPU one iteration.
   */
  readonly preferredChunk: number;
  describe(): TrainerDescription;
  /**
   * Run iterations [start, start + count) of full-batch gradient descent. Returns the cost of each
   * iteration t in that range (its forward pass, before its update, L2 and L1 terms included) with
   * t % logEvery === 0 or t === start + count − 1.
   */
  run(start: number, count: number, logEvery: number): Promise<CostPoint[]>;
  evaluate(set: LabelledSet): Promise<Evaluation>;
  /** P(label = 1) for each column of X (features × m), without dropout. */
  predict(X: Float64Array, m: number): Promise<Float64Array>;
  getParams(): Promise<Params>;
  /** Replace the weights (early stopping restores its best ones). */
  setParams(p: Params): Promise<void>;
  /**
   * ‖dW_l‖₂ of the last iteration, one per layer (the penalty terms included, the bias left out). The GPU
   * computes them on the GPU; its fused path keeps no gradients and throws: use the layered path.
   */
  gradientNorms(): Promise<number[]>;
  dispose(): void;
}

/** What every trainer is built from: the network, its initial weights, the data and the settings that shape an iteration. */
export interface TrainerOptions {
  spec: NetworkSpec;
  params: Params;
  train: LabelledSet;
  learningRate: number;
  /** λ of the L2 penalty. */
  l2: number;
  /** λ₁ of the L1 penalty (default 0: off). */
  l1?: number;
  keepProb: number;
  dropoutRng: RngStream;
  dropoutSeed: number;
}

/** What ran, for reports (bench rows, `--json`): the GPU's kernel path and product kernel where there is one. */
export interface TrainerDescription {
  backend: 'cpu' | 'gpu' | 'wasm';
  adapter: string | null;
  precision: Precision;
  /** The GPU kernel path (src/gpu/paths/rule.ts). */
  gpuPath?: 'unrolled' | 'fused' | 'layered';
  /** On the layered path, the product kernel (src/gpu/products.ts). */
  products?: 'registers' | 'shared';
  /** The fast CPU engine (backend wasm): threads its large products use. */
  threads?: number;
}
