/**
 * The layered path: per iteration L forward products (bias, activation and dropout fused), one cost
 * kernel (cost, accuracy, dZ_L), L weight-gradient products (db and the L2 and L1 terms fused), L − 1
 * input-gradient products (dropout and g' fused) and one update — 3L + 1 dispatches, plus one sum
 * per product split along its depth (src/gpu/products.ts). Any network, any number of examples.
 */
import { activationCode } from '../codes';
import { createKernel, foldGroups, KERNELS, type Kernel } from '../kernel';
import { activationInit, withOnes } from '../param-layout';
import { createProductKernels, hasPartial, productTiles, splitsFor, SPLIT_TARGET_WORKGROUPS, type ProductKernel, type ProductKernels } from '../products';
import { MAX_SCRATCH_BYTES } from '../limits';
import { encode, type Dispatch } from '../resources';
import type { StructValues } from '../uniforms';
import { DROPOUT, type PathContext, type TrainPath } from './path';

/** What matmul_epilogue.wgsl does after a product (its `mode`). */
export const MODE = { plain: 0, forwardHidden: 1, forwardOutput: 2, weightGrad: 3, inputGrad: 4 } as const;

export interface LayeredKernels {
  products: ProductKernels;
  cost: Kernel;
  update: Kernel;
  norms: Kernel;
}

export interface LayeredOptions {
  /** The product kernel (default: productKernelFor's rule for the adapter). */
  productKernel: ProductKernel;
  /** Workgroups a split product aims for (default SPLIT_TARGET_WORKGROUPS); tests lower it to split small products. */
  splitTarget?: number;
}

export async function compileLayered(device: GPUDevice, productKernel: ProductKernel): Promise<LayeredKernels> {
  // compiled side by side (each kernel's error scopes are pushed and popped before it awaits)
  const [products, cost, update, norms] = await Promise.all([
    createProductKernels(device, productKernel, true),
    createKernel(device, KERNELS.cost), createKernel(device, KERNELS.update), createKernel(device, KERNELS.gradNorms),
  ]);
  return { products, cost, update, norms };
}

/** The values of MatmulParams every product starts from; each product sets its shape and mode. */
export function productParams(activation: number, seed: number, keepProb: number): StructValues<'MatmulParams'> {
  return {
    rows: 0, cols: 0, depth: 0, a_off: 0, a_rs: 0, a_cs: 0, b_off: 0, b_rs: 0, b_cs: 0, c_off: 0, c_rs: 0, aux_off: 0, mode: MODE.plain,
    activation, dropout: DROPOUT.none, layer: 0, seed, bias_col: 0, keep_prob: keepProb, alpha: 1, lambda_over_m: 0, lambda1_over_m: 0, splits: 1, split_depth: 0,
  };
}

