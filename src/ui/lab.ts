/**
 * The page's runs: turns control values into settings and data, trains through the Trainer
 * interface (GpuTrainer on the main thread — its work is asynchronous — or the CPU reference in a
 * worker), and feeds the views between chunks. No training math lives here.
 */
import { NOTEBOOK_ACCURACY, NOTEBOOK_DATA, NOTEBOOK_KEEP_PROB, NOTEBOOK_L2 } from '../model/notebook';
import { validateDatasetOptions, type DatasetOptions, type Split } from '../data/generators';
import { SettingsError, type TrainSettings } from '../model/settings';
import { createTrainer } from '../train/factory';
import { withMonitor } from '../data/prepare';
import { boundsOf, predictGrid, type Bounds } from '../train/grid';
import { compareVariants, DEFAULT_COMPARE_KEEP_PROB, DEFAULT_COMPARE_L2, resolveSettings, type RunRequest } from '../train/requests';
import { runTraining, type RunResult } from '../train/run';
import type { CostPoint, LabelledSet, Trainer } from '../model/types';
import { drawBoundary } from './boundary';
import { drawCosts, PALETTE, TEST_DASH, type Series } from './chart';
import { isBuiltin, type Fields } from './state';
import { WorkerTrainer } from './worker-trainer';
import { drawWeightNorms, weightNorms } from './weights-view';
import { BoundaryReplay } from './replay';
import { computeClient, type ComputeClient } from './compute';
import { builtInSource, csvSource, pct } from '../present/format';

export interface LabData {
  train: LabelledSet;
  test: LabelledSet | null;
  source: string;
}

export interface LabViews {
  boundary: HTMLCanvasElement;
  costs: HTMLCanvasElement;
  stats: HTMLElement;
  compareBoundaries: HTMLCanvasElement[];
  compareTable: HTMLTableSectionElement;
  /** Under the compare table: the notebook's published numbers when the lesson's data is loaded. */
  compareNote: HTMLElement;
  /** Compare's bars of ‖W‖ per layer and model. */
  weights: HTMLCanvasElement;
}

/** What a run's live views have so far. */
interface LiveCurves {
  /** Train and test cross-entropy, evaluated without dropout or the L2 term. */
  costs: CostPoint[];
  testCosts: CostPoint[];
  /** The training objective the run minimizes (and the notebook prints): L2 term included, with dropout. */
  objective: CostPoint[];
  /** ‖W‖ per layer at the last refresh (after the run: of the final weights). */
  norms: number[] | null;
  /** Examples the model trains on (m of the L2 term). */
  trainM: number;
  /** Early stopping's best iteration (restored) and where it stopped, once the run is over. */
  best?: number;
  stop?: number;
}

/** A field's bad value, named for the user (and the control to highlight). */
export class FieldError extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
  }
}

export class AbortedError extends Error {
  constructor() {
    super('run reset');
  }
}

const GRID = 64;
/** One colour per model (none, L2, dropout, augmented); train solid, test dashed. */
const MODEL_COLORS = [PALETTE.black, PALETTE.blue, PALETTE.vermillion, PALETTE.purple];
/** What the live curves show: evaluated without dropout and without the L2 term (the legend under the chart says so). */
export const CROSS_ENTROPY = 'cross-entropy';
/** The other choice of the curves switch: what gradient descent minimizes, as the notebook prints it. */
export const OBJECTIVE = 'training objective';
export type Curves = typeof CROSS_ENTROPY | typeof OBJECTIVE;
/** Legend-only entries that say what solid and dashed mean. */
const STYLE_KEY: Series[] = [
  { label: 'train (solid)', color: '#666', points: [] },
  { label: 'test (dashed)', color: '#666', points: [], dash: TEST_DASH },
];

function num(fields: Fields, key: keyof Fields & string): number {
  const text = fields[key].trim();
  const v = Number(text);
  if (text === '' || Number.isNaN(v)) throw new FieldError(key, `${JSON.stringify(text)} is not a number`);
  return v;
}

