/**
 * The page's sweep lab: the models of `reglab sweep` (src/labs/sweep.ts) trained as the CLI trains
 * them — side by side on the GPU, in the CPU workers otherwise — then the validation curve, the heat
 * map and a table whose rows (and the map's cells) open a model as a train run. Returns the CLI's JSON.
 */
import { runSweep, summarizeSweep, sweepData, sweepModels, type SweepCell, type SweepResult, type SweepSummary } from '../labs/sweep';
import { pct } from '../present/format';
import type { RunRequest } from '../train/requests';
import type { LabData } from './data-source';
import { fieldChecked } from './field-error';
import { runSize } from '../train/estimate';
import { pageEngine } from './page-engine';
import { refuseOverAnHour } from './run-cost';
import { settingsFor } from './request';
import type { RunController } from './run-controller';
import { drawSweepHeatmap, drawValidationCurve, type CurveMeasure } from './sweep-view';

/** The last sweep's numbers, so the curve switch redraws without training again. */
let last: { summary: SweepSummary; held: string; canvas: HTMLCanvasElement } | null = null;

/** Redraw the last sweep's curve as accuracy or cross-entropy (nothing before the first sweep). */
export function redrawSweepCurve(measure: CurveMeasure): void {
  if (last) drawValidationCurve(last.canvas, last.summary, last.held, measure);
}

export interface SweepViews {
  curve: HTMLCanvasElement;
  /** What the curve shows now (the switch above it). */
  measure: () => CurveMeasure;
  heatmap: HTMLCanvasElement;
  table: HTMLTableSectionElement;
  heldHeader: HTMLElement;
  stats: HTMLElement;
}

/** The sweep's own controls, parsed: lists of numbers, a count of seeds; errors name the control. */
export interface SweepFields {
  l2s: number[];
  l1s: number[];
  keepProbs: number[];
  seeds: number;
}

/** Sweep setting errors in the page's names: λ values, λ₁ values, keep_prob values, seeds. */
const SWEEP_CONTROLS = { l2: 'sweepL2', l1: 'sweepL1', keepProb: 'sweepKeepProb', seeds: 'sweepSeeds' };

export async function sweepLab(
  run: RunController, v: SweepViews, req: RunRequest, data: LabData, f: SweepFields, open: (cell: SweepCell, seed: number) => void,
): Promise<SweepResult & { data: string }> {
  const asked = settingsFor(req);
  const count = fieldChecked(() => sweepModels(asked, { l2s: f.l2s, l1s: f.l1s, keepProbs: f.keepProbs, seeds: f.seeds }), SWEEP_CONTROLS).length;
  const base = pageEngine(asked, data.train, count); // side by side on a GPU
  const models = sweepModels(base, { l2s: f.l2s, l1s: f.l1s, keepProbs: f.keepProbs, seeds: f.seeds });
  // counted one model after another (side by side on a GPU takes less), as the CLI counts them
  refuseOverAnHour(models.map((m) => runSize(m.settings, data.train.m, data.train.features)), base, 'sweepIterations');
  const sd = fieldChecked(() => sweepData(base, data.train, data.test), SWEEP_CONTROLS);
  return run.exclusive(async () => {
    v.table.replaceChildren();
    v.stats.textContent = `sweep: ${models.length} models…`;
    const result = await runSweep(models, sd, {
      makeTrainer: (s, t) => run.makeTrainer(s, t),
      // the CPU's models train in workers: one per core, up to four at once
      cpuConcurrency: Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)),
      yieldBetweenChunks: () => run.checkpoint(),
      onProgress: (done, total) => {
        run.iteration = done;
        v.stats.textContent = `sweep: ${models.length} models, ${Math.round((100 * done) / total)} % of their iterations done`;
      },
    });
    const summary = summarizeSweep(result);
    const held = result.monitor;
    v.heldHeader.textContent = held;
    last = { summary, held, canvas: v.curve };
    drawValidationCurve(v.curve, summary, held, v.measure());
    const cellAt = drawSweepHeatmap(v.heatmap, summary, held);
    v.heatmap.onclick = (e) => {
      const r = v.heatmap.getBoundingClientRect();
      const cell = cellAt(e.clientX - r.left, e.clientY - r.top);
      if (cell) open(cell, base.seed);
    };
    for (const c of summary.cells) {
      const row = v.table.insertRow();
      if (c === summary.best) row.className = 'best';
      for (const t of [c.l1 ? `${c.l2} (λ₁ ${c.l1})` : String(c.l2), String(c.keepProb), String(c.n), c.train ? pct(c.train.mean) : '—', c.held ? pct(c.held.mean) : 'diverged']) row.insertCell().textContent = t;
      const button = Object.assign(document.createElement('button'), { textContent: 'train this', title: `train λ ${c.l2}, keep_prob ${c.keepProb} (seed ${base.seed}) and show its boundary` });
      button.addEventListener('click', () => open(c, base.seed));
      row.insertCell().append(button);
    }
    const where = result.backend === 'gpu' ? `on the GPU, ${result.modelsPerDispatch === 1 ? 'one model at a time' : 'side by side'}`
      : result.backend === 'wasm' ? 'on the CPU (fast engine)' : 'on the CPU (reference)';
    v.stats.textContent = `sweep: ${models.length} models in ${(result.wallMs / 1000).toFixed(1)} s ${where}`
      + (summary.best ? `; best ${held} accuracy ${pct(summary.best.held!.mean)} at λ ${summary.best.l2}, keep_prob ${summary.best.keepProb}` : '');
    return { ...result, data: data.source };
  });
}
