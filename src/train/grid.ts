/** The decision-boundary grid: points covering the data's extent, and P(y = 1) at each, from any Trainer. */
import type { LabelledSet, Trainer } from '../model/types';

export interface Bounds {
  x1: [number, number];
  x2: [number, number];
}

/** The sets' extent, padded by `pad` of its size on each side (a degenerate axis gets ±1). */
export function boundsOf(sets: (LabelledSet | null)[], pad = 0.1): Bounds {
  let lo1 = Infinity, hi1 = -Infinity, lo2 = Infinity, hi2 = -Infinity;
  for (const s of sets) {
    if (!s) continue;
    for (let j = 0; j < s.m; j++) {
      lo1 = Math.min(lo1, s.X[j]); hi1 = Math.max(hi1, s.X[j]);
      lo2 = Math.min(lo2, s.X[s.m + j]); hi2 = Math.max(hi2, s.X[s.m + j]);
    }
  }
  const padded = (lo: number, hi: number): [number, number] => {
    if (!Number.isFinite(lo)) return [-1, 1];
    const span = hi - lo || 2;
    return [lo - pad * span, hi + pad * span];
  };
  return { x1: padded(lo1, hi1), x2: padded(lo2, hi2) };
}

/** resolution × resolution cell centres, row r (x2 from top to bottom) then column c (x1), as X (2 × r²). */
export function gridPoints(b: Bounds, resolution: number): Float64Array {
  const n = resolution * resolution;
  const X = new Float64Array(2 * n);
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) {
      const j = r * resolution + c;
      X[j] = b.x1[0] + ((c + 0.5) / resolution) * (b.x1[1] - b.x1[0]);
      X[n + j] = b.x2[1] - ((r + 0.5) / resolution) * (b.x2[1] - b.x2[0]);
    }
  }
  return X;
}

/** P(y = 1) on the grid, row-major from the top-left cell; no dropout. */
export function predictGrid(trainer: Trainer, b: Bounds, resolution: number): Promise<Float64Array> {
  return trainer.predict(gridPoints(b, resolution), resolution * resolution);
}
