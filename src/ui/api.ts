/**
 * The automation contract `window.reglab` (docs/page.md), used by the Playwright tests: each call puts
 * its settings into the controls (and the address), then runs as the button does, resolving to the
 * CLI's JSON; `state()` reads the page as a user sees it.
 */
import type { BenchReport } from '../bench/harness';
import { DEFAULT_SWEEP_L2 } from '../labs/sweep';
import { GRADIENTS_DEFAULTS } from '../labs/gradients';
import { LANDSCAPE_DEFAULTS } from '../labs/landscape';
import type { RunResult } from '../train/run';
import type { DataInput } from './data-input';
import type { DataSource } from './data-source';
import type { Engines } from './engines';
import type { ExerciseApi } from './exercise-install';
import type { ErrorLine } from './field-error';
import type { Page } from './page';
import type { LabDefaults, LabIterations } from './request';
import type { RunController } from './run-controller';
import type { RunRecord } from './run-record';
import type { WeightsJson } from '../model/weights-json';
import { SWEEP_DEFAULTS, type PageRuns } from './runs';
import { fieldsFromSettings } from './state';

interface ReglabApi {
  ready: Promise<{ adapter: string | null; software: boolean }>;
  initCompare(settings?: Record<string, unknown>): Promise<unknown>;
  gradients(settings?: Record<string, unknown>): Promise<unknown>;
  landscape(settings?: Record<string, unknown>): Promise<unknown>;
  gradcheck(settings?: Record<string, unknown>): Promise<unknown>;
  bench(options?: { size?: 'tiny' | 'quick' }): Promise<BenchReport>;
  sweep(settings?: Record<string, unknown>): Promise<unknown>;
  train(settings?: Record<string, unknown>): Promise<RunResult & { data: string }>;
  compare(settings?: Record<string, unknown>): Promise<{ data: string; runs: RunResult[] }>;
  /** Advance the paused train or compare run by n iterations (default 1); resolves with the iteration once the views show it. */
  step(n?: number): Promise<number>;
  loadCsv(trainText: string, testText?: string): Promise<{ train: number; test: number | null }>;
  state(): Record<string, unknown>;
  /** The last train or compare run as the CLI's --json prints it. */
  exportRun(): unknown;
  /** A model's weights as `reglab train --save-weights` writes them: train's, or compare's by short name (none, l2, dropout, l1, augmented). */
  exportWeights(model?: string): WeightsJson;
  /** The lesson's coding exercise (docs/page.md#the-exercise). */
  exercise: ExerciseApi;
}

declare global {
  interface Window {
    reglab: ReglabApi;
  }
}

/** What the API drives: the page's parts, once assembled (main.ts). */
export interface ApiParts {
  engines: Engines;
  /** Resolves once the page can run. */
  pageReady: Promise<unknown>;
  page: Page;
  run: RunController;
  runs: PageRuns;
  data: DataSource;
  input: DataInput;
  errors: ErrorLine;
  exercise: ExerciseApi;
  record: RunRecord;
}

/** loadCsv's arguments, checked: CSV text, not a file object or null. */
function csvText(value: unknown, which: string): string {
  if (typeof value !== 'string') {
    throw new TypeError(`loadCsv: ${which} must be CSV text (a string of x1,x2,label rows), got ${value === null ? 'null' : typeof value}`);
  }
  return value;
}

export function exposeApi({ engines, pageReady, page, run, runs, data, input, errors, exercise, record }: ApiParts): void {
  /**
   * The API's settings over the defaults (not over the current controls), so a call is reproducible.
   * One exception, documented: without a `dataset`, a CSV already loaded and selected stays the data.
   */
  const applySettings = (settings: Record<string, unknown>): void => {
    const { fields, course } = fieldsFromSettings(settings);
    if (settings.dataset === undefined && page.readControls().dataset === 'csv' && data.csv) fields.dataset = 'csv';
    page.setFields(fields, course);
  };

  /** A call that changes the page: once it is ready, and refused before anything changes while a run goes. */
  const whenFree = async () => {
    await pageReady;
    run.refuseWhileRunning();
  };

  /** An API call: the settings go into the controls (and the address), then the run goes as the button's does. */
  const viaControls = <T>(start: () => Promise<T>) => async (settings: Record<string, unknown> = {}): Promise<T> => {
    await whenFree();
    applySettings(settings);
    return start();
  };

  /**
   * A lab's API call: `iterations` and `logEvery` are the lab's own (the CLI's defaults for that lab when
   * absent); the lab's iteration control shows what ran; the other settings go into the controls.
   */
  const viaLabControls = <T>(key: LabIterations, defaults: LabDefaults, start: (logEvery: number) => Promise<T>) =>
    async (settings: Record<string, unknown> = {}): Promise<T> => {
      await whenFree();
      const { iterations, logEvery, ...rest } = settings;
      applySettings({ ...rest, [key]: iterations ?? defaults.iterations });
      return start(logEvery === undefined ? defaults.logEvery : Number(logEvery));
    };

  window.reglab = {
    ready: engines.ready,
    train: viaControls(runs.train),
    compare: viaControls(runs.compare),
    initCompare: viaControls(runs.init),
    // activation and init are the lab's own (the CLI's `reglab gradients` defaults when absent), not the main controls'
    gradients(settings = {}) {
      const { activation, init, ...rest } = settings;
      return viaLabControls('gradientsIterations', GRADIENTS_DEFAULTS, runs.gradients)({
        ...rest, gradientsActivation: activation ?? GRADIENTS_DEFAULTS.activation, gradientsInit: init ?? GRADIENTS_DEFAULTS.init,
      });
    },
    landscape: viaLabControls('landscapeIterations', LANDSCAPE_DEFAULTS, runs.landscape),
    gradcheck: viaControls(runs.gradcheck),
    step: (n = 1) => run.step(n),
    // the CLI's names: l2, l1 and keepProb are the sweep's lists, seeds its count; iterations its own
    async sweep(settings = {}) {
      const { l2, l1, keepProb, seeds, ...rest } = settings;
      const lists = { sweepL2: l2 ?? DEFAULT_SWEEP_L2.join(','), sweepL1: l1 ?? '0', sweepKeepProb: keepProb ?? '1', sweepSeeds: seeds ?? '1' };
      return viaLabControls('sweepIterations', SWEEP_DEFAULTS, runs.sweep)({ ...rest, ...lists });
    },
    async bench(options = {}) {
      await whenFree();
      const size = options.size === 'tiny' ? 'tiny' : 'quick';
      // the lab's size control shows what runs
      page.setFields({ ...page.state.fields, benchSize: size });
      return runs.bench(size);
    },
    async loadCsv(trainText, testText) {
      await whenFree();
      const d = await data.loadCsv(csvText(trainText, 'trainText'), testText === undefined ? undefined : csvText(testText, 'testText'));
      input.selectFile();
      return { train: d.train.m, test: d.test?.m ?? null };
    },
    state() {
      // the data as made so far: null while a generated set is still being made, or the controls are invalid
      const d = data.dataNow(page.state.fields);
      const made = d && { source: d.source, train: d.train.m, test: d.test?.m ?? null };
      return {
        fields: { ...page.state.fields }, mode: page.state.mode, course: page.state.course, adapter: engines.adapter,
        running: run.running, paused: run.paused, iteration: run.iteration, data: made,
        csv: data.csv?.source ?? null, error: errors.text, status: run.status, statusText: run.statusText,
      };
    },
    exportRun: () => record.exportRun(),
    exportWeights: (model) => record.exportWeights(model),
    exercise,
  };
}
