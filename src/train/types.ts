/** What both backends share: the data they train on and the Trainer interface the views use. */
import type { Params } from '../model/network';
import type { Precision } from '../model/settings';

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
  readonly backend: 'cpu' | 'gpu';
  /** The adapter's description for the GPU backend; null for the CPU. */
  readonly adapter: string | null;
  readonly precision: Precision;
  /**
   * Run iterations [start, start + count) of full-batch gradient descent. Returns the cost of each
   * iteration t in that range (its forward pass, before its update, L2 term included) with
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
   * ‖dW_l‖₂ of the last iteration, one per layer (the L2 term included, the bias left out). The GPU
   * computes them on the GPU; its fused path keeps no gradients and throws: use the layered path.
   */
  gradientNorms(): Promise<number[]>;
  dispose(): void;
}
