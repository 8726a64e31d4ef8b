/**
 * The page's one run at a time: the one place that starts, pauses, resumes and stops runs. It holds
 * the run's state (running, paused, the iteration, the settings it started from), the trainers and
 * workers a stop ends, and what the page shows about it: the status line (an ARIA live region), the
 * buttons that start runs (disabled while one goes), pause and stop, and the error a run ends with.
 */
import type { TrainSettings } from '../model/settings';
import type { LabelledSet, Trainer } from '../model/types';
import { createTrainer } from '../train/factory';
import { computeClient, type ComputeClient } from './compute';
import { $ } from './dom';
import type { ErrorLine } from './field-error';
import type { Page } from './page';
import type { ReplaySlider } from './replay';
import type { Mode, PageState } from './state';
import { pageEngine } from './page-engine';
import { WorkerTrainer } from './worker-trainer';

export type RunState = 'ready' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

/** The element with the keyboard focus; null when it is nowhere in particular (<body>). */
function focused(): HTMLElement | null {
  const a = document.activeElement;
  return a instanceof HTMLElement && a !== document.body ? a : null;
}

/** What a run throws at its next checkpoint once stopped. */
export class AbortedError extends Error {
  constructor() {
    super('run reset');
  }
}

/**
 * The page's trainers: the GPU trainer on this thread (its work is asynchronous: GPU submissions and
 * read-backs), the CPU reference and the fast CPU engine in a Web Worker (worker-trainer.ts).
 */
export function createPageTrainer(asked: TrainSettings, train: LabelledSet): Promise<Trainer> {
  const settings = asked.backend === 'auto' ? pageEngine(asked, train) : asked; // the views resolve 'auto' before; this is for any that does not
  return settings.backend === 'gpu' ? createTrainer(settings, train) : WorkerTrainer.create(settings, train);
}

/** The buttons that start a run (or change the settings a run reads): disabled while one goes. */
const RUN_BUTTONS = ['train', 'compare', 'lab-sweep', 'lesson-sweep', 'lab-init', 'lab-gradients', 'lab-landscape', 'lab-gradcheck', 'bench', 'course', 'lesson-toggle'];

export class RunController {
  running = false;
  paused = false;
  /** Iterations done in the run that goes (a sweep's: of all its models; compare's: of the model training). */
  iteration = 0;
  /** The iterations of the model training now (train's, or compare's current one): where a step must stop. */
  private modelIterations = 0;
  /** Where a step under way stops, and its promise's ends: resolved once the views show it there. */
  private stepTarget: number | null = null;
  private stepped: { resolve: (iteration: number) => void; reject: (e: Error) => void } | null = null;
  /** Called once a paused run waits at its checkpoint (a step asked for before the chunk in flight ended waits for it). */
  private arrivals: (() => void)[] = [];
  status: RunState = 'ready';
  /** The settings the run that goes (or the last one) started from: what it reads, whatever the controls show since. */
  snapshot: PageState | null = null;
  /** Milliseconds the current run has spent paused (iterations per second count running time only). */
  pausedMs = 0;
  /** The current run was stopped: whatever it throws now is the stop, not a failure. */
  private stopping = false;
  private resumeGate: (() => void) | null = null;
  private pausedAt = 0; private started = 0;
  /** What a stop ends: the run's trainers and workers. */
  private trainers: { dispose(): void }[] = [];
  private readonly statusLine = $('status');
  /** Told of every status shown: run-snapshot.ts locks the settings while a run goes. */
  private readonly statusWatchers: ((state: RunState) => void)[] = [];

  constructor(
    private readonly page: Page, private readonly errors: ErrorLine, private readonly replay: ReplaySlider,
    /** Resolves once the page can run (its engines known). */
    private readonly ready: Promise<unknown>,
  ) {
    $('pause').addEventListener('click', () => this.togglePause());
    $('step').addEventListener('click', () => this.step(1).catch((e) => this.errors.show(e)));
    $('reset').addEventListener('click', () => this.stop()); // start() reports the stop when the run unwinds
  }

  /** A second run while one goes is refused before anything changes: controls, hash, view, error. */
  refuseWhileRunning(): void {
    if (this.running) throw new Error('a run is already in progress: pause or stop it first');
  }

