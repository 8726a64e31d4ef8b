/**
 * Every compute kernel, described once: its WGSL file, its bindings by the names the WGSL gives
 * them, its params struct and its workgroup size. test/gpu-kernels-layout.test.ts reads each
 * file's `@binding` lines and `@workgroup_size` and fails if a descriptor drifts from its WGSL; bind
 * groups are built from named buffers (src/gpu/resources.ts), so no positional list can drift either.
 *
 * A kernel is compiled inside error scopes, so a WGSL or validation error becomes an exception that
 * names the kernel and the WGSL line, and once per device and source (a compare's three trainers
 * and every later run on the page reuse one pipeline).
 */
import { GpuKernelError } from './errors';
import { SHADERS, type ShaderName } from './shaders';
import {
  COST_PARAMS, DROPOUT_BITS_PARAMS, DROPOUT_SCALES_PARAMS, FILL_PARAMS, FUSED_PARAMS, LANDSCAPE_PARAMS, MATMUL_PARAMS, PLAIN_MATMUL_PARAMS,
  UPDATE_PARAMS, type StructDef,
} from './uniforms';

export type BindingKind = 'uniform' | 'read' | 'storage';

export interface KernelSpec<B extends string = string> {
  file: ShaderName;
  /** Binding k of group 0 is bindings[k]: the WGSL variable's name and how it is bound. */
  bindings: readonly (readonly [B, BindingKind])[];
  /** The struct of the uniform binding (binding 0), or null for a kernel without one. */
  params: StructDef<string> | null;
  /** Invocations per workgroup (x·y for a 2-D workgroup): the host's unit for dispatch counts. */
  workgroup: number;
  /** The `override` that sets the workgroup size, when the host may choose it (else the size is fixed). */
  workgroupOverride?: string;
}

function kernel<B extends string>(
  file: ShaderName, params: StructDef<string> | null, bindings: readonly (readonly [B, BindingKind])[],
  workgroup: number, workgroupOverride?: string,
): KernelSpec<B> {
  return { file, params, bindings, workgroup, workgroupOverride };
}

/** matmul_epilogue.wgsl's bindings, shared by every training product kernel. */
const PRODUCT = [['p', 'uniform'], ['a', 'read'], ['b', 'read'], ['c', 'storage'], ['aux', 'storage'], ['mask', 'storage'], ['state', 'read']] as const;
/** The shared-memory product kernels add the partial sums of a product split along its depth. */
const SPLIT_PRODUCT = [...PRODUCT, ['partial', 'storage']] as const;
/** shaders/single_dispatch.wgsl's bindings around binding 6, which each single-dispatch kernel declares itself. */
const singleDispatch = <D extends string>(dropout: D) => [
  ['p', 'uniform'], ['x', 'read'], ['y', 'read'], ['weights', 'storage'], ['layers', 'read'], ['partial', 'storage'],
  [dropout, 'read'], ['state', 'storage'], ['cost_log', 'storage'],
] as const;
const PLAIN = [['p', 'uniform'], ['a', 'read'], ['b', 'read'], ['c', 'storage']] as const;

export const KERNELS = {
  matmul: kernel('matmul.wgsl', MATMUL_PARAMS, PRODUCT, 64),
  matmulShared: kernel('matmul_shared.wgsl', MATMUL_PARAMS, SPLIT_PRODUCT, 256),
  matmulReduce: kernel('matmul_reduce.wgsl', MATMUL_PARAMS, SPLIT_PRODUCT, 64),
  cost: kernel('cost.wgsl', COST_PARAMS, [
    ['params', 'uniform'], ['z', 'read'], ['act', 'read'], ['y', 'read'], ['dz', 'storage'], ['weights', 'read'],
    ['layers', 'read'], ['state', 'storage'], ['cost_log', 'storage'],
  ] as const, 256),
  update: kernel('update.wgsl', UPDATE_PARAMS, [['params', 'uniform'], ['weights', 'storage'], ['grads', 'read']] as const, 64),
  gradNorms: kernel('grad_norms.wgsl', null, [['grads', 'read'], ['layers', 'read'], ['norms', 'storage']] as const, 64),
  fused: kernel('fused.wgsl', FUSED_PARAMS, [...singleDispatch('masks'), ['models', 'uniform']] as const, 64, 'WG'),
  unrolled: kernel('unrolled.wgsl', FUSED_PARAMS, [...singleDispatch('keep_bits'), ['models', 'uniform']] as const, 64, 'WG'),
  dropoutBits: kernel('dropout_bits.wgsl', DROPOUT_BITS_PARAMS, [['p', 'uniform'], ['layers', 'read'], ['state', 'read'], ['bits', 'storage'], ['models', 'uniform'], ['groups', 'read']] as const, 64),
  landscape: kernel('landscape.wgsl', LANDSCAPE_PARAMS, [
    ['p', 'uniform'], ['x', 'read'], ['y', 'read'], ['center', 'read'], ['d1', 'read'], ['d2', 'read'], ['layers', 'read'],
    ['axes', 'read'], ['costs', 'storage'],
  ] as const, 64, 'WG'),
  philoxFill: kernel('philox_fill.wgsl', FILL_PARAMS, [['params', 'uniform'], ['words', 'storage']] as const, 64),
  // the exercise's GPU blank: dropout.wgsl's slot, element by element (src/exercise/gpu-blank.ts)
  dropoutScales: kernel('dropout_scales.wgsl', DROPOUT_SCALES_PARAMS, [['p', 'uniform'], ['scales', 'storage']] as const, 64),
  // the matrix-multiply micro-benchmark's own kernels (shaders/bench/)
  matmulVec4: kernel('bench/matmul_vec4.wgsl', PLAIN_MATMUL_PARAMS, PLAIN, 64),
  matmulTiled: kernel('bench/matmul_tiled.wgsl', PLAIN_MATMUL_PARAMS, PLAIN, 256),
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
    entries: spec.bindings.map(([, kind], binding) => ({
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
