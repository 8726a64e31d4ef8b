/** The dawn.node device of a test file: acquired before its tests, released after. A missing adapter fails them (nothing is skipped). */
import { afterAll, beforeAll } from 'vitest';
import { acquireGpu, releaseGpu, type GpuContext } from '../src/gpu/device';

export function useGpu(): () => GpuContext {
  let gpu: GpuContext | null = null;
  beforeAll(async () => {
    gpu = await acquireGpu();
  });
  afterAll(async () => {
    await releaseGpu();
  });
  return () => {
    if (!gpu) throw new Error('the GPU is acquired in beforeAll');
    return gpu;
  };
}
