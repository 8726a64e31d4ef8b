/**
 * Every run the page starts, by name — train, compare and the labs — and the buttons that start them;
 * window.reglab calls the same functions. Each run goes through the run controller (one at a time,
 * reading a copy of the settings) into its view.
 */
import type { BenchReport } from '../bench/harness';
import { GRADIENTS_DEFAULTS } from '../labs/gradients';
import { LANDSCAPE_DEFAULTS } from '../labs/landscape';
import { pct } from '../present/format';
import type { RunResult } from '../train/run';
import { benchmark } from './bench-view';
import { addNearZeroColumn, compareRun, type CompareViews } from './compare-view';
import type { CurvesView } from './curves-view';
import type { DataSource } from './data-source';
import { $ } from './dom';
import type { Engines } from './engines';
import { gradcheckLab, gradientsLab, initLab, landscapeLab, type LessonViews } from './lesson-labs';
import type { NetworkFigure } from './network-figure';
import type { Page } from './page';
import type { BoundaryReplay } from './replay';
import { fieldNumber, gradientsOwn, labRequest, optionalNumber, parseList, requestFrom, type LabDefaults } from './request';
import type { RunController } from './run-controller';
import type { PageState } from './state';
import { redrawSweepCurve, sweepLab, type SweepViews } from './sweep-lab';
import { drawSweepEmpty, type CurveMeasure } from './sweep-view';
import { trainRun, type TrainViews } from './train-view';

/** The sweep lab's iterations and log step by default (the CLI's for `reglab sweep`). */
export const SWEEP_DEFAULTS: LabDefaults = { iterations: 5000, logEvery: 1000 };

/** The page's runs; a lab's `logEvery`, when not given, is scaled to its iterations as the CLI's defaults are. */
export interface PageRuns {
  train(): Promise<RunResult & { data: string }>;
  compare(): Promise<{ data: string; runs: RunResult[] }>;
  init(): Promise<unknown>;
  gradients(logEvery?: number): Promise<unknown>;
  landscape(logEvery?: number): Promise<unknown>;
  gradcheck(): Promise<unknown>;
  sweep(logEvery?: number): Promise<unknown>;
  bench(size: 'tiny' | 'quick'): Promise<BenchReport>;
}

/** The sweep's charts before its results: what will appear there, or (`running`) that its models are training. */
export function drawSweepPlaceholders(running: boolean): void {
  drawSweepEmpty($('sweep-curve'), running ? 'training the sweep\'s models: the validation curve appears when they are done'
    : 'press λ sweep (or run again): the validation curve appears here');
  drawSweepEmpty($('sweep-heatmap'), running ? 'then here the validation accuracy of every λ × keep_prob' : 'and here the validation accuracy of every λ × keep_prob');
}

/** What the status line (a live region) announces when train or compare is done: each model's accuracy. */
export function accuracies(runs: RunResult[]): string {
  return runs.map((r) => `${r.name ? `${r.name}: ` : ''}train ${pct(r.train.accuracy)}${r.test ? `, test ${pct(r.test.accuracy)}` : ''}`).join('; ') + '.';
}

/** A button's run: its error is on the page already (the error line), not for the console. */
const quiet = (p: Promise<unknown>) => p.catch(() => {});

