/**
 * The page's labs beyond train/compare — initialization, vanishing gradients, loss landscape,
 * gradient check — driving the same functions as the CLI (src/train/, src/reference/) and returning
 * the CLI's JSON. Trainers come from the run controller, so the CPU runs in a worker and a stop ends it.
 */
import { INITS, type TrainSettings } from '../model/settings';
import type { GradCheckResult } from '../labs/gradcheck';
import { boundsOf, predictGrid } from '../train/grid';
import { deepLayers, gradientTrace, type GradientTrace } from '../labs/gradients';
import { initCompare } from '../labs/init-compare';
import { landscape, LANDSCAPE_MAX_GRID, type LandscapeResult } from '../labs/landscape';
import type { RunRequest } from '../train/requests';
import type { RunResult } from '../train/run';
import { drawBoundary } from './boundary';
import { depthColors, drawCosts, PALETTE } from './chart';
import type { LabData } from './data-source';
import { FieldError, fieldChecked } from './field-error';
import { runSize } from '../train/estimate';
import { pageEngine } from './page-engine';
import { refuseOverAnHour } from './run-cost';
import { settingsFor } from './request';
import type { RunController } from './run-controller';
import { drawGradientHeatmap, drawLandscape } from './labs-view';
import { gradcheckLines, pct, verdict } from '../present/format';

export interface LessonViews {
  initBoundaries: HTMLCanvasElement[];
  initTable: HTMLTableSectionElement;
  costs: HTMLCanvasElement;
  heatmap: HTMLCanvasElement;
  landscape: HTMLCanvasElement;
  text: HTMLElement;
  stats: HTMLElement;
}

const COLORS = [PALETTE.black, PALETTE.orange, PALETTE.sky, PALETTE.green, PALETTE.blue, PALETTE.vermillion, PALETTE.purple, '#777'];

export async function initLab(run: RunController, v: LessonViews, req: RunRequest, data: LabData): Promise<{ data: string; runs: RunResult[] }> {
  const settings = pageEngine(settingsFor(req), data.train);
  refuseOverAnHour(INITS.map(() => runSize(settings, data.train.m, data.train.features)), settings);
  return run.exclusive(async () => {
    const bounds = boundsOf([data.train, data.test]);
    v.initTable.replaceChildren();
    let k = 0;
    const runs = await initCompare(settings, data.train, data.test, INITS, undefined, (s, t) => run.makeTrainer(s, t), async (trainer, r) => {
      v.stats.textContent = `initialization lab: ${r.name} done`;
      drawBoundary({ canvas: v.initBoundaries[k++], bounds, train: data.train, test: data.test, probs: await predictGrid(trainer, bounds, 48), resolution: 48 });
      const row = v.initTable.insertRow();
      for (const t of [r.name ?? '', r.costs[0].cost.toPrecision(4), r.finalCost.toFixed(4), pct(r.train.accuracy), r.test ? pct(r.test.accuracy) : '—']) {
        row.insertCell().textContent = t;
      }
    });
    // a curve that repeats an earlier one (scaled and xavier are both 1/√fan-in: the same weights) is dashed, the first showing through
    drawCosts(v.costs, runs.map((r, i) => ({
      label: r.name ?? '', color: COLORS[i], points: r.costs, dash: runs.slice(0, i).some((q) => curveKey(q) === curveKey(r)) ? [7, 5] : undefined,
    })), settings.iterations, { log: true, yLabel: 'training objective' });
    const twins = coinciding(runs);
    v.stats.textContent = 'initialization lab: done' + (twins.length ? `; ${twins.join(', ')}: the same curve, since these draw the same weights `
      + '(scaled and xavier are both randn/√fan-in); the dashed one lies on the solid one' : '');
    return { data: data.source, runs };
  });
}

