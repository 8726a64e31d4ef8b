/** nearZeroShare on a net small enough to count by hand, and the L1 term's helpers of src/model/hyper.ts. */
import { describe, expect, it } from 'vitest';
import { hyperParams, l1Term, l2Term } from '../src/model/hyper';
import { nearZeroShare } from '../src/model/sparsity';

const f = (...v: number[]) => Float64Array.from(v);

describe('nearZeroShare', () => {
  it('counts the weights below 1 % of the largest |w|, biases left out', () => {
    // largest |w| = 2, so the bound is 0.02: 0.005, −0.0199 and 0 are near zero, 0.02 is not; the biases
    // (100 and 0) count for nothing — 3 of 7 weights
    const p = { W: [f(1, 0.005, -0.0199, 0.02), f(-2, 0, 0.5)], b: [f(100, 0), f(0)] };
    expect(nearZeroShare(p)).toBeCloseTo(3 / 7, 15);
    expect(nearZeroShare(p, 0.5)).toBeCloseTo(5 / 7, 15);
  });

  it('is 1 when every weight is zero, and 0 when none is near', () => {
    expect(nearZeroShare({ W: [f(0, 0), f(0)], b: [f(1, 1), f(1)] })).toBe(1);
    expect(nearZeroShare({ W: [f(1, -1), f(0.5)], b: [f(0, 0), f(0)] })).toBe(0);
  });
});

describe('the penalty terms a model adds to its cost', () => {
  it('λ/(2m)·Σ‖W‖² and λ₁/m·Σ|W| over the weights only', () => {
    const p = { W: [f(1, -2), f(3)], b: [f(50, 50), f(50)] };
    const h = hyperParams({ l2: 0.5, l1: 0.2 }, 10);
    expect(h).toMatchObject({ lambdaOverM: 0.05, lambdaOverTwoM: 0.025, lambda1OverM: 0.02, keepProb: 1, masks: 'none' });
    expect(l2Term(h, p)).toBeCloseTo(0.025 * 14, 15);
    expect(l1Term(h, p)).toBeCloseTo(0.02 * 6, 15);
  });
});
