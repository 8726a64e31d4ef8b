/**
 * Grading one function on its test case: what it returned, laid out as the notebook's named outputs
 * (cost; A3 and the masks; the gradients), compared with the solution's on the same case — shapes
 * exactly, values to 1e-7 (|got − expected| ≤ 1e-7·max(1, |expected|), NaN never equal), as the
 * notebook's 8-decimal expected outputs allow. A mismatch names the first output that differs,
 * where, and — for the lesson's classic slips — which step is missing (diagnose.ts).
 */
import { NDArray } from './np';
import { diagnose } from './diagnose';
import type { JsExerciseName } from './test-cases';

export const TOLERANCE = 1e-7;

/** An output as it crosses to the page: a number, an array (shape and rows), or what it was instead. */
export type Shown = number | { shape: [number, number]; values: number[][] } | { other: string };

export interface CheckResult {
  passed: boolean;
  message: string;
  expected?: Record<string, Shown>;
  got?: Record<string, Shown>;
  /** The student's line of an error, where known. */
  line?: number;
  /** What the code printed with print(…). */
  output?: string[];
}

type Outputs = Map<string, unknown>;

/** The gradients every backward pass returns, in the order a difference is reported (the chain's). */
const GRADS = ['dZ3', 'dW3', 'db3', 'dA2', 'dZ2', 'dW2', 'db2', 'dA1', 'dZ1', 'dW1', 'db1'];

/** A function's return value as named outputs, or a message saying what it should have returned. */
export function outputsOf(name: JsExerciseName, value: unknown): Outputs | string {
  const out: Outputs = new Map();
  switch (name) {
    case 'compute_cost_with_regularization':
      out.set('cost', value);
      return out;
    case 'forward_propagation_with_dropout': {
      if (!Array.isArray(value) || value.length !== 2 || !Array.isArray(value[1])) {
        return `forward_propagation_with_dropout must return [A3, cache] (the notebook's tuple), got ${describe(value)}`;
      }
      const [A3, cache] = value as [unknown, unknown[]];
      if (cache.length !== 14) return `cache must hold the 14 arrays (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3), got ${cache.length}`;
      // upstream first: a wrong D1 or A1 explains everything after it
      for (const [k, i] of [['D1', 1], ['A1', 2], ['D2', 6], ['A2', 7]] as const) out.set(k, cache[i]);
      out.set('A3', A3);
      return out;
    }
    default: {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof NDArray) {
        return `${name} must return the gradients as an object { dZ3, dW3, db3, … }, got ${describe(value)}`;
      }
      const grads = value as Record<string, unknown>;
      const missing = GRADS.filter((k) => !(k in grads));
      if (missing.length) return `the gradients have no ${missing.join(', ')}: return { ${GRADS.join(', ')} } as the skeleton does`;
      for (const k of GRADS) out.set(k, grads[k]);
      return out;
    }
  }
}

function describe(v: unknown): string {
  if (v instanceof NDArray) return `an array of shape (${v.rows},${v.cols})`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v === null) return 'null';
  if (typeof v === 'number') return String(v);
  return typeof v;
}

/** An output for the page. */
export function shown(v: unknown): Shown {
  if (typeof v === 'number') return v;
  if (v instanceof NDArray) return { shape: v.shape, values: v.tolist() };
  return { other: describe(v) };
}

const close = (g: number, e: number) => Math.abs(g - e) <= TOLERANCE * Math.max(1, Math.abs(e));
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(10)).toString());

/** Why `got` is not `expected` (one output), or null when it matches. */
export function difference(key: string, expected: unknown, got: unknown): string | null {
  if (typeof expected === 'number') {
    const g = got instanceof NDArray && got.size === 1 ? got.item() : got;
    if (typeof g !== 'number') return `${key} should be a number, got ${describe(got)}`;
    return close(g, expected) ? null : `${key} differs: expected ${fmt(expected)}, got ${fmt(g)}`;
  }
  const e = expected as NDArray;
  if (!(got instanceof NDArray)) return `${key} should be an array of shape (${e.rows},${e.cols}), got ${describe(got)}`;
  if (got.rows !== e.rows || got.cols !== e.cols) return `${key} has shape (${got.rows},${got.cols}), expected (${e.rows},${e.cols})`;
  let first = -1, count = 0;
  for (let i = 0; i < e.size; i++) {
    if (!close(got.data[i], e.data[i])) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (first < 0) return null;
  const [r, c] = [Math.floor(first / e.cols), first % e.cols];
  return `${key} differs at [${r}, ${c}]: expected ${fmt(e.data[first])}, got ${fmt(got.data[first])}`
    + (count > 1 ? ` (${count} of its ${e.size} values differ)` : '');
}

/** Compare a function's outputs with the solution's on the same test case. */
export function grade(name: JsExerciseName, expectedValue: unknown, gotValue: unknown, args: unknown[]): CheckResult {
  const expected = outputsOf(name, expectedValue);
  if (typeof expected === 'string') throw new Error(`the solution of ${name}: ${expected}`);
  const got = outputsOf(name, gotValue);
  const expectedShown = Object.fromEntries([...expected].map(([k, v]) => [k, shown(v)]));
  if (typeof got === 'string') return { passed: false, message: got, expected: expectedShown };
  const gotShown = Object.fromEntries([...got].map(([k, v]) => [k, shown(v)]));
  for (const [key, e] of expected) {
    const why = difference(key, e, got.get(key));
    if (why) {
      const hint = diagnose(name, key, e, got.get(key), args);
      return { passed: false, message: hint ? `${why}. ${hint}` : why, expected: expectedShown, got: gotShown };
    }
  }
  const keys = [...expected.keys()];
  return {
    passed: true, expected: expectedShown, got: gotShown,
    message: keys.length === 1 ? `passed: ${keys[0]} matches the expected output (to 1e-7)`
      : `passed: ${keys.join(', ')} match the expected outputs (shapes, and values to 1e-7)`,
  };
}
