/**
 * The products of the layered path (forward, weight gradient, input gradient) and of prediction on
 * every path: which kernel computes them on this adapter, its tile, and how a product is cut along
 * its depth.
 *
 * The rule: on a CPU adapter (SwiftShader) matmul.wgsl, register tiles without barriers — a barrier
 * is what SwiftShader runs worst; on a GPU matmul_shared.wgsl, 128 × 128 tiles staged in workgroup
 * memory, which the micro-benchmark measures an order of magnitude faster than register tiles on a
 * large GPU (docs/performance.md). Either can be forced (tests run the GPU's kernel on SwiftShader).
 *
 * A GPU is only full with a few workgroups per multiprocessor, and a weight gradient's C is one
 * layer's [dW | db] (a few dozen tiles at most) with the whole batch as its depth. So on the shared
 * kernel a product with few tiles and a long depth is split into slices summed by separate
 * workgroups, then added by matmul_reduce.wgsl (see `splitsFor`).
 */
import { createKernel, KERNELS, type Kernel } from './kernel';

export type ProductKernel = 'registers' | 'shared';

/** The C tile of one workgroup: matmul.wgsl 8 × 8 invocations of 8 × 8; matmul_shared.wgsl 16 × 16 of 8 × 8. */
export const PRODUCT_TILE: Record<ProductKernel, number> = { registers: 64, shared: 128 };

/** Workgroups of a rows × cols product (before any split along its depth). */
export function productTiles(kind: ProductKernel, rows: number, cols: number): number {
  const tile = PRODUCT_TILE[kind];
  return Math.ceil(rows / tile) * Math.ceil(cols / tile);
}

/** The documented rule: register tiles on a CPU adapter, workgroup-memory tiles on a GPU. */
export function productKernelFor(isSoftware: boolean): ProductKernel {
  return isSoftware ? 'registers' : 'shared';
}

/** Workgroups a split product aims for: about four per multiprocessor of a large GPU (132 on an H100/H200). */
export const SPLIT_TARGET_WORKGROUPS = 512;
/** The shortest depth slice worth a workgroup of its own. */
const MIN_SLICE = 256;

export interface Split {
  splits: number;
  /** Depth per slice (a multiple of 8; the shared kernel's slab of 16 stops at the slice's end). */
  sliceDepth: number;
}

/**
 * How a product of `rows × cols` over `depth` is cut on the shared kernel: enough slices that
 * tiles × slices reaches `target` workgroups, none shorter than 256, and the partial sums
 * (slices × rows × cols floats) within `maxPartialFloats`. One slice (no cut) on the register kernel.
 */
export function splitsFor(kernel: ProductKernel, rows: number, cols: number, depth: number, maxPartialFloats: number, target = SPLIT_TARGET_WORKGROUPS): Split {
  const whole = { splits: 1, sliceDepth: depth };
  if (kernel === 'registers') return whole;
  const tiles = productTiles('shared', rows, cols);
  let splits = Math.min(Math.ceil(target / tiles), Math.floor(depth / MIN_SLICE), Math.floor(maxPartialFloats / (rows * cols)));
  if (splits < 2) return whole;
  const sliceDepth = Math.ceil(depth / splits / 8) * 8;
  splits = Math.ceil(depth / sliceDepth);
  return splits < 2 ? whole : { splits, sliceDepth };
}

type ProductBinding = (typeof KERNELS.matmulShared.bindings)[number][0];

export interface ProductKernels {
  kind: ProductKernel;
  product: Kernel<ProductBinding>;
  /** matmul_reduce.wgsl, for split products (shared kernel, when asked for: the layered path). */
  reduce: Kernel<ProductBinding> | null;
}

/** Whether a product kernel takes `partial` (the shared-memory ones do; an unused buffer when nothing is split). */
export function hasPartial(kernel: Kernel): boolean {
  return kernel.spec.bindings.includes('partial');
}

/** The product kernel of `kind`, and matmul_reduce.wgsl too when `withReduce` (training; prediction never splits). */
export async function createProductKernels(device: GPUDevice, kind: ProductKernel, withReduce: boolean): Promise<ProductKernels> {
  if (kind === 'registers') return { kind, product: await createKernel(device, KERNELS.matmul), reduce: null };
  const [product, reduce] = await Promise.all([
    createKernel(device, KERNELS.matmulShared),
    withReduce ? createKernel(device, KERNELS.matmulReduce) : null,
  ]);
  return { kind, product, reduce };
}
