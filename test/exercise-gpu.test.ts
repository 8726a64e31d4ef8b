/**
 * The exercise's GPU blank on the dawn.node device (SwiftShader in CI): the student's WGSL line in
 * dropout.wgsl's slot, compiled and checked against the CPU reference's Philox masks bit for bit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireGpu, releaseGpu, type GpuContext } from '../src/gpu/device';
import { dropoutSlotSource, SHADERS } from '../src/gpu/shaders';
import { checkWgsl, GPU_BLANK, slotLine } from '../src/exercise/gpu-blank';

let gpu: GpuContext;
beforeAll(async () => {
  gpu = await acquireGpu();
});
afterAll(async () => {
  await releaseGpu();
});

describe('the GPU blank', () => {
  it('its solution is the library\'s own line, and the slot takes only that line', () => {
    const { code, line } = dropoutSlotSource(GPU_BLANK.solution);
    expect(code).toBe(SHADERS['dropout_scales.wgsl']);
    expect(code.split('\n')[line - 1]).toBe(`  ${GPU_BLANK.solution}`);
    expect(code.split('\n')[line - 2]).toBe('fn dropout_keep_scale(word: u32, keep_prob: f32) -> f32 {');
    expect(slotLine('loop { }')).toEqual({ error: expect.stringMatching(/no braces/) });
    expect(slotLine('return 1.0;\nreturn 0.0;')).toEqual({ error: expect.stringMatching(/one line only/) });
  });

  it('the solution passes: every flag of 20 × 211 and 3 × 211 over three iterations is the reference\'s', async () => {
    const r = await checkWgsl(gpu, GPU_BLANK.solution);
    expect(r.message).toMatch(/^passed/);
    expect(r.passed).toBe(true);
    expect(r.got).toEqual(r.expected);
  });

  it('an inverted comparison, a missing scale and the skeleton fail, naming the unit', async () => {
    const inverted = await checkWgsl(gpu, 'return select(0.0, 1.0 / keep_prob, f32(word >> 8u) * (1.0 / 16777216.0) >= keep_prob);');
    expect(inverted.passed).toBe(false);
    expect(inverted.message).toMatch(/^layer 1 \(20 × 211\), iteration 0, unit \[0, \d+\]: u = 0\.\d+, so the reference (keeps|drops) it/);
    const unscaled = await checkWgsl(gpu, 'return select(0.0, 1.0, f32(word >> 8u) * (1.0 / 16777216.0) < keep_prob);');
    expect(unscaled.message).toMatch(/is kept, but its factor is 1, not 1\/keep_prob = 1\.16279/);
    expect((await checkWgsl(gpu, GPU_BLANK.skeleton)).passed).toBe(false);
  });

  it('a line that does not compile comes back with the WGSL compiler\'s message on the student\'s line', async () => {
    const r = await checkWgsl(gpu, 'return select(0.0, 1.0 / keep_prob, f32(word >> 8u) < keep_prb);');
    expect(r.passed).toBe(false);
    expect(r.line).toBe(1);
    expect(r.message).toMatch(/^the WGSL compiler: your line, column \d+: .*keep_prb/);
  });
});
