/**
 * Prediction on the GPU, the same on every path: a forward pass without dropout over any X by the
 * product kernels, in buffers made for this call and freed after it.
 */
import type { NetworkSpec } from '../model/network';
import { activationCode } from './codes';
import { foldGroups } from './kernel';
import { activationInit, withOnes } from './param-layout';
import { hasPartial, productTiles, type ProductKernels } from './products';
import { MODE, productParams } from './paths/layered';
import { encode, GpuScope } from './resources';

export interface InferenceInputs {
  device: GPUDevice;
  spec: NetworkSpec;
  products: ProductKernels;
  /** The packed parameters and where each layer starts in them. */
  params: GPUBuffer;
  offsets: number[];
  /** The trainer's iteration state (the product kernels bind it; prediction does not read it). */
  state: GPUBuffer;
  maxDim: number;
  /** Turns a failed read-back (a lost device) into the trainer's error. */
  lost: (e: Error) => Error;
}

/** Output logits and probabilities for each column of X (features × m). */
export async function inference(i: InferenceInputs, X: Float64Array, m: number): Promise<{ logits: Float32Array; probs: Float32Array }> {
  const { dims } = i.spec;
  const L = dims.length - 1;
  const scope = new GpuScope(i.device);
  try {
    const unusedMask = scope.storage('unused mask', 4);
    const unusedPartial = scope.storage('unused partial sums', 4); // a second writable binding may not alias the first
    const P = i.products;
    const A: GPUBuffer[] = [scope.storage('predict A0', withOnes(X, dims[0], m))];
    const Z: GPUBuffer[] = [unusedMask];
    const enc = i.device.createCommandEncoder({ label: 'predict' });
    const pass = enc.beginComputePass({ label: 'predict' });
    const base = productParams(activationCode(i.spec.hiddenActivation), 0, 1);
    for (let l = 1; l <= L; l++) {
      const n = dims[l], k = dims[l - 1], hidden = l < L;
      A.push(scope.storage(`predict A${l}`, activationInit(n, m, hidden)));
      Z.push(scope.storage(`predict Z${l}`, n * m));
      const p = scope.uniform(`predict ${l} uniforms`, 'MatmulParams', {
        ...base, rows: n, cols: m, depth: k + 1, a_off: i.offsets[l - 1], a_rs: k + 1, a_cs: 1, b_rs: m, b_cs: 1, c_rs: m,
        mode: hidden ? MODE.forwardHidden : MODE.forwardOutput, layer: l, split_depth: k + 1,
      }).buffer;
      const named = { p, a: i.params, b: A[l - 1], c: A[l], aux: Z[l], mask: unusedMask, state: i.state, ...(hasPartial(P.product) ? { partial: unusedPartial } : {}) };
      encode(pass, {
        kernel: P.product, bindGroup: scope.bindGroup(P.product, `predict ${l}`, named),
        groups: foldGroups(productTiles(P.kind, n, m), i.maxDim),
      });
    }
    pass.end();
    i.device.queue.submit([enc.finish()]);
    const logits = new Float32Array(await scope.read(Z[L], 4 * m, i.lost));
    const probs = new Float32Array(await scope.read(A[L], 4 * m, i.lost));
    return { logits, probs };
  } finally {
    scope.dispose();
  }
}