/** Control values → a run request in the CLI's names (validated later by resolveSettings). */
export function requestFrom(fields: Fields, course: boolean): RunRequest {
  const layers = fields.layers.trim() === '' ? [] : fields.layers.split(',').map((s, i) => {
    const v = Number(s);
    if (s.trim() === '' || !Number.isInteger(v)) throw new FieldError('layers', `hidden layer ${i + 1} is ${JSON.stringify(s)}; expected a positive integer`);
    return v;
  });
  const req: RunRequest = {
    layers, activation: fields.activation as TrainSettings['activation'], init: fields.init as TrainSettings['init'],
    initScale: num(fields, 'initScale'), initRng: fields.initRng as TrainSettings['initRng'], seed: num(fields, 'seed'),
    learningRate: num(fields, 'learningRate'), iterations: num(fields, 'iterations'),
    // empty: the command's default, as when the CLI flag is left out
    l2: fields.l2.trim() === '' ? undefined : num(fields, 'l2'),
    keepProb: fields.keepProb.trim() === '' ? undefined : num(fields, 'keepProb'), dropoutRng: fields.dropoutRng as TrainSettings['dropoutRng'],
    logEvery: num(fields, 'logEvery'), precision: fields.precision as TrainSettings['precision'],
    backend: fields.backend as TrainSettings['backend'],
    gpuPath: fields.gpuPath as TrainSettings['gpuPath'],
    earlyStopping: num(fields, 'earlyStopping'), minDelta: num(fields, 'minDelta'),
    validationFraction: num(fields, 'validationFraction'), monitor: fields.monitor as TrainSettings['monitor'],
    augmentCopies: num(fields, 'augmentCopies'), augmentSigma: num(fields, 'augmentSigma'),
    augmentMirror: fields.augmentMirror as TrainSettings['augmentMirror'], augmentRotate: num(fields, 'augmentRotate') as TrainSettings['augmentRotate'],
    dropoutSeed: fields.dropoutSeed.trim() === '' ? undefined : num(fields, 'dropoutSeed'),
  };
  return { ...req, course };
}

export function settingsOrFieldError(req: RunRequest, extra: Partial<TrainSettings> = {}): TrainSettings {
  let settings: TrainSettings;
  try {
    settings = resolveSettings(req, extra);
  } catch (e) {
    if (e instanceof SettingsError) throw new FieldError(e.field.replace(/\[\d+\]$/, ''), e.reason);
    throw e;
  }
  // the fast CPU engine's threads share memory, which only a cross-origin-isolated page may
  if (settings.backend === 'wasm' && globalThis.crossOriginIsolated !== true) {
    throw new FieldError('backend', 'the fast CPU engine (wasm) needs the page served cross-origin isolated (npm start does); use cpu or gpu');
  }
  return settings;
}

export class Lab {
  /** The last CSV upload, kept until another one succeeds. */
  csv: LabData | null = null;
  running = false;
  paused = false;
  iteration = 0;
  private resumeGate: (() => void) | null = null;
  private aborted = false;
  /** What reset() stops: the run's trainers and workers. */
  private trainers: { dispose(): void }[] = [];

  constructor(private readonly views: LabViews, readonly adapter: string | null) {}

  /** Read an uploaded MAT-file (the lesson's data.mat) in the worker; on error the previous data stays and the error is thrown. */
  async loadMat(bytes: Uint8Array, name = 'data.mat'): Promise<LabData> {
    const { train, test } = await this.dataWorker().call<Split>({ op: 'mat', bytes, name });
    this.csv = { train, test, source: name };
    return this.csv;
  }

  /** Parse uploaded CSV text in the worker; on error the previous data stays and the error is thrown. */
  async loadCsv(trainText: string, testText?: string, names = { train: 'train.csv', test: 'test.csv' }): Promise<LabData> {
    const withTest = testText !== undefined && testText.trim() !== '';
    const { train, test } = await this.dataWorker().call<Split>({ op: 'csv', trainText, testText: withTest ? testText : null, names });
    this.csv = { train, test, source: csvSource(names.train, test ? names.test : null) };
    return this.csv;
  }

