/**
 * GPU submits sized by work (src/gpu/submit-size.ts) and the page's checkpoints between them
 * (viewChunk, src/train/run.ts): counts of iterations, not times — a big data set gets one iteration
 * per submit and a few submits between checks, so the tab repaints and a stop is answered.
 */
import { describe, expect, it } from 'vitest';
import { GPU_CHUNK, iterationsPerSubmit, iterationWork, NS_PER_MULTIPLY_ADD, SUBMIT_BUDGET_MS } from '../src/gpu/submit-size';
import { SUBMITS_BETWEEN_CHECKS, viewChunk } from '../src/train/run';

const lesson = [2, 20, 3, 1];

describe('iterationsPerSubmit', () => {
  it('counts an iteration\'s work as examples × parameters × models', () => {
    expect(iterationWork(lesson, 211)).toBe(211 * 127);
    expect(iterationWork([2, 64, 64, 1], 256, 16)).toBe(256 * 4417 * 16);
  });

  it('fits the budget on a software adapter: the lesson in dozens, a big set one at a time', () => {
    expect(iterationsPerSubmit(iterationWork(lesson, 211), true)).toBe(Math.floor(SUBMIT_BUDGET_MS / (211 * 127 * NS_PER_MULTIPLY_ADD.software * 1e-6))); // 74
    expect(iterationsPerSubmit(iterationWork(lesson, 211), true)).toBe(74);
    expect(iterationsPerSubmit(iterationWork(lesson, 10_000), true)).toBe(1); // 31.8 ms an iteration: one fits
    expect(iterationsPerSubmit(iterationWork(lesson, 2_500_000), true)).toBe(1); // the 2.5 M-row CSV: never more than one
    expect(iterationsPerSubmit(iterationWork(lesson, 211, 16), true)).toBe(4); // 16 models side by side share the budget
  });

  it('a hardware GPU keeps whole chunks for small networks, one iteration for the largest', () => {
    expect(iterationsPerSubmit(iterationWork(lesson, 211), false)).toBe(GPU_CHUNK);
    expect(iterationsPerSubmit(iterationWork([2, 1024, 1024, 1], 65_536), false)).toBe(1);
  });

  it('is never below one nor above GPU_CHUNK, and falls as the work grows', () => {
    let last = Infinity;
    for (let m = 1; m <= 1 << 24; m *= 4) {
      const n = iterationsPerSubmit(iterationWork(lesson, m), true);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(GPU_CHUNK);
      expect(n).toBeLessThanOrEqual(last);
      last = n;
    }
    expect(last).toBe(1);
  });
});

describe('viewChunk', () => {
  it('on the GPU at most SUBMITS_BETWEEN_CHECKS submits between checks; the CPU keeps about 1 % of the run', () => {
    expect(viewChunk(74, 30_000, true)).toBe(74 * 5); // 300 iterations ≈ 5 submits: under the cap
    expect(viewChunk(1, 30_000, true)).toBe(SUBMITS_BETWEEN_CHECKS); // one iteration per submit: 8, not 300
    expect(viewChunk(256, 1_000_000, true)).toBe(256 * SUBMITS_BETWEEN_CHECKS);
    expect(viewChunk(1, 30_000, false)).toBe(300);
    expect(viewChunk(256, 100, true)).toBe(256);
  });
});
