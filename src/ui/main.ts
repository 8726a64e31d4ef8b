/**
 * The lab page: wires the controls, the views and the Lab together, keeps the state in the URL hash,
 * and exposes the automation contract `window.reglab` (see docs/page.md) used by the Playwright tests.
 */
import { acquireGpu } from '../gpu/device';
import type { RunResult } from '../train/run';
import { buildControls } from './controls';
import { CROSS_ENTROPY, FieldError, Lab, OBJECTIVE, requestFrom, type LabData } from './lab';
import { drawCosts } from './chart';
import { FIELDS, fieldsFromSettings, fromHash, MODES, toHash, withCourse, type Mode, type PageState } from './state';
import { lessonWorkloads, runBench, sweepWorkloads, type BenchReport } from '../bench/harness';
import { drawBenchChart } from './bench-view';
import { GRADIENTS_DEFAULTS } from '../labs/gradients';
import { LANDSCAPE_DEFAULTS } from '../labs/landscape';
import { gradcheckLab, gradientsLab, initLab, landscapeLab, type LessonViews } from './lesson-labs';
import { parseList, redrawSweepCurve, sweepLab } from './sweep-lab';
import { drawSweepEmpty, type CurveMeasure } from './sweep-view';
import { DEFAULT_SWEEP_L2, type SweepCell } from '../labs/sweep';
import { benchGflops, benchImpl, benchTime } from '../present/format';
import { createTrainer } from '../train/factory';
import { WorkerTrainer } from './worker-trainer';
import { installExercise, type ExerciseApi } from './exercise-install';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface ReglabApi {
  ready: Promise<{ adapter: string | null }>;
  initCompare(settings?: Record<string, unknown>): Promise<unknown>;
  gradients(settings?: Record<string, unknown>): Promise<unknown>;
  landscape(settings?: Record<string, unknown>): Promise<unknown>;
  gradcheck(settings?: Record<string, unknown>): Promise<unknown>;
  bench(options?: { size?: 'tiny' | 'quick' }): Promise<BenchReport>;
  sweep(settings?: Record<string, unknown>): Promise<unknown>;
  train(settings?: Record<string, unknown>): Promise<RunResult & { data: string }>;
  compare(settings?: Record<string, unknown>): Promise<{ data: string; runs: RunResult[] }>;
  loadCsv(trainText: string, testText?: string): Promise<{ train: number; test: number | null }>;
  state(): Record<string, unknown>;
  exercise: ExerciseApi;
}

declare global {
  interface Window {
    reglab: ReglabApi;
  }
}

const controls = buildControls($('controls'), {
  sweep: $('sweep-settings'), gradients: $('gradients-settings'), landscape: $('landscape-settings'), bench: $('bench-settings'),
});
let page: PageState = fromHash(location.hash);
controls.write(page.fields);

const errorBox = $('error');
// a lab's setting is named with its lab ("gradients lab, iterations"), since its label alone repeats
const LABELS = new Map<string, string>(FIELDS.map((f) => [f.key, 'lab' in f ? `${f.lab} lab, ${f.label}` : f.label]));
function showError(e: unknown): void {
  // in the page's words: a field's error names its control as labelled, not the settings key
  const msg = e instanceof FieldError ? `${LABELS.get(e.field) ?? e.field}: ${e.reason}`
    : e instanceof Error ? e.message : String(e);
  errorBox.textContent = msg;
  errorBox.hidden = false;
  controls.flag(e instanceof FieldError ? e.field : null);
}
function clearError(): void {
  errorBox.hidden = true;
  controls.flag(null);
}

function setMode(mode: Mode): void {
  page.mode = mode;
  for (const m of MODES) $(`${m}-view`).hidden = m !== mode;
  $('chart-box').hidden = mode === 'landscape' || mode === 'gradcheck' || mode === 'bench' || mode === 'sweep' || mode === 'exercise';
  $('curves').hidden = mode !== 'train' && mode !== 'compare';
  $('weights-figure').hidden = mode !== 'compare';
  $('map-key').hidden = mode !== 'train' && mode !== 'compare' && mode !== 'init';
  saveHash();
}

function saveHash(): void {
  history.replaceState(null, '', `#${toHash(page)}`);
}

/**
 * The first frame, or 200 ms, whichever comes first. Chromium's first WebGPU adapter request holds the
 * main thread for a few hundred ms; made after the first paint, the page shows before it.
 */