export function buildLayered(ctx: PathContext, kernels: LayeredKernels, lo: LayeredOptions): TrainPath {
  const { scope, o, packed } = ctx;
  const { dims } = o.spec;
  const L = dims.length - 1;
  const m = o.train.m;
  const grads = scope.storage('grads [dW|db]', packed.data.length);
  const unusedAux = scope.storage('unused aux', 4);
  const unusedMask = scope.storage('unused mask', 4);
  // Activations: A[0] = [X; 1], hidden A[l] = [A_l; 1] (the ones row feeds the next bias), A[L] = A_L.
  const A: GPUBuffer[] = [scope.storage('A0 [X;1]', withOnes(o.train.X, dims[0], m))];
  const Z: GPUBuffer[] = [unusedAux];
  const dZ: GPUBuffer[] = [unusedAux];
  const masks: GPUBuffer[] = [unusedMask];
  const hiddenMasks: (GPUBuffer | null)[] = [];
  // the one model this path trains
  const hyper = ctx.hypers[0];
  const source = ctx.masks;
  for (let l = 1; l <= L; l++) {
    const hidden = l < L;
    A.push(scope.storage(`A${l}`, activationInit(dims[l], m, hidden)));
    Z.push(scope.storage(`Z${l}`, dims[l] * m));
    dZ.push(scope.storage(`dZ${l}`, dims[l] * m));
    masks.push(hidden && source !== 'none'
      ? scope.storage(`mask${l}`, ctx.stored ? Float32Array.from(ctx.stored[0][l - 1]) : dims[l] * m)
      : unusedMask);
    if (hidden) hiddenMasks.push(source !== 'none' ? masks[l] : null);
  }
  const P = kernels.products;
  const maxPartialFloats = Math.min(MAX_SCRATCH_BYTES, scope.device.limits.maxStorageBufferBindingSize) / 4;
  const split = (rows: number, cols: number, depth: number) =>
    splitsFor(P.kind, rows, cols, depth, maxPartialFloats, lo.splitTarget ?? SPLIT_TARGET_WORKGROUPS);
  // one buffer for the partial sums of every split product (they run one after another)
  let partialFloats = 1;
  for (let l = 1; l <= L; l++) {
    const n = dims[l], k = dims[l - 1];
    for (const [r, c, d] of [[n, m, k + 1], [n, k + 1, m], [k, m, n]]) partialFloats = Math.max(partialFloats, split(r, c, d).splits * r * c);
  }
  const partial = hasPartial(P.product) ? scope.storage('split products\' partial sums', partialFloats) : null;
  const base = productParams(activationCode(o.spec.hiddenActivation), o.dropoutSeed, hyper.keepProb);
  // One product: its kernel's dispatch, then, when it is split along the depth, the sum of the slices.
  const product = (label: string, fields: Partial<typeof base>, bufs: { a: GPUBuffer; b: GPUBuffer; c: GPUBuffer; aux: GPUBuffer; mask: GPUBuffer }): Dispatch[] => {
    const values = { ...base, ...fields };
    const { splits, sliceDepth } = split(values.rows, values.cols, values.depth);
    const p = scope.uniform(`${label} uniforms`, 'MatmulParams', { ...values, splits, split_depth: sliceDepth }).buffer;
    const named = { p, ...bufs, state: ctx.state, ...(partial ? { partial } : {}) };
    const first = { kernel: P.product, bindGroup: scope.bindGroup(P.product, label, named), groups: foldGroups(productTiles(P.kind, values.rows, values.cols) * splits, ctx.maxDim) };
    if (splits === 1) return [first];
    const reduce = P.reduce!;
    return [first, { kernel: reduce, bindGroup: scope.bindGroup(reduce, `${label}: sum of ${splits} slices`, named), groups: foldGroups(Math.ceil(values.rows * values.cols / reduce.workgroup), ctx.maxDim) }];
  };

  const steps: Dispatch[] = [];
  for (let l = 1; l <= L; l++) {
    const n = dims[l], k = dims[l - 1];
    const hidden = l < L;
    steps.push(...product(`forward ${l}`, {
      rows: n, cols: m, depth: k + 1, a_off: packed.offsets[l - 1], a_rs: k + 1, a_cs: 1, b_rs: m, b_cs: 1, c_rs: m,
      mode: hidden ? MODE.forwardHidden : MODE.forwardOutput, dropout: hidden ? DROPOUT[source] : DROPOUT.none, layer: l,
    }, { a: ctx.params, b: A[l - 1], c: A[l], aux: Z[l], mask: masks[l] }));
  }
  const costUniform = scope.uniform('cost uniforms', 'CostParams', {
    m, layer_count: L, lambda_over_two_m: hyper.lambdaOverTwoM, lambda1_over_m: hyper.lambda1OverM,
  });
  steps.push({
    kernel: kernels.cost, groups: [1, 1],
    bindGroup: scope.bindGroup(kernels.cost, 'cost', {
      params: costUniform.buffer, z: Z[L], act: A[L], y: ctx.y, dz: dZ[L], weights: ctx.params, layers: ctx.layers, state: ctx.state, cost_log: ctx.log,
    }),
  });
  for (let l = L; l >= 1; l--) {
    const n = dims[l], k = dims[l - 1];
    steps.push(...product(`weight gradient ${l}`, {
      rows: n, cols: k + 1, depth: m, a_rs: m, a_cs: 1, b_rs: 1, b_cs: m, c_off: packed.offsets[l - 1], c_rs: k + 1,
      aux_off: packed.offsets[l - 1], mode: MODE.weightGrad, bias_col: k, alpha: 1 / m,
      lambda_over_m: hyper.lambdaOverM, lambda1_over_m: hyper.lambda1OverM,
    }, { a: dZ[l], b: A[l - 1], c: grads, aux: ctx.params, mask: unusedMask }));
    if (l > 1) {
      steps.push(...product(`input gradient ${l}`, {
        rows: k, cols: m, depth: n, a_off: packed.offsets[l - 1], a_rs: 1, a_cs: k + 1, b_rs: m, b_cs: 1, c_rs: m,
        // backprop reuses the forward pass's masks: stored, whatever drew them
        mode: MODE.inputGrad, dropout: source === 'none' ? DROPOUT.none : DROPOUT.stored, layer: l - 1,
      }, { a: ctx.params, b: dZ[l], c: dZ[l - 1], aux: Z[l - 1], mask: masks[l - 1] }));
    }
  }
  const updateUniform = scope.uniform('update uniforms', 'UpdateParams', { count: packed.data.length, learning_rate: o.learningRate });
  steps.push({
    kernel: kernels.update, groups: foldGroups(Math.ceil(packed.data.length / kernels.update.workgroup), ctx.maxDim),
    bindGroup: scope.bindGroup(kernels.update, 'update', { params: updateUniform.buffer, weights: ctx.params, grads }),
  });

  const normsBuf = scope.storage('gradient norms', L);
  return {
    name: 'layered',
    encode(pass, n) {
      for (let s = 0; s < n; s++) for (const d of steps) encode(pass, d);
    },
    norms: {
      buf: normsBuf,
      dispatch: {
        kernel: kernels.norms, groups: [L, 1],
        bindGroup: scope.bindGroup(kernels.norms, 'gradient norms', { grads, layers: ctx.layers, norms: normsBuf }),
      },
    },
    masks: hiddenMasks,
  };
}
