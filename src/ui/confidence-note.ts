/**
 * The note under the curves when a model's cross-entropy rises while its accuracy holds — what a
 * student sees on the lesson's dropout run (its test cross-entropy climbs while its test accuracy is
 * the best of the three) and on an unregularized model that keeps fitting noise. Accuracy counts only
 * right and wrong; cross-entropy also weighs how sure the model is, and a confident wrong answer
 * costs a lot: a model that grows surer of the few points it gets wrong has a rising cross-entropy
 * at the same accuracy.
 */
import type { CostPoint } from '../model/types';
import { pct } from '../present/format';

/** What counts as a rise: 15 % and 0.03 above the curve's lowest point; accuracy holds when it fell by less than a point. */
export const RISE = Object.freeze({ relative: 0.15, absolute: 0.03, accuracyDrop: 0.01 });

export interface ConfidenceRise {
  /** The lowest cross-entropy, its iteration, and the last one. */
  from: number;
  at: number;
  to: number;
  /** Accuracy at the lowest point and at the last. */
  accuracyFrom: number;
  accuracyTo: number;
}

/**
 * The rise of a cross-entropy curve since its lowest point while its accuracy (measured at the same
 * iterations) held, or null: no notable rise, or the accuracy fell with it.
 */
export function confidenceRise(costs: readonly CostPoint[], accuracy: readonly CostPoint[]): ConfidenceRise | null {
  if (costs.length < 3 || accuracy.length !== costs.length) return null;
  let lo = 0;
  for (let i = 1; i < costs.length; i++) if (costs[i].cost < costs[lo].cost) lo = i;
  const last = costs.length - 1;
  const from = costs[lo].cost, to = costs[last].cost;
  if (lo === last || !(to >= from * (1 + RISE.relative) && to - from >= RISE.absolute)) return null;
  const accuracyFrom = accuracy[lo].cost, accuracyTo = accuracy[last].cost;
  if (accuracyTo < accuracyFrom - RISE.accuracyDrop) return null;
  return { from, at: costs[lo].iteration, to, accuracyFrom, accuracyTo };
}

/** A model's curves as the note reads them (a LiveModel has them all). */
export interface ModelCurves {
  name: string | undefined;
  costs: CostPoint[];
  testCosts: CostPoint[];
  trainAccuracy: CostPoint[];
  testAccuracy: CostPoint[];
}

/** The note for the models shown: each rise (test first, else train), then why, in a student's words; empty when none rose. */
export function confidenceNote(models: readonly ModelCurves[]): string {
  const lines: string[] = [];
  for (const m of models) {
    for (const [set, costs, accuracy] of [['test', m.testCosts, m.testAccuracy], ['train', m.costs, m.trainAccuracy]] as const) {
      const r = confidenceRise(costs, accuracy);
      if (!r) continue;
      lines.push(`${m.name ? `${m.name}: ` : ''}${set} cross-entropy ${r.from.toFixed(3)} → ${r.to.toFixed(3)} since iteration ${r.at.toLocaleString('en')}, `
        + `${set} accuracy ${pct(r.accuracyFrom)} → ${pct(r.accuracyTo)}.`);
      break;
    }
  }
  if (!lines.length) return '';
  return `${lines.join(' ')} Cross-entropy rising while accuracy holds means over-confident mistakes: the model grew surer of itself, `
    + 'also on the few points it still gets wrong, and a wrong answer given with confidence costs a lot (at 99 % sure, −ln 0.01 ≈ 4.6; '
    + 'a coin toss costs 0.69). Accuracy only counts right and wrong.';
}