const firstPaint = new Promise<void>((resolve) => {
  requestAnimationFrame(() => setTimeout(resolve, 0));
  setTimeout(resolve, 200);
});

const ready = firstPaint.then(acquireGpu).then(
  (gpu) => ({ adapter: gpu.adapterName }),
  () => ({ adapter: null as string | null }),
);

let lab: Lab;
let lessonViews: LessonViews;
const labReady = ready.then(({ adapter }) => {
  $('adapter').textContent = adapter ? `WebGPU adapter: ${adapter}` : 'WebGPU: not available';
  const backend = controls.input('backend') as HTMLSelectElement;
  // The fast CPU engine shares memory between threads: only a cross-origin-isolated page may
  // (vite.config.ts sends the two headers that make it so).
  const fastCpu = globalThis.crossOriginIsolated === true;
  if (!fastCpu) {
    backend.querySelector<HTMLOptionElement>('option[value=wasm]')!.disabled = true;
    if (page.fields.backend === 'wasm') {
      page.fields.backend = 'cpu';
      controls.write(page.fields);
    }
  }
  if (!adapter) {
    $('no-webgpu').hidden = false;
    backend.querySelector<HTMLOptionElement>('option[value=gpu]')!.disabled = true;
    if (page.fields.backend === 'gpu') {
      page.fields.backend = fastCpu ? 'wasm' : 'cpu';
      controls.write(page.fields);
    }
  }
  lab = new Lab({
    boundary: $('boundary'), costs: $('costs'), stats: $('stats'),
    compareBoundaries: ['none', 'l2', 'dropout', 'augmented'].map((k) => $(`boundary-${k}`)),
    compareTable: ($('compare-table') as HTMLTableElement).tBodies[0], compareNote: $('compare-note'), weights: $('weights'),
  }, adapter);
  lessonViews = {
    initBoundaries: ['zeros', 'random', 'scaled', 'he', 'xavier'].map((k) => $(`init-${k}`)),
    initTable: ($('init-table') as HTMLTableElement).tBodies[0], costs: $('costs'), heatmap: $('heatmap'),
    landscape: $('landscape'), text: $('gradcheck-text'), stats: $('stats'),
  };
  refreshPreview();
  drawCosts($('costs') as HTMLCanvasElement, [], Number(page.fields.iterations) || 30000,
    { yLabel: CROSS_ENTROPY, empty: 'press train or compare: the cost curves appear here' });
  drawSweepEmpty($('sweep-curve'), 'press λ sweep (or run again): the validation curve appears here');
  drawSweepEmpty($('sweep-heatmap'), 'and here the held-out accuracy of every λ × keep_prob');
  return lab;
});

/** The data the controls name; a built-in set is generated in a worker, so this never blocks the page. */
function currentData(): Promise<LabData> {
  return lab.data(page.fields);
}

let previewSeq = 0;
/** Draw the controls' data; only the latest request draws (the controls may change while a set is made). */
async function refreshPreview(): Promise<void> {
  if (!lab || lab.running) return;
  const seq = ++previewSeq;
  try {
    const data = await currentData();
    if (seq !== previewSeq || lab.running) return;
    lab.preview(data);
    clearError();
  } catch (e) {
    if (seq === previewSeq && !lab.running) showError(e);
  }
}

controls.onChange(() => {
  page.fields = controls.read();
  page.course = false;
  saveHash();
  refreshPreview();
});

/** The buttons that start a run (or change the settings a run reads): disabled while one goes. */
const RUN_BUTTONS = ['train', 'compare', 'lab-sweep', 'lesson-sweep', 'lab-init', 'lab-gradients', 'lab-landscape', 'lab-gradcheck', 'bench', 'course'];
const statusLine = $('status');
type RunState = 'ready' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';
let runState: RunState = 'ready';
let runStarted = 0;

