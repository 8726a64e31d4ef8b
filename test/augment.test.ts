import { describe, expect, it } from 'vitest';
import { augment } from '../src/data/augment';
import { validateSettings } from '../src/model/settings';
import { withMonitor } from '../src/data/prepare';
import { compareVariants } from '../src/train/requests';
import type { LabelledSet } from '../src/model/types';

const set = { X: Float64Array.from([1, 2, 3, 4]), Y: Float64Array.from([1, 0]), m: 2, features: 2 }; // points (1,3) and (2,4)
const none = { copies: 0, sigma: 0, mirror: 'none', rotate: 0, seed: 1 } as const;

function points(s: LabelledSet): string[] {
  return Array.from({ length: s.m }, (_, j) => `${s.X[j]},${s.X[s.m + j]},${s.Y[j]}`);
}

describe('augmentation', () => {
  it('mirror symmetries keep the labels', () => {
    expect(points(augment(set, { ...none, mirror: 'x1' }))).toEqual(['1,3,1', '2,4,0', '-1,3,1', '-2,4,0']);
    expect(augment(set, { ...none, mirror: 'both' }).m).toBe(8);
  });
  it('quarter turns add three images, the half turn one', () => {
    expect(points(augment(set, { ...none, rotate: 90 }))).toContain('-3,1,1');
    expect(augment(set, { ...none, rotate: 90 }).m).toBe(8);
    expect(points(augment(set, { ...none, rotate: 180 }))).toEqual(['1,3,1', '2,4,0', '-1,-3,1', '-2,-4,0']);
  });
  it('k jittered copies with noise σ around each point, seeded', () => {
    const a = augment(set, { ...none, copies: 500, sigma: 0.1 });
    expect(a.m).toBe(2 * 501);
    expect(a.X).toEqual(augment(set, { ...none, copies: 500, sigma: 0.1 }).X);
    let sx = 0, sxx = 0, n = 0;
    for (let j = 2; j < a.m; j += 2) { const d = a.X[j] - 1; sx += d; sxx += d * d; n++; expect(a.Y[j]).toBe(1); }
    expect(Math.abs(sx / n)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(sxx / n) - 0.1)).toBeLessThan(0.015);
  });
  it('applies to the training data only, after the validation split, and training accuracy uses the real points', () => {
    const s = validateSettings({ augmentCopies: 3, earlyStopping: 2 });
    const big = { X: Float64Array.from({ length: 40 }, (_, i) => i), Y: Float64Array.from({ length: 20 }, (_, i) => i % 2), m: 20, features: 2 };
    const r = withMonitor(s, big, null);
    expect(r.monitor!.m).toBe(4);
    expect(r.evaluateTrain.m).toBe(16);
    expect(r.train.m).toBe(16 * 4);
  });
  it('compare --augmented adds a fourth, unregularized run on augmented data', () => {
    const v = compareVariants(0.7, 0.86, {});
    expect(v.map((x) => x.short)).toEqual(['none', 'l2', 'dropout', 'augmented']);
    expect(v[3].extra).toMatchObject({ l2: 0, keepProb: 1, augmentCopies: 4 });
    expect(v[0].extra.augmentCopies).toBe(0);
  });
});
