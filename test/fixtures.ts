/** Typed access to test/fixtures/reference_vectors.json (numpy float64; see test/fixtures/README.md). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LabelledSet } from '../src/model/types';

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

export const vectors: ReferenceVectors = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/reference_vectors.json', import.meta.url)), 'utf8'),
);

export function toSet(X: number[][], Y: number[][]): LabelledSet {
  return { X: Float64Array.from(X.flat()), Y: Float64Array.from(Y.flat()), m: Y[0].length, features: X.length };
}

export const fixtureTrain = toSet(vectors.data.train_X, vectors.data.train_Y);
export const fixtureTest = toSet(vectors.data.test_X, vectors.data.test_Y);