  /** The data the controls name: the loaded file, or a built-in set generated in the worker (the last one is kept). */
  async data(fields: Fields): Promise<LabData> {
    const o = this.datasetOptions(fields);
    if (!o) return this.csv!;
    const key = JSON.stringify(o);
    if (this.generated?.key !== key) {
      const made = this.dataWorker().call<Split>({ op: 'generate', options: o })
        .then((split) => ({ ...split, source: builtInSource(o) }));
      this.generated = { key, data: made, ready: null };
      made.then((d) => { if (this.generated?.key === key) this.generated.ready = d; }, () => { if (this.generated?.key === key) this.generated = null; });
    }
    return this.generated.data;
  }

  /** The data the controls name if it is already made (for state()); null while it is being made or when the controls are invalid. */
  dataNow(fields: Fields): LabData | null {
    try {
      const o = this.datasetOptions(fields);
      if (!o) return this.csv;
      return this.generated?.key === JSON.stringify(o) ? this.generated.ready : null;
    } catch {
      return null;
    }
  }

  /** The controls' data set, checked on this thread (so an error names its field at once); null for the loaded file. */
  private datasetOptions(fields: Fields): DatasetOptions | null {
    const name = fields.dataset;
    if (name === 'csv') {
      if (!this.csv) throw new FieldError('dataset', 'no CSV loaded yet: choose or drop a file');
      return null;
    }
    if (!isBuiltin(name)) throw new FieldError('dataset', `unknown data set ${JSON.stringify(name)}`);
    const o = { name, size: num(fields, 'size'), noise: num(fields, 'noise'), seed: num(fields, 'dataSeed'), testFraction: num(fields, 'testFraction') };
    try {
      validateDatasetOptions(o);
    } catch (e) {
      if (e instanceof SettingsError) throw new FieldError(e.field, e.reason);
      throw e;
    }
    return o;
  }

  private generated: { key: string; data: Promise<LabData>; ready: LabData | null } | null = null;
  private dataWorkerClient: ComputeClient | null = null;
  /** One worker for making data, kept for the page's life (a reset does not stop it). */
  private dataWorker(): ComputeClient {
    return (this.dataWorkerClient ??= computeClient('data worker'));
  }

  /** A worker for one lab's computation, stopped by reset() like a trainer. */
  computeWorker(purpose: string): ComputeClient {
    const c = computeClient(purpose);
    this.trainers.push(c);
    return c;
  }

  /** Draw the data alone (before any run). */
  preview(data: LabData): void {
    drawBoundary({ canvas: this.views.boundary, bounds: boundsOf([data.train, data.test]), train: data.train, test: data.test, probs: null, resolution: GRID });
  }

  /** A worker-backed trainer for the CPU, the GPU trainer otherwise; disposed by reset(). */
  async makeTrainer(settings: TrainSettings, train: LabelledSet): Promise<Trainer> {
    const t = settings.backend === 'gpu' ? await createTrainer(settings, train) : await WorkerTrainer.create(settings, train);
    this.trainers.push(t);
    return t;
  }

  /** Between chunks of a run: waits while paused, throws once the run is stopped. */
  async checkpoint(): Promise<void> {
    if (this.aborted) throw new AbortedError();
    if (this.paused) await new Promise<void>((resolve) => { this.resumeGate = resolve; });
    if (this.aborted) throw new AbortedError();
  }

  pause(): void {
    if (!this.running || this.paused) return;
    this.paused = true;
    this.pausedAt = performance.now();
  }

  resume(): void {
    if (this.paused) this.pausedMs += performance.now() - this.pausedAt;
    this.paused = false;
    this.resumeGate?.();
    this.resumeGate = null;
  }

  /** Milliseconds the current run has spent paused (iterations per second count running time only). */
  pausedMs = 0;
  private pausedAt = 0;
  /** The current run was stopped by reset(): whatever it throws now is the stop, not a failure. */
  stopRequested = false;

  /** Stop the current run (if any) and forget its trainers. */
  reset(): void {
    this.aborted = this.running;
    this.stopRequested = this.running;
    this.resume();
    for (const t of this.trainers) t.dispose();
    this.trainers = [];
  }

