/** Holding out part of a training set (the validation split of early stopping), seeded and reproducible. */
import { NumpyRandom } from '../rng/mt19937';
import type { LabelledSet } from '../model/types';

export function subset(set: LabelledSet, idx: number[]): LabelledSet {
  const m = idx.length;
  const X = new Float64Array(set.features * m);
  const Y = new Float64Array(m);
  idx.forEach((j, k) => {
    for (let f = 0; f < set.features; f++) X[f * m + k] = set.X[f * set.m + j];
    Y[k] = set.Y[j];
  });
  return { X, Y, m, features: set.features };
}

/** How many of m examples a validation split of `fraction` holds out: ⌈fraction·m⌉, at least 1, leaving at least 1. */
export function validationCount(m: number, fraction: number): number {
  return Math.min(m - 1, Math.max(1, Math.ceil(fraction * m)));
}

/** A seeded shuffle, then the last ⌈fraction·m⌉ examples (at least 1, leaving at least 1) are the validation split. */
export function splitValidation(set: LabelledSet, fraction: number, seed: number): { train: LabelledSet; validation: LabelledSet } {
  if (set.m < 2) throw new RangeError(`validationFraction: a training set of ${set.m} example cannot be split`);
  const idx = Array.from({ length: set.m }, (_, j) => j);
  const rng = new NumpyRandom(seed);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rng.rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const nVal = validationCount(set.m, fraction);
  return { train: subset(set, idx.slice(0, set.m - nVal)), validation: subset(set, idx.slice(set.m - nVal)) };
}
