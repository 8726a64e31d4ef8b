/**
 * A plain product C = A·B (row-major, float32) on the GPU by one of reglab's matmul kernels, for
 * the matrix-multiply micro-benchmark: matmul.wgsl (the training kernel, mode 0, 8×8 per
 * invocation, any shape), matmul_vec4.wgsl (8×8 per invocation, vec4 reads, no barriers; depth and
 * cols padded to multiples of 4) and matmul_tiled.wgsl (shared-memory 128×128 tiles for GPUs; rows
 * and cols padded to multiples of 128, depth to 8). Each is one program object: its kernel,
 * buffers and dispatch shape.
 */
import type { GpuContext } from './device';
import { createKernel, foldGroups, KERNELS, type Kernel } from './kernel';
import { MODE, productParams } from './paths/layered';
import { createProductKernels, productTiles } from './products';
import { encode, GpuScope } from './resources';

/** The kernels the micro-benchmark times, by the names its report gives them (the last two live in shaders/bench/). */
export const MATMUL_KERNELS = ['matmul.wgsl', 'matmul_vec4.wgsl', 'matmul_tiled.wgsl'] as const;
export type MatmulKernel = (typeof MATMUL_KERNELS)[number];

export interface PlainMatmul {
  readonly kernel: MatmulKernel;
  /** Encodes `times` products into one compute pass. */
  encode(enc: GPUCommandEncoder, times: number): void;
  /** C, rows × cols. */
  read(): Promise<Float32Array>;
  dispose(): void;
}

const padTo = (n: number, q: number) => Math.ceil(n / q) * q;

/** M (r × k, row-major) in the top-left corner of a zero (rp × kp) matrix. */
function pad(M: Float32Array, r: number, k: number, rp: number, kp: number): Float32Array {
  if (r === rp && k === kp) return M;
  const out = new Float32Array(rp * kp);
  for (let i = 0; i < r; i++) out.set(M.subarray(i * k, (i + 1) * k), i * kp);
  return out;
}

/** A (rows × depth) and B (depth × cols), row-major. */
export async function plainMatmul(
  gpu: GpuContext, kernel: MatmulKernel, A: Float32Array, B: Float32Array, rows: number, depth: number, cols: number,
): Promise<PlainMatmul> {
  const { device } = gpu;
  const vec4 = kernel === 'matmul_vec4.wgsl';
  const tiled = kernel === 'matmul_tiled.wgsl';
  // padded shape: rows r, depth d, cols c (the zero padding adds nothing to the product)
  const [r, d, c] = tiled ? [padTo(rows, 128), padTo(depth, 8), padTo(cols, 128)]
    : vec4 ? [rows, padTo(depth, 4), padTo(cols, 4)] : [rows, depth, cols];
  const scope = new GpuScope(device);
  const a = scope.storage('A', pad(A, rows, depth, r, d));
  const b = scope.storage('B', pad(B, depth, cols, d, c));
  const out = scope.storage('C', r * c);
  let k: Kernel;
  let bindGroup: GPUBindGroup;
  let groups: [number, number];
  if (tiled || vec4) {
    k = await createKernel(device, tiled ? KERNELS.matmulTiled : KERNELS.matmulVec4);
    const p = scope.uniform(`${kernel} params`, 'PlainMatmulParams', { rows: tiled ? r : rows, cols: c, depth: d }).buffer;
    bindGroup = scope.bindGroup(k, kernel, { p, a, b, c: out });
    // tiled: one 16 × 16 workgroup per 128 × 128 tile; vec4: one 8 × 8 workgroup per 64 × 64 tile
    groups = tiled ? [c / 128, r / 128] : [Math.ceil(c / 64), Math.ceil(rows / 64)];
  } else {
    k = (await createProductKernels(device, 'registers', false)).product; // the training kernel itself, mode 0
    const p = scope.uniform(`${kernel} params`, 'MatmulParams', {
      ...productParams(0, 0, 1), rows, cols, depth, a_rs: depth, a_cs: 1, b_rs: cols, b_cs: 1, c_rs: cols, mode: MODE.plain, split_depth: depth,
    }).buffer;
    bindGroup = scope.bindGroup(k, kernel, {
      p, a, b, c: out, aux: scope.storage('unused aux', 4), mask: scope.storage('unused mask', 4), state: scope.storage('unused state', 4),
    });
    groups = foldGroups(productTiles('registers', rows, cols), device.limits.maxComputeWorkgroupsPerDimension);
  }
  return {
    kernel,
    encode(enc, times) {
      const pass = enc.beginComputePass({ label: `${kernel} × ${times}` });
      for (let t = 0; t < times; t++) encode(pass, { kernel: k, bindGroup, groups });
      pass.end();
    },
    async read() {
      const all = new Float32Array(await scope.read(out, 4 * rows * c));
      return c === cols && r === rows ? all : all.filter((_, i) => i % c < cols && i < rows * c);
    },
    dispose() {
      scope.dispose();
    },
  };
}
