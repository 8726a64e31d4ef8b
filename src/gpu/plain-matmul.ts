/**
 * A plain product C = A·B (row-major, float32) on the GPU by one of reglab's matmul kernels, for
 * the matrix-multiply micro-benchmark: matmul.wgsl (the training kernel, mode 0, 8×8 per
 * invocation, any shape), matmul_vec4.wgsl (8×8 per invocation, vec4 reads, no barriers; depth and
 * cols padded to multiples of 4) and matmul_tiled.wgsl (shared-memory 128×128 tiles for GPUs; rows
 * and cols padded to multiples of 128, depth to 8). Each is one program object: its kernel,
 * buffers and dispatch shape.
 */
import type { GpuContext } from './device';
import { createNamedKernel, foldGroups, type Kernel } from './kernel';
import { MATMUL_PARAMS, packStruct, PLAIN_MATMUL_PARAMS } from './uniforms';
import { createProductKernels } from './products';

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
  const owned: GPUBuffer[] = [];
  const storage = (label: string, data: Float32Array | number) => {
    const size = Math.max(16, 4 * (typeof data === 'number' ? data : data.length));
    const buf = device.createBuffer({ label, size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    if (typeof data !== 'number') device.queue.writeBuffer(buf, 0, new Float32Array(data));
    owned.push(buf);
    return buf;
  };
  const a = storage('A', pad(A, rows, depth, r, d));
  const b = storage('B', pad(B, depth, cols, d, c));
  const out = storage('C', r * c);
  let k: Kernel;
  let uniform: ArrayBuffer;
  let bufs: GPUBuffer[];
  let groups: [number, number];
  if (tiled) {
    k = await createNamedKernel(device, 'matmul_tiled.wgsl', ['uniform', 'read', 'read', 'storage']);
    uniform = packStruct(PLAIN_MATMUL_PARAMS, { rows: r, cols: c, depth: d });
    bufs = [a, b, out];
    groups = [c / 128, r / 128];
  } else if (vec4) {
    k = await createNamedKernel(device, 'matmul_vec4.wgsl', ['uniform', 'read', 'read', 'storage']);
    uniform = packStruct(PLAIN_MATMUL_PARAMS, { rows, cols: c, depth: d });
    bufs = [a, b, out];
    groups = [Math.ceil(c / 8 / 8), Math.ceil(rows / 8 / 8)];
  } else {
    k = (await createProductKernels(device, 'registers', false)).product; // the training kernel itself, mode 0
    uniform = packStruct(MATMUL_PARAMS, {
      rows, cols, depth, a_off: 0, a_rs: depth, a_cs: 1, b_off: 0, b_rs: cols, b_cs: 1, c_off: 0, c_rs: cols, aux_off: 0,
      mode: 0, activation: 0, dropout: 0, layer: 0, seed: 0, bias_col: 0, keep_prob: 1, alpha: 1, l2: 0, splits: 1, split_depth: depth,
    });
    bufs = [a, b, out, storage('unused aux', 4), storage('unused mask', 4), storage('unused state', 4)];
    groups = foldGroups(Math.ceil(rows / 64) * Math.ceil(cols / 64), device.limits.maxComputeWorkgroupsPerDimension);
  }
  const ubuf = device.createBuffer({ label: `${kernel} params`, size: uniform.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(ubuf, 0, new Uint8Array(uniform));
  owned.push(ubuf);
  const bindGroup = device.createBindGroup({
    label: kernel, layout: k.layout, entries: [ubuf, ...bufs].map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  return {
    kernel,
    encode(enc, times) {
      const pass = enc.beginComputePass({ label: `${kernel} × ${times}` });
      pass.setPipeline(k.pipeline);
      pass.setBindGroup(0, bindGroup);
      for (let t = 0; t < times; t++) pass.dispatchWorkgroups(groups[0], groups[1]);
      pass.end();
    },
    async read() {
      const staging = device.createBuffer({ label: 'C readback', size: 4 * rows * c, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      try {
        const enc = device.createCommandEncoder();
        enc.copyBufferToBuffer(out, 0, staging, 0, 4 * rows * c);
        device.queue.submit([enc.finish()]);
        await staging.mapAsync(GPUMapMode.READ);
        const all = new Float32Array(staging.getMappedRange()).slice();
        return c === cols && r === rows ? all : all.filter((_, i) => i % c < cols && i < rows * c);
      } finally {
        staging.destroy();
      }
    },
    dispose() {
      for (const buf of owned) buf.destroy();
    },
  };
}