  /** Redraws the cost chart of the last train or compare (the curves switch calls it). */
  private redrawCurves: (() => void) | null = null;
  /** The boundary maps of the last train or compare, snapshot by snapshot, for the replay slider. */
  readonly replay = new BoundaryReplay();
  /** What the cost chart shows: cross-entropy (train and test) or the training objective. */
  curves: Curves = CROSS_ENTROPY;

  setCurves(curves: Curves): void {
    this.curves = curves;
    this.redrawCurves?.();
  }

  private async runLive(
    settings: TrainSettings, data: LabData, canvas: HTMLCanvasElement, bounds: Bounds, name: string | undefined,
    onChunk: (live: LiveCurves) => void, withNorms = false,
  ): Promise<RunResult> {
    const { train, monitor, evaluateTrain } = withMonitor(settings, data.train, data.test);
    const trainer = await this.makeTrainer(settings, train);
    const live: LiveCurves = { costs: [], testCosts: [], objective: [], norms: null, trainM: train.m };
    const started = performance.now();
    const pausedBefore = this.pausedMs;
    let lastView = -Infinity;
    let viewMs = 0;
    let evalMs = 0;
    let chunkStart = performance.now();
    const norms = async () => (withNorms ? weightNorms(await trainer.getParams()) : null);
    const snapshot = this.replay.track(canvas, bounds, data, GRID);
    // iteration 0: the curves start where training starts, the map shows the untrained boundary
    const [tr0, te0, n0, probs0] = await Promise.all([
      trainer.evaluate(evaluateTrain), data.test ? trainer.evaluate(data.test) : null, norms(), predictGrid(trainer, bounds, GRID),
    ]);
    snapshot(0, probs0);
    drawBoundary({ canvas, bounds, train: data.train, test: data.test, probs: probs0, resolution: GRID });
    live.costs.push({ iteration: 0, cost: tr0.cost });
    if (te0) live.testCosts.push({ iteration: 0, cost: te0.cost });
    live.norms = n0;
    onChunk(live);
    const result = await runTraining({
      settings, trainer, train, test: data.test, name, monitor, evaluateTrain,
      // about 100 chunks per run, whatever logEvery is, in whole multiples of what the trainer
      // prefers (on the GPU one submit, since each chunk costs a submit-and-read round trip)
      chunkIterations: trainer.preferredChunk * Math.max(1, Math.ceil(settings.iterations / 100 / trainer.preferredChunk)),
      onProgress: (p) => {
        this.iteration = p.done;
        live.objective.push({ iteration: p.done - 1, cost: p.cost });
      },
      yieldBetweenChunks: async () => {
        // The curves get a point after every chunk while evaluating costs less than half a chunk's
        // training (small data); otherwise with the views. The views (boundary map, ‖W‖, stats) refresh
        // at most every 100 ms and after the last chunk, spaced also by 3× their own cost, so on a large
        // data set they take at most about a third of the run.
        const done = this.iteration;
        const now = performance.now();
        const viewDue = done >= settings.iterations || now - lastView >= Math.max(100, 3 * viewMs);
        const curveDue = viewDue || evalMs <= (now - chunkStart) / 2;
        if (viewDue) lastView = now;
        if (curveDue) {
          // the run's own cost log is the objective; cross-entropy is evaluated here, on the trainer
          const [tr, te] = await Promise.all([trainer.evaluate(evaluateTrain), data.test ? trainer.evaluate(data.test) : null]);
          evalMs = performance.now() - now;
          live.costs.push({ iteration: done - 1, cost: tr.cost });
          if (te) live.testCosts.push({ iteration: done - 1, cost: te.cost });
          if (viewDue) {
            const [probs, n] = await Promise.all([predictGrid(trainer, bounds, GRID), norms()]);
            live.norms = n;
            snapshot(done, probs);
            drawBoundary({ canvas, bounds, train: data.train, test: data.test, probs, resolution: GRID });
            const rate = done / ((performance.now() - started - (this.pausedMs - pausedBefore)) / 1000);
            this.views.stats.textContent = `${name ? name + ' · ' : ''}iteration ${done}/${settings.iterations} · ${Math.round(rate)} it/s · `
              + `train ${pct(tr.accuracy)}${te ? ` · test ${pct(te.accuracy)}` : ''} · `
              + (trainer.backend === 'gpu' ? `GPU: ${trainer.adapter}` : trainer.backend === 'wasm' ? 'CPU fast engine (f32 WebAssembly, worker)' : `CPU reference (${settings.precision}, worker)`);
            viewMs = performance.now() - now;
          }
          onChunk(live);
        }
        await this.checkpoint();
        chunkStart = performance.now();
      },
    });
    // the objective at iteration 0 comes from the run's own log (progress reports each chunk's last)
    if (result.costs[0]?.iteration === 0 && live.objective[0]?.iteration !== 0) live.objective.unshift(result.costs[0]);
    const es = result.earlyStopping;
    if (es) {
      // the weights were restored: show the model that is kept, not the last one trained
      drawBoundary({ canvas, bounds, train: data.train, test: data.test, probs: await predictGrid(trainer, bounds, GRID), resolution: GRID });
      this.views.stats.textContent = `${name ? name + ' · ' : ''}early stopping: ${es.stopped ? `stopped after iteration ${es.stopIteration}` : 'ran to the end'}; `
        + `weights of iteration ${es.bestIteration} restored · train ${pct(result.train.accuracy)}`
        + (result.test ? ` · test ${pct(result.test.accuracy)}` : '');
      live.best = es.bestIteration;
      live.stop = es.stopped ? es.stopIteration : undefined;
    }
    live.norms = await norms();
    onChunk(live);
    return result;
  }

