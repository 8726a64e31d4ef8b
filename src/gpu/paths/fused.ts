/**
 * The fused path: shaders/fused.wgsl runs a whole chunk of iterations in one workgroup, with loops
 * over the layer table — the next size up from the unrolled path, within the kernel's const bounds.
 */
import type { NetworkSpec } from '../../model/network';
import { createKernel, KERNELS, type Kernel } from '../kernel';
import type { PathContext, TrainPath } from './path';
import { modelsUniform, singleDispatch } from './single-dispatch';

/** The const bounds of fused.wgsl (and landscape.wgsl), checked against the WGSL by test/gpu-uniforms.test.ts. */
export const FUSED_MAX = { features: 8, units: 64, layers: 16 } as const;

/** Why the fused kernel cannot run this network, or null when it can. */
export function fusedUnfit(spec: NetworkSpec): string | null {
  const { dims } = spec;
  const units = dims.slice(1).reduce((s, n) => s + n, 0);
  if (dims[0] > FUSED_MAX.features) return `${dims[0]} input features > ${FUSED_MAX.features}`;
  if (units > FUSED_MAX.units) return `${units} units > ${FUSED_MAX.units}`;
  if (dims.length - 1 > FUSED_MAX.layers) return `${dims.length - 1} layers > ${FUSED_MAX.layers}`;
  return null;
}

export function compileFused(device: GPUDevice): Promise<Kernel> {
  return createKernel(device, KERNELS.fused);
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
