/**
 * How many weights a model has driven to (near) zero: what L1 does and L2 does not. Reported per
 * run (`nearZeroShare` in the JSON, the "weights ≈ 0" column of the tables).
 */
import type { Params } from './network';

/** A weight counts as near zero below this fraction of its model's largest |w|. */
export const NEAR_ZERO_FRACTION = 0.01;

/**
 * The share of the weights (not the biases) with |w| < 1 % of the model's largest |w|; 1 when every
 * weight is exactly zero (all of them are at zero, none is larger).
 */
export function nearZeroShare(p: Params, fraction = NEAR_ZERO_FRACTION): number {
  let largest = 0, count = 0;
  for (const w of p.W) for (let i = 0; i < w.length; i++) largest = Math.max(largest, Math.abs(w[i]));
  for (const w of p.W) count += w.length;
  if (largest === 0) return 1;
  const bound = fraction * largest;
  let near = 0;
  for (const w of p.W) for (let i = 0; i < w.length; i++) if (Math.abs(w[i]) < bound) near++;
  return near / count;
}
