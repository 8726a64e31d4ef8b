/**
 * The WGSL is the only source of a kernel's layout. src/gpu/layouts.ts is what wgsl_reflect reads
 * from every kernel (test/wgsl-layouts.ts): a change of a binding or a struct in a .wgsl file fails
 * here until the module is regenerated (`npx vitest run test/gpu-layouts.test.ts -u`, after review).
 * Then each kernel descriptor of src/gpu/kernel.ts is checked against it (the binding names the
 * host fills, in order, and the override that sets the workgroup size), every struct field is
 * checked to be read by a kernel that binds it (a field written and never read fails), and the
 * packing of src/gpu/uniforms.ts against the offsets.
 */
import { describe, expect, it } from 'vitest';
import { KERNELS, type KernelSpec } from '../src/gpu/kernel';
import { KERNEL_LAYOUTS, STRUCTS } from '../src/gpu/layouts';
import { fusedSource, SHADER_NAMES, SHADERS, type ShaderName } from '../src/gpu/shaders';
import { FUSED_MAX, FUSED_WIDE_UNITS } from '../src/gpu/paths/fused';
import { unrolledKernelSource } from '../src/gpu/paths/unrolled';
import { MAX_MODELS, packStruct, packStructArray, structSize } from '../src/gpu/uniforms';
import { makeSpec } from '../src/model/network';
import { layoutsModule, reflectKernel } from './wgsl-layouts';

describe('src/gpu/layouts.ts is the WGSL\'s layout', () => {
  it('as wgsl_reflect reads every kernel today', async () => {
    await expect(layoutsModule()).toMatchFileSnapshot('../src/gpu/layouts.ts');
  });
});

describe('kernel descriptors match their WGSL', () => {
  const specs = Object.entries(KERNELS) as [string, KernelSpec][];
  it('every kernel file has exactly one descriptor', () => {
    expect(specs.map(([, s]) => s.file).sort()).toEqual([...SHADER_NAMES].sort());
  });

  it.each(specs)('%s: binding names in order, the workgroup override', (_key, spec) => {
    const layout = KERNEL_LAYOUTS[spec.file];
    expect([...spec.bindings]).toEqual(layout.bindings.map((b) => b.name));
    expect(spec.workgroupOverride ?? null).toBe(layout.workgroupOverride);
  });

  it('the reflection reads a drifted WGSL as drifted', () => {
    const k = reflectKernel([
      'struct P { n: u32, x: f32 }',
      '@group(0) @binding(1) var<storage, read_write> c: array<f32>;',
      '@group(0) @binding(0) var<uniform> p: P;',
      '@group(0) @binding(2) var<storage, read> a: array<vec4<u32>>;',
      'override WG: u32 = 32u;',
      '@compute @workgroup_size(WG) fn main() { c[0] = p.x; }',
    ].join('\n'));
    expect(k.bindings).toEqual([
      { name: 'p', kind: 'uniform', type: 'P' }, { name: 'c', kind: 'storage', type: 'array<f32>' }, { name: 'a', kind: 'read', type: 'array<vec4<u32>>' },
    ]);
    expect(k).toMatchObject({ workgroup: 32, workgroupOverride: 'WG', structs: { P: { size: 8, fields: [['n', 0, 'u32'], ['x', 4, 'f32']] } } });
    const P = { fields: Object.fromEntries(k.structs.P.fields.map(([name, offset]) => [name, offset])) };
    expect(unreadFields({ P }, [{ struct: 'P', binding: 'p', code: 'c[0] = p.x;' }])).toEqual(['P.n']);
  });
});

/** The WGSL a kernel runs, comments left out (the unrolled kernel with a generated train_block). */
function codeOf(file: ShaderName): string {
  const code = file === 'unrolled.wgsl' ? unrolledKernelSource(makeSpec(2, [3, 2], 'relu'), 'philox') : SHADERS[file];
  return code.replace(/\/\/.*$/gm, '');
}

/** A struct bound to a kernel: the struct, the binding's name and the code that reads it. */
interface BoundStruct {
  struct: string;
  binding: string;
  code: string;
}

/**
 * The fields of `structs` that no kernel reads: a read is `binding.field`, `binding[i].field`, or
 * `alias.field` after `let alias = binding[i];` (as the single-dispatch kernels read their model's
 * row of `models`). Fields are told apart by the variable they are read through, so a field that
 * shares a name with another struct's (a `seed` of the params and of a model) is not read by proxy.
 */