/** One place for what the page shows about the run: the status line (aria-live), buttons, styles. */
function setRunState(state: RunState, detail = ''): void {
  runState = state;
  const running = state === 'running' || state === 'paused';
  document.body.classList.toggle('running', running);
  for (const id of RUN_BUTTONS) ($(id) as HTMLButtonElement).disabled = running;
  for (const b of document.querySelectorAll<HTMLButtonElement>('button.rerun')) b.disabled = running;
  ($('pause') as HTMLButtonElement).disabled = !running;
  ($('reset') as HTMLButtonElement).disabled = !running;
  $('pause').textContent = state === 'paused' ? 'resume' : 'pause';
  const seconds = ((performance.now() - runStarted) / 1000).toFixed(1);
  statusLine.textContent = {
    ready: detail || 'Ready: start with step 1, press train (or compare for all three at once).',
    running: `Running ${page.mode}…`,
    paused: `Paused at iteration ${lab?.iteration ?? 0}: press resume to go on, or stop.`,
    done: `Done: ${page.mode} finished in ${seconds} s.`,
    stopped: `Stopped at iteration ${lab?.iteration ?? 0}.`,
    failed: 'Stopped by an error (below).',
  }[state];
}

/** A second run while one goes is refused before anything changes: controls, hash, view, error. */
function refuseWhileRunning(): void {
  if (lab?.running) throw new Error('a run is already in progress: pause or stop it first');
}

/**
 * The replay slider under the maps of the last train or compare: from iteration 0 to the run's end,
 * shown once a run has left snapshots and no run goes.
 */
const replay = $('replay');
const replayAt = $('replay-at') as HTMLInputElement;
const replayLabel = $('replay-label');
function showReplay(at: number): void {
  replayLabel.textContent = at === 0 ? 'before training' : `after ${at.toLocaleString('en')} iterations`;
  lab.replay.show(at);
}
function offerReplay(): void {
  const ok = (page.mode === 'train' || page.mode === 'compare') && !lab.running && !lab.replay.empty;
  replay.hidden = !ok;
  if (!ok) return;
  // under the maps of the view in use
  const view = $(`${page.mode}-view`);
  const maps = view.querySelector('.three');
  if (maps) maps.after(replay);
  else view.append(replay);
  replayAt.max = String(lab.replay.iterations);
  replayAt.step = String(Math.max(1, Math.round(lab.replay.iterations / 200)));
  replayAt.value = replayAt.max;
  replayLabel.textContent = `after ${lab.replay.iterations.toLocaleString('en')} iterations`;
}
replayAt.addEventListener('input', () => showReplay(Number(replayAt.value)));

async function start<T>(mode: Mode, fn: () => Promise<T>): Promise<T> {
  await labReady;
  refuseWhileRunning();
  setMode(mode);
  clearError();
  runStarted = performance.now();
  replay.hidden = true;
  setRunState('running');
  try {
    const result = await fn();
    setRunState('done');
    offerReplay();
    return result;
  } catch (e) {
    if (lab.stopRequested) {
      // reset() stopped the run: whatever the run threw on its way out is the stop, not an error
      setRunState('stopped');
      throw new Error('stopped: the run was reset');
    }
    showError(e);
    setRunState('failed');
    throw e;
  }
}

const runTrain = () => start('train', async () => lab.train(requestFrom(page.fields, page.course), await currentData()));
const runCompare = () =>
  start('compare', async () => lab.compare(requestFrom(page.fields, page.course), await currentData(), page.fields.compareAugmented === 'yes'));
const fieldNumber = (key: 'depth' | 'width' | 'grid' | 'span' | 'sweepSeeds' | LabIterations) => {
  const v = Number(page.fields[key]);
  if (page.fields[key].trim() === '' || Number.isNaN(v)) throw new FieldError(key, `${JSON.stringify(page.fields[key])} is not a number`);
  return v;
};
type LabIterations = 'gradientsIterations' | 'landscapeIterations' | 'sweepIterations';
/**
 * A lab's request: the controls, with the lab's own iteration count (the CLI's default for that lab,
 * not the main 30 000) and a log step scaled to it as the CLI's defaults are, unless one is given.
 */
function labRequest(key: LabIterations, defaults: { iterations: number; logEvery: number }, logEvery?: number) {
  const iterations = fieldNumber(key);
  if (!Number.isInteger(iterations) || iterations < 1) throw new FieldError(key, `must be a positive integer, got ${iterations}`);
  const step = logEvery ?? Math.max(1, Math.round((iterations * defaults.logEvery) / defaults.iterations));
  return { ...requestFrom(page.fields, page.course), iterations, logEvery: step };
}
const SWEEP_DEFAULTS = { iterations: 5000, logEvery: 1000 };
const sweepMeasure = (): CurveMeasure =>
  document.querySelector<HTMLInputElement>('input[name=sweep-measure]:checked')?.value === 'cross-entropy' ? 'cross-entropy' : 'accuracy';
