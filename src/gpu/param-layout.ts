/**
 * How the network lives in GPU memory, the one layout every kernel reads: each layer's [W_l | b_l]
 * (n_l × (n_{l−1} + 1), row-major, the bias as the last column) packed in layer order, a layer
 * table that says where each one starts, and inputs with a row of ones that feeds the bias.
 */
import type { NetworkSpec, Params } from '../model/network';

export interface PackedParams {
  data: Float32Array;
  /** Where layer l's [W | b] starts in `data`, for l = 1 … L (index l − 1). */
  offsets: number[];
}

/** Packs W_l and b_l into [W_l | b_l] per layer, layers in order. */
export function packParams(spec: NetworkSpec, p: Params): PackedParams {
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

/**
 * The layer table (a vec4<u32> per layer, as the WGSL's `layers` binding): where [W_l | b_l] starts,
 * its rows, its columns with the bias column, and the layer's first unit among all layers' units.
 */
export function layerTable(spec: NetworkSpec, offsets: number[]): Uint32Array {
  const { dims } = spec;
  const L = dims.length - 1;
  const table = new Uint32Array(4 * L);
  let unit = 0;
  for (let l = 1; l <= L; l++) {
    table.set([offsets[l - 1], dims[l], dims[l - 1] + 1, unit], 4 * (l - 1));
    unit += dims[l];
  }
  return table;
}

/** X (features × m) with a row of ones appended: the bias input. */
export function withOnes(X: Float64Array, features: number, m: number): Float32Array {
  const out = new Float32Array((features + 1) * m);
  out.set(X);
  out.fill(1, features * m);
  return out;
}

/** A layer's activations as the next layer reads them: hidden layers get the ones row that feeds the next bias. */
export function activationInit(rows: number, m: number, hidden: boolean): Float32Array {
  const a = new Float32Array((rows + (hidden ? 1 : 0)) * m);
  if (hidden) a.fill(1, rows * m);
  return a;
}
