/** Runs shaders/philox_fill.wgsl: the WGSL Philox stream, read back for comparison with src/rng/philox.ts. */
import type { GpuContext } from './device';
import { createNamedKernel, foldGroups } from './kernel';
import { FILL_PARAMS, packStruct, structSize } from './uniforms';

/** `blocks` blocks of four words: Philox((c0 + b, c1, c2, c3), (k0, k1)) for b = 0 … blocks − 1 (c0 + b wraps at 2^32). */
export async function philoxWordsOnGpu(
  gpu: GpuContext, blocks: number, counter: [number, number, number, number], key: [number, number],
): Promise<Uint32Array> {
  const [c0, c1, c2, c3] = counter;
  const [k0, k1] = key;
  const { device } = gpu;
  const kernel = await createNamedKernel(device, 'philox_fill.wgsl', ['uniform', 'storage']);
  const bytes = 16 * blocks;
  const uniform = device.createBuffer({ label: 'philox fill params', size: structSize(FILL_PARAMS), usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const words = device.createBuffer({ label: 'philox words', size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const staging = device.createBuffer({ label: 'philox readback', size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    device.queue.writeBuffer(uniform, 0, new Uint8Array(packStruct(FILL_PARAMS, { blocks, c0, c1, c2, c3, k0, k1 })));
    const bindGroup = device.createBindGroup({
      label: 'philox fill', layout: kernel.layout,
      entries: [{ binding: 0, resource: { buffer: uniform } }, { binding: 1, resource: { buffer: words } }],
    });
    const enc = device.createCommandEncoder({ label: 'philox fill' });
    const pass = enc.beginComputePass();
    pass.setPipeline(kernel.pipeline);
    pass.setBindGroup(0, bindGroup);
    const [x, y] = foldGroups(Math.ceil(blocks / 64), device.limits.maxComputeWorkgroupsPerDimension);
    pass.dispatchWorkgroups(x, y);
    pass.end();
    enc.copyBufferToBuffer(words, 0, staging, 0, bytes);
    device.queue.submit([enc.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    return new Uint32Array(staging.getMappedRange()).slice();
  } finally {
    uniform.destroy();
    words.destroy();
    staging.destroy();
  }
}