  /**
   * Start a run in `mode`'s view: `fn` gets the settings it runs with (a copy of the page's) and
   * reports through its view; the status line and the error line say how it ended (the status line,
   * a live region, with `results`' words when it is done: each model's accuracy). The control that
   * started it has the focus again once it ends.
   */
  async start<T>(mode: Mode, fn: (settings: PageState) => Promise<T>, results?: (result: T) => string): Promise<T> {
    await this.ready;
    this.refuseWhileRunning();
    const origin = focused();
    try {
      return await this.startRun(mode, fn, results);
    } finally {
      // a disabled button loses the focus to <body>: give it back to the control that started the run
      if (origin?.isConnected && focused() === null) origin.focus();
    }
  }

  private async startRun<T>(mode: Mode, fn: (settings: PageState) => Promise<T>, results?: (result: T) => string): Promise<T> {
    this.stopping = false; // the last run's stop is over: what this one throws before it trains is its own error
    this.page.setMode(mode);
    this.errors.clear();
    this.started = performance.now();
    this.replay.hide();
    this.snapshot = { ...this.page.state, fields: { ...this.page.state.fields } };
    this.show('running');
    try {
      const result = await fn(this.snapshot);
      this.show('done', results?.(result));
      this.replay.offer(mode);
      return result;
    } catch (e) {
      if (this.stopping) {
        // stop() ended the run: whatever the run threw on its way out is the stop, not an error
        this.show('stopped');
        throw new Error('stopped: the run was reset');
      }
      this.errors.show(e);
      this.show('failed');
      throw e;
    }
  }

  /** Run `fn` as the page's one run: refuses a second, clears pause and stop, disposes trainers after. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.refuseWhileRunning();
    this.stop();
    this.running = true;
    this.stopping = false;
    this.paused = false;
    this.pausedMs = 0;
    this.iteration = 0;
    try {
      return await fn();
    } finally {
      this.running = false;
      this.abandonStep('the run ended');
      this.disposeTrainers();
    }
  }

  /** A trainer for this run (see createPageTrainer); a stop disposes it. */
  async makeTrainer(settings: TrainSettings, train: LabelledSet): Promise<Trainer> {
    const t = await createPageTrainer(settings, train);
    this.trainers.push(t);
    return t;
  }

  /** A worker for one lab's computation, ended by a stop like a trainer. */
  computeWorker(purpose: string): ComputeClient {
    const c = computeClient(purpose);
    this.trainers.push(c);
    return c;
  }

  /**
   * Between chunks of a run, once its views show the chunk: waits while paused (a step that stopped
   * here resolves now), throws once the run is stopped.
   */
  async checkpoint(): Promise<void> {
    if (this.stopping) throw new AbortedError();
    if (this.paused) {
      this.show('paused'); // the iteration it paused at, now that the chunk in flight is done
      this.stepped?.resolve(this.iteration);
      this.stepped = null;
      const waiting = new Promise<void>((resolve) => { this.resumeGate = resolve; });
      for (const arrived of this.arrivals.splice(0)) arrived();
      await waiting;
    }
    if (this.stopping) throw new AbortedError();
  }

  /** A model of train or compare starts: `iterations` of them, none done yet. */
  beginModel(iterations: number): void {
    this.iteration = 0;
    this.modelIterations = iterations;
  }

  /** A chunk ended with `done` iterations done: a step that has reached its iteration pauses the run here. */
  reached(done: number): void {
    this.iteration = done;
    if (this.stepTarget !== null && done >= this.stepTarget) {
      this.stepTarget = null;
      this.pause();
    }
  }

  /** The most iterations the next chunk may run: all it wants, or what a step under way has left. */
  chunkLimit(): number {
    return this.stepTarget === null ? Infinity : this.stepTarget - this.iteration;
  }

