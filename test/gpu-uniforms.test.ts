/** The uniform layouts of src/gpu/uniforms.ts against the WGSL structs they fill. */
import { describe, expect, it } from 'vitest';
import { fusedSource, SHADERS } from '../src/gpu/shaders';
import { FUSED_MAX, FUSED_WIDE_UNITS } from '../src/gpu/paths/fused';
import { KERNELS } from '../src/gpu/kernel';
import { MAX_MODELS, MODEL_PARAMS, packStruct, structSize, UPDATE_PARAMS } from '../src/gpu/uniforms';

function wgslStruct(source: string, name: string): [string, string][] {
  const m = new RegExp(`struct\\s+${name}\\s*\\{([^}]*)\\}`).exec(source);
  if (!m) throw new Error(`struct ${name} not found`);
  return m[1].split(',').map((f) => f.replace(/\/\/.*$/gm, '').trim()).filter(Boolean)
    .map((f) => f.split(':').map((s) => s.trim()) as [string, string]);
}

describe('uniform layouts match the WGSL', () => {
  // every kernel with a params struct (src/gpu/kernel.ts), against the source it compiles: the
  // training products' struct lives in matmul_epilogue.wgsl, the single-dispatch kernels' in
  // single_dispatch.wgsl, prepended
  const withParams = Object.values(KERNELS).filter((k) => k.params).map((k) => [k.file, k.params!] as const);
  it.each(withParams)('%s', (file, def) => {
    expect(wgslStruct(SHADERS[file], def.name)).toEqual(def.fields.map(([n, t]) => [n, t]));
  });
  it('ModelParams (the models uniform array of unrolled.wgsl and dropout_bits.wgsl) and its length', () => {
    for (const file of ['unrolled.wgsl', 'dropout_bits.wgsl'] as const) {
      expect(wgslStruct(SHADERS[file], MODEL_PARAMS.name)).toEqual(MODEL_PARAMS.fields.map(([n, t]) => [n, t]));
      expect(SHADERS[file]).toContain(`const MAX_MODELS: u32 = ${MAX_MODELS}u;`);
    }
    // a uniform array's elements are 16 bytes apart: the struct must be exactly that
    expect(structSize(MODEL_PARAMS)).toBe(16);
  });
  it('packs little-endian at 4-byte offsets, padded to 16, and refuses bad values', () => {
    const buf = packStruct(UPDATE_PARAMS, { count: 7, learning_rate: 0.5 });
    expect(buf.byteLength).toBe(structSize(UPDATE_PARAMS));
    expect(buf.byteLength).toBe(16);
    const v = new DataView(buf);
    expect(v.getUint32(0, true)).toBe(7);
    expect(v.getFloat32(4, true)).toBe(0.5);
    expect(() => packStruct(UPDATE_PARAMS, { count: -1, learning_rate: 0.5 })).toThrow(/UpdateParams.count/);
    expect(() => packStruct(UPDATE_PARAMS, { count: 1, learning_rate: NaN })).toThrow(/learning_rate/);
  });
});

describe('the fused and landscape kernels\' bounds match the host\'s check', () => {
  it.each(['fused.wgsl', 'landscape.wgsl'] as const)('%s', (file) => {
    const constant = (name: string) => {
      const m = new RegExp(`const ${name}: u32 = (\\d+)u;`).exec(SHADERS[file]); // the kernel with its libraries
      return m ? Number(m[1]) : undefined;
    };
    expect(constant('MAX_FEATURES')).toBe(FUSED_MAX.features);
    expect(constant('MAX_UNITS')).toBe(FUSED_MAX.units);
    if (file === 'fused.wgsl') expect(constant('MAX_LAYERS')).toBe(FUSED_MAX.layers);
  });

  it('the wide compile of fused.wgsl differs only in MAX_UNITS', () => {
    const wide = fusedSource(FUSED_WIDE_UNITS);
    expect(wide).toContain(`const MAX_UNITS: u32 = ${FUSED_WIDE_UNITS}u;`);
    expect(wide.replace(`const MAX_UNITS: u32 = ${FUSED_WIDE_UNITS}u;`, `const MAX_UNITS: u32 = ${FUSED_MAX.units}u;`)).toBe(SHADERS['fused.wgsl']);
  });
});
