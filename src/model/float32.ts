/**
 * float32's range, checked before a run computes in float32 (the GPU, or --precision f32): a value
 * beyond it becomes ±Infinity on upload and the run silently learns from garbage.
 */
import { Float32RangeError } from '../errors';
import type { LabelledSet } from './types';
import type { Params } from './network';

export const FLOAT32_MAX = 3.4028234663852886e38;

/** Refuse settings or initial weights float32 cannot hold (they would be ±Infinity on the GPU). */
export function assertFloat32Run(o: { learningRate: number; l2: number; l1?: number; params: Params }): void {
  for (const [flag, v] of [['--learning-rate', o.learningRate], ['--l2', o.l2], ['--l1', o.l1 ?? 0]] as const) {
    if (Math.abs(v) > FLOAT32_MAX) throw new Float32RangeError(`${flag} ${v} is beyond float32's range (±3.4e38), in which the GPU and --precision f32 compute`);
  }
  let max = 0;
  for (const w of [...o.params.W, ...o.params.b]) for (const v of w) max = Math.max(max, Math.abs(v));
  if (!(max <= FLOAT32_MAX)) {
    throw new Float32RangeError(`the initial weights reach ${max.toPrecision(3)}, beyond float32's range (±3.4e38) in which the GPU and --precision f32 compute: lower --init-scale`);
  }
}

/** Refuse a set holding a value float32 cannot represent, naming the example and feature. */
export function assertFloat32Set(set: LabelledSet, what: string): void {
  for (let i = 0; i < set.X.length; i++) {
    if (Math.abs(set.X[i]) > FLOAT32_MAX) {
      const feature = Math.floor(i / set.m) + 1, example = (i % set.m) + 1;
      throw new Float32RangeError(`${what}: example ${example}, feature x${feature} is ${set.X[i]}, beyond float32's range (±3.4e38); `
        + 'the GPU and --precision f32 compute in float32: rescale the data, or use --backend cpu --precision f64');
    }
  }
}
