/**
 * The page's sweep lab: the models of `reglab sweep` (src/labs/sweep.ts) trained as the CLI trains
 * them — side by side on the GPU, in the CPU workers otherwise — each on the training data less a
 * validation split, then the validation curve, the heat map of validation accuracy with the chosen
 * cell outlined, the chosen model's test accuracy said apart, and a table whose rows (and the map's
 * cells) open a model inside the lab (src/ui/sweep-model.ts): the main lab's settings never change.
 * Returns the CLI's JSON.
 */
import { bestOf, runSweep, summarizeSweep, sweepData, sweepModels, type SweepCell, type SweepResult, type SweepSummary } from '../labs/sweep';
import { pct } from '../present/format';
import type { RunRequest } from '../train/requests';
import type { LabData } from './data-source';
import { fieldChecked } from './field-error';
import { runSize } from '../train/estimate';
import { pageEngine } from './page-engine';
import { refuseOverAnHour } from './run-cost';
import { settingsFor } from './request';
import type { RunController } from './run-controller';
import { chosenText, openSweepModel, type SweepModelView } from './sweep-model';
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
  /** The chosen model and its test accuracy, said apart from the map. */
  chosen: HTMLElement;
  /** Where a model of the sweep opens. */
  model: SweepModelView;
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
  run: RunController, v: SweepViews, req: RunRequest, data: LabData, f: SweepFields,
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
    v.chosen.textContent = '';
    v.model.figure.hidden = true;
    v.stats.textContent = `sweep: ${models.length} models…`;
    const pausedBefore = run.pausedMs;
    const result = await runSweep(models, sd, {
      keepParams: true, // a model opened in the lab is drawn from its own weights
      makeTrainer: (s, t) => run.makeTrainer(s, t),
      // the CPU's models train in workers: one per core, up to four at once
      cpuConcurrency: Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)),
      yieldBetweenChunks: () => run.checkpoint(),
      onProgress: (done, total) => {
        run.iteration = done;
        v.stats.textContent = `sweep: ${models.length} models, ${Math.round((100 * done) / total)} % of their iterations done`;
      },
    });
    // training time as every command counts it (src/train/timing.ts): time spent paused is not training
    result.wallMs = Math.max(0, result.wallMs - (run.pausedMs - pausedBefore));
    const summary = summarizeSweep(result);
    const held = result.monitor;
    last = { summary, held, canvas: v.curve };
    drawValidationCurve(v.curve, summary, held, v.measure());
    const cellAt = drawSweepHeatmap(v.heatmap, summary, held);
    v.chosen.textContent = chosenText(summary, result);
    const open = (cell: SweepCell) => {
      openSweepModel(v.model, result, sd, data.test, cell, base.seed);
      drawSweepHeatmap(v.heatmap, summary, held, cell);
    };
    v.heatmap.onclick = (e) => {
      const r = v.heatmap.getBoundingClientRect();
      const cell = cellAt(e.clientX - r.left, e.clientY - r.top);
      if (cell) open(cell);
    };
    for (const c of summary.cells) {
      const row = v.table.insertRow();
      if (c === summary.best) row.className = 'best';
      const cells = [c.train, c.validation, c.test].map((x) => (x ? pct(x.mean) : c.n ? '—' : 'diverged'));
      for (const t of [c.l1 ? `${c.l2} (λ₁ ${c.l1})` : String(c.l2), String(c.keepProb), String(c.n), ...cells]) row.insertCell().textContent = t;
      const button = Object.assign(document.createElement('button'), { textContent: 'show this model', title: `show the sweep's model λ ${c.l2}, keep_prob ${c.keepProb} (seed ${base.seed}): its boundary and accuracies, here` });
      button.addEventListener('click', () => open(c));
      row.insertCell().append(button);
    }
    const where = result.backend === 'gpu' ? `on the GPU, ${result.modelsPerDispatch === 1 ? 'one model at a time' : 'side by side'}`
      : result.backend === 'wasm' ? 'on the CPU (fast engine)' : 'on the CPU (reference)';
    const b = bestOf(summary);
    v.stats.textContent = `sweep: ${models.length} models trained in ${(result.wallMs / 1000).toFixed(1)} s (+ ${(result.setupMs / 1000).toFixed(1)} s set-up) ${where}`
      + (b ? `; chosen on ${held}: λ ${b.l2}, keep_prob ${b.keepProb} (${held} ${pct(b.validationAccuracy ?? b.trainAccuracy)}${b.testAccuracy !== null ? `, test ${pct(b.testAccuracy)}` : ''})` : '');
    const { params: _weights, ...json } = result; // the weights stay in the page; the JSON is the CLI's
    return { ...json, best: b, data: data.source };
  });
}
