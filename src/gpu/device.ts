/**
 * Getting a WebGPU device, in the browser (navigator.gpu) or in Node (dawn.node, npm `webgpu`).
 * In Node a real GPU's Vulkan driver is tried first; when it offers no adapter, the Vulkan loader is
 * pointed at the SwiftShader ICD that Debian's chromium ships, so CI and GPU-less machines still
 * run every kernel. The adapter's description travels with every result.
 */

export interface GpuContext {
  device: GPUDevice;
  adapter: GPUAdapter;
  /** Human-readable adapter name, e.g. "SwiftShader driver 5.0.0 (google swiftshader)". */
  adapterName: string;
  isSoftware: boolean;
}

export class NoAdapterError extends Error {
  constructor(detail: string) {
    super(`no WebGPU adapter: ${detail}`);
    this.name = 'NoAdapterError';
  }
}

export const SWIFTSHADER_LIBRARY = '/usr/lib/chromium/libvk_swiftshader.so';

export function describeAdapter(adapter: GPUAdapter): { name: string; isSoftware: boolean } {
  const info = adapter.info;
  const parts = [info.description, [info.vendor, info.architecture].filter(Boolean).join(' ')].filter(Boolean);
  const name = parts.length === 2 ? `${parts[0]} (${parts[1]})` : parts[0] ?? 'unknown adapter';
  const isSoftware = /swiftshader|llvmpipe|lavapipe|software|warp/i.test(`${info.architecture} ${info.description} ${info.vendor}`)
    || (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  return { name, isSoftware };
}

/** Limits reglab asks for: as much storage as the adapter allows, for large batches. */
function requiredLimits(adapter: GPUAdapter): Record<string, number> {
  return {
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBuffersPerShaderStage: Math.min(adapter.limits.maxStorageBuffersPerShaderStage, 10),
  };
}

async function deviceFrom(adapter: GPUAdapter): Promise<GpuContext> {
  const device = await adapter.requestDevice({ label: 'reglab', requiredLimits: requiredLimits(adapter) });
  // A lost device is never handed out again: the next acquireGpu() makes a new one.
  void device.lost.then(() => { shared = null; });
  const { name, isSoftware } = describeAdapter(adapter);
  return { device, adapter, adapterName: name, isSoftware };
}

async function nodeGpu(): Promise<GpuContext> {
  const moduleName = 'webgpu';
  const { create, globals } = await import(/* @vite-ignore */ moduleName);
  Object.assign(globalThis, globals);
  // Node built-ins by computed name, so the page's bundle never tries to include them.
  const [fsName, osName, pathName] = ['node:fs', 'node:os', 'node:path'];
  const { existsSync, writeFileSync, mkdtempSync } = await import(/* @vite-ignore */ fsName) as typeof import('node:fs');
  const { tmpdir } = await import(/* @vite-ignore */ osName) as typeof import('node:os');
  const { join } = await import(/* @vite-ignore */ pathName) as typeof import('node:path');
  const tryAdapter = async () => {
    const gpu: GPU = create([]);
    // dawn.node aborts the process when an instance is garbage-collected while another one is in
    // use: keep every instance alive for the life of the process.
    instances.push(gpu);
    return gpu.requestAdapter({ powerPreference: 'high-performance' });
  };
  // SwiftShader's loader complains on stderr when XDG_RUNTIME_DIR is unset (CI, root shells):
  // give it a private one. It only ever holds sockets that compute never opens.
  if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), 'reglab-xdg-'));
  // A real GPU's driver first, unless the user already chose an ICD.
  let adapter = await tryAdapter();
  if (!adapter && !process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_LIBRARY)) {
    const icd = join(mkdtempSync(join(tmpdir(), 'reglab-icd-')), 'swiftshader_icd.json');
    writeFileSync(icd, JSON.stringify({ file_format_version: '1.0.0', ICD: { library_path: SWIFTSHADER_LIBRARY, api_version: '1.0.5' } }));
    process.env.VK_ICD_FILENAMES = icd;
    adapter = await tryAdapter();
  }
  if (!adapter) {
    throw new NoAdapterError(
      existsSync(SWIFTSHADER_LIBRARY)
        ? 'dawn.node found no Vulkan device (is libvulkan1 installed? apt-get install -y libvulkan1)'
        : `no GPU driver and no SwiftShader at ${SWIFTSHADER_LIBRARY} (apt-get install -y chromium libvulkan1)`,
    );
  }
  return deviceFrom(adapter);
}

let shared: Promise<GpuContext> | null = null;
const instances: GPU[] = [];

/** A device for this process (created once and shared; call `releaseGpu` to destroy it). */
export function acquireGpu(): Promise<GpuContext> {
  if (!shared) {
    shared = (async () => {
      if (typeof navigator !== 'undefined' && 'gpu' in navigator && navigator.gpu) {
        const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
        if (!adapter) throw new NoAdapterError('navigator.gpu.requestAdapter() returned null');
        return deviceFrom(adapter);
      }
      if (typeof process !== 'undefined' && process.versions?.node) return nodeGpu();
      throw new NoAdapterError('this browser has no WebGPU (navigator.gpu is missing)');
    })();
    shared.catch(() => { shared = null; });
  }
  return shared;
}

export async function releaseGpu(): Promise<void> {
  if (!shared) return;
  const ctx = await shared.catch(() => null);
  shared = null;
  ctx?.device.destroy();
}
