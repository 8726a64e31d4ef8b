/**
 * What the GPU trainer hands a kernel path, and what a path gives back. The trainer owns the
 * buffers every path shares (parameters, layer table, labels, iteration state, cost log); a path
 * adds its own and encodes a chunk of iterations. Each path compiles its kernels first
 * (asynchronously) and then builds its buffers and bind groups in one synchronous step, inside the
 * trainer's error scope.
 */
import type { TrainerOptions } from '../../model/types';
import type { PackedParams } from '../param-layout';
import type { Dispatch, GpuScope } from '../resources';
import type { GpuPath } from './rule';

/** Where the dropout flags of an iteration come from (the FusedParams/MatmulParams `dropout` codes). */
export const DROPOUT = { none: 0, philox: 1, stored: 2 } as const;
export type DropoutSource = keyof typeof DROPOUT;

/** Dropout off, Philox flags drawn on the GPU per iteration, or the lesson's numpy masks uploaded once. */
export function dropoutSource(o: Pick<TrainerOptions, 'keepProb' | 'dropoutRng'>): DropoutSource {
  return o.keepProb === 1 ? 'none' : o.dropoutRng === 'numpy' ? 'stored' : 'philox';
}

/**
 * What differs between the models one trainer trains side by side, one per workgroup (the unrolled
 * and fused paths; the layered path trains exactly one). A single run is one variant: its options' own.
 */
export interface ModelVariant {
  l2: number;
  keepProb: number;
  dropoutSeed: number;
}

/** The dropout source of a kernel that trains all these variants: none only if no variant drops. */
export function kernelDropoutSource(variants: readonly ModelVariant[], dropoutRng: TrainerOptions['dropoutRng']): DropoutSource {
  return variants.every((v) => v.keepProb === 1) ? 'none' : dropoutRng === 'numpy' ? 'stored' : 'philox';
}

export interface PathContext {
  scope: GpuScope;
  o: TrainerOptions;
  /** The models trained side by side (one but on the unrolled path), their parameters one after another in `params`. */
  variants: readonly ModelVariant[];
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
