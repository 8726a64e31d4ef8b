/**
 * The lesson's classic slips, recognized from how an output differs: an L2 term without the ½ or
 * without / m, a mask without the 1/keep_prob scale, a mask left out, a backward pass that forgets
 * the mask. Each returns a sentence naming the missing step, or null when the difference is not one
 * of them (the grader then says only where the output differs).
 */
import { NDArray } from './np';
import { newSandbox } from './compile';
import type { JsExerciseName } from './test-cases';

/** got / expected where expected is not 0, when that ratio is one number throughout (to 1e-6); else null. */
function commonRatio(got: NDArray, expected: NDArray): number | null {
  let r: number | null = null;
  for (let i = 0; i < expected.size; i++) {
    const e = expected.data[i];
    if (Math.abs(e) < 1e-12) continue;
    const q = got.data[i] / e;
    if (!Number.isFinite(q)) return null;
    if (r === null) r = q;
    else if (Math.abs(q - r) > 1e-6 * Math.max(1, Math.abs(r))) return null;
  }
  return r;
}

const near = (x: number, y: number) => Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(y));

/** Entries that are 0 in expected but not in got: units a mask should have shut down. */
function unmasked(got: NDArray, expected: NDArray): number {
  let n = 0;
  for (let i = 0; i < expected.size; i++) if (expected.data[i] === 0 && Math.abs(got.data[i]) > 1e-12) n++;
  return n;
}

/** The same array with the entries that are 0 in `like` set to 0 (to judge the kept units alone). */
function keptOnly(got: NDArray, like: NDArray): NDArray {
  return new NDArray(got.rows, got.cols, got.data.map((v, i) => (like.data[i] === 0 ? 0 : v)));
}

function costSlip(expected: number, got: number, args: unknown[]): string | null {
  const [A3, Y, , lambd] = args as [NDArray, NDArray, unknown, number];
  const m = Y.cols;
  const ce = newSandbox().utils.compute_cost(A3, Y);
  const want = expected - ce, have = got - ce;
  if (Math.abs(have) < 1e-12) return `The L2 term is 0: blank 1 should compute (1/m)·(λ/2)·Σ‖W‖² (lambd = ${lambd}).`;
  const r = have / want;
  if (near(r, 2)) return 'The L2 term is twice what it should be: the ½ of (λ/2) is missing.';
  if (near(r, m)) return `The L2 term is m = ${m} times too large: divide by m.`;
  if (near(r, 2 * m)) return `The L2 term is 2m = ${2 * m} times too large: both the ½ and the / m are missing.`;
  if (near(r, 0.5)) return 'The L2 term is half what it should be: (λ/2), not (λ/4).';
  return null;
}

/** dW_l = base + (λ/m)·W_l: how many (λ/m)·W_l the student added. */
function regGradientSlip(key: string, expected: NDArray, got: NDArray, args: unknown[]): string | null {
  const [X, , cache, lambd] = args as [NDArray, unknown, NDArray[], number];
  const W = cache[{ dW1: 2, dW2: 6, dW3: 10 }[key as 'dW1'] ?? -1];
  if (!W || !key.startsWith('dW')) return null;
  const m = X.cols;
  const term = W.mul(lambd / m);
  const r = commonRatio(got.sub(expected.sub(term)), term);
  const l = key.slice(2);
  if (r === null) return null;
  if (near(r, 0)) return `${key} has no L2 term: add (lambd / m)·W${l}, the derivative of (λ/2m)·‖W${l}‖².`;
  if (near(r, m)) return `${key}'s L2 term is λ·W${l}: divide it by m.`;
  if (near(r, 2)) return `${key}'s L2 term is twice (λ/m)·W${l}: the ½ in the cost cancels the 2 of the square.`;
  return null;
}

function maskSlip(key: string, expected: NDArray, got: NDArray, keepProb: number, forward: boolean): string | null {
  const layer = key.slice(-1);
  const open = unmasked(got, expected);
  const r = commonRatio(keptOnly(got, expected), expected);
  const scale = r !== null && near(r, keepProb) ? 'not divided by keep_prob' : r !== null && near(r, 1) ? 'scaled right' : null;
  if (forward) {
    if (open && scale === 'not divided by keep_prob') return `A${layer} has neither the mask nor the scale: A${layer} = A${layer}.mul(D${layer}).div(keep_prob).`;
    if (open) return `A${layer} keeps units that D${layer} shuts down: multiply by D${layer}.`;
    if (scale === 'not divided by keep_prob') return `The units that stay are keep_prob times too small: divide A${layer} by keep_prob (inverted dropout keeps A's expected value).`;
    return null;
  }
  if (open && scale === 'scaled right') return `dA${layer} is not 0 where D${layer} shut the unit down: multiply by D${layer}, the forward pass's mask.`;
  if (open) return `dA${layer} has neither the forward pass's mask nor its scale: dA${layer}.mul(D${layer}).div(keep_prob).`;
  if (scale === 'not divided by keep_prob') return `dA${layer} is not divided by keep_prob, as the forward pass divided A${layer}.`;
  return null;
}

function drawSlip(key: string, expected: NDArray, got: NDArray): string | null {
  const layer = key.slice(-1);
  const binary = Array.from(got.data).every((v) => v === 0 || v === 1);
  if (!binary) return `${key} is not a 1/0 mask: keep a unit where the random number is < keep_prob (D${layer}.lt(keep_prob).astype("int64")).`;
  if (Array.from(got.data).every((v, i) => v === 1 - expected.data[i])) return `${key} is the opposite mask: a unit stays where rand < keep_prob.`;
  return `${key} is not the notebook's draw: draw it with np.random.rand(A${layer}.shape[0], A${layer}.shape[1]) right after A${layer} = relu(Z${layer}), after np.random.seed(1) — the order of draws matters.`;
}

export function diagnose(name: JsExerciseName, key: string, expected: unknown, got: unknown, args: unknown[]): string | null {
  if (name === 'compute_cost_with_regularization') {
    const g = got instanceof NDArray && got.size === 1 ? got.item() : got;
    return typeof g === 'number' && typeof expected === 'number' ? costSlip(expected, g, args) : null;
  }
  if (!(expected instanceof NDArray) || !(got instanceof NDArray) || got.rows !== expected.rows || got.cols !== expected.cols) return null;
  switch (name) {
    case 'backward_propagation_with_regularization':
      return regGradientSlip(key, expected, got, args);
    case 'forward_propagation_with_dropout':
      if (key === 'D1' || key === 'D2') return drawSlip(key, expected, got);
      return key === 'A1' || key === 'A2' ? maskSlip(key, expected, got, args[2] as number, true) : null;
    case 'backward_propagation_with_dropout':
      return key === 'dA1' || key === 'dA2' ? maskSlip(key, expected, got, args[3] as number, false) : null;
  }
}
