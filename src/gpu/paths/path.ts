/**
 * What the GPU trainer hands a kernel path, and what a path gives back. The trainer owns the
 * buffers every path shares (parameters, layer table, labels, iteration state, cost log); a path
 * adds its own and encodes a chunk of iterations. Each path compiles its kernels first
 * (asynchronously) and then builds its buffers and bind groups in one synchronous step, inside the
 * trainer's error scope.
 */
import type { Hyper, MaskSource } from '../../model/hyper';
import type { TrainerOptions } from '../../model/types';
import type { PackedParams } from '../param-layout';
import type { Dispatch, GpuScope } from '../resources';
import type { GpuPath } from './rule';

/** A kernel's dropout-flag source as its params' `dropout` code (the DROPOUT_* constants of the WGSL). */
export const DROPOUT: Record<MaskSource, number> = { none: 0, philox: 1, stored: 2 };

/**
 * What differs between the models one trainer trains side by side, one per workgroup (the unrolled
 * and fused paths; the layered path trains exactly one). A single run is one variant: its options' own.
 */
export interface ModelVariant {
  /** λ of the L2 penalty. */
  l2: number;
  /** λ₁ of the L1 penalty (default 0). */
  l1?: number;
  keepProb: number;
  dropoutSeed: number;
}

export interface PathContext {
  scope: GpuScope;
  o: TrainerOptions;
  /** The models trained side by side (one but in a sweep), their parameters one after another in `params`. */
  variants: readonly ModelVariant[];
  /** Each model's hyper-parameters (src/model/hyper.ts), in the order of `variants`. */
  hypers: readonly Hyper[];
  /** Where the kernel's dropout flags come from: none unless a model drops (sharedMaskSource). */
  masks: MaskSource;
  /** The first model's parameters: the layout every model shares. */
  packed: PackedParams;
  params: GPUBuffer;
  layers: GPUBuffer;
  y: GPUBuffer;
  /** (iteration, chunk start), written by the trainer before every chunk. */
  state: GPUBuffer;
  /** (cost, correct) per iteration of a chunk. */
  log: GPUBuffer;
  /** The lesson's numpy masks per model, one per hidden layer (null unless the dropout source is 'stored'). */
  stored: Uint8Array[][] | null;
  /** Iterations per submit. */
  chunk: number;
  /** Workgroups per dispatch dimension. */
  maxDim: number;
}

export interface TrainPath {
  readonly name: GpuPath;
  /** Encodes n iterations into `pass`, after queueing any uniform the chunk needs. */
  encode(pass: GPUComputePassEncoder, n: number): void;
  /** The gradient-norm dispatch and its output (the layered path: the others keep no gradients). */
  readonly norms?: { dispatch: Dispatch; buf: GPUBuffer };
  /** Each hidden layer's dropout mask buffer as the last forward pass left it (layered path), null without dropout. */
  readonly masks?: (GPUBuffer | null)[];
}
