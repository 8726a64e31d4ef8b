/**
 * A sweep's numbers per (λ, λ₁, keep_prob): each cell's accuracies and cross-entropies over its
 * seeds (the ones that did not diverge), and the best cell — the validation curve and the heat map
 * the CLI's table and the page's sweep lab draw.
 */
import type { SweepResult } from './sweep';

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
  /** Accuracy on the training points and on the held-out set. */
  train: Spread | null;
  held: Spread | null;
  /** Cross-entropy (no dropout, no penalty terms) on the same two sets. */
  trainCost: Spread | null;
  heldCost: Spread | null;
}

export interface SweepSummary {
  l2s: number[];
  l1s: number[];
  keepProbs: number[];
  cells: SweepCell[];
  /** The cell with the best mean held-out accuracy (the first of equals, in the sweep's order). */
  best: SweepCell | null;
}

function spread(xs: number[]): Spread | null {
  if (!xs.length) return null;
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) };
}

/** The validation curve's numbers: accuracies per (λ, λ₁, keep_prob) over seeds, and the best cell. */
export function summarizeSweep(r: Pick<SweepResult, 'runs' | 'monitor'>): SweepSummary {
  const l2s = [...new Set(r.runs.map((x) => x.l2))];
  const l1s = [...new Set(r.runs.map((x) => x.l1))];
  const keepProbs = [...new Set(r.runs.map((x) => x.keepProb))];
  const cells: SweepCell[] = [];
  for (const l2 of l2s) {
    for (const l1 of l1s) {
      for (const keepProb of keepProbs) {
        const runs = r.runs.filter((x) => x.l2 === l2 && x.l1 === l1 && x.keepProb === keepProb && !x.diverged);
        cells.push({
          l2, l1, keepProb, n: runs.length,
          train: spread(runs.map((x) => x.train!.accuracy)),
          held: spread(runs.map((x) => x[r.monitor]!.accuracy)),
          trainCost: spread(runs.map((x) => x.train!.cost)),
          heldCost: spread(runs.map((x) => x[r.monitor]!.cost)),
        });
      }
    }
  }
  let best: SweepCell | null = null;
  for (const c of cells) if (c.held && (!best || c.held.mean > best.held!.mean)) best = c;
  return { l2s, l1s, keepProbs, cells, best };
}
