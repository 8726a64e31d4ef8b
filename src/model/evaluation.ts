/**
 * The rules every trainer applies to what it computes, so the CPU reference, the fast CPU engine
 * and the GPU report alike: which iterations a run() returns (and the CPU trainers' run loop), and
 * how accuracy and cost are read from an inference.
 */
import type { CostPoint, Evaluation } from './types';

/**
 * Whether run() reports iteration t of a run ending at `last`: every `logEvery`-th, the last, and a
 * cost that is not finite (where the run stops: a diverged run is never trained on).
 */
export function isLogged(t: number, logEvery: number, last: number, cost: number): boolean {
  return t % logEvery === 0 || t === last || !Number.isFinite(cost);
}

/**
 * A CPU trainer's run(): `step(t)` does iteration t and returns its cost; the logged costs come
 * back, and a cost that is not finite ends the run there.
 */
export function runSteps(start: number, count: number, logEvery: number, step: (t: number) => number): CostPoint[] {
  const out: CostPoint[] = [];
  const last = start + count - 1;
  for (let t = start; t <= last; t++) {
    const cost = step(t);
    if (isLogged(t, logEvery, last, cost)) {
      out.push({ iteration: t, cost });
      if (!Number.isFinite(cost)) break;
    }
  }
  return out;
}

/** max(z, 0) − z·y + log(1 + e^−|z|): the cross-entropy of a sigmoid output from its logit, stable for any z. */
export function crossEntropyOfLogit(z: number, y: number): number {
  return (z > 0 ? z : 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * Accuracy (P > 0.5 against the label) and mean cross-entropy of an inference without dropout;
 * `crossEntropy` is the float64 formula unless a trainer rounds it its own way.
 */
export function evaluation(
  logits: ArrayLike<number>, probs: ArrayLike<number>, Y: ArrayLike<number>, m: number,
  crossEntropy: (z: number, y: number) => number = crossEntropyOfLogit,
): Evaluation {
  let correct = 0, sum = 0;
  for (let j = 0; j < m; j++) {
    if ((probs[j] > 0.5 ? 1 : 0) === Y[j]) correct++;
    sum += crossEntropy(logits[j], Y[j]);
  }
  return { accuracy: correct / m, cost: sum / m };
}