export function pageRuns(
  run: RunController, page: Page, data: DataSource, engines: Engines, curves: CurvesView, replay: BoundaryReplay, network: NetworkFigure,
): PageRuns {
  const stats = $('stats');
  const tbody = (id: string) => $<HTMLTableElement>(id).tBodies[0];
  const trainViews: TrainViews = { run, boundary: $('boundary'), stats, curves, replay, network };
  const boundary = (k: string) => $<HTMLCanvasElement>(`boundary-${k}`);
  addNearZeroColumn($<HTMLTableElement>('compare-table'));
  const compareViews: CompareViews = {
    run, boundaries: { none: boundary('none'), l2: boundary('l2'), dropout: boundary('dropout'), l1: boundary('l1'), augmented: boundary('augmented') },
    table: tbody('compare-table'), note: $('compare-note'), weights: $('weights'), stats, curves, replay, network,
  };
  const lessonViews: LessonViews = {
    initBoundaries: ['zeros', 'random', 'scaled', 'he', 'xavier'].map((k) => $<HTMLCanvasElement>(`init-${k}`)),
    initTable: tbody('init-table'), costs: $('costs'), heatmap: $('heatmap'), landscape: $('landscape'), text: $('gradcheck-text'), stats,
  };
  const sweepMeasure = (): CurveMeasure =>
    document.querySelector<HTMLInputElement>('input[name=sweep-measure]:checked')?.value === 'cross-entropy' ? 'cross-entropy' : 'accuracy';
  const sweepViews: SweepViews = {
    curve: $('sweep-curve'), measure: sweepMeasure, heatmap: $('sweep-heatmap'), table: tbody('sweep-table'), chosen: $('sweep-chosen'),
    model: { figure: $('sweep-model'), canvas: $<HTMLCanvasElement>('sweep-model-boundary'), text: $('sweep-model-text') }, stats,
  };
  const dataOf = (s: PageState) => data.data(s.fields);
  const request = (s: PageState) => requestFrom(s.fields, s.course);

  const runs: PageRuns = {
    train: () => run.start('train', async (s) => trainRun(trainViews, request(s), await dataOf(s)), (r) => accuracies([r])),
    compare: () => run.start('compare', async (s) =>
      compareRun(compareViews, { ...request(s), augmented: s.fields.compareAugmented === 'yes', withL1: optionalNumber(s.fields, 'withL1') }, await dataOf(s)), (r) => accuracies(r.runs)),
    init: () => run.start('init', async (s) => initLab(run, lessonViews, request(s), await dataOf(s))),
    gradients: (logEvery) => run.start('gradients', async (s) => gradientsLab(run, lessonViews,
      labRequest(s.fields, s.course, 'gradientsIterations', GRADIENTS_DEFAULTS, logEvery, gradientsOwn(s.fields)), await dataOf(s), fieldNumber(s.fields, 'depth'), fieldNumber(s.fields, 'width'))),
    landscape: (logEvery) => run.start('landscape', async (s) => landscapeLab(run, lessonViews,
      labRequest(s.fields, s.course, 'landscapeIterations', LANDSCAPE_DEFAULTS, logEvery), await dataOf(s), fieldNumber(s.fields, 'grid'), fieldNumber(s.fields, 'span'))),
    gradcheck: () => run.start('gradcheck', async (s) => gradcheckLab(run, lessonViews, request(s), await dataOf(s))),
    sweep: (logEvery) => run.start('sweep', async (s) => {
      drawSweepPlaceholders(true);
      try {
        return await sweepLab(run, sweepViews, labRequest(s.fields, s.course, 'sweepIterations', SWEEP_DEFAULTS, logEvery), await dataOf(s), {
          l2s: parseList('sweepL2', s.fields.sweepL2), l1s: parseList('sweepL1', s.fields.sweepL1), keepProbs: parseList('sweepKeepProb', s.fields.sweepKeepProb), seeds: fieldNumber(s.fields, 'sweepSeeds'),
        });
      } catch (e) {
        drawSweepPlaceholders(false);
        throw e;
      }
    }),
    bench: (size) => run.start('bench', () => benchmark(run, size, engines.adapter)),
  };

  $('train').addEventListener('click', () => quiet(runs.train()));
  $('compare').addEventListener('click', () => quiet(runs.compare()));
  $('lab-init').addEventListener('click', () => quiet(runs.init()));
  $('lab-sweep').addEventListener('click', () => quiet(runs.sweep()));
  $('lesson-sweep').addEventListener('click', () => quiet(runs.sweep()));
  $('bench').addEventListener('click', () => quiet(runs.bench(page.state.fields.benchSize === 'quick' ? 'quick' : 'tiny')));
  $('lab-gradients').addEventListener('click', () => quiet(runs.gradients()));
  $('lab-landscape').addEventListener('click', () => quiet(runs.landscape()));
  $('lab-gradcheck').addEventListener('click', () => quiet(runs.gradcheck()));
  // "run again" in a lab's view: the lab's own button, with the settings beside it
  for (const b of document.querySelectorAll<HTMLButtonElement>('button.rerun')) b.addEventListener('click', () => $(b.dataset.lab!).click());
  // the sweep's curve switch: accuracy or cross-entropy, redrawn at once from the last sweep
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=sweep-measure]')) {
    radio.addEventListener('change', () => { if (radio.checked) redrawSweepCurve(sweepMeasure()); });
  }
  return runs;
}
