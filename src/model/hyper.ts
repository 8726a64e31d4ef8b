/**
 * A model's regularization hyper-parameters as the engines use them, derived once from its settings
 * and its number of training examples m — by the CPU reference, the fast CPU engine, every GPU path
 * and the page — so that λ/m, λ/(2m), λ₁/m, keep_prob and where the dropout masks come from are
 * computed in one place and named for what they hold. (In settings, `l2` is λ and `l1` is λ₁.)
 *
 * The penalties (docs/math.md): cost += λ/(2m)·Σ_l ‖W_l‖² + λ₁/m·Σ_l Σ|W_l|, and each weight
 * gradient dW_l += λ/m·W_l + λ₁/m·sign(W_l), sign(0) = 0; biases are not regularized.
 */
import type { Params } from './network';
import type { RngStream } from './settings';

/**
 * Where a model's dropout masks come from: none (keep_prob = 1), philox (a fresh mask every
 * iteration, src/model/dropout.ts's convention) or stored (the lesson's numpy masks, drawn once and
 * used at every iteration; the GPU uploads them).
 */
export const MASK_SOURCES = ['none', 'philox', 'stored'] as const;
export type MaskSource = (typeof MASK_SOURCES)[number];

/** What a model's hyper-parameters are derived from: the settings' λ, keep_prob and mask stream. */
export interface Regularization {
  /** λ of the L2 penalty λ/(2m)·Σ‖W‖². */
  l2: number;
  /** λ₁ of the L1 penalty λ₁/m·Σ|W| (default 0: off). */
  l1?: number;
  /** Default 1: no dropout (a cost evaluated at given weights, as the landscape's). */
  keepProb?: number;
  dropoutRng?: RngStream;
}

export interface Hyper {
  /** λ/m: the L2 term of each weight gradient, dW += λ/m·W. */
  lambdaOverM: number;
  /** λ/(2m): the L2 term of the cost, λ/(2m)·Σ_l ‖W_l‖². */
  lambdaOverTwoM: number;
  /** λ₁/m: the L1 term of both the cost (λ₁/m·Σ_l Σ|W_l|) and each weight gradient (dW += λ₁/m·sign(W)). */
  lambda1OverM: number;
  /** Probability of keeping a hidden unit (1: no dropout). */
  keepProb: number;
  masks: MaskSource;
}

/** A model's hyper-parameters on m training examples. */
export function hyperParams(r: Regularization, m: number): Hyper {
  return {
    lambdaOverM: r.l2 / m,
    lambdaOverTwoM: r.l2 / (2 * m),
    lambda1OverM: (r.l1 ?? 0) / m,
    keepProb: r.keepProb ?? 1,
    masks: (r.keepProb ?? 1) === 1 ? 'none' : r.dropoutRng === 'numpy' ? 'stored' : 'philox',
  };
}

/**
 * The masks of a kernel that trains these models side by side (the GPU's sweep): none only if no
 * model drops a unit, else the one stream they share (every model of one run has the same dropoutRng).
 */
export function sharedMaskSource(models: readonly Hyper[]): MaskSource {
  return models.find((h) => h.masks !== 'none')?.masks ?? 'none';
}

/** Σ_l ‖W_l‖², the biases left out (they are not regularized). */
export function sumOfSquares(weights: Params): number {
  let s = 0;
  for (const w of weights.W) for (let i = 0; i < w.length; i++) s += w[i] * w[i];
  return s;
}

/** Σ_l Σ|W_l|, the biases left out. */
export function sumOfAbs(weights: Params): number {
  let s = 0;
  for (const w of weights.W) for (let i = 0; i < w.length; i++) s += Math.abs(w[i]);
  return s;
}

/** What L2 adds to the cost at these weights: λ/(2m)·Σ_l ‖W_l‖² (the page's table shows it beside the cost). */
export function l2Term(h: Hyper, weights: Params): number {
  return h.lambdaOverTwoM * sumOfSquares(weights);
}

/** What L1 adds to the cost at these weights: λ₁/m·Σ_l Σ|W_l|. */
export function l1Term(h: Hyper, weights: Params): number {
  return h.lambda1OverM * sumOfAbs(weights);
}
