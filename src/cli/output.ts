/** Text output of the CLI: aligned tables on stdout and a progress bar on stderr. */
import type { Progress, RunResult } from '../train/run';
import { backendLabel, fixed, ms, pct, WEIGHTS_NEAR_ZERO } from '../present/format';

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}


/** The cost log and the final accuracies of one run. */
export function formatRun(r: RunResult): string {
  const costs = table(['iteration', 'cost'], r.costs.map((c) => [String(c.iteration), fixed(c.cost, 6)]));
  const acc = table(['set', 'accuracy', 'cross-entropy'], [
    ['train', pct(r.train.accuracy), fixed(r.train.cost)],
    ...(r.test ? [['test', pct(r.test.accuracy), fixed(r.test.cost)]] : []),
  ]);
  const where = backendLabel(r, r.settings.precision);
  const es = r.earlyStopping;
  const stop = es
    ? `early stopping on the ${es.monitor} ${es.monitor === 'validation' ? 'split' : 'set'}: best cost ${fixed(es.bestCost)} at iteration ${es.bestIteration}, `
      + (es.stopped ? `stopped after iteration ${es.stopIteration}` : 'ran to the end') + `; weights of iteration ${es.bestIteration} restored\n`
    : '';
  const near = `${WEIGHTS_NEAR_ZERO}: ${pct(r.nearZeroShare)} of the weights (|w| < 1 % of the largest)\n`;
  return `${costs}\n\n${acc}\n\n${stop}${near}final cost ${fixed(r.finalCost, 6)} · ${r.costs[r.costs.length - 1].iteration + 1} iterations in ${ms(r.wallMs)}${r.setupMs !== undefined ? ` (+ ${ms(r.setupMs)} set-up)` : ''} on ${where}`;
}

/** The lesson's table: one row per run. */
export function formatCompare(runs: RunResult[]): string {
  return table(
    ['model', 'train accuracy', 'test accuracy', 'final cost', WEIGHTS_NEAR_ZERO, 'training time (s)', 'backend'],
    runs.map((r) => [
      r.name ?? '',
      pct(r.train.accuracy),
      r.test ? pct(r.test.accuracy) : '—',
      fixed(r.finalCost),
      pct(r.nearZeroShare),
      (r.wallMs / 1000).toFixed(3), // one unit for the whole column
      backendLabel(r, r.settings.precision),
    ]),
  );
}

/** A one-line progress bar on stderr, redrawn in place; silent when stderr is not a terminal. */
export function progressBar(label: string, enabled: boolean): ((p: Progress) => void) & { done(): void } {
  const tty = enabled && process.stderr.isTTY;
  let drawn = false;
  const update = (p: Progress) => {
    if (!tty) return;
    const width = 30;
    const filled = Math.round((width * p.done) / p.total);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const rate = Number.isFinite(p.iterationsPerSecond) ? `${Math.round(p.iterationsPerSecond)} it/s` : '';
    const cost = Number.isFinite(p.cost) ? ` cost ${fixed(p.cost)}` : ''; // a sweep's bar counts iterations of many models
    process.stderr.write(`\r${label} ${bar} ${p.done}/${p.total}${cost} ${rate}\x1b[K`);
    drawn = true;
  };
  return Object.assign(update, {
    done() {
      if (drawn) process.stderr.write('\r\x1b[K');
      drawn = false;
    },
  });
}
