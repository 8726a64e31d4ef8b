/**
 * What the fused and unrolled paths share (shaders/single_dispatch.wgsl on the WGSL side): a whole
 * chunk of iterations in one dispatch of one workgroup, its FusedParams rewritten per chunk (the
 * iteration count), and the same bindings but for binding 6, where each path keeps its dropout flags.
 */
import { activationCode } from '../codes';
import type { Kernel } from '../kernel';
import { encode, type Dispatch } from '../resources';
import { MAX_MODELS, packStructArray } from '../uniforms';
import { DROPOUT, type PathContext } from './path';

/**
 * The most models one dispatch trains side by side: the `models` array's length (MAX_MODELS), and
 * every invocation's row of partial sums within one binding. A sweep of more goes in waves.
 */
export function modelLimit(paramCount: number, workgroup: number, limits: GPUSupportedLimits): number {
  return Math.max(1, Math.min(MAX_MODELS, Math.floor(limits.maxStorageBufferBindingSize / (4 * workgroup * paramCount))));
}

/** The `models` uniform (shaders/lib/models.wgsl): each model's keep_prob, λ/m, λ/(2m), λ₁/m and dropout seed. */
export function modelsUniform(ctx: PathContext): GPUBuffer {
  const values = ctx.hypers.map((h, k) => ({
    keep_prob: h.keepProb, lambda_over_m: h.lambdaOverM, lambda_over_two_m: h.lambdaOverTwoM, lambda1_over_m: h.lambda1OverM,
    seed: ctx.variants[k].dropoutSeed,
  }));
  return ctx.scope.uniformBytes('models', packStructArray('ModelParams', values, MAX_MODELS));
}

/**
 * The single dispatch over the context's buffers, with `flags` bound at binding 6 (named `flagName`
 * as the kernel's WGSL names it), one workgroup per model; `models` holds each model's settings,
 * and each model's flags start `flagStride` elements after the last's.
 * Returns the dispatch and a function that queues a chunk's uniforms.
 */
export function singleDispatch(
  ctx: PathContext, kernel: Kernel, flagName: 'masks' | 'keep_bits', flags: GPUBuffer, models: { buffer: GPUBuffer; flagStride: number },
): { dispatch: Dispatch; setIterations(n: number): void; encode(pass: GPUComputePassEncoder): void } {
  const { scope, o, packed } = ctx;
  const { dims } = o.spec;
  const m = o.train.m;
  const uniform = scope.uniform(`${kernel.name} uniforms`, 'FusedParams', {
    m, features: dims[0], layer_count: dims.length - 1, param_count: packed.data.length, iterations: 1,
    activation: activationCode(o.spec.hiddenActivation), dropout: DROPOUT[ctx.masks],
    learning_rate: o.learningRate, alpha: 1 / m, log_stride: ctx.chunk, flag_stride: models.flagStride,
  });
  const M = ctx.variants.length;
  const bindGroup = scope.bindGroup(kernel as Kernel<string>, `${kernel.name} iterations`, {
    p: uniform.buffer, x: scope.storage('X', Float32Array.from(o.train.X)), y: ctx.y, weights: ctx.params, layers: ctx.layers,
    // one row of [dW | db] partial sums per invocation
    partial: scope.storage(`${kernel.name} partial [dW|db] per invocation`, M * kernel.workgroup * packed.data.length),
    [flagName]: flags, state: ctx.state, cost_log: ctx.log, models: models.buffer,
  });
  const dispatch: Dispatch = { kernel, bindGroup, groups: [M, 1] };
  return {
    dispatch,
    setIterations: (n) => uniform.write({ iterations: n }),
    encode: (pass) => encode(pass, dispatch),
  };
}
