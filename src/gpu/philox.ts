/** Runs shaders/philox_fill.wgsl: the WGSL Philox stream, read back for comparison with src/rng/philox.ts. */
import type { GpuContext } from './device';
import { createKernel, foldGroups, KERNELS } from './kernel';
import { encode, GpuScope } from './resources';

/** `blocks` blocks of four words: Philox((c0 + b, c1, c2, c3), (k0, k1)) for b = 0 … blocks − 1 (c0 + b wraps at 2^32). */
export async function philoxWordsOnGpu(
  gpu: GpuContext, blocks: number, counter: [number, number, number, number], key: [number, number],
): Promise<Uint32Array> {
  const [c0, c1, c2, c3] = counter;
  const [k0, k1] = key;
  const { device } = gpu;
  const kernel = await createKernel(device, KERNELS.philoxFill);
  const scope = new GpuScope(device);
  try {
    const words = scope.storage('philox words', 4 * blocks);
    const bindGroup = scope.bindGroup(kernel, 'philox fill', {
      params: scope.uniform('philox fill params', 'FillParams', { blocks, c0, c1, c2, c3, k0, k1 }).buffer, words,
    });
    const enc = device.createCommandEncoder({ label: 'philox fill' });
    const pass = enc.beginComputePass();
    encode(pass, { kernel, bindGroup, groups: foldGroups(Math.ceil(blocks / kernel.workgroup), device.limits.maxComputeWorkgroupsPerDimension) });
    pass.end();
    device.queue.submit([enc.finish()]);
    return new Uint32Array(await scope.read(words, 16 * blocks));
  } finally {
    scope.dispose();
  }
}
