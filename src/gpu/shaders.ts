/**
 * The one place WGSL enters the program (Vite's `?raw`, which works in the page, in vitest and in
 * the CLI bundle). Kernels that use a library (philox.wgsl, dropout.wgsl, activation.wgsl, loss.wgsl,
 * matmul_epilogue.wgsl) get it prepended whole —
 * files joined, never fragments spliced — so each kernel reads as the WGSL that runs.
 */
import philox from '../../shaders/philox.wgsl?raw';
import dropout from '../../shaders/dropout.wgsl?raw';
import activation from '../../shaders/activation.wgsl?raw';
import loss from '../../shaders/loss.wgsl?raw';
import matmulEpilogue from '../../shaders/matmul_epilogue.wgsl?raw';
import matmul from '../../shaders/matmul.wgsl?raw';
import matmulShared from '../../shaders/matmul_shared.wgsl?raw';
import matmulReduce from '../../shaders/matmul_reduce.wgsl?raw';
import matmulVec4 from '../../shaders/matmul_vec4.wgsl?raw';
import matmulTiled from '../../shaders/matmul_tiled.wgsl?raw';
import fused from '../../shaders/fused.wgsl?raw';
import unrolled from '../../shaders/unrolled.wgsl?raw';
import dropoutBits from '../../shaders/dropout_bits.wgsl?raw';
import cost from '../../shaders/cost.wgsl?raw';
import update from '../../shaders/update.wgsl?raw';
import gradNorms from '../../shaders/grad_norms.wgsl?raw';
import landscape from '../../shaders/landscape.wgsl?raw';
import philoxFill from '../../shaders/philox_fill.wgsl?raw';

export const SHADERS = {
  'matmul.wgsl': [philox, dropout, activation, matmulEpilogue, matmul].join('\n'),
  'matmul_shared.wgsl': [philox, dropout, activation, matmulEpilogue, matmulShared].join('\n'),
  'matmul_reduce.wgsl': [philox, dropout, activation, matmulEpilogue, matmulReduce].join('\n'),
  'matmul_vec4.wgsl': matmulVec4,
  'matmul_tiled.wgsl': matmulTiled,
  'fused.wgsl': [philox, dropout, activation, loss, fused].join('\n'),
  'unrolled.wgsl': [activation, loss, unrolled].join('\n'),
  'dropout_bits.wgsl': [philox, dropout, dropoutBits].join('\n'),
  'cost.wgsl': [loss, cost].join('\n'),
  'update.wgsl': update,
  'grad_norms.wgsl': gradNorms,
  'landscape.wgsl': [activation, loss, landscape].join('\n'),
  'philox_fill.wgsl': [philox, philoxFill].join('\n'),
} as const;

export type ShaderName = keyof typeof SHADERS;

/** The kernel file itself (without prepended libraries), for the uniform-layout check. */
export const KERNEL_SOURCES: Record<ShaderName, string> = {
  'matmul.wgsl': matmul,
  'matmul_shared.wgsl': matmulShared,
  'matmul_reduce.wgsl': matmulReduce,
  'matmul_vec4.wgsl': matmulVec4,
  'matmul_tiled.wgsl': matmulTiled,
  'fused.wgsl': fused,
  'unrolled.wgsl': unrolled,
  'dropout_bits.wgsl': dropoutBits,
  'cost.wgsl': cost,
  'update.wgsl': update,
  'grad_norms.wgsl': gradNorms,
  'landscape.wgsl': landscape,
  'philox_fill.wgsl': philoxFill,
};

/** shaders/unrolled.wgsl with the network's generated `train_example` (src/gpu/unrolled.ts) after it. */
export function unrolledSource(generated: string): string {
  return [SHADERS['unrolled.wgsl'], generated].join('\n');
}