export async function gradientsLab(
  run: RunController, v: LessonViews, req: RunRequest, data: LabData, depth: number, width: number,
): Promise<{ data: string; settings: TrainSettings } & GradientTrace> {
  const layers = fieldChecked(() => deepLayers(depth, width));
  const settings = pageEngine(settingsFor(req, { layers }), data.train);
  refuseOverAnHour([runSize(settings, data.train.m, data.train.features)], settings, 'gradientsIterations');
  return run.exclusive(async () => {
    v.stats.textContent = `gradients lab: ${depth} layers of ${width}, ${settings.activation}, ${settings.init} init…`;
    const trace = await gradientTrace(settings, data.train, settings.logEvery, (s, t) => run.makeTrainer(s, t));
    drawGradientHeatmap(v.heatmap, trace);
    // one colour per layer along a scale by depth (input dark, output light), every line named
    const colors = depthColors(trace.layers.length);
    const series = trace.layers.map((l, i) => ({
      label: `‖dW${l}‖`, color: colors[i], points: trace.points.map((p) => ({ iteration: p.iteration, cost: p.norms[i] })),
    }));
    const L = trace.layers.length;
    drawCosts(v.costs, series, settings.iterations, { log: true, yLabel: 'gradient norm ‖dW‖', scale: { from: 'layer 1 (input)', to: `layer ${L} (output)` } });
    const n0 = trace.points[0].norms;
    v.stats.textContent = `gradients lab: ${L} ${settings.activation} layers, ${settings.init} init; at initialization ‖dW1‖ / ‖dW${L}‖ = `
      + `${(n0[0] / n0[L - 1]).toExponential(1)}: ${vanishing(n0[0] / n0[L - 1])} (${trace.backend === 'gpu' ? `GPU: ${trace.adapter}` : 'CPU'})`;
    return { data: data.source, settings, ...trace }; // the CLI's JSON
  });
}

/** The first layer's gradient against the last one's, in words. */
function vanishing(ratio: number): string {
  const orders = Math.round(Math.log10(ratio));
  if (orders <= -2) return `the gradient reaching the first layer is ${-orders} orders of magnitude smaller than the last layer's: it vanishes`;
  if (orders >= 2) return `the gradient reaching the first layer is ${orders} orders of magnitude larger than the last layer's: it explodes`;
  return 'the first and the last layer get gradients of about the same size';
}

/** A run's whole cost curve, as a key: equal keys draw the same line. */
const curveKey = (r: RunResult) => r.costs.map((c) => c.cost).join(',');

/** Names of runs whose whole cost curve is another's ("scaled = xavier"), which would otherwise hide one of them. */
function coinciding(runs: RunResult[]): string[] {
  const groups = new Map<string, string[]>();
  for (const r of runs) groups.set(curveKey(r), [...(groups.get(curveKey(r)) ?? []), r.name ?? '']);
  return [...groups.values()].filter((g) => g.length > 1).map((g) => g.join(' = '));
}

export async function landscapeLab(
  run: RunController, v: LessonViews, req: RunRequest, data: LabData, grid: number, span: number,
): Promise<{ data: string } & LandscapeResult> {
  if (!Number.isInteger(grid) || grid < 3 || grid > LANDSCAPE_MAX_GRID) throw new FieldError('grid', `must be an integer in [3, ${LANDSCAPE_MAX_GRID}], got ${grid}`);
  if (!Number.isFinite(span) || span <= 0) throw new FieldError('span', `must be a number > 0, got ${span}`);
  const settings = pageEngine(settingsFor(req), data.train);
  refuseOverAnHour([runSize(settings, data.train.m, data.train.features, Math.ceil((grid * grid) / 3))], settings, 'landscapeIterations');
  return run.exclusive(async () => {
    v.stats.textContent = `landscape: training ${settings.iterations} iterations, then a ${grid}×${grid} grid…`;
    // on the CPU the whole lab (training and the grid) runs in a worker; on the GPU the grid is one batch there
    const r = settings.backend !== 'gpu'
      ? await run.computeWorker('landscape').call<LandscapeResult>({ op: 'landscape', settings, train: data.train, grid, span })
      : await landscape(settings, data.train, grid, span, (s, t) => run.makeTrainer(s, t));
    drawLandscape(v.landscape, r);
    const c = r.costs[Math.floor(grid / 2)][Math.floor(grid / 2)];
    v.stats.textContent = `landscape: cost at the trained weights ${c.toFixed(4)}; ${grid}×${grid} grid on the ${r.backend === 'gpu' ? `GPU (${r.adapter})` : 'CPU'}`;
    return { data: data.source, ...r };
  });
}

/** The gradient check, in a worker (a wide network takes a while); a stop ends it. */
export async function gradcheckLab(run: RunController, v: LessonViews, req: RunRequest, data: LabData): Promise<Record<string, unknown>> {
  const settings = settingsFor(req);
  return run.exclusive(async () => {
    v.stats.textContent = 'gradient check: comparing backprop with numerical gradients…';
    const r = await run.computeWorker('gradient check').call<GradCheckResult>({ op: 'gradcheck', settings, train: data.train });
    v.text.textContent = gradcheckLines(r, settings.l2).join('\n');
    v.stats.textContent = `gradient check: ${verdict(r.pass)}`;
    return { data: data.source, settings, ...r };
  });
}
