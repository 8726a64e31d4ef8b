/** compareVariants, the models of `reglab compare` and the page's compare: the L1 model when asked, and an L1 penalty they share. */
import { describe, expect, it } from 'vitest';
import { compareVariants } from '../src/train/requests';

describe('compareVariants', () => {
  it('none, L2, dropout; with withL1 a fourth, "L1 (λ₁ = …)", L1 alone', () => {
    expect(compareVariants().map((v) => v.short)).toEqual(['none', 'l2', 'dropout']);
    const v = compareVariants(0.5, 0.8, undefined, { withL1: 0.05 });
    expect(v.map((x) => x.name)).toEqual(['none', 'L2 (λ = 0.5)', 'dropout (keep_prob = 0.8)', 'L1 (λ₁ = 0.05)']);
    expect(v[3]).toMatchObject({ short: 'l1', extra: { l2: 0, l1: 0.05, keepProb: 1 } });
    // the others leave λ₁ to the request (0 unless it asks for a shared L1)
    for (const x of v.slice(0, 3)) expect(x.extra.l1).toBeUndefined();
  });

  it('a shared L1 is named in every model it applies to; the augmented model comes last', () => {
    const v = compareVariants(0.7, 0.86, {}, { l1: 0.01, withL1: 0.1 });
    expect(v.map((x) => x.name)).toEqual([
      'none + L1 (λ₁ = 0.01)', 'L2 (λ = 0.7) + L1 (λ₁ = 0.01)', 'dropout (keep_prob = 0.86) + L1 (λ₁ = 0.01)', 'L1 (λ₁ = 0.1)',
      'augmented (4 × σ 0.05) + L1 (λ₁ = 0.01)',
    ]);
  });

  it('refuses a bad withL1 naming its field', () => {
    expect(() => compareVariants(0.7, 0.86, undefined, { withL1: -1 })).toThrow(expect.objectContaining({ field: 'withL1', reason: 'must be >= 0, got -1' }));
  });
});