const sweepViews = () => ({
  curve: $<HTMLCanvasElement>('sweep-curve'), measure: sweepMeasure, heatmap: $<HTMLCanvasElement>('sweep-heatmap'),
  table: ($('sweep-table') as HTMLTableElement).tBodies[0], heldHeader: $('sweep-held'), stats: $('stats'),
});
/** A sweep's model opened as a train run: its λ, keep_prob and seed in the controls, then train. */
function openSweepModel(cell: SweepCell, seed: number): void {
  if (lab?.running) return;
  page.fields = { ...controls.read(), l2: String(cell.l2), keepProb: String(cell.keepProb), seed: String(seed), iterations: page.fields.sweepIterations };
  controls.write(page.fields);
  saveHash();
  quiet(runTrain());
}
const runSweepLab = (logEvery?: number) => start('sweep', async () => sweepLab(lab, sweepViews(), labRequest('sweepIterations', SWEEP_DEFAULTS, logEvery), await currentData(), {
  l2s: parseList('sweepL2', page.fields.sweepL2), keepProbs: parseList('sweepKeepProb', page.fields.sweepKeepProb), seeds: fieldNumber('sweepSeeds'),
}, openSweepModel));
const runInit = () => start('init', async () => initLab(lab, lessonViews, requestFrom(page.fields, page.course), await currentData()));
const runGradients = (logEvery?: number) => start('gradients', async () => gradientsLab(lab, lessonViews,
  labRequest('gradientsIterations', GRADIENTS_DEFAULTS, logEvery), await currentData(), fieldNumber('depth'), fieldNumber('width')));
const runLandscape = (logEvery?: number) => start('landscape', async () => landscapeLab(lab, lessonViews,
  labRequest('landscapeIterations', LANDSCAPE_DEFAULTS, logEvery), await currentData(), fieldNumber('grid'), fieldNumber('span')));
const runGradcheck = () => start('gradcheck', async () => gradcheckLab(lab, lessonViews, requestFrom(page.fields, page.course), await currentData()));
async function benchmark(size: 'tiny' | 'quick'): Promise<BenchReport> {
  const workloads = size === 'tiny'
    ? sweepWorkloads([3], [16, 64], 3)
    : [...lessonWorkloads(100), ...sweepWorkloads([20, 64], [256, 1024], 5)];
  const body = ($('bench-table') as HTMLTableElement).tBodies[0];
  body.replaceChildren();
  const report = await lab.exclusive(() => runBench(workloads, {
    repeats: size === 'tiny' ? 2 : 5, gpu: lab.adapter !== null, cpu: true, wasm: globalThis.crossOriginIsolated === true, maxMsPerIteration: 2000,
    // the CPU engines train in a worker, as every CPU run of the page does
    makeTrainer: (s, t) => (s.backend === 'gpu' ? createTrainer(s, t) : WorkerTrainer.create(s, t)),
    tfjs: lab.adapter !== null ? ['webgpu', 'cpu'] : ['cpu'],
    note: (msg) => { $('stats').textContent = `benchmark: ${msg}`; },
    onRow: (row) => {
      const tr = body.insertRow();
      for (const t of [row.workload, row.hidden.join(','), String(row.m), row.regularization, benchImpl(row, false),
        benchTime(row, false), benchGflops(row, true)]) tr.insertCell().textContent = t;
    },
  }));
  drawBenchChart($('bench-chart'), report);
  $('stats').textContent = `benchmark on ${report.adapter ?? 'the CPU only (no WebGPU)'}; FLOPs: ${report.flopsCounting}`;
  return report;
}
const runBenchView = (size: 'tiny' | 'quick') => start('bench', () => benchmark(size));
const quiet = (p: Promise<unknown>) => p.catch(() => {});

