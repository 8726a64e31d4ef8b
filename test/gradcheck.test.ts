import { describe, expect, it } from 'vitest';
import { initParams } from '../src/model/init';
import { makeSpec } from '../src/model/network';
import { gradientCheck } from '../src/labs/gradcheck';
import { fixtureTrain } from './fixtures';

const spec = makeSpec(2, [20, 3], 'relu');
const params = initParams(spec, { init: 'scaled', rng: 'numpy', seed: 3 });

describe('gradient check', () => {
  it("passes (< 1e-7) on the lesson's model with L2", () => {
    const r = gradientCheck(spec, params, fixtureTrain, { l2: 0.7 });
    expect(r.parameters).toBe(20 * 2 + 20 + 3 * 20 + 3 + 3 + 1);
    expect(r.difference).toBeGreaterThan(0);
    expect(r.difference).toBeLessThan(1e-7);
    expect(r.pass).toBe(true);
  });

  it.each(['tanh', 'sigmoid'] as const)('passes for %s hidden layers with L2', (act) => {
    const s = makeSpec(2, [5, 4, 3], act);
    const p = initParams(s, { init: 'he', rng: 'philox', seed: 11 });
    expect(gradientCheck(s, p, fixtureTrain, { l2: 0.3 }).difference).toBeLessThan(1e-7);
  });

  it('catches a planted backprop bug: the L2 term forgotten in dW2', () => {
    const r = gradientCheck(spec, params, fixtureTrain, {
      l2: 0.7,
      gradient: (t) => {
        t.backward();
        const m = fixtureTrain.m;
        const W2 = t.W[1], dW2 = t.grads.dW[1];
        for (let i = 0; i < dW2.length; i++) dW2[i] -= (0.7 / m) * W2[i];
        return t.grads;
      },
    });
    expect(r.pass).toBe(false);
    expect(r.difference).toBeGreaterThan(1e-3);
    expect(r.worst.layer).toBe(2);
    expect(r.worst.param).toBe('W');
  });

  it('catches a planted backprop bug: a bias gradient off by a factor of 2', () => {
    const r = gradientCheck(spec, params, fixtureTrain, {
      gradient: (t) => {
        t.backward();
        t.grads.db[2][0] *= 2;
        return t.grads;
      },
    });
    expect(r.pass).toBe(false);
    expect(r.worst).toMatchObject({ layer: 3, param: 'b', index: 0 });
  });
});
