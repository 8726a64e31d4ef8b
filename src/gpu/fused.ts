/**
 * When a network is small enough for shaders/fused.wgsl — a whole iteration in one workgroup,
 * many iterations per dispatch — and what that kernel needs. The rule (measured by `reglab bench`):
 * small networks are all dispatch overhead on the layered path, so they go fused; wide layers or
 * many examples need the parallelism of one matmul workgroup per 32×32 tile, so they stay layered.
 */
import type { NetworkSpec } from '../model/network';

/** Invocations of the fused workgroup (the `WG` override of fused.wgsl). */
export const FUSED_WORKGROUP = 64;
/** The const bounds of fused.wgsl. */
export const FUSED_MAX = { features: 8, units: 64, layers: 16 } as const;
/** Above this many examples one workgroup is too little parallelism for a real GPU. */
export const FUSED_MAX_EXAMPLES = 16_384;
/** Above this width a layer's per-example loops get long and registers spill. */
export const FUSED_MAX_WIDTH = 32;

export type GpuPath = 'fused' | 'layered';

/** Why the fused kernel cannot run this shape, or null when it can. */
export function fusedUnfit(spec: NetworkSpec, m: number): string | null {
  const { dims } = spec;
  const units = dims.slice(1).reduce((s, n) => s + n, 0);
  if (dims[0] > FUSED_MAX.features) return `${dims[0]} input features > ${FUSED_MAX.features}`;
  if (units > FUSED_MAX.units) return `${units} units > ${FUSED_MAX.units}`;
  if (dims.length - 1 > FUSED_MAX.layers) return `${dims.length - 1} layers > ${FUSED_MAX.layers}`;
  return null;
}

/** The path `auto` picks: fused for small networks on modest batches, layered otherwise. */
export function choosePath(spec: NetworkSpec, m: number): GpuPath {
  const widest = Math.max(...spec.dims.slice(1));
  return fusedUnfit(spec, m) === null && widest <= FUSED_MAX_WIDTH && m <= FUSED_MAX_EXAMPLES ? 'fused' : 'layered';
}
