/**
 * Getting a WebGPU device, in the browser (navigator.gpu) or in Node (dawn.node, npm `webgpu`).
 * In Node a real GPU's Vulkan driver is tried first; when it offers no adapter, the Vulkan loader is
 * pointed at the SwiftShader ICD that Debian's chromium ships, so CI and GPU-less machines still
 * run every kernel. The adapter's description travels with every result.
 */
import { ReglabError } from '../errors';
import { paceDawnPolling } from './poll-pacer';

export interface GpuContext {
  device: GPUDevice;
  adapter: GPUAdapter;
  /** Human-readable adapter name, e.g. "SwiftShader driver 5.0.0 (google swiftshader)". */
  adapterName: string;
  isSoftware: boolean;
}

export class NoAdapterError extends ReglabError {
  constructor(detail: string) {
    super(`no WebGPU adapter: ${detail}`, { exitCode: 1 });
  }
}

export const SWIFTSHADER_LIBRARY = '/usr/lib/chromium/libvk_swiftshader.so';

/**
 * Software adapters by name: the CPU running GPU code (Chromium's and Dawn's SwiftShader, Windows'
 * WARP alias Microsoft Basic Render Driver, Mesa's llvmpipe and lavapipe).
 */
const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|software|\bwarp\b|microsoft basic render/i;

