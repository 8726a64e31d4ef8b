/**
 * Uniform structs, declared once here in the order of their WGSL `struct`s. Every field is a 4-byte
 * scalar, so field k sits at byte 4k and the struct is padded to 16 bytes. test/gpu-uniforms.test.ts
 * parses the WGSL and fails if a name, a type or the order drifts.
 */
export type ScalarType = 'u32' | 'f32';

export interface StructDef<F extends string> {
  /** The WGSL struct name. */
  name: string;
  fields: readonly (readonly [F, ScalarType])[];
}

function struct<F extends string>(name: string, fields: readonly (readonly [F, ScalarType])[]): StructDef<F> {
  return { name, fields };
}

export const MATMUL_PARAMS = struct('MatmulParams', [
  ['rows', 'u32'], ['cols', 'u32'], ['depth', 'u32'],
  ['a_off', 'u32'], ['a_rs', 'u32'], ['a_cs', 'u32'],
  ['b_off', 'u32'], ['b_rs', 'u32'], ['b_cs', 'u32'],
  ['c_off', 'u32'], ['c_rs', 'u32'], ['aux_off', 'u32'],
  ['mode', 'u32'], ['activation', 'u32'], ['dropout', 'u32'], ['layer', 'u32'], ['seed', 'u32'], ['bias_col', 'u32'],
  ['keep_prob', 'f32'], ['alpha', 'f32'], ['l2', 'f32'], ['splits', 'u32'], ['split_depth', 'u32'],
] as const);

export const FUSED_PARAMS = struct('FusedParams', [
  ['m', 'u32'], ['features', 'u32'], ['layer_count', 'u32'], ['param_count', 'u32'], ['iterations', 'u32'],
  ['activation', 'u32'], ['dropout', 'u32'], ['seed', 'u32'],
  ['keep_prob', 'f32'], ['learning_rate', 'f32'], ['alpha', 'f32'], ['l2', 'f32'], ['l2_half_over_m', 'f32'],
  ['log_stride', 'u32'], ['flag_stride', 'u32'],
] as const);

/** One element of the unrolled and dropout-flag kernels' `models` uniform array (shaders/lib/models.wgsl). */
export const MODEL_PARAMS = struct('ModelParams', [['keep_prob', 'f32'], ['l2', 'f32'], ['l2_half_over_m', 'f32'], ['seed', 'u32']] as const);
/** The length of that array (MAX_MODELS in shaders/lib/models.wgsl): the most models one dispatch trains. */
export const MAX_MODELS = 1024;

export const DROPOUT_BITS_PARAMS = struct('DropoutBitsParams', [
  ['m', 'u32'], ['hidden_layers', 'u32'], ['iterations', 'u32'], ['words_per_iteration', 'u32'], ['groups', 'u32'], ['model_stride', 'u32'],
] as const);

export const DROPOUT_SCALES_PARAMS = struct('DropoutScalesParams', [
  ['count', 'u32'], ['iteration', 'u32'], ['seed', 'u32'], ['layer', 'u32'], ['keep_prob', 'f32'],
] as const);

export const PLAIN_MATMUL_PARAMS = struct('PlainMatmulParams', [['rows', 'u32'], ['cols', 'u32'], ['depth', 'u32']] as const);

export const LANDSCAPE_PARAMS = struct('LandscapeParams', [
  ['m', 'u32'], ['features', 'u32'], ['layer_count', 'u32'], ['cols', 'u32'], ['points', 'u32'], ['activation', 'u32'],
  ['l2_half_over_m', 'f32'],
] as const);

export const COST_PARAMS = struct('CostParams', [['m', 'u32'], ['layer_count', 'u32'], ['l2_half_over_m', 'f32']] as const);
export const UPDATE_PARAMS = struct('UpdateParams', [['count', 'u32'], ['learning_rate', 'f32']] as const);
export const FILL_PARAMS = struct('FillParams', [
  ['blocks', 'u32'], ['c0', 'u32'], ['c1', 'u32'], ['c2', 'u32'], ['c3', 'u32'], ['k0', 'u32'], ['k1', 'u32'],
] as const);

/** Bytes of `values` as an array<def, length> (each element a multiple of 16 bytes, as uniform arrays need). */
export function packStructArray<F extends string>(def: StructDef<F>, values: Record<F, number>[], length: number): ArrayBuffer {
  const size = structSize(def);
  if (values.length > length) throw new Error(`${def.name}: ${values.length} elements > ${length}`);
  const out = new Uint8Array(size * length);
  values.forEach((v, k) => out.set(new Uint8Array(packStruct(def, v)), k * size));
  return out.buffer;
}

export function structSize(def: StructDef<string>): number {
  return Math.ceil((def.fields.length * 4) / 16) * 16;
}

/** Bytes of one struct value; every field must be given and be representable. */
export function packStruct<F extends string>(def: StructDef<F>, values: Record<F, number>): ArrayBuffer {
  const buf = new ArrayBuffer(structSize(def));
  const view = new DataView(buf);
  def.fields.forEach(([name, type], k) => {
    const v = values[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${def.name}.${name}: ${v} is not a finite number`);
    if (type === 'u32') {
      if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new Error(`${def.name}.${name}: ${v} is not a u32`);
      view.setUint32(4 * k, v, true);
    } else {
      view.setFloat32(4 * k, v, true);
    }
  });
  return buf;
}
