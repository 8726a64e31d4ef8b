import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NumpyRandom } from '../src/rng/mt19937';
import { mulhi32, philox4x32, wordToUnit24 } from '../src/rng/philox';
import { PhiloxNormal } from '../src/rng/philox-normal';
import { vectors } from './fixtures';

describe('NumpyRandom (numpy legacy RandomState)', () => {
  it('np.random.seed(3); randn(50) bit for bit', () => {
    const rng = new NumpyRandom(3);
    expect(Array.from(rng.randnArray(50))).toEqual(vectors.numpy_seed3_randn_50);
  });
  it('np.random.seed(1); rand(50) bit for bit', () => {
    const rng = new NumpyRandom(1);
    expect(Array.from(rng.randArray(50))).toEqual(vectors.numpy_seed1_rand_50);
  });
  it('np.random.seed(0); randn(3, 4) row-major bit for bit', () => {
    const rng = new NumpyRandom(0);
    expect(Array.from(rng.randnArray(12))).toEqual(vectors.numpy_seed0_randn_3x4.flat());
  });
  it('reseeding drops the cached Gaussian', () => {
    const rng = new NumpyRandom(3);
    rng.randn(); // leaves a cached value
    rng.seed(3);
    expect(rng.randn()).toBe(vectors.numpy_seed3_randn_50[0]);
  });
  it('rejects seeds outside [0, 2^32)', () => {
    expect(() => new NumpyRandom(-1)).toThrow(/seed/);
    expect(() => new NumpyRandom(2 ** 32)).toThrow(/seed/);
    expect(() => new NumpyRandom(1.5)).toThrow(/seed/);
  });
});

describe('Philox4x32-10', () => {
  it('matches the Random123 known answers', () => {
    for (const kat of vectors.philox4x32_10_kat) {
      const [c0, c1, c2, c3] = kat.counter.map(Number);
      const [k0, k1] = kat.key.map(Number);
      expect(Array.from(philox4x32(c0, c1, c2, c3, k0, k1))).toEqual(kat.out.map(Number));
    }
  });
  it('mulhi32 equals the BigInt product for any u32 pair', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), (a, b) => {
        expect(mulhi32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
      }),
      { numRuns: 2000 },
    );
  });
  it('wordToUnit24 is in [0, 1) and exact in float32', () => {
    expect(wordToUnit24(0)).toBe(0);
    expect(wordToUnit24(0xffffffff)).toBe(1 - 2 ** -24);
    fc.assert(fc.property(fc.nat({ max: 0xffffffff }), (w) => Math.fround(wordToUnit24(w)) === wordToUnit24(w)));
  });
  it('PhiloxNormal draws standard normals (mean ≈ 0, variance ≈ 1) and is seeded', () => {
    const a = new PhiloxNormal(7);
    const n = 20000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = a.randn();
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.04);
    const b = new PhiloxNormal(7), c = new PhiloxNormal(8);
    const first = b.randn();
    expect(new PhiloxNormal(7).randn()).toBe(first);
    expect(c.randn()).not.toBe(first);
  });
});
