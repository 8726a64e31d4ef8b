/**
 * Typed access to test/fixtures/reference_vectors.json and l1_vectors.json (numpy float64; see
 * test/fixtures/README.md).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initParams } from '../src/model/init';
import { makeSpec } from '../src/model/network';
import type { LabelledSet, TrainerOptions } from '../src/model/types';

export interface CourseRun {
  settings: { dims: number[]; learning_rate: number; iterations: number; seed: number; lambd: number; keep_prob: number; mode: 'numpy' | 'philox' };
  costs_at_iteration: Record<string, number>;
  train_accuracy: number;
  test_accuracy: number;
  grads_at_iteration_0: Record<string, number[][]>;
  dropout_masks_at_iteration_0: (number[][] | null)[] | null;
  final_params: Record<string, number[][]>;
}

export interface ReferenceVectors {
  numpy_seed3_randn_50: number[];
  numpy_seed1_rand_50: number[];
  numpy_seed0_randn_3x4: number[][];
  philox4x32_10_kat: { counter: string[]; key: string[]; out: string[] }[];
  data: { train_X: number[][]; train_Y: number[][]; test_X: number[][]; test_Y: number[][] };
  init_scaled_seed3_dims_2_20_3_1: Record<string, number[][]>;
  course_model_runs: Record<string, CourseRun>;
}

const fixture = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8'));

export const vectors: ReferenceVectors = fixture('reference_vectors.json');

/** A run of the L1 fixture: the course run's fields with λ₁, and the share of final weights near zero. */
export interface L1Run extends Omit<CourseRun, 'settings'> {
  settings: CourseRun['settings'] & { lambd1: number };
  near_zero_share: number;
}

/** scripts/numpy_lesson.py --l1-fixture: the lesson's model with L1 alone and with L1 + L2 + Philox dropout. */
export const l1Vectors: { l1_runs: Record<string, L1Run> } = fixture('l1_vectors.json');

export function toSet(X: number[][], Y: number[][]): LabelledSet {
  return { X: Float64Array.from(X.flat()), Y: Float64Array.from(Y.flat()), m: Y[0].length, features: X.length };
}

export const fixtureTrain = toSet(vectors.data.train_X, vectors.data.train_Y);
export const fixtureTest = toSet(vectors.data.test_X, vectors.data.test_Y);

/** A trainer's options for an L1 run: the lesson's model from its scaled numpy init, on the fixture data. */
export function l1Options(run: L1Run): TrainerOptions {
  const s = run.settings;
  const spec = makeSpec(2, [20, 3], 'relu');
  return {
    spec, params: initParams(spec, { init: 'scaled', rng: 'numpy', seed: 3 }), train: fixtureTrain, learningRate: s.learning_rate,
    l2: s.lambd, l1: s.lambd1, keepProb: s.keep_prob, dropoutRng: s.mode, dropoutSeed: s.seed,
  };
}
