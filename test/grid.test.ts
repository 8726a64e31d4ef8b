import { describe, expect, it } from 'vitest';
import { boundsOf, gridPoints, predictGrid } from '../src/train/grid';
import { createTrainer } from '../src/train/factory';
import { validateSettings } from '../src/model/settings';
import { fixtureTest, fixtureTrain } from './fixtures';

describe('decision-boundary grid', () => {
  it('bounds cover both sets with padding', () => {
    const b = boundsOf([fixtureTrain, fixtureTest], 0.1);
    for (const s of [fixtureTrain, fixtureTest]) {
      for (let j = 0; j < s.m; j++) {
        expect(s.X[j]).toBeGreaterThan(b.x1[0]);
        expect(s.X[j]).toBeLessThan(b.x1[1]);
        expect(s.X[s.m + j]).toBeGreaterThan(b.x2[0]);
        expect(s.X[s.m + j]).toBeLessThan(b.x2[1]);
      }
    }
    expect(boundsOf([null])).toEqual({ x1: [-1, 1], x2: [-1, 1] });
  });
  it('cell centres run left to right, top to bottom', () => {
    const X = gridPoints({ x1: [0, 2], x2: [0, 2] }, 2);
    expect(Array.from(X)).toEqual([0.5, 1.5, 0.5, 1.5, 1.5, 1.5, 0.5, 0.5]);
  });
  it('predictGrid gives one probability per cell', async () => {
    const t = await createTrainer(validateSettings({ iterations: 1 }), fixtureTrain);
    const p = await predictGrid(t, boundsOf([fixtureTrain]), 5);
    expect(p.length).toBe(25);
    expect(p.every((v) => v > 0 && v < 1)).toBe(true);
  });
});
