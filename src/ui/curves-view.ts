/**
 * The cost chart of train and compare, drawn from the models' LiveModels: cross-entropy (train solid,
 * test dashed, per model, evaluated without dropout or the L2 term) or the training objective the
 * notebook prints, as the switch above the chart says; the switch redraws the last run's chart at once.
 */
import { drawCosts, PALETTE, TEST_DASH, type Series } from './chart';
import type { LiveModel } from './live-run';

/** What the live curves show: evaluated without dropout and without the L2 term (the legend under the chart says so). */
export const CROSS_ENTROPY = 'cross-entropy';
/** The other choice of the curves switch: what gradient descent minimizes, as the notebook prints it. */
export const OBJECTIVE = 'training objective';
export type Curves = typeof CROSS_ENTROPY | typeof OBJECTIVE;

/** One colour per model, in compare's order (none, L2, dropout, then L1 and augmented when asked); train solid, test dashed. */
export const MODEL_COLORS = [PALETTE.black, PALETTE.blue, PALETTE.vermillion, PALETTE.purple, PALETTE.green];
/** Legend-only entries that say what solid and dashed mean. */
const STYLE_KEY: Series[] = [
  { label: 'train (solid)', color: '#666', points: [] },
  { label: 'test (dashed)', color: '#666', points: [], dash: TEST_DASH },
];

export class CurvesView {
  shown: Curves = CROSS_ENTROPY;
  private redraw: (() => void) | null = null;

  constructor(private readonly canvas: HTMLCanvasElement) {
    for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=curves]')) {
      radio.addEventListener('change', () => {
        if (!radio.checked) return;
        this.shown = radio.value === OBJECTIVE ? OBJECTIVE : CROSS_ENTROPY;
        this.refresh();
      });
    }
  }

  /** Before any run: the empty chart says where the curves will appear. */
  drawEmpty(iterations: number): void {
    drawCosts(this.canvas, [], iterations, { yLabel: CROSS_ENTROPY, empty: 'press train or compare: the cost curves appear here' });
  }

  /** The chart of the run that starts: `series` says what to draw (null: nothing yet); drawn by refresh() and the switch. */
  follow(series: (shown: Curves) => Series[] | null, iterations: number): void {
    this.redraw = () => {
      const s = series(this.shown);
      if (s) drawCosts(this.canvas, s, iterations, { yLabel: this.shown });
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
  const series: Series[] = shown === OBJECTIVE
    ? [{ label: `${trainLabel}: objective`, color: MODEL_COLORS[0], points: live.objective, mark: best }]
    : [
      { label: trainLabel, color: MODEL_COLORS[0], points: live.costs, mark: best },
      { label: 'test', color: MODEL_COLORS[2], points: live.testCosts, dash: TEST_DASH },
    ];
  if (es?.costs.length) {
    series.push({ label: `watched (${live.settings.monitor})${stop === undefined ? '' : `, stopped at ${stop}`}`, color: MODEL_COLORS[1], points: es.costs, dash: [2, 3], mark: stop });
  }
  return series;
}

/** compare's chart: one colour per model, train solid and test dashed (with a key when there is a test set). */
export function compareSeries(names: string[], lives: (LiveModel | null)[], withTest: boolean, shown: Curves): Series[] {
  const objective = shown === OBJECTIVE;
  const train = names.map((name, k): Series => ({ label: name, color: MODEL_COLORS[k], points: (objective ? lives[k]?.objective : lives[k]?.costs) ?? [] }));
  const test = objective ? [] : names.map((_, k): Series => ({ label: '', color: MODEL_COLORS[k], points: lives[k]?.testCosts ?? [], dash: TEST_DASH }));
  return [...train, ...test, ...(withTest && !objective ? STYLE_KEY : [])];
}
