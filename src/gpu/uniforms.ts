/**
 * Uniform values packed by the layouts the WGSL declares (src/gpu/layouts.ts, generated from the
 * shaders by test/gpu-layouts.test.ts): each field at its reflected byte offset, as its WGSL type.
 * There is no hand-written twin of a struct: a renamed, added or reordered field changes the
 * generated module, and the host's values are typed by it.
 */
import { KERNEL_LAYOUTS, STRUCTS } from './layouts';

export type StructName = keyof typeof STRUCTS;
/** The field names of a struct, as the WGSL spells them. */
export type FieldOf<S extends StructName> = keyof (typeof STRUCTS)[S]['fields'] & string;
/** A value for every field of the struct. */
export type StructValues<S extends StructName> = Record<FieldOf<S>, number>;

/** The length of the `models` uniform array (MAX_MODELS in shaders/lib/models.wgsl): the most models one dispatch trains. */
export const MAX_MODELS = KERNEL_LAYOUTS['unrolled.wgsl'].bindings.find((b) => b.name === 'models')!.count;

/** Bytes a uniform binding of the struct takes: its size rounded up to 16 (the uniform address space's alignment). */
export function structSize(name: StructName): number {
  return Math.ceil(STRUCTS[name].size / 16) * 16;
}

/** Bytes of one struct value; every field must be given and be representable as its WGSL type. */
export function packStruct<S extends StructName>(name: S, values: StructValues<S>): ArrayBuffer {
  const buf = new ArrayBuffer(structSize(name));
  writeStruct(name, values, new DataView(buf), 0);
  return buf;
}

/** Bytes of `values` as an array<S, length> (each element a multiple of 16 bytes, as uniform arrays need). */
export function packStructArray<S extends StructName>(name: S, values: StructValues<S>[], length: number): ArrayBuffer {
  if (values.length > length) throw new Error(`${name}: ${values.length} elements > ${length}`);
  const size = structSize(name);
  const buf = new ArrayBuffer(size * length);
  const view = new DataView(buf);
  values.forEach((v, k) => writeStruct(name, v, view, k * size));
  return buf;
}

function writeStruct<S extends StructName>(name: S, values: StructValues<S>, view: DataView, at: number): void {
  const fields = STRUCTS[name].fields as Record<string, { offset: number; type: string }>;
  for (const [field, { offset, type }] of Object.entries(fields)) {
    const v = (values as Record<string, number>)[field];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name}.${field}: ${v} is not a finite number`);
    if (type === 'u32') {
      if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new Error(`${name}.${field}: ${v} is not a u32`);
      view.setUint32(at + offset, v, true);
    } else if (type === 'f32') {
      view.setFloat32(at + offset, v, true);
    } else {
      throw new Error(`${name}.${field}: the host packs only u32 and f32 fields, not ${type}`);
    }
  }
}
