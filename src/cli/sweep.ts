/** `reglab sweep`: many models, one per λ × keep_prob × seed, and the table of their accuracies. */
import { runSweep, summarizeSweep, sweepData, sweepModels, type SweepResult } from '../labs/sweep';
import { backendLabel, fixed, pct, WEIGHTS_NEAR_ZERO } from '../present/format';
import { loadData, settingsFrom, type TrainingFlags } from './options';
import { runSize } from '../train/estimate';
import { announceCost } from './cost';
import { autoLine, pickEngine } from './engine';
import { progressBar, table } from './output';

export interface SweepFlags extends Omit<TrainingFlags, 'l2' | 'l1' | 'keepProb'> {
  l2?: number[];
  l1?: number[];
  keepProb?: number[];
  seeds?: number;
}

export async function sweepCommand(flags: SweepFlags): Promise<void> {
  const { l2, l1, keepProb, seeds, ...rest } = flags;
  const asked = settingsFrom(rest);
  sweepModels(asked, { l2s: l2, l1s: l1, keepProbs: keepProb, seeds }); // every model validated before any work
  const data = loadData(rest);
  const sd = sweepData(asked, data.train, data.test, flags.monitor);
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
  if (flags.json) process.stdout.write(JSON.stringify({ ...result, data: data.source, ...(reason ? { backendReason: reason } : {}) }) + '\n');
  else process.stdout.write(`data: ${data.source}\n${autoLine(picked)}\n${formatSweep(result)}\n`);
}

/** One row per model (a λ₁ column when the sweep has L1), then the best (λ, λ₁, keep_prob) by mean held-out accuracy over seeds. */
export function formatSweep(r: SweepResult): string {
  const held = r.monitor;
  const withL1 = r.runs.some((run) => run.l1 !== 0);
  const rows = r.runs.map((run) => {
    const h = run[held];
    return [
      String(run.l2), ...(withL1 ? [String(run.l1)] : []), String(run.keepProb), String(run.seed),
      run.train ? pct(run.train.accuracy) : '—', h ? pct(h.accuracy) : '—',
      run.train ? fixed(run.train.cost) : '—', h ? fixed(h.cost) : '—',
      run.diverged ? 'diverged' : fixed(run.finalCost), run.nearZeroShare === null ? '—' : pct(run.nearZeroShare),
    ];
  });
  const body = table([
    'λ', ...(withL1 ? ['λ₁'] : []), 'keep_prob', 'seed', 'train accuracy', `${held} accuracy`, 'train cross-entropy', `${held} cross-entropy`,
    'final cost', WEIGHTS_NEAR_ZERO,
  ], rows);
  const { best } = summarizeSweep(r);
  const where = r.backend === 'gpu'
    ? `gpu (${r.adapter}), ${r.gpuPath} path, ${r.modelsPerDispatch === 1 ? 'one model at a time' : `up to ${r.modelsPerDispatch} models per dispatch`}`
    : `${backendLabel(r, r.settings.precision)}, one model at a time`;
  const diverged = r.runs.filter((run) => run.diverged).length;
  return `${body}\n\n`
    + (best ? `best ${held} accuracy: λ = ${best.l2}${withL1 ? `, λ₁ = ${best.l1}` : ''}, keep_prob = ${best.keepProb} — ${pct(best.held!.mean)}${best.n > 1 ? ` (mean of ${best.n} seeds)` : ''}\n` : '')
    + (diverged ? `${diverged} model${diverged > 1 ? 's' : ''} diverged (see --json for why)\n` : '')
    + `${r.runs.length} models × ${r.settings.iterations} iterations in ${(r.wallMs / 1000).toFixed(2)} s on ${where}`;
}
