/** Runs shaders/landscape.wgsl: the cost over a grid of θ* + α·d1 + β·d2, one workgroup per grid point. */
import { ReglabError } from '../errors';
import { activationCode } from './codes';
import type { NetworkSpec, Params } from '../model/network';
import type { LabelledSet } from '../train/types';
import type { GpuContext } from './device';
import { fusedUnfit } from './fused';
import { createNamedKernel, foldGroups } from './kernel';
import { packParams } from './trainer';
import { LANDSCAPE_PARAMS, packStruct } from './uniforms';

export async function landscapeOnGpu(
  gpu: GpuContext, spec: NetworkSpec, center: Params, d1: Params, d2: Params, set: LabelledSet,
  alphas: number[], betas: number[], l2: number,
): Promise<Float32Array> {
  const why = fusedUnfit(spec, set.m);
  if (why) throw new ReglabError(`landscape on the GPU: the network is too large for one workgroup per grid point (${why}); use --backend cpu for this network`, { exitCode: 2, field: 'backend' });
  const { device } = gpu;
  const kernel = await createNamedKernel(device, 'landscape.wgsl', ['uniform', 'read', 'read', 'read', 'read', 'read', 'read', 'read', 'storage'], { WG: 64 });
  const L = spec.dims.length - 1;
  const layers = new Uint32Array(4 * L);
  const c = packParams(spec, center);
  let unit = 0;
  for (let l = 1; l <= L; l++) {
    layers.set([c.offsets[l - 1], spec.dims[l], spec.dims[l - 1] + 1, unit], 4 * (l - 1));
    unit += spec.dims[l];
  }
  const points = alphas.length * betas.length;
  const made: GPUBuffer[] = [];
  const storage = (label: string, data: Float32Array | Uint32Array | number) => {
    const size = Math.max(16, typeof data === 'number' ? 4 * data : data.byteLength);
    const b = device.createBuffer({ label, size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    if (typeof data !== 'number') device.queue.writeBuffer(b, 0, data.slice());
    made.push(b);
    return b;
  };
  try {
    const uniform = device.createBuffer({ label: 'landscape params', size: 32, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    made.push(uniform);
    device.queue.writeBuffer(uniform, 0, new Uint8Array(packStruct(LANDSCAPE_PARAMS, {
      m: set.m, features: spec.dims[0], layer_count: L, cols: alphas.length, points,
      activation: activationCode(spec.hiddenActivation), l2_half_over_m: l2 / (2 * set.m),
    })));
    const costs = storage('landscape costs', points);
    const bufs = [
      uniform, storage('X', Float32Array.from(set.X)), storage('Y', Float32Array.from(set.Y)), storage('θ*', c.data),
      storage('d1', packParams(spec, d1).data), storage('d2', packParams(spec, d2).data), storage('layer table', layers),
      storage('axes', Float32Array.from([...alphas, ...betas])), costs,
    ];
    const bindGroup = device.createBindGroup({ label: 'landscape', layout: kernel.layout, entries: bufs.map((buffer, binding) => ({ binding, resource: { buffer } })) });
    const staging = device.createBuffer({ label: 'landscape readback', size: 4 * points, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    made.push(staging);
    const enc = device.createCommandEncoder({ label: 'landscape' });
    const pass = enc.beginComputePass({ label: 'landscape' });
    pass.setPipeline(kernel.pipeline);
    pass.setBindGroup(0, bindGroup);
    const [gx, gy] = foldGroups(points, device.limits.maxComputeWorkgroupsPerDimension);
    pass.dispatchWorkgroups(gx, gy);
    pass.end();
    enc.copyBufferToBuffer(costs, 0, staging, 0, 4 * points);
    device.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    return new Float32Array(staging.getMappedRange()).slice();
  } finally {
    for (const b of made) b.destroy();
  }
}
