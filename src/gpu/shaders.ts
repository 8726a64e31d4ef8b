/**
 * The one place WGSL enters the program (Vite's `?raw`, which works in the page, in vitest and in
 * the CLI bundle). shaders/*.wgsl are the kernels, shaders/lib/*.wgsl the libraries a kernel
 * prepends whole — files joined, never fragments spliced — and shaders/bench/*.wgsl the
 * matrix-multiply micro-benchmark's own kernels. Each kernel's bindings, params and workgroup size
 * are described once, in src/gpu/kernel.ts.
 */
import philox from '../../shaders/lib/philox.wgsl?raw';
import dropout from '../../shaders/lib/dropout.wgsl?raw';
import activation from '../../shaders/lib/activation.wgsl?raw';
import loss from '../../shaders/lib/loss.wgsl?raw';
import matmulEpilogue from '../../shaders/lib/matmul_epilogue.wgsl?raw';
import weightNorm from '../../shaders/lib/weight_norm.wgsl?raw';
import singleDispatch from '../../shaders/lib/single_dispatch.wgsl?raw';
import models from '../../shaders/lib/models.wgsl?raw';
import slabBlock from '../../shaders/lib/slab_block.wgsl?raw';
import layerForward from '../../shaders/lib/layer_forward.wgsl?raw';
import matmul from '../../shaders/matmul.wgsl?raw';
import matmulShared from '../../shaders/matmul_shared.wgsl?raw';
import matmulReduce from '../../shaders/matmul_reduce.wgsl?raw';
import fused from '../../shaders/fused.wgsl?raw';
import unrolled from '../../shaders/unrolled.wgsl?raw';
import dropoutBits from '../../shaders/dropout_bits.wgsl?raw';
import cost from '../../shaders/cost.wgsl?raw';
import update from '../../shaders/update.wgsl?raw';
import gradNorms from '../../shaders/grad_norms.wgsl?raw';
import landscape from '../../shaders/landscape.wgsl?raw';
import philoxFill from '../../shaders/philox_fill.wgsl?raw';
import dropoutScales from '../../shaders/dropout_scales.wgsl?raw';
import matmulVec4 from '../../shaders/bench/matmul_vec4.wgsl?raw';
import matmulTiled from '../../shaders/bench/matmul_tiled.wgsl?raw';

/** Each kernel file with the libraries it prepends, in order. */
const KERNEL_FILES = {
  'matmul.wgsl': [[philox, dropout, activation, matmulEpilogue], matmul],
  'matmul_shared.wgsl': [[philox, dropout, activation, matmulEpilogue, slabBlock], matmulShared],
  'matmul_reduce.wgsl': [[philox, dropout, activation, matmulEpilogue], matmulReduce],
  'fused.wgsl': [[philox, dropout, activation, loss, weightNorm, singleDispatch, models, layerForward], fused],
  'unrolled.wgsl': [[activation, loss, weightNorm, singleDispatch, models], unrolled],
  'dropout_bits.wgsl': [[philox, dropout, models], dropoutBits],
  'cost.wgsl': [[loss, weightNorm], cost],
  'update.wgsl': [[], update],
  'grad_norms.wgsl': [[], gradNorms],
  'landscape.wgsl': [[activation, loss, weightNorm, layerForward], landscape],
  'philox_fill.wgsl': [[philox], philoxFill],
  'dropout_scales.wgsl': [[philox, dropout], dropoutScales],
  'bench/matmul_vec4.wgsl': [[], matmulVec4],
  'bench/matmul_tiled.wgsl': [[slabBlock], matmulTiled],
} as const satisfies Record<string, readonly [readonly string[], string]>;

export type ShaderName = keyof typeof KERNEL_FILES;
export const SHADER_NAMES = Object.keys(KERNEL_FILES) as ShaderName[];

/** The WGSL each kernel compiles: its libraries, then the kernel file. */
export const SHADERS = Object.fromEntries(
  SHADER_NAMES.map((name) => [name, [...KERNEL_FILES[name][0], KERNEL_FILES[name][1]].join('\n')]),
) as Record<ShaderName, string>;

/** shaders/unrolled.wgsl with the network's generated `train_block` (src/gpu/paths/unrolled-source.ts) after it. */
export function unrolledSource(generated: string): string {
  return [SHADERS['unrolled.wgsl'], generated].join('\n');
}

/** layer_forward.wgsl's bound on a network's units, which sizes fused.wgsl's per-example arrays. */
const MAX_UNITS_DECLARATION = /^const MAX_UNITS: u32 = \d+u;$/m;

/**
 * shaders/fused.wgsl for networks of up to `units` units: the same source with layer_forward.wgsl's
 * MAX_UNITS raised (a WGSL function-scope array needs a const size, so an override cannot do it).
 * Only the arrays grow; every loop runs over the layer table as before, so a network within both
 * bounds trains to the same bits on either.
 */
export function fusedSource(units: number): string {
  const source = SHADERS['fused.wgsl'];
  if ((source.match(new RegExp(MAX_UNITS_DECLARATION, 'gm')) ?? []).length !== 1) throw new Error('fused.wgsl: expected one MAX_UNITS declaration');
  return source.replace(MAX_UNITS_DECLARATION, `const MAX_UNITS: u32 = ${units}u;`);
}

/**
 * dropout.wgsl's exercise slot: the function whose one-line body the exercise's GPU blank replaces
 * (its signature line, the body line, the closing brace). The library stays whole; only that line
 * changes.
 */
const DROPOUT_SLOT = /^(fn dropout_keep_scale\(word: u32, keep_prob: f32\) -> f32 \{\n)(.*)\n\}$/m;

/**
 * shaders/dropout_scales.wgsl with `body` (one line of WGSL, no braces) as the body of
 * dropout_keep_scale, and the 1-based line of the compiled source that holds it (for the compiler's
 * messages).
 */
export function dropoutSlotSource(body: string): { code: string; line: number } {
  if (/[\n\r{}]/.test(body)) throw new Error('the dropout slot takes one line of WGSL without braces');
  const source = SHADERS['dropout_scales.wgsl'];
  const m = DROPOUT_SLOT.exec(source);
  if (!m || (source.match(new RegExp(DROPOUT_SLOT, 'gm')) ?? []).length !== 1) throw new Error('dropout.wgsl: expected one exercise slot (fn dropout_keep_scale)');
  const code = source.slice(0, m.index) + m[1] + `  ${body.trim()}\n}` + source.slice(m.index + m[0].length);
  return { code, line: source.slice(0, m.index + m[1].length).split('\n').length };
}
