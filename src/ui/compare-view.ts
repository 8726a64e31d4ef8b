/**
 * The compare view's run: compare's models (none, L2, dropout, and L1 and augmented when asked), set
 * up by the CLI's compareRuns and trained one after another, each with its boundary map and network
 * view, the shared cost chart, ‖W‖ bars and weight histograms live; then the table (with each model's
 * share of weights near zero) and, on the lesson's data with its settings, the notebook's own numbers.
 */
import { hyperParams } from '../model/hyper';
import { pct, WEIGHTS_NEAR_ZERO } from '../present/format';
import { boundsOf } from '../train/grid';
import { compareRuns, type CompareModel, type CompareRequest } from '../train/requests';
import type { RunResult } from '../train/run';
import { compareSeries, MODEL_COLORS, type CurvesView } from './curves-view';
import type { LabData } from './data-source';
import { fieldChecked } from './field-error';
import { notebookNote } from './lesson-preset';
import { trainLive, type LiveModel } from './live-run';
import { modelView } from './model-view';
import type { NetworkFigure } from './network-figure';
import type { BoundaryReplay } from './replay';
import { runSize } from '../train/estimate';
import { pageEngine } from './page-engine';
import { refuseOverAnHour } from './run-cost';
import { settingsFor } from './request';
import { labelCells } from './table-cards';
import type { RunController } from './run-controller';
import type { RunRecord } from './run-record';
import { drawWeightNorms } from './weights-view';

export interface CompareViews {
  run: RunController;
  /** One map per model that compare can train (those a run leaves out are hidden). */
  boundaries: Record<CompareModel, HTMLCanvasElement>;
  table: HTMLTableSectionElement;
  /** Under the table: the notebook's published numbers when the lesson's data is loaded. */
  note: HTMLElement;
  /** The bars of ‖W‖ per layer and model. */
  weights: HTMLCanvasElement;
  stats: HTMLElement;
  curves: CurvesView;
  replay: BoundaryReplay;
  network: NetworkFigure;
  /** The finished run, kept for the downloads. */
  record: RunRecord;
}

/** The table's column of each model's share of weights near zero, before its training time: added once, headed as the CLI heads it. */
export function addNearZeroColumn(table: HTMLTableElement): void {
  const head = table.tHead!.rows[0];
  const th = document.createElement('th');
  th.textContent = WEIGHTS_NEAR_ZERO;
  th.title = 'share of the weights with |w| under 1 % of the model\'s largest |w|: what L1 drives to zero';
  head.insertBefore(th, head.cells[head.cells.length - 1]);
}

/** Every run is validated before any trains, as the CLI validates them. */
export async function compareRun(v: CompareViews, req: CompareRequest, data: LabData): Promise<{ data: string; runs: RunResult[] }> {
  settingsFor(req); // the request as the controls give it, first: a bad control is refused even where a run overrides it
  const asked = fieldChecked(() => compareRuns(req, settingsFor));
  const { l2, keepProb } = asked;
  // one after another, each a single network: the engine rule's choice for each (page-engine.ts)
  const models = asked.runs.map((m) => ({ ...m, settings: pageEngine(m.settings, data.train) }));
  refuseOverAnHour(models.map((m) => runSize(m.settings, data.train.m, data.train.features)), models[0].settings);
  for (const [short, canvas] of Object.entries(v.boundaries)) canvas.parentElement!.hidden = !models.some((m) => m.short === short);
  return v.run.exclusive(async () => {
    const bounds = boundsOf([data.train, data.test]);
    v.replay.clear();
    v.record.set(null);
    const runs: RunResult[] = [];
    const lives: (LiveModel | null)[] = models.map(() => null);
    const names = models.map((m) => m.name);
    v.curves.follow((shown) => compareSeries(names, lives, data.test !== null, shown), models[0].settings.iterations, () => lives);
    const drawNorms = () => drawWeightNorms(v.weights, models.map((m, k) => ({ label: m.name, color: MODEL_COLORS[k], norms: lives[k]?.norms ?? null })));
    drawNorms();
    v.table.replaceChildren();
    v.note.hidden = true;
    v.network.begin(models.map((m, k) => ({ name: m.name, color: MODEL_COLORS[k] })));
    for (const [k, m] of models.entries()) {
      const draw = modelView({ canvas: v.boundaries[m.short], stats: v.stats, replay: v.replay }, data, bounds);
      const r = await trainLive(v.run, m.settings, data, bounds, m.name, true, (live) => {
        lives[k] = live;
        draw(live);
        v.curves.refresh();
        drawNorms();
        v.network.update(k, live);
      });
      runs.push(r);
      const row = v.table.insertRow();
      row.dataset.run = m.short;
      const term = l2Term(lives[k]);
      for (const text of [
        m.name, pct(r.train.accuracy), r.test ? pct(r.test.accuracy) : '—', r.finalCost.toFixed(4), term === null ? '—' : term.toFixed(4),
        r.train.cost.toFixed(4), r.test ? r.test.cost.toFixed(4) : '—', pct(r.nearZeroShare), `${(r.wallMs / 1000).toFixed(2)} s`,
      ]) {
        row.insertCell().textContent = text;
      }
      labelCells(v.table); // a phone shows each row as a card of labelled values
    }
    v.note.textContent = notebookNote(req, data, l2, keepProb, runs);
    v.note.hidden = v.note.textContent === '';
    const json = { data: data.source, runs };
    v.record.set({ kind: 'compare', json, data, models: models.map((m, k) => ({ name: m.name, short: m.short, live: lives[k]! })) });
    return json;
  });
}

/** The L2 term of the final weights, λ/(2m)·Σ‖W‖²: what L2 adds to the objective (null without L2). */
function l2Term(live: LiveModel | null): number | null {
  if (!live?.norms || live.settings.l2 <= 0) return null;
  return hyperParams(live.settings, live.trainM).lambdaOverTwoM * live.norms.reduce((a, n) => a + n * n, 0);
}
