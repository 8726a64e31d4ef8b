/**
 * Mixed-tolerance comparison: |actual − expected| ≤ atol + rtol·|expected| elementwise. NaN never
 * equals anything (not even NaN), and ±Infinity only the same infinity. The message lists the worst
 * indices, so a failure says where and by how much.
 */
import { expect } from 'vitest';

export interface Tolerance {
  atol?: number;
  rtol?: number;
}

export function closeReport(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance): string | null {
  const atol = tol.atol ?? 0;
  const rtol = tol.rtol ?? 0;
  if (actual.length !== expected.length) return `length ${actual.length} ≠ expected ${expected.length}`;
  const bad: { i: number; a: number; e: number; excess: number }[] = [];
  let maxDiff = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    let ok: boolean;
    let excess: number;
    if (Number.isNaN(a) || Number.isNaN(e)) {
      ok = false;
      excess = Infinity;
    } else if (!Number.isFinite(a) || !Number.isFinite(e)) {
      ok = a === e;
      excess = ok ? 0 : Infinity;
    } else {
      const diff = Math.abs(a - e);
      maxDiff = Math.max(maxDiff, diff);
      excess = diff - (atol + rtol * Math.abs(e));
      ok = excess <= 0;
    }
    if (!ok) bad.push({ i, a, e, excess });
  }
  if (bad.length === 0) return null;
  bad.sort((x, y) => y.excess - x.excess);
  const worst = bad.slice(0, 5).map((b) => `[${b.i}] got ${b.a}, expected ${b.e}`).join('; ');
  return `${bad.length}/${expected.length} outside atol=${atol} rtol=${rtol} (max |diff| ${maxDiff}); worst: ${worst}`;
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance, what = 'values'): void {
  const report = closeReport(actual, expected, tol);
  expect(report, `${what}: ${report}`).toBeNull();
}