/** The adapter's name, and whether it is software: isFallbackAdapter (on its info, or on the adapter in older browsers) or a name above. */
export function describeAdapter(adapter: GPUAdapter): { name: string; isSoftware: boolean } {
  const info = adapter.info;
  const parts = [info.description, [info.vendor, info.architecture].filter(Boolean).join(' ')].filter(Boolean);
  const name = parts.length === 2 ? `${parts[0]} (${parts[1]})` : parts[0] ?? 'unknown adapter';
  const isSoftware = SOFTWARE_ADAPTER.test(`${info.architecture} ${info.description} ${info.vendor} ${info.device ?? ''}`)
    || (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter === true
    || (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
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

// Vulkan drivers that Dawn refuses (Mesa's lavapipe lacks a feature Dawn needs): left out of the
// first search, so their refusal does not print Dawn's warning with C++ paths on every GPU run.
const REFUSED_DRIVERS = /^lvp_icd/;

/**
 * On Linux a GPU shows as a DRM render node or an NVIDIA device file; without one, asking the
 * drivers only makes each print that it found no GPU.
 */
function hasGpuNode(existsSync: (p: string) => boolean, readdirSync: (p: string) => string[]): boolean {
  return process.platform !== 'linux'
    || (existsSync('/dev/dri') && readdirSync('/dev/dri').some((f) => f.startsWith('renderD')))
    || (existsSync('/dev') && readdirSync('/dev').some((f) => /^nvidia\d/.test(f)));
}

/**
 * In Node, when the adapter can only be SwiftShader (no driver file chosen, no GPU device file on
 * Linux, SwiftShader present: nodeAdapter's own search would end there), its facts without starting
 * it — starting SwiftShader's Vulkan instance takes about a second; null otherwise.
 */
async function nodeSoftwareOnly(): Promise<{ name: string; software: true } | null> {
  if (process.env.VK_ICD_FILENAMES ?? process.env.VK_DRIVER_FILES) return null;
  const fsName = 'node:fs';
  const { existsSync, readdirSync } = await import(/* @vite-ignore */ fsName) as typeof import('node:fs');
  if (hasGpuNode(existsSync, readdirSync) || !existsSync(SWIFTSHADER_LIBRARY)) return null;
  return { name: 'SwiftShader, no GPU device on this machine', software: true };
}

async function nodeAdapter(): Promise<GPUAdapter> {
  const moduleName = 'webgpu';
  const { create, globals } = await import(/* @vite-ignore */ moduleName);
  Object.assign(globalThis, globals);
  // Node built-ins by computed name, so the page's bundle never tries to include them.
  const [fsName, osName, pathName, cpName] = ['node:fs', 'node:os', 'node:path', 'node:child_process'];
  const { existsSync, writeFileSync, mkdirSync, readdirSync, renameSync } = await import(/* @vite-ignore */ fsName) as typeof import('node:fs');
  const { tmpdir, userInfo } = await import(/* @vite-ignore */ osName) as typeof import('node:os');
  const { join } = await import(/* @vite-ignore */ pathName) as typeof import('node:path');
  const { spawnSync } = await import(/* @vite-ignore */ cpName) as typeof import('node:child_process');
  const tryAdapter = async () => {
    const gpu: GPU = create([]);
    // dawn.node aborts the process when an instance is garbage-collected while another one is in
    // use: keep every instance alive for the life of the process.
    instances.push(gpu);
    return gpu.requestAdapter({ powerPreference: 'high-performance' });
  };
  // One private folder per user, reused by every run (nothing piles up in /tmp): SwiftShader's
  // loader wants an XDG_RUNTIME_DIR (CI and root shells have none), and the SwiftShader ICD json.
  const own = join(tmpdir(), `reglab-${userInfo().uid}`);
  mkdirSync(own, { recursive: true, mode: 0o700 });
  if (!process.env.XDG_RUNTIME_DIR) process.env.XDG_RUNTIME_DIR = own;
  const chosen = process.env.VK_ICD_FILENAMES ?? process.env.VK_DRIVER_FILES;
  // A real GPU's driver first, unless the user already chose one.
  let adapter: GPUAdapter | null = null;
  // driver files that do not exist are not handed to Dawn, which would print its loader warnings
  if (chosen) adapter = chosen.split(':').some((f) => existsSync(f)) ? await tryAdapter() : null;
  else {
    const dirs = [process.env.XDG_DATA_HOME, ...(process.env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':'), '/etc']
      .filter(Boolean).map((d) => join(d!, 'vulkan', 'icd.d'));
    const drivers = dirs.flatMap((d) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.json') && !REFUSED_DRIVERS.test(f)).map((f) => join(d, f)) : []));
    const gpuNode = hasGpuNode(existsSync, readdirSync);
    if (drivers.length && gpuNode) {
      process.env.VK_ICD_FILENAMES = drivers.join(':');
      adapter = await tryAdapter();
      delete process.env.VK_ICD_FILENAMES;
    }
    if (!adapter && existsSync(SWIFTSHADER_LIBRARY)) {
      const icd = join(own, 'swiftshader_icd.json');
      // written beside and renamed over: another reglab starting at the same moment (tests run side
      // by side) reads the old file or the new one, never one truncated for rewriting
      writeFileSync(`${icd}.${process.pid}`, JSON.stringify({ file_format_version: '1.0.0', ICD: { library_path: SWIFTSHADER_LIBRARY, api_version: '1.0.5' } }));
      renameSync(`${icd}.${process.pid}`, icd);
      process.env.VK_ICD_FILENAMES = icd;
      adapter = await tryAdapter();
    }
  }
  if (!adapter) {
    const loader = spawnSync('ldconfig', ['-p'], { encoding: 'utf8' });
    const hasLoader = loader.status === 0 && /libvulkan\.so\.1\b/.test(loader.stdout);
    throw new NoAdapterError(
      !hasLoader ? 'the Vulkan loader libvulkan.so.1 is not installed (apt-get install -y libvulkan1)'
        : chosen ? `no Vulkan device from the driver file(s) named by ${process.env.VK_ICD_FILENAMES ? 'VK_ICD_FILENAMES' : 'VK_DRIVER_FILES'} (${chosen})${chosen.split(':').some((f) => !existsSync(f)) ? ': no such file' : ''}; unset it to let reglab find a driver`
          : existsSync(SWIFTSHADER_LIBRARY) ? `neither a GPU driver nor SwiftShader (${SWIFTSHADER_LIBRARY}) gave a Vulkan device`
            : `no GPU driver, and no SwiftShader at ${SWIFTSHADER_LIBRARY} (apt-get install -y chromium)`,
    );
  }
  return adapter;
}

let shared: Promise<GpuContext> | null = null;
/** The adapter, asked for once per process (a device made from it is `shared`). */
let sharedAdapter: Promise<GPUAdapter> | null = null;
const instances: GPU[] = [];

function requestAdapter(): Promise<GPUAdapter> {
  if (!sharedAdapter) {
    sharedAdapter = (async () => {
      if (typeof navigator !== 'undefined' && 'gpu' in navigator && navigator.gpu) {
        const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
        if (!adapter) throw new NoAdapterError('navigator.gpu.requestAdapter() returned null');
        return adapter;
      }
      if (typeof process !== 'undefined' && process.versions?.node) return nodeAdapter();
      throw new NoAdapterError('this browser has no WebGPU (navigator.gpu is missing)');
    })();
    sharedAdapter.catch(() => { sharedAdapter = null; });
  }
  return sharedAdapter;
}

/**
 * The adapter's name and whether it is software, without making a device (the engine rule's facts:
 * src/train/engine-choice.ts); null when there is no adapter, never an error.
 */
export async function adapterFacts(): Promise<{ name: string; software: boolean } | null> {
  try {
    const inBrowser = typeof navigator !== 'undefined' && 'gpu' in navigator && navigator.gpu;
    if (!inBrowser && !shared && typeof process !== 'undefined' && process.versions?.node) {
      const swiftShader = await nodeSoftwareOnly();
      if (swiftShader) return swiftShader;
    }
    const { name, isSoftware } = describeAdapter(await requestAdapter());
    return { name, software: isSoftware };
  } catch {
    return null;
  }
}

/** A device for this process (created once and shared; call `releaseGpu` to destroy it). */
export function acquireGpu(): Promise<GpuContext> {
  if (!shared) {
    shared = (async () => {
      const adapter = await requestAdapter();
      // an adapter gives one device: the next device (after a loss or a release) needs a new adapter
      sharedAdapter = null;
      const ctx = await deviceFrom(adapter);
      // dawn.node (its instances are kept in `instances`) spins a core while it waits for the GPU; on
      // a software adapter that core is the GPU's
      if (ctx.isSoftware && instances.length) paceDawnPolling();
      return ctx;
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
