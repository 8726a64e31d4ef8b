/**
 * The one engine rule (src/train/engine-choice.ts) that the page's default and the CLI's
 * `--backend auto` share, row by row; the adapter facts it is given (src/gpu/device.ts's
 * describeAdapter: software by isFallbackAdapter or by name); and `reglab train` without --backend
 * on this machine's dawn.node SwiftShader.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeAdapter } from '../src/gpu/device';
import { chooseEngine, perIterationWork, SMALL_NETWORK_MULTIPLY_ADDS, type AdapterFacts } from '../src/train/engine-choice';

const lesson = perIterationWork(2, [20, 3], 211); // 211 × 127
const big = perIterationWork(2, [256, 256], 4096);
const one = (multiplyAdds: number) => ({ models: 1, multiplyAdds });
const hardware: AdapterFacts = { name: 'NVIDIA: 580.159.04', software: false };
const swiftshader: AdapterFacts = { name: 'SwiftShader driver 5.0.0 (google swiftshader)', software: true };

describe('chooseEngine', () => {
  it('counts the work as examples × parameters', () => {
    expect(lesson).toBe(211 * 127);
    expect(perIterationWork(2, [64, 64], 256)).toBe(256 * (64 * 3 + 64 * 65 + 65));
    // the measured sides of the threshold (docs/performance.md): [20, 20] × 256 below, [64, 64] × 256 above
    expect(perIterationWork(2, [20, 20], 256)).toBeLessThan(SMALL_NETWORK_MULTIPLY_ADDS);
    expect(perIterationWork(2, [64, 64], 256)).toBeGreaterThanOrEqual(SMALL_NETWORK_MULTIPLY_ADDS);
  });

  it('no adapter is never an error: the fast CPU engine, else the CPU reference', () => {
    for (const work of [one(lesson), one(big), { models: 16, multiplyAdds: lesson }]) {
      expect(chooseEngine({ adapter: null, fastCpu: true, work }).backend).toBe('wasm');
      expect(chooseEngine({ adapter: null, fastCpu: false, work }).backend).toBe('cpu');
    }
    expect(chooseEngine({ adapter: null, fastCpu: true, work: one(lesson) }).reason).toMatch(/no WebGPU adapter/);
    expect(chooseEngine({ adapter: null, fastCpu: false, work: one(lesson) }).reason).toMatch(/needs WebAssembly/);
  });

  it('a software adapter never trains when the fast CPU engine can, and is named as software', () => {
    for (const work of [one(lesson), one(big), { models: 16, multiplyAdds: big }]) {
      const c = chooseEngine({ adapter: swiftshader, fastCpu: true, work });
      expect(c.backend).toBe('wasm');
      expect(c.reason).toBe('the WebGPU adapter (SwiftShader driver 5.0.0 (google swiftshader)) is software: the CPU is faster');
    }
    // without the fast engine, the software GPU still beats the reference
    expect(chooseEngine({ adapter: swiftshader, fastCpu: false, work: one(lesson) }).backend).toBe('gpu');
  });

  it('a hardware GPU: sweeps and large networks on it, a single small network on the fast CPU engine', () => {
    expect(chooseEngine({ adapter: hardware, fastCpu: true, work: { models: 16, multiplyAdds: lesson } })).toMatchObject({ backend: 'gpu', reason: expect.stringMatching(/16 models side by side/) });
    expect(chooseEngine({ adapter: hardware, fastCpu: true, work: one(big) })).toMatchObject({ backend: 'gpu', reason: expect.stringMatching(/this size \(273\.7 M multiply-adds/) });
    expect(chooseEngine({ adapter: hardware, fastCpu: true, work: one(SMALL_NETWORK_MULTIPLY_ADDS) }).backend).toBe('gpu');
    expect(chooseEngine({ adapter: hardware, fastCpu: true, work: one(SMALL_NETWORK_MULTIPLY_ADDS - 1) }).backend).toBe('wasm');
    expect(chooseEngine({ adapter: hardware, fastCpu: true, work: one(lesson) })).toMatchObject({ backend: 'wasm', reason: expect.stringMatching(/this small \(27 k multiply-adds/) });
    expect(chooseEngine({ adapter: hardware, fastCpu: false, work: one(lesson) }).backend).toBe('gpu');
  });

  it('a run that asks for the float64 reference gets it, with its reason', () => {
    expect(chooseEngine({ adapter: hardware, fastCpu: true, work: one(big), reference: '--course' })).toEqual({ backend: 'cpu', reason: '--course' });
  });
});

describe('describeAdapter', () => {
  const adapter = (info: Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean }) => ({ info: { vendor: '', architecture: '', description: '', device: '', ...info } }) as unknown as GPUAdapter;
  it('names software adapters as software: isFallbackAdapter, or SwiftShader, WARP, llvmpipe, lavapipe by name', () => {
    for (const info of [
      { vendor: 'google', architecture: 'swiftshader' }, { description: 'Microsoft Basic Render Driver' }, { vendor: 'microsoft', architecture: 'warp' },
      { description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }, { description: 'lavapipe' }, { vendor: 'acme', isFallbackAdapter: true },
    ]) expect(describeAdapter(adapter(info)).isSoftware, JSON.stringify(info)).toBe(true);
    for (const info of [{ vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' }, { vendor: 'apple', architecture: 'metal-3' }, { vendor: 'intel', architecture: 'gen-12lp', isFallbackAdapter: false }]) {
      expect(describeAdapter(adapter(info)).isSoftware, JSON.stringify(info)).toBe(false);
    }
  });
});

describe('reglab without --backend (auto)', () => {
  const bin = fileURLToPath(new URL('../bin/reglab.js', import.meta.url));
  const reglab = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });

  it('on dawn.node\'s SwiftShader trains on the fast CPU engine, and the JSON says so and why', () => {
    const r = reglab('train', '--dataset', 'moons', '--size', '60', '--iterations', '20', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect([out.backend, out.settings.backend, out.adapter]).toEqual(['wasm', 'wasm', null]);
    expect(out.backendReason).toMatch(/SwiftShader.*is software/);
    // a named backend is trained as named, with no reason to give
    const gpu = JSON.parse(reglab('train', '--dataset', 'moons', '--size', '60', '--iterations', '20', '--json', '--backend', 'gpu').stdout);
    expect([gpu.backend, gpu.backendReason]).toEqual(['gpu', undefined]);
    // --course asks for the float64 reference (the lesson's numbers); the text output says the choice under its data line
    const course = reglab('train', '--course', '--dataset', 'moons', '--size', '60', '--iterations', '20', '--no-progress');
    expect([course.status, course.stderr]).toEqual([0, '']);
    expect(course.stdout).toMatch(/^data: .*\nbackend: auto → cpu \(--course: the float64 CPU reference gives the lesson's numbers exactly/);
    // a sweep too: SwiftShader is software, so its models go one at a time on the fast engine
    const sweep = JSON.parse(reglab('sweep', '--dataset', 'moons', '--size', '60', '--iterations', '20', '--l2', '0,0.1', '--json').stdout);
    expect([sweep.backend, sweep.backendReason]).toEqual(['wasm', expect.stringMatching(/is software/)]);
  });
});
