/**
 * The compare view's run: compare's models (none, L2, dropout, and augmented when asked), set up by
 * the CLI's compareRuns and trained one after another, each with its boundary map, the shared cost
 * chart and ‖W‖ bars live; then the table and, on the lesson's data with its settings, the notebook's
 * own numbers.
 */
import { hyperParams } from '../model/hyper';
import { pct } from '../present/format';
import { boundsOf } from '../train/grid';
import { compareRuns, type CompareRequest } from '../train/requests';
import type { RunResult } from '../train/run';
import { compareSeries, MODEL_COLORS, type CurvesView } from './curves-view';
import type { LabData } from './data-source';
import { notebookNote } from './lesson-preset';
import { trainLive, type LiveModel } from './live-run';
import { modelView } from './model-view';
import type { BoundaryReplay } from './replay';
import { settingsFor } from './request';
import { labelCells } from './table-cards';
import type { RunController } from './run-controller';
import { drawWeightNorms } from './weights-view';

export interface CompareViews {
  run: RunController;
  /** One map per model: none, L2, dropout, augmented. */
  boundaries: HTMLCanvasElement[];
  table: HTMLTableSectionElement;
  /** Under the table: the notebook's published numbers when the lesson's data is loaded. */
  note: HTMLElement;
  /** The bars of ‖W‖ per layer and model. */
  weights: HTMLCanvasElement;
  stats: HTMLElement;
  curves: CurvesView;
  replay: BoundaryReplay;
}

/** Every run is validated before any trains, as the CLI validates them. */
export async function compareRun(v: CompareViews, req: CompareRequest, data: LabData): Promise<{ data: string; runs: RunResult[] }> {
  settingsFor(req); // the request as the controls give it, first: a bad control is refused even where a run overrides it
  const { l2, keepProb, runs: models } = compareRuns(req, settingsFor);
  v.boundaries[3].parentElement!.hidden = !req.augmented;
  return v.run.exclusive(async () => {
    const bounds = boundsOf([data.train, data.test]);
    v.replay.clear();
    const runs: RunResult[] = [];
    const lives: (LiveModel | null)[] = models.map(() => null);
    const names = models.map((m) => m.name);
    v.curves.follow((shown) => compareSeries(names, lives, data.test !== null, shown), models[0].settings.iterations, () => lives);
    const drawNorms = () => drawWeightNorms(v.weights, models.map((m, k) => ({ label: m.name, color: MODEL_COLORS[k], norms: lives[k]?.norms ?? null })));
    drawNorms();
    v.table.replaceChildren();
    v.note.hidden = true;
    for (const [k, m] of models.entries()) {
      const draw = modelView({ canvas: v.boundaries[k], stats: v.stats, replay: v.replay }, data, bounds);
      const r = await trainLive(v.run, m.settings, data, bounds, m.name, true, (live) => {
        lives[k] = live;
        draw(live);
        v.curves.refresh();
        drawNorms();
      });
      runs.push(r);
      const row = v.table.insertRow();
      row.dataset.run = m.short;
      const term = l2Term(lives[k]);
      for (const text of [
        m.name, pct(r.train.accuracy), r.test ? pct(r.test.accuracy) : '—', r.finalCost.toFixed(4), term === null ? '—' : term.toFixed(4),
        r.train.cost.toFixed(4), r.test ? r.test.cost.toFixed(4) : '—', `${(r.wallMs / 1000).toFixed(2)} s`,
      ]) {
        row.insertCell().textContent = text;
      }
      labelCells(v.table); // a phone shows each row as a card of labelled values
    }
    v.note.textContent = notebookNote(req, data, l2, keepProb, runs);
    v.note.hidden = v.note.textContent === '';
    return { data: data.source, runs };
  });
}

/** The L2 term of the final weights, λ/(2m)·Σ‖W‖²: what L2 adds to the objective (null without L2). */
function l2Term(live: LiveModel | null): number | null {
  if (!live?.norms || live.settings.l2 <= 0) return null;
  return hyperParams(live.settings, live.trainM).lambdaOverTwoM * live.norms.reduce((a, n) => a + n * n, 0);
}
