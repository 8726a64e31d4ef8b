/**
 * dropout.wgsl's exercise slot run on its own (shaders/dropout_scales.wgsl): the inverted-dropout
 * factor — 0 dropped, 1/keep_prob kept — that a line of WGSL in `dropout_keep_scale`'s body makes of
 * each element's Philox word, for one hidden layer at one iteration. The page's exercise compiles a
 * student's line into it (src/exercise/gpu-blank.ts checks the factors against the CPU's masks).
 */
import type { GpuContext } from './device';
import { createKernel, foldGroups, KERNELS } from './kernel';
import { encode, GpuScope } from './resources';
import { dropoutSlotSource } from './shaders';

/** One hidden layer's draw: `count` elements (row·m + column) at `iteration`, Philox key (seed, layer). */
export interface ScalesDraw {
  count: number;
  iteration: number;
  seed: number;
  layer: number;
  keepProb: number;
}

/** What the compiler said of the source, the first error placed on the slot's line when it is there. */
export interface SlotCompileError {
  message: string;
  /** The error's column on the slot's line; absent when the error is elsewhere in the kernel. */
  column?: number;
  /** The kernel's line, when not the slot's. */
  kernelLine?: number;
}

const LABEL = 'dropout_scales.wgsl (a line in dropout_keep_scale)';

/**
 * The factors of each draw with `line` as dropout_keep_scale's body, or the compiler's first error.
 * Compiled in an error scope: a typo is an answer to report, not an uncaptured device error.
 */
export async function dropoutScalesWith(gpu: GpuContext, line: string, draws: readonly ScalesDraw[]): Promise<{ error: SlotCompileError } | { factors: Float32Array[] }> {
  const { code, line: slot } = dropoutSlotSource(line);
  const { device } = gpu;
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: LABEL, code });
  const scoped = device.popErrorScope();
  const errors = (await module.getCompilationInfo()).messages.filter((m) => m.type === 'error');
  await scoped;
  if (errors.length) {
    const first = errors[0];
    return { error: first.lineNum === slot ? { message: first.message, column: first.linePos - 2 } : { message: first.message, kernelLine: first.lineNum } };
  }
  const kernel = await createKernel(device, KERNELS.dropoutScales, { code, name: LABEL });
  const scope = new GpuScope(device);
  try {
    const factors: Float32Array[] = [];
    for (const d of draws) {
      const scales = scope.storage(`dropout factors, layer ${d.layer}, iteration ${d.iteration}`, d.count);
      const params = scope.uniform('dropout factors params', 'DropoutScalesParams', {
        count: d.count, iteration: d.iteration, seed: d.seed, layer: d.layer, keep_prob: d.keepProb,
      });
      const enc = device.createCommandEncoder({ label: 'dropout factors' });
      const pass = enc.beginComputePass();
      encode(pass, {
        kernel, bindGroup: scope.bindGroup(kernel, 'dropout factors', { p: params.buffer, scales }),
        groups: foldGroups(Math.ceil(d.count / kernel.workgroup), device.limits.maxComputeWorkgroupsPerDimension),
      });
      pass.end();
      device.queue.submit([enc.finish()]);
      factors.push(new Float32Array(await scope.read(scales, 4 * d.count)));
    }
    return { factors };
  } finally {
    scope.dispose();
  }
}
