/**
 * One compute kernel: its WGSL module, pipeline and bind group layout, created inside error scopes
 * so a WGSL or validation error becomes an exception that names the kernel and the WGSL line.
 */
import { ReglabError } from '../errors';
import { SHADERS, type ShaderName } from './shaders';

export class GpuKernelError extends ReglabError {
  constructor(readonly kernel: string, message: string) {
    super(`${kernel}: ${message}`, { exitCode: 1 });
  }
}

export type BindingKind = 'uniform' | 'read' | 'storage';

export interface Kernel {
  name: string;
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
}

/**
 * Kernels already compiled, per device: a compare's three trainers (and every later run on the page)
 * reuse one pipeline per shader instead of compiling it again. A failed compile is not kept.
 */
const compiled = new WeakMap<GPUDevice, Map<string, Promise<Kernel>>>();

export function createKernel(
  device: GPUDevice, name: ShaderName | string, code: string, bindings: readonly BindingKind[],
  constants: Record<string, number> = {},
): Promise<Kernel> {
  let cache = compiled.get(device);
  if (!cache) compiled.set(device, (cache = new Map()));
  const key = JSON.stringify([name, code, bindings, constants]);
  let kernel = cache.get(key);
  if (!kernel) {
    kernel = compileKernel(device, name, code, bindings, constants);
    cache.set(key, kernel);
    kernel.catch(() => cache.delete(key));
  }
  return kernel;
}

async function compileKernel(
  device: GPUDevice, name: string, code: string, bindings: readonly BindingKind[], constants: Record<string, number>,
): Promise<Kernel> {
  device.pushErrorScope('validation');
  device.pushErrorScope('internal');
  const module = device.createShaderModule({ label: name, code });
  const layout = device.createBindGroupLayout({
    label: `${name} bindings`,
    entries: bindings.map((kind, binding) => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type: kind === 'uniform' ? 'uniform' : kind === 'read' ? 'read-only-storage' : 'storage' },
    })),
  });
  // Compiled asynchronously: a page's first run must not block its main thread on shader compiles.
  const pipelinePromise = device.createComputePipelineAsync({
    label: name,
    layout: device.createPipelineLayout({ label: name, bindGroupLayouts: [layout] }),
    compute: { module, entryPoint: 'main', constants },
  });
  // Pop both scopes before awaiting, so kernels created one after another cannot interleave them.
  const internalScope = device.popErrorScope();
  const validationScope = device.popErrorScope();
  const result = await pipelinePromise.then((p) => ({ pipeline: p, failure: null }), (e: unknown) => ({ pipeline: null, failure: e as Error }));
  const error = (await validationScope) ?? (await internalScope) ?? result.failure;
  if (error || !result.pipeline) {
    const info = await module.getCompilationInfo();
    const lines = info.messages
      .filter((m) => m.type === 'error')
      .map((m) => `line ${m.lineNum}:${m.linePos}: ${m.message}`);
    throw new GpuKernelError(name, lines.length ? lines.join('; ') : error?.message ?? 'pipeline creation failed');
  }
  const pipeline = result.pipeline;
  return { name, pipeline, layout };
}

export function createNamedKernel(
  device: GPUDevice, name: ShaderName, bindings: readonly BindingKind[], constants?: Record<string, number>,
): Promise<Kernel> {
  return createKernel(device, name, SHADERS[name], bindings, constants);
}

/** Workgroup counts for `groups` workgroups within the per-dimension limit: (x, y) with x·y ≥ groups. */
export function foldGroups(groups: number, maxPerDim: number): [number, number] {
  if (groups <= maxPerDim) return [Math.max(1, groups), 1];
  const y = Math.ceil(groups / maxPerDim);
  if (y > maxPerDim) throw new Error(`${groups} workgroups exceed ${maxPerDim}² (maxComputeWorkgroupsPerDimension)`);
  return [maxPerDim, y];
}
