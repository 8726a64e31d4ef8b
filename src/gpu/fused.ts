/**
 * Which GPU kernel path trains a network, and what the two single-dispatch kernels need. The rule
 * (measured by `reglab bench`, see docs/performance.md):
 *   - unrolled (shaders/unrolled.wgsl + src/gpu/unrolled.ts) when the network has at most
 *     UNROLLED_MAX_PARAMS parameters and at most FUSED_MAX_EXAMPLES examples (any number on a CPU
 *     adapter, which runs one workgroup as fast as many): whole iterations in
 *     one workgroup with every index a constant — small networks are all dispatch overhead on the
 *     layered path, and all gathers on the generic fused kernel;
 *   - fused (shaders/fused.wgsl) for the next size up (≤ 64 units, no layer wider than 32): the same
 *     single dispatch with loops over the layer table instead of generated code;
 *   - layered otherwise: wide layers or many examples need the parallelism of one matmul workgroup
 *     per 32×32 tile.
 */
import type { NetworkSpec } from '../model/network';
import { unrolledUnfit } from './unrolled';

/** Invocations of the fused workgroup (the `WG` override of fused.wgsl). */
export const FUSED_WORKGROUP = 64;
/** The const bounds of fused.wgsl. */
export const FUSED_MAX = { features: 8, units: 64, layers: 16 } as const;
/** Above this many examples one workgroup is too little parallelism for a real GPU. */
export const FUSED_MAX_EXAMPLES = 16_384;
/** Above this width a layer's per-example loops get long and registers spill. */
export const FUSED_MAX_WIDTH = 32;

export type GpuPath = 'unrolled' | 'fused' | 'layered';

/**
 * Invocations of the unrolled workgroup. A CPU adapter (SwiftShader) runs a workgroup on one core,
 * 4 lanes at a time, and every further 4 lanes add a coroutine switch per barrier and a row to
 * reduce, so it gets one SIMD group; a GPU gets 64 lanes to share the examples.
 */
export function unrolledWorkgroup(isSoftware: boolean): number {
  return isSoftware ? 4 : 64;
}

/** Why the fused kernel cannot run this shape, or null when it can. */
export function fusedUnfit(spec: NetworkSpec, m: number): string | null {
  const { dims } = spec;
  const units = dims.slice(1).reduce((s, n) => s + n, 0);
  if (dims[0] > FUSED_MAX.features) return `${dims[0]} input features > ${FUSED_MAX.features}`;
  if (units > FUSED_MAX.units) return `${units} units > ${FUSED_MAX.units}`;
  if (dims.length - 1 > FUSED_MAX.layers) return `${dims.length - 1} layers > ${FUSED_MAX.layers}`;
  return null;
}

/** Why `path` cannot run this network on m examples, or null when it can (layered runs anything). */
export function pathUnfit(path: GpuPath, spec: NetworkSpec, m: number): string | null {
  const why = path === 'fused' ? fusedUnfit(spec, m) : path === 'unrolled' ? unrolledUnfit(spec) : null;
  return why && `the ${path} kernel cannot run this network: ${why}`;
}

/** The path `auto` picks (see the rule above); `software`: the adapter is a CPU (SwiftShader). */
export function choosePath(spec: NetworkSpec, m: number, software = false): GpuPath {
  // On a CPU adapter the layered path's parallelism buys nothing, and the unrolled kernel runs any m
  // faster (measured: [2, 20, 20, 1] at m = 65 536, 4× faster than layered).
  if (software && unrolledUnfit(spec) === null) return 'unrolled';
  if (m > FUSED_MAX_EXAMPLES) return 'layered';
  if (unrolledUnfit(spec) === null) return 'unrolled';
  const widest = Math.max(...spec.dims.slice(1));
  return fusedUnfit(spec, m) === null && widest <= FUSED_MAX_WIDTH ? 'fused' : 'layered';
}
