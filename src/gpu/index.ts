/**
 * The GPU's public face: everything outside src/gpu reaches the GPU through this file (the layering
 * test, test/layers.test.ts, fails on any other import). One trainer — the Trainer interface, for
 * one model or many side by side (a sweep) — the one rule that picks its kernel path, and the few
 * other things the labs, the bench and the views run on a GPU.
 */
export { acquireGpu, adapterFacts, releaseGpu, NoAdapterError, type GpuContext } from './device';
export { GpuTrainer, GPU_CHUNK, modelsPerDispatch, type GpuTrainerOptions, type Variant } from './trainer';
export { gpuPathFor, pathUnfit, type GpuPath } from './paths/rule';
export { FUSED_WIDE_UNITS } from './paths/fused';
export { unrolledKernelSource } from './paths/unrolled';
export type { ProductKernel } from './products';
export { landscapeOnGpu } from './landscape';
export { MATMUL_KERNELS, plainMatmul } from './plain-matmul';
export { dropoutScalesWith, type ScalesDraw, type SlotCompileError } from './dropout-scales';
