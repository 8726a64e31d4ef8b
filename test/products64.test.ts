/**
 * The float64 reference's register-tiled products against the plain loops they replace: every
 * element bit for bit (Object.is, so −0 counts), on shapes that hit every edge — sizes not multiples
 * of 4, a single row or column, and more columns than one slab.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backInput64, forward64, gradient64 } from '../src/reference/products64';

const plain = {
  forward(W: Float64Array, A: Float64Array, b: Float64Array, n: number, k: number, m: number) {
    const Z = new Float64Array(n * m);
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < k; p++) for (let j = 0; j < m; j++) Z[i * m + j] += W[i * k + p] * A[p * m + j];
      for (let j = 0; j < m; j++) Z[i * m + j] += b[i];
    }
    return Z;
  },
  gradient(dZ: Float64Array, A: Float64Array, n: number, k: number, m: number) {
    const G = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < k; p++) {
        let acc = 0;
        for (let j = 0; j < m; j++) acc = acc + dZ[i * m + j] * A[p * m + j];
        G[i * k + p] = acc;
      }
    }
    return G;
  },
  backInput(W: Float64Array, dZ: Float64Array, n: number, k: number, m: number) {
    const dA = new Float64Array(k * m);
    for (let i = 0; i < n; i++) for (let p = 0; p < k; p++) for (let j = 0; j < m; j++) dA[p * m + j] += W[i * k + p] * dZ[i * m + j];
    return dA;
  },
};

/** Values of many magnitudes and both signs, zeros (and −0) included, so rounding order shows. */
function values(len: number, seed: number): Float64Array {
  const out = new Float64Array(len);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < len; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    out[i] = u < 0.05 ? 0 : u < 0.08 ? -0 : (u - 0.5) * 10 ** Math.floor(u * 12 - 6);
  }
  return out;
}

function expectSameBits(got: Float64Array, want: Float64Array, what: string): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) throw new Error(`${what}[${i}]: ${got[i]} ≠ ${want[i]}`);
}

describe('register-tiled float64 products equal the plain loops bit for bit', () => {
  const shape = fc.tuple(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 600 }), fc.integer());
  it('forward, weight gradient and input gradient on random shapes', () => {
    fc.assert(fc.property(shape, ([n, k, m, seed]) => {
      const W = values(n * k, seed), A = values(k * m, seed + 1), b = values(n, seed + 2), dZ = values(n * m, seed + 3);
      const Z = new Float64Array(n * m).fill(NaN);
      forward64(W, A, b, Z, n, k, m);
      expectSameBits(Z, plain.forward(W, A, b, n, k, m), `Z (${n}×${k}×${m})`);
      const G = new Float64Array(n * k).fill(NaN);
      gradient64(dZ, A, G, n, k, m);
      expectSameBits(G, plain.gradient(dZ, A, n, k, m), `G (${n}×${k}×${m})`);
      const dA = new Float64Array(k * m).fill(NaN);
      backInput64(W, dZ, dA, n, k, m);
      expectSameBits(dA, plain.backInput(W, dZ, n, k, m), `dA (${n}×${k}×${m})`);
    }), { numRuns: 60 });
  });

  it('a product wider than one slab with every size off a multiple of 4', () => {
    const [n, k, m] = [13, 7, 1031];
    const W = values(n * k, 5), A = values(k * m, 6), b = values(n, 7);
    const Z = new Float64Array(n * m);
    forward64(W, A, b, Z, n, k, m);
    expectSameBits(Z, plain.forward(W, A, b, n, k, m), 'Z');
  });
});
