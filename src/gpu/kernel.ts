/**
 * Every compute kernel, described once: its WGSL file and the names of its bindings in binding
 * order, as the host fills them (bind groups are built from named buffers, src/gpu/resources.ts, so
 * no positional list can drift). Everything else comes from the WGSL (src/gpu/layouts.ts, generated
 * from the shaders): each binding's kind, the params struct and the workgroup size.
 * test/gpu-layouts.test.ts fails if a descriptor's names drift from its WGSL's.
 *
 * A kernel is compiled inside error scopes, so a WGSL or validation error becomes an exception that
 * names the kernel and the WGSL line, and once per device and source (a compare's three trainers
 * and every later run on the page reuse one pipeline).
 */
import { GpuKernelError } from './errors';
import { KERNEL_LAYOUTS, STRUCTS } from './layouts';
import { SHADERS, type ShaderName } from './shaders';
import type { StructName } from './uniforms';

export interface KernelSpec<B extends string = string> {
  file: ShaderName;
  /** Binding k of group 0 is bindings[k], named as the WGSL names it. */
  bindings: readonly B[];
  /** The struct of the uniform at binding 0, or null for a kernel without one. */
  params: StructName | null;
  /** Invocations per workgroup (x·y·z) as the WGSL declares them (an override's default): the host's unit for dispatch counts. */
  workgroup: number;
  /** The `override` that sets the workgroup size, when the host may choose it (else the size is fixed). */
  workgroupOverride?: string;
}

function kernel<B extends string>(file: ShaderName, bindings: readonly B[]): KernelSpec<B> {
  const layout = KERNEL_LAYOUTS[file];
  const first = layout.bindings[0];
  const params = first.kind === 'uniform' && first.type in STRUCTS ? first.type as StructName : null;
  return { file, bindings, params, workgroup: layout.workgroup, ...(layout.workgroupOverride ? { workgroupOverride: layout.workgroupOverride } : {}) };
}

/** matmul_epilogue.wgsl's bindings, shared by every training product kernel. */
const PRODUCT = ['p', 'a', 'b', 'c', 'aux', 'mask', 'state'] as const;
/** The shared-memory product kernels add the partial sums of a product split along its depth. */
const SPLIT_PRODUCT = [...PRODUCT, 'partial'] as const;
/** shaders/lib/single_dispatch.wgsl's bindings around binding 6 (each kernel's dropout flags) and the models array at 9. */
const singleDispatch = <D extends string>(dropout: D) => ['p', 'x', 'y', 'weights', 'layers', 'partial', dropout, 'state', 'cost_log', 'models'] as const;
const PLAIN = ['p', 'a', 'b', 'c'] as const;

export const KERNELS = {
  matmul: kernel('matmul.wgsl', PRODUCT),
  matmulShared: kernel('matmul_shared.wgsl', SPLIT_PRODUCT),
  matmulReduce: kernel('matmul_reduce.wgsl', SPLIT_PRODUCT),
  cost: kernel('cost.wgsl', ['params', 'z', 'act', 'y', 'dz', 'weights', 'layers', 'state', 'cost_log'] as const),
  update: kernel('update.wgsl', ['params', 'weights', 'grads'] as const),
  gradNorms: kernel('grad_norms.wgsl', ['grads', 'layers', 'norms'] as const),
  fused: kernel('fused.wgsl', singleDispatch('masks')),
  unrolled: kernel('unrolled.wgsl', singleDispatch('keep_bits')),
  dropoutBits: kernel('dropout_bits.wgsl', ['p', 'layers', 'state', 'bits', 'models', 'groups'] as const),
  landscape: kernel('landscape.wgsl', ['p', 'x', 'y', 'center', 'd1', 'd2', 'layers', 'axes', 'costs'] as const),
  philoxFill: kernel('philox_fill.wgsl', ['params', 'words'] as const),
  // the exercise's GPU blank: dropout.wgsl's slot, element by element (src/gpu/dropout-scales.ts)
  dropoutScales: kernel('dropout_scales.wgsl', ['p', 'scales'] as const),
  // the matrix-multiply micro-benchmark's own kernels (shaders/bench/)
  matmulVec4: kernel('bench/matmul_vec4.wgsl', PLAIN),
  matmulTiled: kernel('bench/matmul_tiled.wgsl', PLAIN),
} as const;

export interface Kernel<B extends string = string> {
  name: string;
  spec: KernelSpec<B>;
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
  /** Invocations per workgroup as compiled (the override's value where the host chose one). */
  workgroup: number;
}

const compiled = new WeakMap<GPUDevice, Map<string, Promise<Kernel>>>();

export interface CompileOptions {
  /** WGSL to compile instead of the file's (the unrolled path's generated kernel); `name` labels it. */
  code?: string;
  name?: string;
  /** The workgroup size, for a kernel with `workgroupOverride`. */
  workgroup?: number;
}

/** The kernel's pipeline on this device, compiled on first use (asynchronously: a page's first run must not block on compiles). */
export function createKernel<B extends string>(device: GPUDevice, spec: KernelSpec<B>, o: CompileOptions = {}): Promise<Kernel<B>> {
  if (o.workgroup !== undefined && !spec.workgroupOverride) throw new Error(`${spec.file} has a fixed workgroup size`);
  const code = o.code ?? SHADERS[spec.file];
  const name = o.name ?? spec.file;
  const workgroup = o.workgroup ?? spec.workgroup;
  const constants: Record<string, number> = spec.workgroupOverride ? { [spec.workgroupOverride]: workgroup } : {};
  let cache = compiled.get(device);
  if (!cache) compiled.set(device, (cache = new Map()));
  const key = JSON.stringify([name, code, spec.bindings, constants]);
  let k = cache.get(key);
  if (!k) {
    k = compile(device, name, code, spec, constants, workgroup);
    cache.set(key, k);
    k.catch(() => cache.delete(key));
  }
  return k as Promise<Kernel<B>>;
}

async function compile<B extends string>(
  device: GPUDevice, name: string, code: string, spec: KernelSpec<B>, constants: Record<string, number>, workgroup: number,
): Promise<Kernel<B>> {
  device.pushErrorScope('validation');
  device.pushErrorScope('internal');
  const module = device.createShaderModule({ label: name, code });
  const layout = device.createBindGroupLayout({
    label: `${name} bindings`,
    entries: KERNEL_LAYOUTS[spec.file].bindings.map(({ kind }, binding) => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type: kind === 'uniform' ? 'uniform' : kind === 'read' ? 'read-only-storage' : 'storage' },
    })),
  });
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
  return { name, spec, pipeline: result.pipeline, layout, workgroup };
}

/** Workgroup counts for `groups` workgroups within the per-dimension limit: (x, y) with x·y ≥ groups. */
export function foldGroups(groups: number, maxPerDim: number): [number, number] {
  if (groups <= maxPerDim) return [Math.max(1, groups), 1];
  const y = Math.ceil(groups / maxPerDim);
  if (y > maxPerDim) throw new Error(`${groups} workgroups exceed ${maxPerDim}² (maxComputeWorkgroupsPerDimension)`);
  return [maxPerDim, y];
}
