/**
 * The fast CPU engine where memory may not be shared (a page served without cross-origin isolation):
 * the kernels' module with its memory import unshared, on one thread, gives the shared module's
 * numbers bit for bit. This file's realm says it is not isolated before the engine is first made.
 */
import { describe, expect, it } from 'vitest';
import { makeSpec } from '../src/model/network';
import { canShareMemory, WasmEngine, wasmModuleBytes } from '../src/wasm/engine';
import { WasmTrainer } from '../src/wasm/trainer';
import { withUnsharedMemory } from '../src/wasm/unshared';
import { smallRun } from './small-runs';

/** The kernels over a fresh memory: W (2 × 3) · B (3 × 4) with a bias, read back. */
function product(bytes: Uint8Array<ArrayBuffer>, shared: boolean): Float32Array {
  const memory = new WebAssembly.Memory({ initial: 2, maximum: 32768, shared });
  const k = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as Record<string, (...a: number[]) => void>;
  const f = new Float32Array(memory.buffer);
  const W = 70000, B = 70100, bias = 70200, C = 70300;
  for (let i = 0; i < 6; i++) f[W / 4 + i] = Math.sin(i + 1) * 1.7;
  for (let i = 0; i < 12; i++) f[B / 4 + i] = Math.cos(i * 0.3) / 3;
  f[bias / 4] = 0.25; f[bias / 4 + 1] = -0.5;
  k.product(W, 3, 1, B, bias, C, 2, 3, 4, 0, 4);
  return Float32Array.from(f.subarray(C / 4, C / 4 + 8));
}

describe('the kernels with unshared memory', () => {
  it('changes only the memory import\'s shared flag, and computes what the shared module does, bit for bit', () => {
    const bytes = wasmModuleBytes();
    const plain = withUnsharedMemory(bytes);
    const differ = [...bytes].map((b, i) => (b === plain[i] ? -1 : i)).filter((i) => i >= 0);
    expect(differ).toHaveLength(1);
    expect(bytes[differ[0]] & 0x02).toBe(2);
    expect(() => new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory: new WebAssembly.Memory({ initial: 2, maximum: 32768 }) } })).toThrow();
    const got = product(plain, false);
    expect(got).toEqual(product(bytes, true));
    expect(got.some((v) => v !== 0)).toBe(true);
    // the unshared module is refused a second time: there is no shared import left to change
    expect(() => withUnsharedMemory(plain)).toThrow(/imports no shared memory/);
  });

  it('a realm that is not cross-origin isolated trains on one thread, unshared', async () => {
    (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated = false;
    expect(canShareMemory()).toBe(false);
    const engine = await WasmEngine.get();
    expect(engine.shared).toBe(false);
    expect(engine.threadCount).toBe(1);
    engine.setThreads(4);
    expect(engine.threadCount).toBe(1);
    // products large enough to be split where threads are allowed
    const t = await WasmTrainer.create({ ...smallRun(makeSpec(2, [64, 48], 'relu'), 1100, 11, { l2: 0.2, keepProb: 0.9 }), threads: 4 });
    try {
      const costs = await t.run(0, 20, 5);
      expect(costs.every((c) => Number.isFinite(c.cost))).toBe(true);
      expect(costs.at(-1)!.cost).toBeLessThan(costs[0].cost);
      expect(t.describe().threads).toBe(1);
    } finally {
      t.dispose();
    }
  });
});
