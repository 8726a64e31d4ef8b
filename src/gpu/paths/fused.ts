/**
 * The fused path: shaders/fused.wgsl runs a whole chunk of iterations in one workgroup, with loops
 * over the layer table — the next size up from the unrolled path, within the kernel's const bounds.
 * Networks of up to FUSED_MAX.units units compile the kernel as written; wider ones (up to
 * FUSED_WIDE_UNITS, e.g. a sweep's [64, 64] side by side) compile it with larger per-example arrays.
 * `auto` never picks the wide kernel (src/gpu/paths/rule.ts): it is asked for by name.
 */
import type { NetworkSpec } from '../../model/network';
import { createKernel, KERNELS, type Kernel } from '../kernel';
import { fusedSource } from '../shaders';
import type { PathContext, TrainPath } from './path';
import { modelsUniform, singleDispatch } from './single-dispatch';

/** The const bounds of fused.wgsl (and landscape.wgsl) as written, checked against the WGSL by test/gpu-layouts.test.ts. */
export const FUSED_MAX = { features: 8, units: 64, layers: 16 } as const;
/**
 * The most units of the wide compile of fused.wgsl (shaders.ts fusedSource): a [64, 64] network has
 * 129. At 256 its four per-example arrays (z, a, keep, dZ) take about 4 KiB of an invocation's
 * function-scope memory, within the 8 KiB WGSL guarantees (and Safari enforces).
 */
export const FUSED_WIDE_UNITS = 256;

function unitCount(spec: NetworkSpec): number {
  return spec.dims.slice(1).reduce((s, n) => s + n, 0);
}

/**
 * Why the fused kernel cannot run this network with at most `units` units, or null when it can:
 * FUSED_WIDE_UNITS for what a named `--gpu-path fused` runs, FUSED_MAX.units for what `auto` (and
 * landscape.wgsl, which shares the bound) accepts.
 */
export function fusedUnfit(spec: NetworkSpec, units: number): string | null {
  const { dims } = spec;
  if (dims[0] > FUSED_MAX.features) return `${dims[0]} input features > ${FUSED_MAX.features}`;
  if (unitCount(spec) > units) return `${unitCount(spec)} units > ${units}`;
  if (dims.length - 1 > FUSED_MAX.layers) return `${dims.length - 1} layers > ${FUSED_MAX.layers}`;
  return null;
}

/** fused.wgsl as written, or its wide compile for a network of more than FUSED_MAX.units units. */
export function compileFused(device: GPUDevice, spec: NetworkSpec): Promise<Kernel> {
  if (unitCount(spec) <= FUSED_MAX.units) return createKernel(device, KERNELS.fused);
  return createKernel(device, KERNELS.fused, { code: fusedSource(FUSED_WIDE_UNITS), name: `fused.wgsl for up to ${FUSED_WIDE_UNITS} units` });
}

export function buildFused(ctx: PathContext, kernel: Kernel): TrainPath {
  // the uploaded masks: per model, every hidden layer's n_l × m after the other's (unused unless stored)
  const { dims } = ctx.o.spec;
  const m = ctx.o.train.m;
  const perModel = dims.slice(1, -1).reduce((t, n) => t + n, 0) * m;
  const maskCat = new Float32Array(ctx.stored ? ctx.stored.length * perModel : 1);
  ctx.stored?.forEach((masks, k) => {
    let at = k * perModel;
    for (const mk of masks) { maskCat.set(mk, at); at += mk.length; }
  });
  const single = singleDispatch(ctx, kernel, 'masks', ctx.scope.storage('fused masks (uploaded)', maskCat), { buffer: modelsUniform(ctx), flagStride: perModel });
  return {
    name: 'fused',
    encode(pass, n) {
      single.setIterations(n);
      single.encode(pass);
    },
  };
}
