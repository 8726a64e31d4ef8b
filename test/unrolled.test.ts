/**
 * The generator of shaders/unrolled.wgsl's per-block code (src/gpu/paths/unrolled-source.ts), read as text: every
 * parameter's gradient is accumulated exactly once per example block, every weight is read, and the
 * limits hold. Its numbers are checked on the GPU against the CPU reference in gpu-trainer.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { makeSpec, paramCount } from '../src/model/network';
import { unrolledBlockSource, unrolledUnfit, UNROLLED_MAX_PARAMS } from '../src/gpu/paths/unrolled-source';
import { gpuPathFor } from '../src/gpu/paths/rule';
import { flagWordsPerIteration, packMaskBits } from '../src/gpu/dropout-bits';
import { drawGroups } from '../src/gpu/paths/unrolled';

function indices(src: string, pattern: RegExp): number[] {
  return [...src.matchAll(pattern)].map((m) => Number(m[1])).sort((a, b) => a - b);
}

describe('unrolledBlockSource', () => {
  it.each([
    ['the lesson', makeSpec(2, [20, 3], 'relu'), 127],
    ['one hidden layer, tanh', makeSpec(3, [5], 'tanh'), 26],
    ['a deep sigmoid net', makeSpec(2, [4, 4, 4, 4], 'sigmoid'), 77],
  ] as const)('%s: one gradient line and one store per parameter, every weight read', (_n, spec, P) => {
    for (const dropout of ['none', 'philox', 'stored'] as const) {
      const src = unrolledBlockSource(spec, dropout);
      expect(paramCount(spec.dims)).toBe(P);
      expect(src).toContain(`const PARAMS: u32 = ${P}u;`);
      expect(indices(src, /g\[(\d+)\] \+=/g)).toEqual(Array.from({ length: P }, (_, i) => i));
      expect(new Set(indices(src, /w\[(\d+)\]/g))).toEqual(new Set(Array.from({ length: P }, (_, i) => i)));
      expect(indices(src, /partial\[row \+ (\d+)u\] = g\[\1\];/g)).toEqual(Array.from({ length: P }, (_, i) => i));
      const hidden = spec.dims.slice(1, -1).reduce((s, n) => s + n, 0);
      expect((src.match(/keep_bits4\(/g) ?? []).length).toBe(dropout === 'none' ? 0 : hidden);
    }
  });

  it('refuses networks over the parameter limit, naming it', () => {
    const big = makeSpec(2, [40, 30], 'relu');
    expect(paramCount(big.dims)).toBeGreaterThan(UNROLLED_MAX_PARAMS);
    expect(unrolledUnfit(big)).toMatch(/1381 parameters > 512/);
    expect(() => unrolledBlockSource(big, 'none')).toThrow(/unrolled kernel cannot run this network: 1381 parameters/);
  });

  it('auto picks unrolled for the lesson, fused or layered above the limits, unrolled at any m on a CPU adapter', () => {
    expect(gpuPathFor('auto', makeSpec(2, [20, 3], 'relu'), 211, false)).toBe('unrolled');
    expect(gpuPathFor('auto', makeSpec(2, [20, 3], 'relu'), 100_000, false)).toBe('layered');
    expect(gpuPathFor('auto', makeSpec(2, [24, 24], 'relu'), 256, false)).toBe('fused');
    expect(gpuPathFor('auto', makeSpec(2, [256, 256], 'relu'), 256, false)).toBe('layered');
    // a CPU adapter keeps small networks unrolled at any m
    expect(gpuPathFor('auto', makeSpec(2, [20, 3], 'relu'), 100_000, true)).toBe('unrolled');
    expect(gpuPathFor('auto', makeSpec(2, [256, 256], 'relu'), 256, true)).toBe('layered');
  });
});

describe('the dropout-bit layout (src/gpu/dropout-bits.ts)', () => {
  it('packs each hidden layer from a fresh word, bit b of word q = element 32q + b', () => {
    // layer 1: 2 units × 20 examples = 40 elements (2 words); layer 2: 1 unit × 20 = 20 elements (1 word)
    const l1 = new Uint8Array(40), l2 = new Uint8Array(20);
    l1[0] = 1; l1[31] = 1; l1[32] = 1; l1[39] = 1;
    l2[5] = 1;
    expect(flagWordsPerIteration([2, 2, 1, 1], 20)).toBe(3);
    const bits = packMaskBits([l1, l2], 4);
    expect(Array.from(bits)).toEqual([(1 | 2 ** 31) >>> 0, 1 | 2 ** 7, 2 ** 5, 0]);
  });
});

describe('the dropout flags\' draw groups (drawGroups)', () => {
  it('one group per run of consecutive models with one dropout seed, whatever their keep_prob', () => {
    const v = (dropoutSeed: number, keepProb = 0.8) => ({ l2: 0, keepProb, dropoutSeed });
    expect(Array.from(drawGroups([v(5)]))).toEqual([0, 1]);
    expect(Array.from(drawGroups([v(2, 1), v(2), v(2, 0.5), v(3), v(3, 1)]))).toEqual([0, 3, 5]);
    // a seed that comes back after another is a group of its own: the draw is shared only by neighbours
    expect(Array.from(drawGroups([v(1), v(2), v(1)]))).toEqual([0, 1, 2, 3]);
  });
});
