/**
 * Every kernel descriptor of src/gpu/kernel.ts against its WGSL: binding k has the name and kind
 * the descriptor gives, the uniform is the params struct, and the workgroup size the host counts
 * dispatches in is the one the WGSL declares. A binding renamed, added or reordered in a .wgsl file
 * fails here, before any device sees it.
 */
import { describe, expect, it } from 'vitest';
import { KERNELS, type BindingKind, type KernelSpec } from '../src/gpu/kernel';
import { SHADER_NAMES, SHADERS } from '../src/gpu/shaders';

/** Each `@group(0) @binding(k) var<…> name: type;` of a WGSL module, in binding order. */
function wgslBindings(code: string): { binding: number; name: string; kind: BindingKind; type: string }[] {
  const found = [...code.matchAll(/@group\(0\)\s*@binding\((\d+)\)\s*var<([^>]+)>\s*(\w+)\s*:\s*([^;]+);/g)].map((m) => {
    const access = m[2].replace(/\s/g, '');
    const kind: BindingKind = access === 'uniform' ? 'uniform' : access === 'storage,read' ? 'read' : 'storage';
    return { binding: Number(m[1]), name: m[3], kind, type: m[4].trim() };
  });
  return found.sort((a, b) => a.binding - b.binding);
}

/** Invocations per workgroup as the WGSL declares them (an override's default for an override). */
function wgslWorkgroup(code: string): { size: number; override: string | null } {
  const m = /@workgroup_size\(([^)]*)\)/.exec(code);
  if (!m) throw new Error('no @workgroup_size');
  let override: string | null = null;
  const size = m[1].split(',').map((part) => {
    const v = part.trim();
    if (/^\d+u?$/.test(v)) return Number(v.replace('u', ''));
    const decl = new RegExp(`(override|const)\\s+${v}\\s*:\\s*u32\\s*=\\s*(\\d+)u`).exec(code);
    if (!decl) throw new Error(`workgroup size ${v} is not declared`);
    if (decl[1] === 'override') override = v;
    return Number(decl[2]);
  }).reduce((a, b) => a * b, 1);
  return { size, override };
}

describe('kernel descriptors match their WGSL', () => {
  const specs = Object.entries(KERNELS) as [string, KernelSpec][];
  it('every kernel file has exactly one descriptor', () => {
    expect(specs.map(([, s]) => s.file).sort()).toEqual([...SHADER_NAMES].sort());
  });

  it.each(specs)('%s: bindings by name and kind, params struct, workgroup size', (_key, spec) => {
    // the unrolled kernel's generated half declares no bindings: the file's are all of them
    const code = SHADERS[spec.file];
    const wgsl = wgslBindings(code);
    expect(wgsl.map((b) => b.binding)).toEqual(spec.bindings.map((_, k) => k));
    expect(wgsl.map((b) => [b.name, b.kind])).toEqual(spec.bindings.map(([name, kind]) => [name, kind]));
    const uniform = wgsl.find((b) => b.kind === 'uniform');
    expect(uniform?.type ?? null).toBe(spec.params?.name ?? null);
    const wg = wgslWorkgroup(code);
    expect(wg.size).toBe(spec.workgroup);
    expect(wg.override).toBe(spec.workgroupOverride ?? null);
  });

  it('the check reads a drifted WGSL as drifted', () => {
    const swapped = '@group(0) @binding(1) var<storage, read_write> c: array<f32>;\n@group(0) @binding(0) var<uniform> p: P;\n@group(0) @binding(2) var<storage, read> a: array<f32>;';
    expect(wgslBindings(swapped).map((b) => [b.name, b.kind])).toEqual([['p', 'uniform'], ['c', 'storage'], ['a', 'read']]);
    expect(wgslWorkgroup('override WG: u32 = 32u;\n@compute @workgroup_size(WG)').size).toBe(32);
    expect(wgslWorkgroup('@compute @workgroup_size(16, 16)')).toEqual({ size: 256, override: null });
  });
});
