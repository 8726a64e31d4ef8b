/** The device limits a trainer checks before it allocates, and the scratch size the paths keep to. */
import { paramCount, type NetworkSpec } from '../model/network';
import { GpuLimitError } from './errors';

/**
 * Scratch buffers a path makes for itself — the split products' partial sums, a chunk's Philox
 * dropout flags — stay within 64 MiB (or the device's binding limit, if lower).
 */
export const MAX_SCRATCH_BYTES = 64 * 2 ** 20;

export function scratchBytes(limits: GPUSupportedLimits): number {
  return Math.min(MAX_SCRATCH_BYTES, limits.maxStorageBufferBindingSize);
}

/** Throws GpuLimitError, naming the limit and what needs it, when a layer's activations or the parameters exceed one binding. */
export function checkLimits(spec: NetworkSpec, m: number, limits: GPUSupportedLimits): void {
  const { dims } = spec;
  const max = limits.maxStorageBufferBindingSize;
  for (let l = 1; l < dims.length; l++) {
    const bytes = 4 * (dims[l] + 1) * m;
    if (bytes > max) throw new GpuLimitError('maxStorageBufferBindingSize', bytes, max, `layer ${l}'s activations (${dims[l]} × ${m})`);
  }
  const params = paramCount(dims);
  if (4 * params > max) throw new GpuLimitError('maxStorageBufferBindingSize', 4 * params, max, `the parameters (${params})`);
}
