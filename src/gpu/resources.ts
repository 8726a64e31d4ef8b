/**
 * The GPU resources of one owner (a trainer, a prediction, a landscape): storage and uniform
 * buffers, bind groups from named buffers, read-backs, and disposal of everything at once. Every
 * GPU file makes its buffers here, so labels, padding and usage flags have one rule.
 */
import type { Kernel } from './kernel';
import { packStruct, structSize, type FieldOf, type StructName, type StructValues } from './uniforms';

export type Init = Float32Array | Uint32Array | number;

/** A uniform buffer with the struct it holds: `write` packs and uploads new values. */
export interface Uniform<S extends StructName> {
  buffer: GPUBuffer;
  values: StructValues<S>;
  write(values?: Partial<Record<FieldOf<S>, number>>): void;
}

export class GpuScope {
  private readonly owned: GPUBuffer[] = [];

  constructor(readonly device: GPUDevice) {}

  private track(b: GPUBuffer): GPUBuffer {
    this.owned.push(b);
    return b;
  }

  /** A storage buffer holding `init` (or `init` zeroed 4-byte words), at least 16 bytes, 4-byte padded. */
  storage(label: string, init: Init): GPUBuffer {
    const bytes = typeof init === 'number' ? 4 * init : init.byteLength;
    const buf = this.device.createBuffer({
      label, size: Math.max(16, Math.ceil(bytes / 4) * 4),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
      mappedAtCreation: typeof init !== 'number',
    });
    if (typeof init !== 'number') {
      new Uint8Array(buf.getMappedRange()).set(new Uint8Array(init.buffer, init.byteOffset, init.byteLength));
      buf.unmap();
    }
    return this.track(buf);
  }

  /** A uniform buffer holding `values` packed as the WGSL struct `struct` (its layout: src/gpu/layouts.ts). */
  uniform<S extends StructName>(label: string, struct: S, values: StructValues<S>): Uniform<S> {
    const buffer = this.track(this.device.createBuffer({ label, size: structSize(struct), usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }));
    const device = this.device;
    const u: Uniform<S> = {
      buffer, values: { ...values },
      write(changes = {}) {
        Object.assign(u.values, changes);
        device.queue.writeBuffer(buffer, 0, new Uint8Array(packStruct(struct, u.values))); // dawn.node needs a view, not a bare ArrayBuffer
      },
    };
    u.write();
    return u;
  }

  /** A uniform buffer holding these bytes as they are (an array of structs, packed by the caller). */
  uniformBytes(label: string, bytes: ArrayBuffer): GPUBuffer {
    const buffer = this.track(this.device.createBuffer({ label, size: bytes.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }));
    this.device.queue.writeBuffer(buffer, 0, new Uint8Array(bytes));
    return buffer;
  }

  /** MAP_READ staging buffers, for a ring of read-backs. */
  staging(label: string, bytes: number): GPUBuffer {
    return this.track(this.device.createBuffer({ label, size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }));
  }

  /**
   * The kernel's bind group from buffers named as its WGSL names them (its KernelSpec): a missing
   * or unknown name throws, so no binding is ever filled by position.
   */
  bindGroup<B extends string>(kernel: Kernel<B>, label: string, buffers: Partial<Record<B, GPUBuffer>>): GPUBindGroup {
    const names = kernel.spec.bindings;
    const unknown = Object.keys(buffers).filter((k) => !names.includes(k as B));
    if (unknown.length) throw new Error(`${kernel.name} has no binding ${unknown.join(', ')}`);
    return this.device.createBindGroup({
      label, layout: kernel.layout,
      entries: names.map((name, binding) => {
        const buffer = buffers[name];
        if (!buffer) throw new Error(`${kernel.name}: binding ${binding} (${name}) is not given`);
        return { binding, resource: { buffer } };
      }),
    });
  }

  /**
   * The first `bytes` of `src`, copied to a fresh staging buffer after all submitted work. A map
   * that fails (a lost device) rejects with `lost(error)`'s error.
   */
  async read(src: GPUBuffer, bytes: number, lost: (e: Error) => Error = (e) => e): Promise<ArrayBuffer> {
    const staging = this.device.createBuffer({ label: `${src.label} read-back`, size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    try {
      const enc = this.device.createCommandEncoder({ label: `${src.label} read-back` });
      enc.copyBufferToBuffer(src, 0, staging, 0, bytes);
      this.device.queue.submit([enc.finish()]);
      try {
        await staging.mapAsync(GPUMapMode.READ);
      } catch (e) {
        throw lost(e as Error);
      }
      return staging.getMappedRange().slice(0);
    } finally {
      staging.destroy();
    }
  }

  dispose(): void {
    for (const b of this.owned) b.destroy();
    this.owned.length = 0;
  }
}

/** One dispatch: a kernel, its bind group and its workgroup counts. */
export interface Dispatch {
  kernel: Kernel;
  bindGroup: GPUBindGroup;
  groups: [number, number];
}

export function encode(pass: GPUComputePassEncoder, d: Dispatch): void {
  pass.setPipeline(d.kernel.pipeline);
  pass.setBindGroup(0, d.bindGroup);
  pass.dispatchWorkgroups(d.groups[0], d.groups[1]);
}
