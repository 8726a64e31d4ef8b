/**
 * Every kernel's layout as its WGSL declares it, read with wgsl_reflect (a maintained WGSL parser and
 * reflection library) from the source each kernel compiles (src/gpu/shaders.ts: its libraries, then
 * its file): its bindings (name, kind, type), its workgroup size and the override that sets it, and
 * the structs it binds (size, each field's offset and type). `layoutsModule()` writes them as the
 * TypeScript module src/gpu/layouts.ts, which test/gpu-layouts.test.ts keeps equal to it.
 */
import { WgslReflect, type TypeInfo, type VariableInfo } from 'wgsl_reflect/wgsl_reflect.module.js';
import { SHADER_NAMES, SHADERS, type ShaderName } from '../src/gpu/shaders';

export interface ReflectedBinding {
  name: string;
  kind: 'uniform' | 'read' | 'storage';
  /** The WGSL type: a struct's name, or e.g. array<f32>, array<vec4<u32>>. */
  type: string;
  /** For a uniform array of structs: its length. */
  count?: number;
}

export interface ReflectedStruct {
  size: number;
  fields: [name: string, offset: number, type: string][];
}

export interface ReflectedKernel {
  bindings: ReflectedBinding[];
  workgroup: number;
  workgroupOverride: string | null;
  structs: Record<string, ReflectedStruct>;
}

function typeName(t: TypeInfo): string {
  if (t.isArray) {
    const a = t as TypeInfo & { format: TypeInfo; count: number };
    return `array<${typeName(a.format)}${a.count ? `, ${a.count}` : ''}>`;
  }
  if (t.isTemplate) return `${t.name}<${typeName((t as TypeInfo & { format: TypeInfo }).format)}>`;
  return t.name;
}

function structOf(t: TypeInfo): ReflectedStruct {
  const s = t as TypeInfo & { members: { name: string; offset: number; type: TypeInfo }[] };
  return { size: t.size, fields: s.members.map((m) => [m.name, m.offset, typeName(m.type)]) };
}

export function reflectKernel(code: string): ReflectedKernel {
  const r = new WgslReflect(code);
  const main = r.entry.compute.find((f) => f.name === 'main');
  if (!main?.workgroupSize) throw new Error('no compute entry point main with a workgroup size');
  const vars: VariableInfo[] = [...r.uniforms, ...r.storage].filter((v) => v.group === 0).sort((a, b) => a.binding - b.binding);
  const structs: Record<string, ReflectedStruct> = {};
  const bindings = vars.map((v): ReflectedBinding => {
    const kind = v.resourceType === 0 ? 'uniform' : v.access === 'read' ? 'read' : 'storage';
    const element = v.type.isArray ? (v.type as TypeInfo & { format: TypeInfo }).format : null;
    if (v.type.isStruct) structs[v.type.name] = structOf(v.type);
    if (kind === 'uniform' && element?.isStruct) {
      structs[element.name] = structOf(element);
      return { name: v.name, kind, type: element.name, count: (v.type as TypeInfo & { count: number }).count };
    }
    return { name: v.name, kind, type: typeName(v.type) };
  });
  const size = main.attributes?.find((a) => a.name === 'workgroup_size')?.value;
  const override = typeof size === 'string' && r.overrides.some((o) => o.name === size) ? size : null;
  return { bindings, workgroup: main.workgroupSize.reduce((a, b) => a * b, 1), workgroupOverride: override, structs };
}

export function reflectAll(): Record<ShaderName, ReflectedKernel> {
  return Object.fromEntries(SHADER_NAMES.map((name) => [name, reflectKernel(SHADERS[name])])) as Record<ShaderName, ReflectedKernel>;
}

const q = (s: string) => `'${s}'`;

/** src/gpu/layouts.ts: every kernel's bindings and workgroup, and every struct a kernel binds. */
export function layoutsModule(kernels = reflectAll()): string {
  const structs: Record<string, ReflectedStruct> = {};
  for (const [file, k] of Object.entries(kernels)) {
    for (const [name, s] of Object.entries(k.structs)) {
      if (structs[name] && JSON.stringify(structs[name]) !== JSON.stringify(s)) throw new Error(`struct ${name} differs in ${file}`);
      structs[name] = s;
    }
  }
  const out = [
    '// Generated from the WGSL by test/gpu-layouts.test.ts (wgsl_reflect reads each kernel as it compiles:',
    '// its libraries, then its file; see test/wgsl-layouts.ts): do not edit. After a reviewed change of a',
    '// kernel\'s bindings or of a struct it binds: npx vitest run test/gpu-layouts.test.ts -u',
    '',
    '/** Each kernel\'s bindings (group 0, in binding order) and its workgroup size as the WGSL declares them. */',
    'export const KERNEL_LAYOUTS = {',
  ];
  // one line per kernel and per struct: the file is data, read by the host and by people looking a layout up
  for (const [file, k] of Object.entries(kernels)) {
    const bindings = k.bindings.map((b) => `{ name: ${q(b.name)}, kind: ${q(b.kind)}, type: ${q(b.type)}${b.count !== undefined ? `, count: ${b.count}` : ''} }`);
    const override = k.workgroupOverride === null ? 'null' : q(k.workgroupOverride);
    out.push(`  ${q(file)}: { workgroup: ${k.workgroup}, workgroupOverride: ${override}, bindings: [${bindings.join(', ')}] },`);
  }
  out.push('} as const;', '', '/** Every struct a kernel binds: its size in bytes and each field\'s byte offset and type. */', 'export const STRUCTS = {');
  for (const name of Object.keys(structs).sort()) {
    const s = structs[name];
    const fields = s.fields.map(([field, offset, type]) => `${field}: { offset: ${offset}, type: ${q(type)} }`);
    out.push(`  ${name}: { size: ${s.size}, fields: { ${fields.join(', ')} } },`);
  }
  out.push('} as const;', '');
  return out.join('\n');
}