  /**
   * Advance a paused train or compare run by exactly n iterations (the model training now): resolves
   * with the iteration once the views show it, the run paused again. Refused, with the reason,
   * unless a train or compare run is paused with n iterations left.
   */
  async step(n = 1): Promise<number> {
    const refuse = (why: string) => { throw new Error(`step: ${why}`); };
    const mode = this.snapshot?.mode;
    if (!Number.isInteger(n) || n < 1) refuse(`n must be a positive integer, got ${n}`);
    if (!this.running || !this.paused) refuse('the run is not paused — pause a train or compare run first; step advances a paused run by n iterations');
    if (mode !== 'train' && mode !== 'compare') refuse(`only train and compare runs step (this run is ${mode})`);
    if (this.stepped) refuse('a step is already under way');
    // paused while a chunk was in flight: the step counts from where that chunk ends
    if (!this.resumeGate) await new Promise<void>((resolve) => this.arrivals.push(resolve));
    if (!this.running || !this.paused || this.stepped) refuse('the run changed before the step could start');
    const left = this.modelIterations - this.iteration;
    if (n > left) {
      refuse(left === 0 ? 'this model has run all its iterations — press resume to go on'
        : `only ${left} iteration${left === 1 ? '' : 's'} left in this model, asked for ${n}`);
    }
    this.stepTarget = this.iteration + n;
    const done = new Promise<number>((resolve, reject) => { this.stepped = { resolve, reject }; });
    this.resume();
    this.show('running');
    return done;
  }

  /** A step under way ends without reaching its iteration (a pause, resume or stop, or the run's end). */
  private abandonStep(why: string): void {
    this.stepTarget = null;
    this.stepped?.reject(new Error(`step: ${why}`));
    this.stepped = null;
    for (const arrived of this.arrivals.splice(0)) arrived(); // a step waiting for the checkpoint looks again, and refuses
  }

  togglePause(): void {
    if (!this.running) return;
    this.abandonStep(this.paused ? 'the run was resumed' : 'the run was paused'); // the run goes on (or stops) as asked
    if (this.paused) this.resume();
    else this.pause();
    // paused once the chunk in flight has ended: checkpoint() says so, with the iteration it stopped at
    this.show('running', this.paused ? `Pausing ${this.snapshot?.mode ?? ''} once the chunk in flight ends…` : '');
  }

  private pause(): void {
    if (!this.running || this.paused) return;
    this.paused = true;
    this.pausedAt = performance.now();
  }

  private resume(): void {
    if (this.paused) this.pausedMs += performance.now() - this.pausedAt;
    this.paused = false;
    this.resumeGate?.();
    this.resumeGate = null;
  }

  /** Stop the run that goes (if any): its trainers and workers end, and it throws at its next checkpoint. */
  stop(): void {
    this.stopping = this.running;
    this.abandonStep('the run was stopped');
    this.resume();
    this.disposeTrainers();
  }

  private disposeTrainers(): void {
    for (const t of this.trainers) t.dispose();
    this.trainers = [];
  }

  onStatus(fn: (state: RunState) => void): void { this.statusWatchers.push(fn); }

  /** The status line as shown. */
  get statusText(): string {
    return this.statusLine.textContent ?? '';
  }

  /** One place for what the page shows about the run: the status line, the buttons, the page's style. */
  show(state: RunState, detail = ''): void {
    this.status = state;
    const running = state === 'running' || state === 'paused';
    const mode = this.snapshot?.mode ?? this.page.state.mode;
    document.body.classList.toggle('running', running);
    for (const id of RUN_BUTTONS) $<HTMLButtonElement>(id).disabled = running;
    for (const b of document.querySelectorAll<HTMLButtonElement>('button.rerun')) b.disabled = running;
    $<HTMLButtonElement>('pause').disabled = !running;
    $<HTMLButtonElement>('step').disabled = state !== 'paused' || (mode !== 'train' && mode !== 'compare');
    $<HTMLButtonElement>('reset').disabled = !running;
    $('pause').textContent = this.paused && running ? 'resume' : 'pause';
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    this.statusLine.textContent = {
      ready: detail || 'Ready: start with step 1, press train (or compare for all three at once).',
      running: detail || `Running ${mode}…`,
      paused: `Paused at iteration ${this.iteration}: press resume to go on, or stop.`,
      done: `Done: ${mode} finished in ${seconds} s.${detail ? ` ${detail}` : ''}`,
      stopped: `Stopped at iteration ${this.iteration}.`,
      failed: 'Stopped by an error (below).',
    }[state];
    for (const w of this.statusWatchers) w(state);
  }
}
