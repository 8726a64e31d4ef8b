/**
 * The network's shape and parameters. Layer l (1-based, 1..L) has W_l of shape
 * (dims[l] × dims[l-1]) stored row-major and b_l of length dims[l]; hidden layers use the chosen
 * activation, the output layer (dims[L] = 1) a sigmoid.
 */
import type { Activation } from './settings';

export interface NetworkSpec {
  /** [n0, n1, …, nL]: input features, hidden sizes, 1 output unit. */
  readonly dims: readonly number[];
  readonly hiddenActivation: Activation;
}

export interface Params {
  /** W[l-1] is W_l, row-major (dims[l] × dims[l-1]). */
  W: Float64Array[];
  /** b[l-1] is b_l. */
  b: Float64Array[];
}

export function makeSpec(inputs: number, hidden: readonly number[], hiddenActivation: Activation): NetworkSpec {
  return { dims: Object.freeze([inputs, ...hidden, 1]), hiddenActivation };
}

/** Weights and biases over all layers: Σ_l n_l·(n_{l−1} + 1). */
export function paramCount(dims: readonly number[]): number {
  let p = 0;
  for (let l = 1; l < dims.length; l++) p += dims[l] * (dims[l - 1] + 1);
  return p;
}

export function zeroParams(spec: NetworkSpec): Params {
  const W: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 1; l < spec.dims.length; l++) {
    W.push(new Float64Array(spec.dims[l] * spec.dims[l - 1]));
    b.push(new Float64Array(spec.dims[l]));
  }
  return { W, b };
}

export function cloneParams(p: Params): Params {
  return { W: p.W.map((w) => new Float64Array(w)), b: p.b.map((b) => new Float64Array(b)) };
}

/** Parameters as plain arrays, for JSON export. */
export function paramsToJson(p: Params): { W: number[][]; b: number[][] } {
  return { W: p.W.map((w) => Array.from(w)), b: p.b.map((b) => Array.from(b)) };
}