$('train').addEventListener('click', () => quiet(runTrain()));
$('compare').addEventListener('click', () => quiet(runCompare()));
$('lab-init').addEventListener('click', () => quiet(runInit()));
$('lab-sweep').addEventListener('click', () => quiet(runSweepLab()));
$('lesson-sweep').addEventListener('click', () => quiet(runSweepLab()));
// the sweep's curve switch: accuracy or cross-entropy, redrawn at once from the last sweep
for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=sweep-measure]')) {
  radio.addEventListener('change', () => { if (radio.checked) redrawSweepCurve(sweepMeasure()); });
}
$('bench').addEventListener('click', () => quiet(runBenchView(page.fields.benchSize === 'quick' ? 'quick' : 'tiny')));
$('lab-gradients').addEventListener('click', () => quiet(runGradients()));
$('lab-landscape').addEventListener('click', () => quiet(runLandscape()));
$('lab-gradcheck').addEventListener('click', () => quiet(runGradcheck()));
// The curves switch: cross-entropy (train and test) or the objective the notebook prints; redrawn at once.
for (const radio of document.querySelectorAll<HTMLInputElement>('input[name=curves]')) {
  radio.addEventListener('change', () => { if (radio.checked) lab?.setCurves(radio.value === OBJECTIVE ? OBJECTIVE : CROSS_ENTROPY); });
}
// "run again" in a lab's view: the lab's own button, with the settings beside it
for (const b of document.querySelectorAll<HTMLButtonElement>('button.rerun')) b.addEventListener('click', () => $(b.dataset.lab!).click());
$('pause').addEventListener('click', () => {
  if (!lab?.running) return;
  if (lab.paused) lab.resume();
  else lab.pause();
  setRunState(lab.paused ? 'paused' : 'running');
});
$('reset').addEventListener('click', () => {
  if (!lab?.running) return;
  lab.reset(); // start() reports the stop when the run unwinds
});
$('course').addEventListener('click', () => {
  page.fields = withCourse(controls.read());
  page.course = true;
  controls.write(page.fields);
  saveHash();
  refreshPreview();
});

/** After a CSV loads: it becomes the data set, in the controls, the hash and the preview. */
function selectCsv(): void {
  page.fields = { ...controls.read(), dataset: 'csv' };
  controls.write(page.fields);
  saveHash();
  refreshPreview();
}

// Data files: the lesson's data.mat or CSVs, by file picker or dropped on the plot; errors inline,
// the previous data kept.
const isMat = (f: File) => /\.mat$/i.test(f.name);
async function loadFiles(train: File, test?: File): Promise<void> {
  await labReady;
  const csvError = $('csv-error');
  try {
    const d = isMat(train) ? await lab.loadMat(new Uint8Array(await train.arrayBuffer()), train.name)
      : await lab.loadCsv(await train.text(), test ? await test.text() : undefined, { train: train.name, test: test?.name ?? '' });
    csvError.hidden = true;
    $('csv-status').textContent = `loaded ${d.source}: ${d.train.m} training${d.test ? `, ${d.test.m} test` : ''} points`;
    selectCsv();
  } catch (e) {
    csvError.textContent = (e as Error).message;
    csvError.hidden = false;
  }
}
const trainInput = $('csv-train') as HTMLInputElement;
const testInput = $('csv-test') as HTMLInputElement;
const onPick = () => {
  if (trainInput.files?.[0]) void loadFiles(trainInput.files[0], testInput.files?.[0]);
};
trainInput.addEventListener('change', onPick);
testInput.addEventListener('change', onPick);
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const files = [...(e.dataTransfer?.files ?? [])];
  if (!files.length) return;
  const mat = files.find(isMat);
  const test = mat ? undefined : files.find((f) => /test/i.test(f.name) && files.length > 1);
  const train = mat ?? files.find((f) => f !== test)!;
  void loadFiles(train, test);
});

/** What a link that opens a view says it set up: the button that runs it. */
function linkReady(): string {
  if (page.mode === 'compare') return 'This link sets up a comparison: press compare to run it.';
  if (page.mode === 'sweep') return 'This link sets up a λ sweep: press run again (or λ sweep) to run it.';
  return 'Settings from the link applied: press train or compare.';
}

setMode(page.mode);
setRunState('ready', location.hash.length > 1 && (page.mode === 'compare' || page.mode === 'sweep') ? linkReady() : '');

// A link opened in this tab (or the hash edited by hand) applies as it would on load.
window.addEventListener('hashchange', () => {
  if (lab?.running) return; // the running run's settings stay; the address is rewritten when it ends
  page = fromHash(location.hash);
  controls.write(page.fields);
  setMode(page.mode);
  refreshPreview();
  setRunState('ready', linkReady());
});

