/**
 * The chart of train and compare, drawn from the models' LiveModels: cross-entropy (train solid, test
 * dashed, per model, evaluated without dropout or the L2 term), the training objective the notebook
 * prints, or train and test accuracy, as the switch above the chart says; the switch redraws the last
 * run's chart at once. Under it, the note when a model's cross-entropy rises while its accuracy holds.
 */
import { drawCosts, PALETTE, TEST_DASH, type ChartOptions, type Series } from './chart';
import { confidenceNote } from './confidence-note';
import { $ } from './dom';
import type { LiveModel } from './live-run';

/** What the live curves show: evaluated without dropout and without the L2 term (the legend under the chart says so). */
export const CROSS_ENTROPY = 'cross-entropy';
/** The other choice of the curves switch: what gradient descent minimizes, as the notebook prints it. */
export const OBJECTIVE = 'training objective';
/** The third: the share of points classified right, train and test, measured with the cross-entropy. */
export const ACCURACY = 'accuracy';
export type Curves = typeof CROSS_ENTROPY | typeof OBJECTIVE | typeof ACCURACY;
const CHOICES: readonly Curves[] = [CROSS_ENTROPY, OBJECTIVE, ACCURACY];

/** One colour per model, in compare's order (none, L2, dropout, then L1 and augmented when asked); train solid, test dashed. */
export const MODEL_COLORS = [PALETTE.black, PALETTE.blue, PALETTE.vermillion, PALETTE.purple, PALETTE.green];
/** Legend-only entries that say what solid and dashed mean. */
const STYLE_KEY: Series[] = [
  { label: 'train (solid)', color: '#666', points: [] },
  { label: 'test (dashed)', color: '#666', points: [], dash: TEST_DASH },
];

export class CurvesView {
  shown: Curves = CROSS_ENTROPY;
  /** What the chart shows now, for its SVG download; null before a run. */
  figure: { series: Series[]; iterations: number; options: ChartOptions } | null = null;
  private redraw: (() => void) | null = null;
  private readonly note = $('curves-note');

  constructor(private readonly canvas: HTMLCanvasElement) {
    for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=curves]')) {
      radio.addEventListener('change', () => {
        if (!radio.checked) return;
        this.shown = CHOICES.find((c) => c === radio.value) ?? CROSS_ENTROPY;
        this.refresh();
      });
    }
  }

  /** Before any run: the empty chart says where the curves will appear. */
  drawEmpty(iterations: number): void {
    drawCosts(this.canvas, [], iterations, { yLabel: CROSS_ENTROPY, empty: 'press train or compare: the cost curves appear here' });
  }

  /**
   * The chart of the run that starts: `series` says what to draw (null: nothing yet), `models` the
   * models whose curves the note reads; drawn by refresh() and the switch.
   */
  follow(series: (shown: Curves) => Series[] | null, iterations: number, models: () => (LiveModel | null)[] = () => []): void {
    this.note.hidden = true;
    this.figure = null;
    this.redraw = () => {
      const s = series(this.shown);
      const options = { yLabel: this.shown, percent: this.shown === ACCURACY };
      if (s) drawCosts(this.canvas, s, iterations, options);
      if (s) this.figure = { series: s, iterations, options };
      this.note.textContent = confidenceNote(models().filter((m): m is LiveModel => m !== null));
      this.note.hidden = this.note.textContent === '';
    };
  }

  refresh(): void {
    this.redraw?.();
  }
}

/** train's chart: train and test (or the objective); with early stopping, the cost it watched, the restored best and the stop marked. */
export function trainSeries(live: LiveModel, shown: Curves): Series[] {
  const es = live.result?.earlyStopping;
  const best = es?.bestIteration;
  const stop = es?.stopped ? es.stopIteration : undefined;
  const trainLabel = best === undefined ? 'train' : `train (best at ${best}, restored)`;
  const accuracy = shown === ACCURACY;
  // the test curve (and its legend) only with a test set
  const series: Series[] = shown === OBJECTIVE
    ? [{ label: `${trainLabel}: objective`, color: MODEL_COLORS[0], points: live.objective, mark: best }]
    : [
      { label: trainLabel, color: MODEL_COLORS[0], points: accuracy ? live.trainAccuracy : live.costs, mark: best },
      ...(live.hasTest ? [{ label: 'test', color: MODEL_COLORS[2], points: accuracy ? live.testAccuracy : live.testCosts, dash: TEST_DASH }] : []),
    ];
  if (es?.costs.length && !accuracy) {
    series.push({ label: `watched (${live.settings.monitor})${stop === undefined ? '' : `, stopped at ${stop}`}`, color: MODEL_COLORS[1], points: es.costs, dash: [2, 3], mark: stop });
  }
  return series;
}

/** compare's chart: one colour per model, train solid and test dashed (with a key when there is a test set). */
export function compareSeries(names: string[], lives: (LiveModel | null)[], withTest: boolean, shown: Curves): Series[] {
  const objective = shown === OBJECTIVE, accuracy = shown === ACCURACY;
  const trainPoints = (l: LiveModel | undefined) => (objective ? l?.objective : accuracy ? l?.trainAccuracy : l?.costs) ?? [];
  const testPoints = (l: LiveModel | undefined) => (accuracy ? l?.testAccuracy : l?.testCosts) ?? [];
  const train = names.map((name, k): Series => ({ label: name, color: MODEL_COLORS[k], points: trainPoints(lives[k] ?? undefined) }));
  const test = objective || !withTest ? [] : names.map((_, k): Series => ({ label: '', color: MODEL_COLORS[k], points: testPoints(lives[k] ?? undefined), dash: TEST_DASH }));
  return [...train, ...test, ...(withTest && !objective ? STYLE_KEY : [])];
}
