/** `reglab sweep`: many models, one per λ × keep_prob × seed, and the table of their accuracies. */
import { bestOf, chosenOn, runSweep, summarizeSweep, sweepData, sweepModels, type SweepResult } from '../labs/sweep';
import { backendLabel, fixed, pct, WEIGHTS_NEAR_ZERO } from '../present/format';
import { loadData, settingsFrom, type TrainingFlags } from './options';
import { runSize } from '../train/estimate';
import { announceCost } from './cost';
import { autoLine, pickEngine } from './engine';
import { progressBar, table } from './output';

export interface SweepFlags extends Omit<TrainingFlags, 'l2' | 'l1' | 'keepProb' | 'monitor'> {
  /** Where the best model is chosen: validation (default) or train; test is refused. */
  monitor?: string;
  l2?: number[];
  l1?: number[];
  keepProb?: number[];
  seeds?: number;
}

export async function sweepCommand(flags: SweepFlags): Promise<void> {
  const { l2, l1, keepProb, seeds, monitor, ...rest } = flags;
  const asked = settingsFrom(rest);
  sweepModels(asked, { l2s: l2, l1s: l1, keepProbs: keepProb, seeds }); // every model validated before any work
  const data = loadData(rest);
  const sd = sweepData(asked, data.train, data.test, monitor);
  const sizes = sweepModels(asked, { l2s: l2, l1s: l1, keepProbs: keepProb, seeds }).map((x) => runSize(x.settings, sd.train.m, sd.train.features));
  const picked = await pickEngine(asked, flags, sizes, true); // side by side on a GPU
  const { backend, reason } = picked;
  const base = { ...asked, backend };
  const models = sweepModels(base, { l2s: l2, l1s: l1, keepProbs: keepProb, seeds });
  // counted one model after another: side by side on a GPU takes less
  await announceCost(models.map((x) => runSize(x.settings, sd.train.m, sd.train.features)), base, flags.yes);
  const bar = progressBar(`sweep of ${models.length}`, flags.progress !== false);
  let result: SweepResult;
  try {
    result = await runSweep(models, sd, { onProgress: (done, total) => bar({ done, total, cost: NaN, iterationsPerSecond: NaN }) });
  } finally {
    bar.done();
  }
  if (flags.json) process.stdout.write(JSON.stringify({ ...result, best: bestOf(summarizeSweep(result)), data: data.source, ...(reason ? { backendReason: reason } : {}) }) + '\n');
  else process.stdout.write(`data: ${data.source}\n${autoLine(picked)}\n${formatSweep(result)}\n`);
}

/**
 * One row per model (a λ₁ column when the sweep has L1): accuracy and cross-entropy on the points it
 * trained on, the validation split and the test set; then the best (λ, λ₁, keep_prob) by mean
 * validation accuracy over seeds, and that choice's test accuracy beside.
 */
export function formatSweep(r: SweepResult): string {
  const withL1 = r.runs.some((run) => run.l1 !== 0);
  const withValidation = r.monitor === 'validation';
  const withTest = r.runs.some((run) => run.test);
  const sets: ('train' | 'validation' | 'test')[] = ['train', ...(withValidation ? ['validation' as const] : []), ...(withTest ? ['test' as const] : [])];
  const rows = r.runs.map((run) => [
    String(run.l2), ...(withL1 ? [String(run.l1)] : []), String(run.keepProb), String(run.seed),
    ...sets.map((set) => (run[set] ? pct(run[set]!.accuracy) : '—')),
    ...sets.map((set) => (run[set] ? fixed(run[set]!.cost) : '—')),
    run.diverged ? 'diverged' : fixed(run.finalCost), run.nearZeroShare === null ? '—' : pct(run.nearZeroShare),
  ]);
  const body = table([
    'λ', ...(withL1 ? ['λ₁'] : []), 'keep_prob', 'seed', ...sets.map((set) => `${set} accuracy`), ...sets.map((set) => `${set} cross-entropy`),
    'final cost', WEIGHTS_NEAR_ZERO,
  ], rows);
  const summary = summarizeSweep(r);
  const best = summary.best;
  const where = r.backend === 'gpu'
    ? `gpu (${r.adapter}), ${r.gpuPath} path, ${r.modelsPerDispatch === 1 ? 'one model at a time' : `up to ${r.modelsPerDispatch} models per dispatch`}`
    : `${backendLabel(r, r.settings.precision)}, one model at a time`;
  const diverged = r.runs.filter((run) => run.diverged).length;
  const seeds = best && best.n > 1 ? ` (means of ${best.n} seeds)` : '';
  const split = withValidation
    ? `models trained on ${pct(1 - (r.validationFraction ?? 0))} of the training data; the validation split is the other ${pct(r.validationFraction ?? 0)}\n`
    : 'models trained on the whole training set, chosen on it (--monitor train)\n';
  return `${body}\n\n${split}`
    + (best ? `best ${r.monitor} accuracy: λ = ${best.l2}${withL1 ? `, λ₁ = ${best.l1}` : ''}, keep_prob = ${best.keepProb} — ${r.monitor} ${pct(chosenOn(summary, best)!.mean)}`
      + `${best.test ? `, its test accuracy ${pct(best.test.mean)} (reported, not chosen on)` : ''}${seeds}\n` : '')
    + (diverged ? `${diverged} model${diverged > 1 ? 's' : ''} diverged (see --json for why)\n` : '')
    + `${r.runs.length} models × ${r.settings.iterations} iterations: training ${(r.wallMs / 1000).toFixed(2)} s, set-up ${(r.setupMs / 1000).toFixed(2)} s, on ${where}`;
}