  async train(req: RunRequest, data: LabData): Promise<RunResult & { data: string }> {
    const settings = settingsOrFieldError(req);
    return this.exclusive(async () => {
      const bounds = boundsOf([data.train, data.test]);
      this.replay.clear();
      let live: LiveCurves | null = null;
      let monitored: CostPoint[] = [];
      this.redrawCurves = () => {
        if (!live) return;
        const { best, stop } = live;
        const trainLabel = best === undefined ? 'train' : `train (best at ${best}, restored)`;
        const series: Series[] = this.curves === OBJECTIVE
          ? [{ label: `${trainLabel}: objective`, color: MODEL_COLORS[0], points: live.objective, mark: best }]
          : [
            { label: trainLabel, color: MODEL_COLORS[0], points: live.costs, mark: best },
            { label: 'test', color: MODEL_COLORS[2], points: live.testCosts, dash: TEST_DASH },
          ];
        // early stopping: the cost it watched, and where it stopped
        if (monitored.length) {
          series.push({ label: `watched (${settings.monitor})${stop === undefined ? '' : `, stopped at ${stop}`}`, color: MODEL_COLORS[1], points: monitored, dash: [2, 3], mark: stop });
        }
        drawCosts(this.views.costs, series, settings.iterations, { yLabel: this.curves });
      };
      const result = await this.runLive(settings, data, this.views.boundary, bounds, undefined, (l) => {
        live = l;
        this.redrawCurves!();
      });
      monitored = result.earlyStopping?.costs ?? [];
      this.redrawCurves();
      return { ...result, data: data.source };
    });
  }

