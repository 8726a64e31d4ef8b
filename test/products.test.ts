/** The layered path's product-kernel rule and depth splitting (src/gpu/products.ts); no GPU needed. */
import { describe, expect, it } from 'vitest';
import { productKernelFor, splitsFor, SPLIT_TARGET_WORKGROUPS } from '../src/gpu/products';

describe('product kernels', () => {
  it('register tiles on a CPU adapter, shared-memory tiles on a GPU', () => {
    expect(productKernelFor(true)).toBe('registers');
    expect(productKernelFor(false)).toBe('shared');
  });

  it('splits a weight gradient (short C, depth m) until tiles × slices reaches the target', () => {
    // [1024, 1024] × 65 536, layer 2: [dW | db] is 1024 × 1025 = 72 tiles of 128²
    const s = splitsFor('shared', 1024, 1025, 65_536, 16 * 2 ** 20);
    expect(s.splits).toBeGreaterThanOrEqual(2);
    expect(72 * s.splits).toBeGreaterThanOrEqual(SPLIT_TARGET_WORKGROUPS);
    expect(s.splits * s.sliceDepth).toBeGreaterThanOrEqual(65_536);
    expect((s.splits - 1) * s.sliceDepth).toBeLessThan(65_536); // no empty slice
    expect(s.sliceDepth % 8).toBe(0);
    // the output layer's [dW | db] (1 × 1025, 9 tiles) gets more slices
    expect(splitsFor('shared', 1, 1025, 65_536, 16 * 2 ** 20).splits).toBeGreaterThan(s.splits);
  });

  it('never splits on the register kernel, a short depth, a product that fills the GPU, or past the partial-sum budget', () => {
    expect(splitsFor('registers', 20, 21, 65_536, 1e9)).toEqual({ splits: 1, sliceDepth: 65_536 });
    expect(splitsFor('shared', 20, 21, 300, 1e9)).toEqual({ splits: 1, sliceDepth: 300 }); // one slice of ≥ 256 only
    expect(splitsFor('shared', 1024, 65_536, 1025, 1e9).splits).toBe(1); // a forward product: 4096 tiles
    expect(splitsFor('shared', 1024, 1025, 65_536, 1024 * 1025).splits).toBe(1); // room for one slice only
    const capped = splitsFor('shared', 1024, 1025, 65_536, 3 * 1024 * 1025);
    expect(capped.splits).toBeLessThanOrEqual(3);
  });
});
