/**
 * One model of a sweep, opened inside the sweep lab: its decision boundary drawn from the weights the
 * sweep trained (nothing is retrained) and its train, validation and test accuracy — so opening a model
 * never touches the main lab's settings.
 */
import type { SweepData, SweepResult, SweepSummary } from '../labs/sweep';
import type { LabelledSet } from '../model/types';
import { pct } from '../present/format';
import { CpuTrainer } from '../reference/trainer';
import { specFor } from '../train/factory';
import { boundsOf, gridPoints } from '../train/grid';
import { drawBoundary } from './boundary';

/** Grid cells per side of the model's map (as the init lab's small maps). */
const MODEL_GRID = 64;

export interface SweepModelView {
  figure: HTMLElement;
  canvas: HTMLCanvasElement;
  text: HTMLElement;
}

/** Where a click on the heat map or a row's button leads: the model of (λ, λ₁, keep_prob) with the sweep's first seed. */
export function openSweepModel(
  v: SweepModelView, result: SweepResult, sd: SweepData, test: LabelledSet | null, cell: { l2: number; l1: number; keepProb: number }, seed: number,
): void {
  const k = result.runs.findIndex((r) => r.l2 === cell.l2 && r.l1 === cell.l1 && r.keepProb === cell.keepProb && r.seed === seed);
  const run = result.runs[k];
  const params = result.params?.[k] ?? null;
  v.figure.hidden = false;
  const name = `λ ${cell.l2}${cell.l1 ? `, λ₁ ${cell.l1}` : ''}, keep_prob ${cell.keepProb}, seed ${seed}`;
  const bounds = boundsOf([sd.train, sd.validation, test]);
  if (!run || !params) {
    drawBoundary({ canvas: v.canvas, bounds, train: sd.train, test, probs: null, resolution: MODEL_GRID });
    v.text.textContent = `${name}: ${run?.diverged ? `diverged (${run.diverged})` : 'not in this sweep'}.`;
    return;
  }
  const s = result.settings;
  const t = new CpuTrainer({
    spec: specFor(s, sd.train.features), params, train: sd.train, learningRate: s.learningRate, l2: 0, keepProb: 1, dropoutRng: 'philox', dropoutSeed: 0,
  });
  const probs = t.predictSync(gridPoints(bounds, MODEL_GRID), MODEL_GRID * MODEL_GRID);
  drawBoundary({ canvas: v.canvas, bounds, train: sd.train, test, probs, resolution: MODEL_GRID });
  const acc = (e: { accuracy: number } | null) => (e ? pct(e.accuracy) : '—');
  v.text.textContent = `${name}: the sweep's own model (not retrained) — train ${acc(run.train)}, validation ${acc(run.validation)}`
    + `${run.test ? `, test ${acc(run.test)}` : ''}. Circles: the points it trained on; crosses: the test set. The main lab's settings are unchanged.`;
  v.canvas.setAttribute('aria-label', `Decision boundary of the sweep's model ${name}`);
}

/** The chosen model, said apart from the map: where it was chosen, its validation accuracy, and its test accuracy measured after choosing. */
export function chosenText(summary: SweepSummary, result: SweepResult): string {
  const b = summary.best;
  if (!b) return 'every model diverged: nothing to choose.';
  const seeds = b.n > 1 ? ` (means of ${b.n} seeds)` : '';
  const where = summary.monitor === 'validation'
    ? `the validation split (${pct(result.validationFraction ?? 0)} of the training data, held out of every model's training)`
    : 'the training set';
  return `Chosen on ${where}: λ ${b.l2}${b.l1 ? `, λ₁ ${b.l1}` : ''}, keep_prob ${b.keepProb}, ${summary.monitor} accuracy ${pct((summary.monitor === 'train' ? b.train : b.validation)!.mean)}${seeds}. `
    + (b.test ? `Its test accuracy, which played no part in the choice: ${pct(b.test.mean)}.` : 'No test set to report.');
}
