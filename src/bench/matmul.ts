/**
 * The matrix-multiply micro-benchmark: C = A·B (float32, row-major) by each of reglab's matmul
 * kernels (src/gpu/plain-matmul.ts), with no training around it — the best GFLOP/s our kernels reach
 * on this adapter, the yardstick for the training path's products. FLOPs: 2·rows·depth·cols.
 * As with training rows, the result is checked before anything is timed: 64 sampled entries of C
 * against float64 dot products, within 1e-5 of Σ|a·b| (and never NaN).
 */
import { MATMUL_KERNELS, plainMatmul, type GpuContext } from '../gpu';

export interface MatmulShape {
  rows: number;
  depth: number;
  cols: number;
}

export interface MatmulTiming {
  kernel: string;
  shape: MatmulShape;
  /** Products per timed repeat (one submit). */
  times: number;
  /** Milliseconds per product, one entry per repeat; empty when the check failed. */
  perProduct: number[];
  /** Why nothing was timed. */
  wrong?: string;
}

/** Uniform in [−1, 1) from a fixed xorshift stream: the same matrices on every run. */
function matrix(n: number, seed: number): Float32Array {
  let s = (seed * 0x9e3779b9) >>> 0 || 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

function checkSample(A: Float32Array, B: Float32Array, C: Float32Array, { rows, depth, cols }: MatmulShape): string | null {
  for (let t = 0; t < 64; t++) {
    const i = (t * 7919) % rows, j = (t * 104_729) % cols;
    let ref = 0, scale = 0;
    for (let k = 0; k < depth; k++) {
      ref += A[i * depth + k] * B[k * cols + j];
      scale += Math.abs(A[i * depth + k] * B[k * cols + j]);
    }
    const got = C[i * cols + j];
    if (!Number.isFinite(got) || Math.abs(got - ref) > 1e-5 * scale + 1e-30) return `C[${i},${j}] = ${got}, expected ${ref}`;
  }
  return null;
}

/** Times every kernel on every shape: a warm-up product, then `repeats` submits of `times` products. */
export async function timeMatmuls(gpu: GpuContext, shapes: MatmulShape[], repeats: number, note?: (msg: string) => void): Promise<MatmulTiming[]> {
  const out: MatmulTiming[] = [];
  for (const shape of shapes) {
    const A = matrix(shape.rows * shape.depth, 1), B = matrix(shape.depth * shape.cols, 2);
    for (const kernel of MATMUL_KERNELS) {
      note?.(`matmul ${shape.rows}×${shape.depth}×${shape.cols} ${kernel}…`);
      const mm = await plainMatmul(gpu, kernel, A, B, shape.rows, shape.depth, shape.cols);
      try {
        const run = async (times: number) => {
          const enc = gpu.device.createCommandEncoder({ label: `matmul × ${times}` });
          mm.encode(enc, times);
          const t0 = performance.now();
          gpu.device.queue.submit([enc.finish()]);
          await gpu.device.queue.onSubmittedWorkDone();
          return performance.now() - t0;
        };
        const first = await run(1); // warm-up: pipeline, caches
        const wrong = checkSample(A, B, await mm.read(), shape);
        if (wrong) {
          out.push({ kernel, shape, times: 0, perProduct: [], wrong });
          continue;
        }
        // enough products per submit that one repeat takes ~100 ms, so submit overhead does not count
        const times = Math.max(1, Math.min(100, Math.round(100 / Math.max(first, 0.01))));
        const perProduct: number[] = [];
        for (let r = 0; r < repeats; r++) perProduct.push((await run(times)) / times);
        out.push({ kernel, shape, times, perProduct });
      } finally {
        mm.dispose();
      }
    }
  }
  return out;
}
