/**
 * Runs shaders/landscape.wgsl: the cost over a grid of θ* + α·d1 + β·d2, one workgroup per grid
 * point, the objective with the penalty `reg` asks for (no dropout: the cost at given weights).
 */
import { ReglabError } from '../errors';
import type { NetworkSpec, Params } from '../model/network';
import type { LabelledSet } from '../model/types';
import { hyperParams, type Regularization } from '../model/hyper';
import { activationCode } from './codes';
import type { GpuContext } from './device';
import { createKernel, foldGroups, KERNELS } from './kernel';
import { layerTable, packParams } from './param-layout';
import { FUSED_MAX, fusedUnfit } from './paths/fused';
import { encode, GpuScope } from './resources';

export async function landscapeOnGpu(
  gpu: GpuContext, spec: NetworkSpec, center: Params, d1: Params, d2: Params, set: LabelledSet,
  alphas: number[], betas: number[], reg: Regularization,
): Promise<Float32Array> {
  // one workgroup per grid point holds a whole forward pass in registers, within fused.wgsl's bounds
  const why = fusedUnfit(spec, FUSED_MAX.units);
  if (why) throw new ReglabError(`landscape on the GPU: the network is too large for one workgroup per grid point (${why}); use --backend cpu for this network`, { exitCode: 2, field: 'backend' });
  const { device } = gpu;
  const kernel = await createKernel(device, KERNELS.landscape);
  const c = packParams(spec, center);
  const points = alphas.length * betas.length;
  const hyper = hyperParams(reg, set.m);
  const scope = new GpuScope(device);
  try {
    const costs = scope.storage('landscape costs', points);
    const bindGroup = scope.bindGroup(kernel, 'landscape', {
      p: scope.uniform('landscape params', 'LandscapeParams', {
        m: set.m, features: spec.dims[0], layer_count: spec.dims.length - 1, cols: alphas.length, points,
        activation: activationCode(spec.hiddenActivation),
        lambda_over_two_m: hyper.lambdaOverTwoM, lambda1_over_m: hyper.lambda1OverM,
      }).buffer,
      x: scope.storage('X', Float32Array.from(set.X)), y: scope.storage('Y', Float32Array.from(set.Y)), center: scope.storage('θ*', c.data),
      d1: scope.storage('d1', packParams(spec, d1).data), d2: scope.storage('d2', packParams(spec, d2).data),
      layers: scope.storage('layer table', layerTable(spec, c.offsets)), axes: scope.storage('axes', Float32Array.from([...alphas, ...betas])), costs,
    });
    const enc = device.createCommandEncoder({ label: 'landscape' });
    const pass = enc.beginComputePass({ label: 'landscape' });
    encode(pass, { kernel, bindGroup, groups: foldGroups(points, device.limits.maxComputeWorkgroupsPerDimension) });
    pass.end();
    device.queue.submit([enc.finish()]);
    return new Float32Array(await scope.read(costs, 4 * points));
  } finally {
    scope.dispose();
  }
}
