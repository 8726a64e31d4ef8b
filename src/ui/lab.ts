/**
 * The page's runs: turns control values into settings and data, trains through the Trainer
 * interface (GpuTrainer on the main thread — its work is asynchronous — or the CPU reference in a
 * worker), and feeds the views between chunks. No training math lives here.
 */
import { labelledSetsFromMat } from '../data/mat';
import { parseCsv } from '../data/csv';
import { generateDataset } from '../data/generators';
import { SettingsError, type TrainSettings } from '../model/settings';
import { createTrainer } from '../train/factory';
import { withMonitor } from '../train/early-stopping';
import { boundsOf, predictGrid, type Bounds } from '../train/grid';
import { compareVariants, DEFAULT_COMPARE_KEEP_PROB, DEFAULT_COMPARE_L2, resolveSettings, type RunRequest } from '../train/requests';
import { runTraining, type RunResult } from '../train/run';
import type { CostPoint, LabelledSet, Trainer } from '../train/types';
import { drawBoundary } from './boundary';
import { drawCosts } from './chart';
import { isBuiltin, type Fields } from './state';
import { WorkerTrainer } from './worker-trainer';
import { GPU_CHUNK } from '../gpu/trainer';

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
}

/** A field's bad value, named for the user (and the control to highlight). */
export class FieldError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export class AbortedError extends Error {
  constructor() {
    super('run reset');
  }
}

const GRID = 64;
const SERIES_COLORS = ['#333', '#1f9d55', '#c0392b', '#8e44ad'];

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
    learningRate: num(fields, 'learningRate'), iterations: num(fields, 'iterations'), l2: num(fields, 'l2'),
    keepProb: num(fields, 'keepProb'), dropoutRng: fields.dropoutRng as TrainSettings['dropoutRng'],
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
  try {
    return resolveSettings(req, extra);
  } catch (e) {
    if (e instanceof SettingsError) throw new FieldError(e.field.replace(/\[\d+\]$/, ''), e.message.slice(e.field.length + 2));
    throw e;
  }
}

export class Lab {
  /** The last CSV upload, kept until another one succeeds. */
  csv: LabData | null = null;
  running = false;
  paused = false;
  iteration = 0;
  private resumeGate: (() => void) | null = null;
  private aborted = false;
  private trainers: Trainer[] = [];

  constructor(private readonly views: LabViews, readonly adapter: string | null) {}

  /** Read an uploaded MAT-file (the lesson's data.mat); on error the previous data stays and the error is thrown. */
  loadMat(bytes: Uint8Array, name = 'data.mat'): LabData {
    const { train, test } = labelledSetsFromMat(bytes, name);
    this.csv = { train, test, source: name };
    return this.csv;
  }

  /** Parse uploaded CSV text; on error the previous data stays and the error is thrown. */
  loadCsv(trainText: string, testText?: string, names = { train: 'train.csv', test: 'test.csv' }): LabData {
    const train = parseCsv(trainText, names.train);
    const test = testText !== undefined && testText.trim() !== '' ? parseCsv(testText, names.test) : null;
    this.csv = { train, test, source: names.train + (test ? ` + ${names.test}` : '') };
    return this.csv;
  }

  data(fields: Fields): LabData {
    const name = fields.dataset;
    if (name === 'csv') {
      if (!this.csv) throw new FieldError('dataset', 'no CSV loaded yet: choose or drop a file');
      return this.csv;
    }
    if (!isBuiltin(name)) throw new FieldError('dataset', `unknown data set ${JSON.stringify(name)}`);
    const o = { name, size: num(fields, 'size'), noise: num(fields, 'noise'), seed: num(fields, 'dataSeed'), testFraction: num(fields, 'testFraction') };
    try {
      return { ...generateDataset(o), source: `${name} (size ${o.size}, noise ${o.noise}, seed ${o.seed})` };
    } catch (e) {
      const [field, ...rest] = (e as Error).message.split(': ');
      throw new FieldError(field === 'seed' ? 'dataSeed' : field, rest.join(': '));
    }
  }

  /** Draw the data alone (before any run). */
  preview(data: LabData): void {
    drawBoundary({ canvas: this.views.boundary, bounds: boundsOf([data.train, data.test]), train: data.train, test: data.test, probs: null, resolution: GRID });
  }

  /** A worker-backed trainer for the CPU, the GPU trainer otherwise; disposed by reset(). */
  async makeTrainer(settings: TrainSettings, train: LabelledSet): Promise<Trainer> {
    const t = settings.backend === 'cpu' ? await WorkerTrainer.create(settings, train) : await createTrainer(settings, train);
    this.trainers.push(t);
    return t;
  }

  private async gate(): Promise<void> {
    if (this.aborted) throw new AbortedError();
    if (this.paused) await new Promise<void>((resolve) => { this.resumeGate = resolve; });
    if (this.aborted) throw new AbortedError();
  }

  pause(): void {
    if (this.running) this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.resumeGate?.();
    this.resumeGate = null;
  }

  /** Stop the current run (if any) and forget its trainers. */
  reset(): void {
    this.aborted = this.running;
    this.resume();
    for (const t of this.trainers) t.dispose();
    this.trainers = [];
  }