  /**
   * none / L2 / dropout (and augmented), with the CLI's rule: λ and keep_prob as given (λ 0 means 0,
   * as `reglab compare --l2 0`), 0.7 and 0.86 when not given (empty controls). Invalid values are
   * refused before anything runs, as the CLI refuses them.
   */
  async compare(req: RunRequest, data: LabData, augmented = false): Promise<{ data: string; runs: RunResult[] }> {
    settingsOrFieldError(req);
    const l2 = req.l2 ?? DEFAULT_COMPARE_L2;
    const kp = req.keepProb ?? DEFAULT_COMPARE_KEEP_PROB;
    const base = { ...req, l2: undefined, keepProb: undefined };
    const aug = augmented ? { augmentCopies: req.augmentCopies, augmentSigma: req.augmentSigma, augmentMirror: req.augmentMirror, augmentRotate: req.augmentRotate } : undefined;
    const variants = compareVariants(l2, kp, aug).map((v) => ({ ...v, settings: settingsOrFieldError(base, v.extra) }));
    this.views.compareBoundaries[3].parentElement!.hidden = !augmented;
    return this.exclusive(async () => {
      const bounds = boundsOf([data.train, data.test]);
      this.replay.clear();
      const runs: RunResult[] = [];
      const lives: (LiveCurves | null)[] = variants.map(() => null);
      const iterations = variants[0].settings.iterations;
      this.redrawCurves = () => {
        const objective = this.curves === OBJECTIVE;
        const train = variants.map((v, k): Series => ({ label: v.name, color: MODEL_COLORS[k], points: (objective ? lives[k]?.objective : lives[k]?.costs) ?? [] }));
        const test = objective ? [] : variants.map((v, k): Series => ({ label: '', color: MODEL_COLORS[k], points: lives[k]?.testCosts ?? [], dash: TEST_DASH }));
        drawCosts(this.views.costs, [...train, ...test, ...(data.test && !objective ? STYLE_KEY : [])], iterations, { yLabel: this.curves });
      };
      const drawNorms = () => drawWeightNorms(this.views.weights, variants.map((v, k) => ({ label: v.name, color: MODEL_COLORS[k], norms: lives[k]?.norms ?? null })));
      drawNorms();
      const body = this.views.compareTable;
      body.replaceChildren();
      this.views.compareNote.hidden = true;
      for (const [k, v] of variants.entries()) {
        const r = await this.runLive(v.settings, data, this.views.compareBoundaries[k], bounds, v.name, (l) => {
          lives[k] = l;
          this.redrawCurves!();
          drawNorms();
        }, true);
        runs.push(r);
        const row = body.insertRow();
        row.dataset.run = v.short;
        // the L2 term of the final weights, λ/(2m)·Σ‖W‖²: what L2 adds to the objective
        const live = lives[k];
        const l2Term = v.settings.l2 > 0 && live?.norms ? (v.settings.l2 / (2 * live.trainM)) * live.norms.reduce((a, n) => a + n * n, 0) : null;
        for (const text of [
          v.name, pct(r.train.accuracy), r.test ? pct(r.test.accuracy) : '—', r.finalCost.toFixed(4), l2Term === null ? '—' : l2Term.toFixed(4),
          r.train.cost.toFixed(4), r.test ? r.test.cost.toFixed(4) : '—', `${(r.wallMs / 1000).toFixed(2)} s`,
        ]) {
          row.insertCell().textContent = text;
        }
      }
      this.views.compareNote.textContent = notebookNote(req, data, l2, kp);
      this.views.compareNote.hidden = this.views.compareNote.textContent === '';
      return { data: data.source, runs };
    });
  }

  /** Run `fn` as the page's one run: refuses a second, clears pause and reset state, disposes trainers after. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running) throw new Error('a run is already in progress: pause or reset it first');
    this.reset();
    this.running = true;
    this.aborted = false;
    this.stopRequested = false;
    this.paused = false;
    this.pausedMs = 0;
    this.iteration = 0;
    try {
      return await fn();
    } finally {
      this.running = false;
      for (const t of this.trainers) t.dispose();
      this.trainers = [];
    }
  }
}


/**
 * The notebook's accuracies, for a compare on the lesson's data with the lesson's settings (the preset,
 * λ 0.7, keep_prob 0.86); empty otherwise, since its numbers say nothing about another run.
 */
function notebookNote(req: RunRequest, data: LabData, l2: number, keepProb: number): string {
  const lessonData = /\.mat$/i.test(data.source) && data.train.m === NOTEBOOK_DATA.train && data.test?.m === NOTEBOOK_DATA.test;
  if (!req.course || !lessonData || l2 !== NOTEBOOK_L2 || keepProb !== NOTEBOOK_KEEP_PROB) return '';
  const n = NOTEBOOK_ACCURACY;
  return `The notebook prints, on the same data (train / test accuracy): none ${pct(n.none.train)} / ${pct(n.none.test)}, `
    + `L2 ${pct(n.l2.train)} / ${pct(n.l2.test)}, dropout ${pct(n.dropout.train)} / ${pct(n.dropout.test)}.`;
}
