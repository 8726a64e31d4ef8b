/** The drawn data set's `draw=` link value: exact round trips of quantised points, and refusals of what is not one. */
import { describe, expect, it } from 'vitest';
import { decodeDrawing, encodeDrawing, MAX_DRAWN_POINTS, quantise, type DrawnPoint } from '../src/ui/drawn-code';

describe('draw= (a drawn data set in the link)', () => {
  it('gives back the quantised points, label by label, 4 bytes a point', () => {
    const points: DrawnPoint[] = [
      { x1: 0.123, x2: -1.987, label: 1 }, { x1: -0.5, x2: 0.25, label: 0 }, { x1: 2, x2: 1.005, label: 1 }, { x1: -327.67, x2: 327.67, label: 0 },
    ].map((p) => ({ x1: quantise(p.x1), x2: quantise(p.x2), label: p.label as 0 | 1 }));
    const code = encodeDrawing(points);
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    const back = decodeDrawing(code);
    const key = (p: DrawnPoint) => `${p.label}:${p.x1},${p.x2}`;
    expect(back.map(key).sort()).toEqual(points.map(key).sort());
    expect(back.find((p) => p.x1 === 0.12)?.x2).toBe(-1.99);
    // 500 points: a link of under 2 700 characters
    const many = Array.from({ length: MAX_DRAWN_POINTS }, (_, i) => ({ x1: quantise(Math.sin(i)), x2: quantise(Math.cos(i)), label: (i % 2) as 0 | 1 }));
    const link500 = encodeDrawing(many); // the link's length in characters (not a time)
    expect(link500.length).toBeLessThan(2700);
    expect(decodeDrawing(link500)).toHaveLength(MAX_DRAWN_POINTS);
  });

  it('refuses what is not a drawing, naming draw', () => {
    expect(() => decodeDrawing('a+b')).toThrow(/^draw \(the drawn data set in the link\): not base64url/);
    expect(() => decodeDrawing('AAAA')).toThrow(/3 bytes: expected 2 \+ 4 per point/);
    const tooMany = encodeDrawing(Array.from({ length: MAX_DRAWN_POINTS + 1 }, () => ({ x1: 0, x2: 0, label: 0 as const })));
    expect(() => decodeDrawing(tooMany)).toThrow(/501 points; at most 500/);
    expect(() => decodeDrawing(encodeDrawing([{ x1: 0, x2: 0, label: 0 }]).replace(/^AQ/, 'Bw'))).toThrow(/7 label-0 points of 1/);
  });
});