/**
 * The API's settings over the defaults (not over the current controls), so a call is reproducible.
 * One exception, documented: without a `dataset`, a CSV already loaded and selected stays the data.
 */
function applySettings(settings: Record<string, unknown>): void {
  const { fields, course } = fieldsFromSettings(settings);
  if (settings.dataset === undefined && controls.read().dataset === 'csv' && lab.csv) fields.dataset = 'csv';
  page = { ...page, fields, course };
  controls.write(fields);
  saveHash();
}

/** An API call: the settings go into the controls (and the hash), then the run goes as the button's does. */
function viaControls<T>(run: (settings: Record<string, unknown>) => Promise<T>) {
  return async (settings: Record<string, unknown> = {}): Promise<T> => {
    await labReady;
    refuseWhileRunning();
    applySettings(settings);
    return run(settings);
  };
}

/** loadCsv's arguments, checked: CSV text, not a file object or null. */
function csvText(value: unknown, which: string): string {
  if (typeof value !== 'string') {
    throw new TypeError(`loadCsv: ${which} must be CSV text (a string of x1,x2,label rows), got ${value === null ? 'null' : typeof value}`);
  }
  return value;
}

/**
 * A lab's API call: `iterations` and `logEvery` are the lab's own (the CLI's defaults for that lab when
 * absent); the lab's iteration control shows what ran; the other settings go into the controls.
 */
function viaLabControls<T>(key: LabIterations, defaults: { iterations: number; logEvery: number }, run: (logEvery: number) => Promise<T>) {
  return async (settings: Record<string, unknown> = {}): Promise<T> => {
    await labReady;
    refuseWhileRunning();
    const { iterations, logEvery, ...rest } = settings;
    applySettings({ ...rest, [key]: iterations ?? defaults.iterations });
    return run(logEvery === undefined ? defaults.logEvery : Number(logEvery));
  };
}

window.reglab = {
  ready,
  train: viaControls(runTrain),
  compare: viaControls(runCompare),
  initCompare: viaControls(runInit),
  gradients: viaLabControls('gradientsIterations', GRADIENTS_DEFAULTS, runGradients),
  landscape: viaLabControls('landscapeIterations', LANDSCAPE_DEFAULTS, runLandscape),
  gradcheck: viaControls(runGradcheck),
  // the CLI's names: l2 and keepProb are the sweep's lists, seeds its count; iterations its own
  async sweep(settings = {}) {
    const { l2, keepProb, seeds, ...rest } = settings;
    const lists = { sweepL2: l2 ?? DEFAULT_SWEEP_L2.join(','), sweepKeepProb: keepProb ?? '1', sweepSeeds: seeds ?? '1' };
    return viaLabControls('sweepIterations', SWEEP_DEFAULTS, runSweepLab)({ ...rest, ...lists });
  },
  async bench(options = {}) {
    await labReady;
    refuseWhileRunning();
    const size = options.size === 'tiny' ? 'tiny' : 'quick';
    // the lab's size control shows what runs
    page.fields = { ...page.fields, benchSize: size };
    controls.write(page.fields);
    saveHash();
    return runBenchView(size);
  },
  async loadCsv(trainText, testText) {
    await labReady;
    refuseWhileRunning();
    const d = await lab.loadCsv(csvText(trainText, 'trainText'), testText === undefined ? undefined : csvText(testText, 'testText'));
    selectCsv();
    return { train: d.train.m, test: d.test?.m ?? null };
  },
  state() {
    // the data as made so far: null while a generated set is still being made, or the controls are invalid
    const d = lab?.dataNow(page.fields) ?? null;
    const data = d && { source: d.source, train: d.train.m, test: d.test?.m ?? null };
    return {
      fields: { ...page.fields }, mode: page.mode, course: page.course, adapter: lab?.adapter ?? null,
      running: lab?.running ?? false, paused: lab?.paused ?? false, iteration: lab?.iteration ?? 0, data,
      csv: lab?.csv?.source ?? null, error: errorBox.hidden ? null : errorBox.textContent,
      status: runState, statusText: statusLine.textContent,
    };
  },
  exercise: installExercise({ open: () => { if (!lab?.running) setMode('exercise'); }, fields: () => page.fields, data: (fields) => labReady.then((l) => l.data(fields)) }),
};
