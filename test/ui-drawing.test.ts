/** The page's drawing maths, without a DOM: chart ticks and the decision boundary's contour. */
import { describe, expect, it } from 'vitest';
import { niceTicks } from '../src/ui/chart';
import { contourSegments } from '../src/ui/contour';

describe('niceTicks', () => {
  it('gives round 1-2-5 steps covering the range', () => {
    expect(niceTicks(0, 30000)).toEqual([0, 5000, 10000, 15000, 20000, 25000, 30000]);
    expect(niceTicks(0, 2249)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(0, 0.7)).toEqual([0, 0.2, 0.4, 0.6]);
    expect(niceTicks(0, 1000, 4)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks(-1.3, 2.6)).toEqual([-1, 0, 1, 2]);
  });
  it('a degenerate range is one tick, not a loop', () => {
    expect(niceTicks(3, 3)).toEqual([3]);
  });
});

describe('contourSegments', () => {
  const grid = (res: number, f: (x: number, y: number) => number) => {
    const v = new Float64Array(res * res);
    for (let r = 0; r < res; r++) for (let c = 0; c < res; c++) v[r * res + c] = f(c, r);
    return v;
  };

  it('a linear ramp gives the straight line at the interpolated 0.5, not cell edges', () => {
    const res = 16;
    const segs = contourSegments(grid(res, (x) => x / 10), res); // 0.5 at x = 5
    expect(segs.length).toBe(res - 1);
    for (const [x0, , x1] of segs) {
      expect(x0).toBeCloseTo(5, 12);
      expect(x1).toBeCloseTo(5, 12);
    }
  });

  it('a circle is traced within a twentieth of a cell, as one closed curve', () => {
    const res = 64, R = 20, c = 31.5;
    const segs = contourSegments(grid(res, (x, y) => 1 / (1 + Math.exp(Math.hypot(x - c, y - c) - R))), res);
    const ends = new Map<string, number>();
    for (const [x0, y0, x1, y1] of segs) {
      for (const [x, y] of [[x0, y0], [x1, y1]]) {
        expect(Math.abs(Math.hypot(x - c, y - c) - R)).toBeLessThan(0.05);
        const k = `${x.toFixed(9)},${y.toFixed(9)}`;
        ends.set(k, (ends.get(k) ?? 0) + 1);
      }
    }
    // every end point is shared by exactly two segments: no gaps
    expect([...ends.values()].every((n) => n === 2)).toBe(true);
  });

  it('a constant grid has no contour; NaN never yields a segment through it', () => {
    expect(contourSegments(grid(8, () => 0.2), 8)).toEqual([]);
    const segs = contourSegments(grid(8, (x) => (x === 3 ? NaN : x / 7)), 8);
    for (const s of segs) expect(s.every(Number.isFinite)).toBe(true);
  });
});