  private async runLive(
    settings: TrainSettings, data: LabData, canvas: HTMLCanvasElement, bounds: Bounds, name: string | undefined,
    onChunk: (costs: CostPoint[], testCosts: CostPoint[], best?: number) => void,
  ): Promise<RunResult> {
    const { train, monitor, evaluateTrain } = withMonitor(settings, data.train, data.test);
    const trainer = await this.makeTrainer(settings, train);
    const costs: CostPoint[] = [];
    const testCosts: CostPoint[] = [];
    const started = performance.now();
    let lastView = -Infinity;
    const result = await runTraining({
      settings, trainer, train, test: data.test, name, monitor, evaluateTrain,
      // about 100 chunks per run, whatever logEvery is; on the GPU whole submits (GPU_CHUNK
      // iterations), since each chunk costs a submit-and-read round trip
      chunkIterations: trainer.backend === 'gpu'
        ? GPU_CHUNK * Math.ceil(settings.iterations / 100 / GPU_CHUNK)
        : Math.max(1, Math.ceil(settings.iterations / 100)),
      onProgress: (p) => { this.iteration = p.done; },
      yieldBetweenChunks: async () => {
        // The views refresh at most every 100 ms (and after the last chunk): a refresh evaluates the
        // model twice and predicts a whole grid, which on a fast GPU path costs more than the training.
        const done = this.iteration;
        if (performance.now() - lastView < 100 && done < settings.iterations) {
          await this.gate();
          return;
        }
        lastView = performance.now();
        // The run's own cost log is private to runTraining; the views read the trainer directly.
        const [tr, te, probs] = await Promise.all([
          trainer.evaluate(evaluateTrain), data.test ? trainer.evaluate(data.test) : Promise.resolve(null), predictGrid(trainer, bounds, GRID),
        ]);
        costs.push({ iteration: done - 1, cost: tr.cost });
        if (te) testCosts.push({ iteration: done - 1, cost: te.cost });
        drawBoundary({ canvas, bounds, train: data.train, test: data.test, probs, resolution: GRID });
        const rate = done / ((performance.now() - started) / 1000);
        this.views.stats.textContent = `${name ? name + ' · ' : ''}iteration ${done}/${settings.iterations} · ${Math.round(rate)} it/s · `
          + `train ${(100 * tr.accuracy).toFixed(1)} %${te ? ` · test ${(100 * te.accuracy).toFixed(1)} %` : ''} · `
          + (trainer.backend === 'gpu' ? `GPU: ${trainer.adapter}` : `CPU (${settings.precision}, worker)`);
        onChunk(costs, testCosts);
        await this.gate();
      },
    });
    const es = result.earlyStopping;
    if (es) {
      // the weights were restored: show the model that is kept, not the last one trained
      drawBoundary({ canvas, bounds, train: data.train, test: data.test, probs: await predictGrid(trainer, bounds, GRID), resolution: GRID });
      this.views.stats.textContent = `${name ? name + ' · ' : ''}early stopping: ${es.stopped ? `stopped after iteration ${es.stopIteration}` : 'ran to the end'}; `
        + `weights of iteration ${es.bestIteration} restored · train ${(100 * result.train.accuracy).toFixed(1)} %`
        + (result.test ? ` · test ${(100 * result.test.accuracy).toFixed(1)} %` : '');
    }
    onChunk(costs, testCosts, es?.bestIteration);
    return result;
  }

  async train(req: RunRequest, data: LabData): Promise<RunResult & { data: string }> {
    const settings = settingsOrFieldError(req);
    return this.exclusive(async () => {
      const bounds = boundsOf([data.train, data.test]);
      const result = await this.runLive(settings, data, this.views.boundary, bounds, undefined, (costs, testCosts, best) => {
        drawCosts(this.views.costs, [
          { label: best === undefined ? 'train cross-entropy' : `train cross-entropy (best at ${best}, restored)`, color: SERIES_COLORS[0], points: costs, mark: best },
          { label: 'test cross-entropy', color: SERIES_COLORS[2], points: testCosts },
        ], settings.iterations);
      });
      return { ...result, data: data.source };
    });
  }

  async compare(req: RunRequest, data: LabData, augmented = false): Promise<{ data: string; runs: RunResult[] }> {
    const l2 = req.l2 && req.l2 > 0 ? req.l2 : DEFAULT_COMPARE_L2;
    const kp = req.keepProb !== undefined && req.keepProb < 1 ? req.keepProb : DEFAULT_COMPARE_KEEP_PROB;
    const base = { ...req, l2: undefined, keepProb: undefined };
    const aug = augmented ? { augmentCopies: req.augmentCopies, augmentSigma: req.augmentSigma, augmentMirror: req.augmentMirror, augmentRotate: req.augmentRotate } : undefined;
    const variants = compareVariants(l2, kp, aug).map((v) => ({ ...v, settings: settingsOrFieldError(base, v.extra) }));
    this.views.compareBoundaries[3].parentElement!.hidden = !augmented;
    return this.exclusive(async () => {
      const bounds = boundsOf([data.train, data.test]);
      const runs: RunResult[] = [];
      const series = variants.map((v, k) => ({ label: v.name, color: SERIES_COLORS[k], points: [] as CostPoint[] }));
      const body = this.views.compareTable;
      body.replaceChildren();
      for (const [k, v] of variants.entries()) {
        const r = await this.runLive(v.settings, data, this.views.compareBoundaries[k], bounds, v.name, (costs) => {
          series[k].points = costs;
          drawCosts(this.views.costs, series, v.settings.iterations);
        });
        runs.push(r);
        const row = body.insertRow();
        row.dataset.run = v.short;
        for (const text of [v.name, pct(r.train.accuracy), r.test ? pct(r.test.accuracy) : '—', r.finalCost.toFixed(4), `${Math.round(r.wallMs)} ms`]) {
          row.insertCell().textContent = text;
        }
      }
      return { data: data.source, runs };
    });
  }

  /** Run `fn` as the page's one run: refuses a second, clears pause and reset state, disposes trainers after. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running) throw new Error('a run is already in progress: pause or reset it first');
    this.reset();
    this.running = true;
    this.aborted = false;
    this.paused = false;
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

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
