/**
 * Which GPU kernel path trains a network — the rule for all three (measured by `reglab bench`, see
 * docs/performance.md):
 *   - unrolled (src/gpu/paths/unrolled.ts) when the network has at most UNROLLED_MAX_PARAMS
 *     parameters and at most FUSED_MAX_EXAMPLES examples (any number on a CPU adapter, which runs
 *     one workgroup as fast as many): whole iterations in one workgroup with every index a constant —
 *     small networks are all dispatch overhead on the layered path, and all gathers on the generic
 *     fused kernel;
 *   - fused (src/gpu/paths/fused.ts) for the next size up (≤ 64 units, no layer wider than 32): the
 *     same single dispatch with loops over the layer table instead of generated code (its wide
 *     compile, up to 256 units, only when asked for by name: unmeasured on a real GPU, and slower
 *     than layered on SwiftShader);
 *   - layered (src/gpu/paths/layered.ts) otherwise: wide layers or many examples need the
 *     parallelism of one product workgroup per tile.
 */
import type { NetworkSpec } from '../../model/network';
import type { GpuPathSetting } from '../../model/settings';
import { FUSED_MAX, FUSED_WIDE_UNITS, fusedUnfit } from './fused';
import { unrolledUnfit } from './unrolled-source';

export type GpuPath = 'unrolled' | 'fused' | 'layered';

/** Above this many examples one workgroup is too little parallelism for a real GPU. */
export const FUSED_MAX_EXAMPLES = 16_384;
/** Above this width a layer's per-example loops get long and registers spill. */
export const FUSED_MAX_WIDTH = 32;

/** Why `path` cannot run this network, or null when it can (layered runs anything). */
export function pathUnfit(path: GpuPath, spec: NetworkSpec): string | null {
  const why = path === 'fused' ? fusedUnfit(spec, FUSED_WIDE_UNITS) : path === 'unrolled' ? unrolledUnfit(spec) : null;
  return why && `the ${path} kernel cannot run this network: ${why}`;
}

/**
 * The path a run of this network on m examples takes: the one the setting names, or the rule's
 * choice for `auto` (the one place `auto` is decided: the trainer, the sweep and the bench all ask here).
 */
export function gpuPathFor(setting: GpuPathSetting, spec: NetworkSpec, m: number, software: boolean): GpuPath {
  return setting === 'auto' ? choosePath(spec, m, software) : setting;
}

/** The path `auto` picks (see the rule above); `software`: the adapter is a CPU (SwiftShader). */
function choosePath(spec: NetworkSpec, m: number, software = false): GpuPath {
  // On a CPU adapter the layered path's parallelism buys nothing, and the unrolled kernel runs any m
  // faster (measured: [2, 20, 20, 1] at m = 65 536, 4× faster than layered).
  if (software && unrolledUnfit(spec) === null) return 'unrolled';
  if (m > FUSED_MAX_EXAMPLES) return 'layered';
  if (unrolledUnfit(spec) === null) return 'unrolled';
  const widest = Math.max(...spec.dims.slice(1));
  return fusedUnfit(spec, FUSED_MAX.units) === null && widest <= FUSED_MAX_WIDTH ? 'fused' : 'layered';
}
