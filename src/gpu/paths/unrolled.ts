/**
 * The unrolled path: shaders/unrolled.wgsl with the per-example work written out for this
 * network's dims (src/gpu/paths/unrolled-source.ts), a whole chunk of iterations in one workgroup.
 * Its dropout flags are bits (src/gpu/dropout-bits.ts): with Philox, drawn for the whole chunk by
 * shaders/dropout_bits.wgsl in a dispatch just before; with the lesson's masks, uploaded once.
 * One workgroup trains one model, so the same dispatch trains many side by side (a sweep), each
 * with its own λ, keep_prob, dropout seed and weights; a single run is one model.
 */
import { flagWordsPerIteration, packMaskBits } from '../dropout-bits';
import { createKernel, foldGroups, KERNELS, type Kernel } from '../kernel';
import { scratchBytes } from '../limits';
import { encode, type GpuScope } from '../resources';
import { unrolledSource } from '../shaders';
import type { ModelVariant, PathContext, TrainPath } from './path';
import { modelsUniform, singleDispatch } from './single-dispatch';
import { unrolledBlockSource } from './unrolled-source';
import type { MaskSource } from '../../model/hyper';
import type { NetworkSpec } from '../../model/network';

export interface UnrolledKernels {
  kernel: Kernel;
  /** shaders/dropout_bits.wgsl, with Philox dropout. */
  flags: Kernel | null;
}

/**
 * Invocations of the unrolled workgroup. A CPU adapter (SwiftShader) runs a workgroup on one core,
 * 4 lanes at a time, and every further 4 lanes add a coroutine switch per barrier and a row to
 * reduce, so it gets one SIMD group; a GPU gets 64 lanes to share the examples.
 */
export function unrolledWorkgroup(isSoftware: boolean): number {
  return isSoftware ? 4 : 64;
}

/**
 * The WGSL the unrolled path compiles for this network and mask source: shaders/unrolled.wgsl with
 * its generated train_block (what `reglab kernel` prints).
 */
export function unrolledKernelSource(spec: NetworkSpec, masks: MaskSource): string {
  return unrolledSource(unrolledBlockSource(spec, masks));
}

/** The kernel for this network and the models' shared mask source (and, with Philox dropout, the flags' kernel). */
export async function compileUnrolled(device: GPUDevice, spec: NetworkSpec, masks: MaskSource, workgroup: number): Promise<UnrolledKernels> {
  const [flags, kernel] = await Promise.all([
    masks === 'philox' ? createKernel(device, KERNELS.dropoutBits) : null,
    createKernel(device, KERNELS.unrolled, {
      code: unrolledKernelSource(spec, masks), name: `unrolled.wgsl for [${spec.dims.join(', ')}]`, workgroup,
    }),
  ]);
  return { kernel, flags };
}

/**
 * The most iterations one submit may hold: with Philox dropout every model's flags for the chunk
 * must fit one binding (plus one word of slack each: keep_bits4 reads a word past the one it needs).
 */
export function unrolledChunkLimit(spec: NetworkSpec, m: number, masks: MaskSource, M: number, limits: GPUSupportedLimits): number {
  if (masks !== 'philox') return Infinity;
  const perIteration = flagWordsPerIteration(spec.dims, m);
  return Math.max(1, Math.floor((scratchBytes(limits) / 4 - M) / (M * perIteration)));
}

/**
 * The draw groups of shaders/dropout_bits.wgsl: runs of consecutive models with one dropout seed,
 * as the first model of each run and, last, the model count. A sweep puts each seed's λ × keep_prob
 * grid together, so each seed's Philox stream is drawn once for all of its models.
 */
export function drawGroups(variants: readonly Pick<ModelVariant, 'dropoutSeed'>[]): Uint32Array {
  const starts = variants.flatMap((v, k) => (k === 0 || v.dropoutSeed !== variants[k - 1].dropoutSeed ? [k] : []));
  return Uint32Array.from([...starts, variants.length]);
}

