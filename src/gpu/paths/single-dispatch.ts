/**
 * What the fused and unrolled paths share (shaders/single_dispatch.wgsl on the WGSL side): a whole
 * chunk of iterations in one dispatch of one workgroup, its FusedParams rewritten per chunk (the
 * iteration count), and the same bindings but for binding 6, where each path keeps its dropout flags.
 */
import { activationCode } from '../codes';
import type { Kernel } from '../kernel';
import { encode, type Dispatch } from '../resources';
import { FUSED_PARAMS } from '../uniforms';
import { DROPOUT, dropoutSource, type PathContext } from './path';

export type SingleDispatchBinding = (typeof import('../kernel').KERNELS.fused.bindings)[number][0] | 'keep_bits';

/**
 * The single dispatch over the context's buffers, with `flags` bound at binding 6 (named `flagName`
 * as the kernel's WGSL names it), one workgroup per model; `models` (the unrolled kernel's per-model
 * settings, each model's flags `flagStride` words after the last's) where the kernel takes them.
 * Returns the dispatch and a function that queues a chunk's uniforms.
 */
export function singleDispatch(
  ctx: PathContext, kernel: Kernel, flagName: 'masks' | 'keep_bits', flags: GPUBuffer, models?: { buffer: GPUBuffer; flagStride: number },
): { dispatch: Dispatch; setIterations(n: number): void; encode(pass: GPUComputePassEncoder): void } {
  const { scope, o, packed } = ctx;
  const { dims } = o.spec;
  const m = o.train.m;
  const uniform = scope.uniform(`${kernel.name} uniforms`, FUSED_PARAMS, {
    m, features: dims[0], layer_count: dims.length - 1, param_count: packed.data.length, iterations: 1,
    activation: activationCode(o.spec.hiddenActivation), dropout: DROPOUT[dropoutSource(o)], seed: o.dropoutSeed,
    keep_prob: o.keepProb, learning_rate: o.learningRate, alpha: 1 / m, l2: o.l2 / m, l2_half_over_m: o.l2 / (2 * m),
    log_stride: ctx.chunk, flag_stride: models?.flagStride ?? 0,
  });
  const M = ctx.variants.length;
  const bindGroup = scope.bindGroup(kernel as Kernel<string>, `${kernel.name} iterations`, {
    p: uniform.buffer, x: scope.storage('X', Float32Array.from(o.train.X)), y: ctx.y, weights: ctx.params, layers: ctx.layers,
    // one row of [dW | db] partial sums per invocation
    partial: scope.storage(`${kernel.name} partial [dW|db] per invocation`, M * kernel.workgroup * packed.data.length),
    [flagName]: flags, state: ctx.state, cost_log: ctx.log, ...(models ? { models: models.buffer } : {}),
  });
  const dispatch: Dispatch = { kernel, bindGroup, groups: [M, 1] };
  return {
    dispatch,
    setIterations: (n) => uniform.write({ iterations: n }),
    encode: (pass) => encode(pass, dispatch),
  };
}
