/**
 * A sweep's numbers per (λ, λ₁, keep_prob): each cell's accuracies and cross-entropies over its
 * seeds (the ones that did not diverge), and the best cell, chosen on the validation split (never on
 * the test set) — the validation curve and the heat map the CLI's table and the page's sweep lab draw.
 */
import type { SweepMonitor, SweepResult } from './sweep';

/** Mean, least and greatest of a measure over a cell's seeds. */
export interface Spread {
  mean: number;
  min: number;
  max: number;
}

/** One (λ, λ₁, keep_prob) of a sweep: its accuracies over the seeds that did not diverge. */
export interface SweepCell {
  l2: number;
  l1: number;
  keepProb: number;
  /** Seeds that trained to the end (diverged ones are left out). */
  n: number;
  /** Accuracy on the points trained on, on the validation split (null when the sweep chose on train), on the test set (null without one). */
  train: Spread | null;
  validation: Spread | null;
  test: Spread | null;
  /** Cross-entropy (no dropout, no penalty terms) on the same three sets. */
  trainCost: Spread | null;
  validationCost: Spread | null;
  testCost: Spread | null;
}

/** The chosen model: its setting, the set it was chosen on, and its mean accuracies there and on the test set. */
export interface SweepBest {
  l2: number;
  l1: number;
  keepProb: number;
  chosenOn: SweepMonitor;
  /** Seeds averaged. */
  seeds: number;
  trainAccuracy: number;
  validationAccuracy: number | null;
  /** Reported beside, never chosen on; null without a test set. */
  testAccuracy: number | null;
}

export interface SweepSummary {
  l2s: number[];
  l1s: number[];
  keepProbs: number[];
  /** The set the best cell is chosen on. */
  monitor: SweepMonitor;
  cells: SweepCell[];
  /** The cell with the best mean accuracy on `monitor` (the first of equals, in the sweep's order). */
  best: SweepCell | null;
}

function spread(xs: number[]): Spread | null {
  if (!xs.length) return null;
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) };
}

/** A cell's spread on the set its sweep chooses on. */
export const chosenOn = (s: Pick<SweepSummary, 'monitor'>, c: SweepCell): Spread | null => (s.monitor === 'train' ? c.train : c.validation);

/** The validation curve's numbers: accuracies per (λ, λ₁, keep_prob) over seeds, and the best cell (chosen on the sweep's monitor, never on test). */
export function summarizeSweep(r: Pick<SweepResult, 'runs' | 'monitor'>): SweepSummary {
  const l2s = [...new Set(r.runs.map((x) => x.l2))];
  const l1s = [...new Set(r.runs.map((x) => x.l1))];
  const keepProbs = [...new Set(r.runs.map((x) => x.keepProb))];
  const cells: SweepCell[] = [];
  for (const l2 of l2s) {
    for (const l1 of l1s) {
      for (const keepProb of keepProbs) {
        const runs = r.runs.filter((x) => x.l2 === l2 && x.l1 === l1 && x.keepProb === keepProb && !x.diverged);
        const of = (set: 'train' | 'validation' | 'test', measure: 'accuracy' | 'cost') =>
          spread(runs.flatMap((x) => (x[set] ? [x[set]![measure]] : [])));
        cells.push({
          l2, l1, keepProb, n: runs.length,
          train: of('train', 'accuracy'), validation: of('validation', 'accuracy'), test: of('test', 'accuracy'),
          trainCost: of('train', 'cost'), validationCost: of('validation', 'cost'), testCost: of('test', 'cost'),
        });
      }
    }
  }
  const s = { l2s, l1s, keepProbs, monitor: r.monitor, cells, best: null as SweepCell | null };
  for (const c of cells) if (chosenOn(s, c) && (!s.best || chosenOn(s, c)!.mean > chosenOn(s, s.best)!.mean)) s.best = c;
  return s;
}

/** What `reglab sweep --json` says of its choice: the setting, where it was chosen, its validation and test accuracy. */
export function bestOf(s: SweepSummary): SweepBest | null {
  const b = s.best;
  if (!b) return null;
  return {
    l2: b.l2, l1: b.l1, keepProb: b.keepProb, chosenOn: s.monitor, seeds: b.n, trainAccuracy: b.train!.mean,
    validationAccuracy: b.validation?.mean ?? null, testAccuracy: b.test?.mean ?? null,
  };
}
