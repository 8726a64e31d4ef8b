/**
 * Seeded 2-D binary data sets. Each generator draws `size` points from numpy's MT19937 stream
 * (so a seed gives the same points on every machine and in the page), then `splitSet` shuffles
 * and splits off a test set. `noise` is the standard deviation of Gaussian jitter added to each
 * coordinate (for `gaussians`, the spread of each blob).
 */
import { SettingsError } from '../model/settings';
import { NumpyRandom } from '../rng/mt19937';
import type { LabelledSet } from '../model/types';

export const DATASETS = ['circles', 'moons', 'xor', 'gaussians', 'spiral'] as const;
export type DatasetName = (typeof DATASETS)[number];

/** Point count limit, so a typo does not allocate gigabytes. */
export const MAX_DATASET_SIZE = 1 << 22;

export interface DatasetOptions {
  name: DatasetName;
  /** Total points, train + test. */
  size: number;
  noise: number;
  seed: number;
  /** Fraction of the points held out as the test set, in [0, 1). */
  testFraction: number;
}

export const DEFAULT_DATASET: Readonly<DatasetOptions> = Object.freeze({
  name: 'moons', size: 400, noise: 0.2, seed: 1, testFraction: 0.5,
});

type Point = [number, number, 0 | 1];

function generatePoints(o: DatasetOptions, rng: NumpyRandom): Point[] {
  const pts: Point[] = [];
  const jitter = () => o.noise * rng.randn();
  for (let i = 0; i < o.size; i++) {
    const label = (i % 2) as 0 | 1;
    switch (o.name) {
      case 'circles': {
        const t = 2 * Math.PI * rng.rand();
        const r = label === 1 ? 0.5 : 1;
        pts.push([r * Math.cos(t) + jitter(), r * Math.sin(t) + jitter(), label]);
        break;
      }
      case 'moons': {
        const t = Math.PI * rng.rand();
        if (label === 0) pts.push([Math.cos(t) + jitter(), Math.sin(t) + jitter(), 0]);
        else pts.push([1 - Math.cos(t) + jitter(), 0.5 - Math.sin(t) + jitter(), 1]);
        break;
      }
      case 'xor': {
        const a = 2 * rng.rand() - 1;
        const b = 2 * rng.rand() - 1;
        pts.push([a + jitter(), b + jitter(), a * b > 0 ? 1 : 0]);
        break;
      }
      case 'gaussians': {
        const c = label === 1 ? 1 : -1;
        const s = o.noise > 0 ? o.noise : 0.5;
        pts.push([c + s * rng.randn(), c + s * rng.randn(), label]);
        break;
      }
      case 'spiral': {
        const t = 0.25 + 3.5 * Math.PI * rng.rand();
        const r = t / (3.75 * Math.PI);
        const phase = label === 1 ? Math.PI : 0;
        pts.push([r * Math.cos(t + phase) + jitter(), r * Math.sin(t + phase) + jitter(), label]);
        break;
      }
    }
  }
  return pts;
}

function toSet(pts: Point[]): LabelledSet {
  const m = pts.length;
  const X = new Float64Array(2 * m);
  const Y = new Float64Array(m);
  pts.forEach(([a, b, y], j) => {
    X[j] = a;
    X[m + j] = b;
    Y[j] = y;
  });
  return { X, Y, m, features: 2 };
}

export interface Split {
  train: LabelledSet;
  test: LabelledSet | null;
}

export function validateDatasetOptions(o: DatasetOptions): void {
  if (!DATASETS.includes(o.name)) throw new SettingsError('dataset', `must be one of ${DATASETS.join(', ')}, got ${JSON.stringify(o.name)}`);
  if (!Number.isInteger(o.size) || o.size < 4 || o.size > MAX_DATASET_SIZE) {
    throw new SettingsError('size', `must be an integer in [4, ${MAX_DATASET_SIZE}], got ${o.size}`);
  }
  if (!Number.isFinite(o.noise) || o.noise < 0) throw new SettingsError('noise', `must be a finite number >= 0, got ${o.noise}`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw new SettingsError('dataSeed', `must be an integer in [0, 4294967295], got ${o.seed}`);
  if (!Number.isFinite(o.testFraction) || o.testFraction < 0 || o.testFraction >= 1) {
    throw new SettingsError('testFraction', `must be in [0, 1), got ${o.testFraction}`);
  }
}

/** Generate a data set and split it into train and test (Fisher–Yates shuffle from the same stream). */
export function generateDataset(o: DatasetOptions): Split {
  validateDatasetOptions(o);
  const rng = new NumpyRandom(o.seed);
  const pts = generatePoints(o, rng);
  for (let i = pts.length - 1; i > 0; i--) {
    const j = Math.floor(rng.rand() * (i + 1));
    [pts[i], pts[j]] = [pts[j], pts[i]];
  }
  const nTest = Math.round(pts.length * o.testFraction);
  const nTrain = pts.length - nTest;
  const train = pts.slice(0, nTrain);
  const test = pts.slice(nTrain);
  // Both classes must appear in training data (a shuffle of alternating labels makes this near-certain).
  return { train: toSet(train), test: test.length > 0 ? toSet(test) : null };
}