function unreadFields(structs: Record<string, { fields: object }>, bound: BoundStruct[]): string[] {
  return Object.entries(structs).flatMap(([name, s]) => Object.keys(s.fields).filter((field) => !bound.some((b) => {
    if (b.struct !== name) return false;
    const aliases = [...b.code.matchAll(new RegExp(`let\\s+(\\w+)\\s*=\\s*${b.binding}\\s*\\[[^\\]]*\\]\\s*;`, 'g'))].map((m) => m[1]);
    const through = [`${b.binding}(?:\\s*\\[[^\\]]*\\])?`, ...aliases].join('|');
    return new RegExp(`\\b(?:${through})\\s*\\.\\s*${field}\\b`).test(b.code);
  })).map((field) => `${name}.${field}`));
}

describe('no struct field is written and never read', () => {
  it('every field of every struct a kernel binds is read by one of those kernels, through its binding', () => {
    const bound: BoundStruct[] = [];
    for (const [file, layout] of Object.entries(KERNEL_LAYOUTS) as [ShaderName, (typeof KERNEL_LAYOUTS)[ShaderName]][]) {
      for (const b of layout.bindings) if (b.type in STRUCTS) bound.push({ struct: b.type, binding: b.name, code: codeOf(file) });
    }
    expect(unreadFields(STRUCTS, bound)).toEqual([]);
  });

  it('the check finds a field read only through another struct of the same field name', () => {
    const code = 'let hp = models[k];\nlet a = hp.seed + p.m;';
    const structs = { P: { fields: { m: 0, seed: 0 } }, M: { fields: { seed: 0, keep_prob: 0 } } };
    expect(unreadFields(structs, [{ struct: 'P', binding: 'p', code }, { struct: 'M', binding: 'models', code }])).toEqual(['P.seed', 'M.keep_prob']);
  });
});

describe('uniform packing follows the reflected offsets', () => {
  it('packs little-endian at each field\'s offset, padded to 16 bytes, and refuses bad or missing values', () => {
    const buf = packStruct('UpdateParams', { count: 7, learning_rate: 0.5 });
    expect(buf.byteLength).toBe(structSize('UpdateParams'));
    expect(buf.byteLength).toBe(16);
    const v = new DataView(buf);
    expect(v.getUint32(STRUCTS.UpdateParams.fields.count.offset, true)).toBe(7);
    expect(v.getFloat32(STRUCTS.UpdateParams.fields.learning_rate.offset, true)).toBe(0.5);
    expect(() => packStruct('UpdateParams', { count: -1, learning_rate: 0.5 })).toThrow(/UpdateParams.count/);
    expect(() => packStruct('UpdateParams', { count: 1, learning_rate: NaN })).toThrow(/learning_rate/);
    expect(() => packStruct('UpdateParams', { count: 1 } as never)).toThrow(/UpdateParams.learning_rate/);
  });

  it('the models array (models.wgsl): MAX_MODELS elements a multiple of 16 bytes apart, within a uniform binding, in every kernel that binds it', () => {
    for (const file of ['fused.wgsl', 'unrolled.wgsl', 'dropout_bits.wgsl'] as const) {
      expect(KERNEL_LAYOUTS[file].bindings.find((b) => b.name === 'models')).toMatchObject({ kind: 'uniform', type: 'ModelParams', count: MAX_MODELS });
    }
    // a uniform array's elements are 16-byte aligned: the struct is padded to a multiple of that
    expect(STRUCTS.ModelParams.size % 16).toBe(0);
    expect(structSize('ModelParams')).toBe(STRUCTS.ModelParams.size);
    // WebGPU guarantees uniform bindings of 64 KiB
    expect(MAX_MODELS * structSize('ModelParams')).toBeLessThanOrEqual(65_536);
    const size = structSize('ModelParams');
    const two = new DataView(packStructArray('ModelParams', [
      { keep_prob: 0.5, lambda_over_m: 1, lambda_over_two_m: 0.5, lambda1_over_m: 0.25, seed: 3 },
      { keep_prob: 1, lambda_over_m: 0, lambda_over_two_m: 0, lambda1_over_m: 0, seed: 9 },
    ], 4));
    expect(two.byteLength).toBe(4 * size);
    expect(two.getFloat32(STRUCTS.ModelParams.fields.lambda1_over_m.offset, true)).toBe(0.25);
    expect(two.getUint32(size + STRUCTS.ModelParams.fields.seed.offset, true)).toBe(9);
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