/** What shaders/dropout_bits.wgsl draws from: the network, the buffers it reads, and the models (their seeds group them). */
export interface FlagSource {
  scope: GpuScope;
  dims: readonly number[];
  m: number;
  /** The layer table, the iteration state and the `models` uniform array. */
  layers: GPUBuffer;
  state: GPUBuffer;
  models: GPUBuffer;
  variants: readonly Pick<ModelVariant, 'dropoutSeed'>[];
  /** The most iterations one draw covers (a chunk). */
  chunk: number;
  maxDim: number;
}

/**
 * The Philox dropout flags of a chunk, drawn by shaders/dropout_bits.wgsl into `flags`: model k's
 * from word k·flagStride, iteration slot s (iteration state[0] + s) at s·flagWordsPerIteration.
 * `draw` encodes the draw of n ≤ chunk iterations.
 */
export function drawnFlags(src: FlagSource, kernel: Kernel): { flags: GPUBuffer; flagStride: number; draw(pass: GPUComputePassEncoder, n: number): void } {
  const { scope, dims, m } = src;
  const perIteration = flagWordsPerIteration(dims, m);
  // plus one word of slack per model: keep_bits4 reads a word past the one it needs
  const flagStride = src.chunk * perIteration + 1;
  const flags = scope.storage('dropout flags of a chunk', src.variants.length * flagStride);
  const groups = drawGroups(src.variants);
  const G = groups.length - 1;
  const uniform = scope.uniform('dropout flags uniforms', 'DropoutBitsParams', {
    m, hidden_layers: dims.length - 2, iterations: src.chunk, words_per_iteration: perIteration, groups: G, model_stride: flagStride,
  });
  const bindGroup = scope.bindGroup(kernel, 'dropout flags', {
    p: uniform.buffer, layers: src.layers, state: src.state, bits: flags, models: src.models, groups: scope.storage('dropout draw groups', groups),
  });
  return {
    flags, flagStride,
    draw(pass, n) {
      // draw exactly this chunk's flags: a short run must not pay for a whole chunk's
      uniform.write({ iterations: n });
      encode(pass, { kernel, bindGroup, groups: foldGroups(Math.ceil(G * n * perIteration / kernel.workgroup), src.maxDim) });
    },
  };
}

export function buildUnrolled(ctx: PathContext, kernels: UnrolledKernels): TrainPath {
  const { scope, o, variants } = ctx;
  const { dims } = o.spec;
  const m = o.train.m;
  const M = variants.length;
  const models = modelsUniform(ctx);
  // Binding 6 holds keep flags, one bit per (hidden unit, example), each layer rounded up to whole
  // words (shaders/dropout_bits.wgsl's layout), plus one word of slack, model after model.
  let drawFlags: ((pass: GPUComputePassEncoder, n: number) => void) | null = null;
  let flags: GPUBuffer;
  let flagStride: number;
  if (kernels.flags) {
    const drawn = drawnFlags({ scope, dims, m, layers: ctx.layers, state: ctx.state, models, variants, chunk: ctx.chunk, maxDim: ctx.maxDim }, kernels.flags);
    ({ flags, flagStride } = drawn);
    drawFlags = drawn.draw;
  } else {
    // the uploaded masks (or one unused word), each model's set once for every iteration
    flagStride = flagWordsPerIteration(dims, m) + 1;
    const bits = new Uint32Array(ctx.stored ? M * flagStride : 1);
    ctx.stored?.forEach((masks, k) => bits.set(packMaskBits(masks, flagStride), k * flagStride));
    flags = scope.storage('dropout flags (uploaded)', bits);
  }
  const single = singleDispatch(ctx, kernels.kernel, 'keep_bits', flags, { buffer: models, flagStride });
  return {
    name: 'unrolled',
    encode(pass, n) {
      drawFlags?.(pass, n);
      single.setIterations(n);
      single.encode(pass);
    },
  };
}
