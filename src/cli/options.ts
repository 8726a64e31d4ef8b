/**
 * The flags `train` and `compare` share, and their translation into validated settings and data.
 * Every user error is a UsageError or a SettingsError (exit 2, names the flag: src/cli/refusals.ts
 * writes the line) or a DataError (exit 1, names the file and line); never a stack trace.
 */
import { ReglabError } from '../errors';
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { CsvError, parseCsv } from '../data/csv';
import { labelledSetsFromMat, LESSON_MAT_NAMES, MatError, type MatNames } from '../data/mat';
import { DATASETS, DEFAULT_DATASET, generateDataset, type DatasetName } from '../data/generators';
import { ACTIVATIONS, AUGMENT_MIRRORS, AUGMENT_ROTATIONS, BACKENDS, GPU_PATHS, INITS, MONITORS, PRECISIONS, RNG_STREAMS, type TrainSettings } from '../model/settings';
import { resolveSettings } from '../train/requests';
import type { LabelledSet } from '../model/types';
import { builtInSource, csvSource } from '../present/format';

/** Bad flags or flag values: exit code 2. */
export class UsageError extends ReglabError {
  constructor(message: string) {
    super(message, { exitCode: 2 });
  }
}
/** Bad data files: exit code 1. */
export class DataError extends ReglabError {
  constructor(message: string, file?: string) {
    super(message, { exitCode: 1, file });
  }
}

/** Settings field → the flag that sets it, so validation errors name what the user typed. */
const FLAG_OF: Record<string, string> = {
  layers: '--layers', activation: '--activation', init: '--init', initScale: '--init-scale', initRng: '--init-rng',
  seed: '--seed', dropoutSeed: '--dropout-seed', dropoutRng: '--dropout-rng', learningRate: '--learning-rate',
  iterations: '--iterations', l2: '--l2', l1: '--l1', withL1: '--with-l1', keepProb: '--keep-prob', logEvery: '--log-every', precision: '--precision',
  backend: '--backend', gpuPath: '--gpu-path', earlyStopping: '--early-stopping', minDelta: '--min-delta',
  validationFraction: '--validation-fraction', monitor: '--monitor', augmentCopies: '--augment-copies',
  augmentSigma: '--augment-sigma', augmentMirror: '--augment-mirror', augmentRotate: '--augment-rotate',
  dataset: '--dataset', size: '--size', noise: '--noise', dataSeed: '--data-seed', testFraction: '--test-fraction',
  depth: '--depth', width: '--width', seeds: '--seeds', modelL2: '--model-l2', modelKeepProb: '--model-keep-prob',
};

export function flagFor(field: string): string {
  return FLAG_OF[field.replace(/\[\d+\]$/, '')] ?? field;
}

export function number(value: string): number {
  const v = Number(value);
  if (value.trim() === '' || Number.isNaN(v)) throw new InvalidArgumentError(`must be a number, got ${JSON.stringify(value)}`);
  return v;
}

export function integer(value: string): number {
  const v = number(value);
  if (!Number.isInteger(v)) throw new InvalidArgumentError(`must be an integer, got ${value}`);
  return v;
}

function rotation(value: string): number {
  const allowed = AUGMENT_ROTATIONS.map(String);
  if (!allowed.includes(value.trim())) throw new InvalidArgumentError(`must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** Comma-separated positive integers; `wrong(s, i)` says what the i-th entry s should have been. */
function positiveIntegers(value: string, wrong: (s: string, i: number) => string): number[] {
  return value.split(',').map((s, i) => {
    const v = Number(s);
    if (s.trim() === '' || !Number.isInteger(v) || v < 1) throw new InvalidArgumentError(wrong(s, i));
    return v;
  });
}

export function layerList(value: string): number[] {
  if (value.trim() === '') return [];
  return positiveIntegers(value, (s, i) => `hidden layer ${i + 1} is ${JSON.stringify(s)}; expected a positive integer (e.g. 20,3)`);
}

/** A comma-separated list of numbers, e.g. "0,0.01,0.7" (range checks are the settings'). */
export function numberList(value: string): number[] {
  return value.split(',').map((s, i) => {
    const v = Number(s);
    if (s.trim() === '' || Number.isNaN(v)) throw new InvalidArgumentError(`entry ${i + 1} is ${JSON.stringify(s)}; expected a comma-separated list of numbers (e.g. 0,0.01,0.7)`);
    return v;
  });
}

/** Bench sizes, e.g. "256,4096". */
export function sizeList(value: string): number[] {
  return positiveIntegers(value, (s) => `${JSON.stringify(s)} is not a positive integer (expected a list such as 256,4096)`);
}

/** --mat-vars X,y,Xval,yval: four variable names. */
function matVars(value: string): MatNames {
  const names = value.split(',').map((s) => s.trim());
  if (names.length !== 4 || names.some((n) => !/^[A-Za-z]\w*$/.test(n))) {
    throw new InvalidArgumentError(`expected four variable names: train points, labels, test points, test labels (e.g. X,y,Xval,yval), got ${JSON.stringify(value)}`);
  }
  const [x, y, xTest, yTest] = names;
  return { x, y, xTest, yTest };
}

/** Groups of training flags; each command takes the groups that mean something to it. */
export type FlagGroup = 'data' | 'layers' | 'model' | 'training' | 'dropout' | 'device' | 'earlyStopping' | 'augment' | 'json' | 'progress' | 'weights';
export const ALL_GROUPS: readonly FlagGroup[] = ['data', 'layers', 'model', 'training', 'dropout', 'device', 'earlyStopping', 'augment', 'json', 'progress', 'weights'];

/** Defaults a command shows in its help when they differ from train's. */
export interface HelpDefaults {
  iterations?: number;
  logEvery?: number;
  activation?: string;
  init?: string;
}

/** Add the given groups of data and model flags to a command. */
export function addTrainingFlags(cmd: Command, groups: readonly FlagGroup[] = ALL_GROUPS, defaults: HelpDefaults = {}): Command {
  const has = (g: FlagGroup) => groups.includes(g);
  if (has('data')) {
    cmd
      .option('--dataset <name>', `built-in data set: ${DATASETS.join(', ')} (default ${DEFAULT_DATASET.name})`)
      .option('--size <n>', `points in the built-in data set, train + test (default ${DEFAULT_DATASET.size})`, integer)
      .option('--noise <sigma>', `noise of the built-in data set (default ${DEFAULT_DATASET.noise})`, number)
      .option('--data-seed <n>', `seed of the built-in data set (default ${DEFAULT_DATASET.seed})`, integer)
      .option('--test-fraction <f>', `fraction of the built-in data set held out for testing (default ${DEFAULT_DATASET.testFraction})`, number)
      .option('--data <file.mat>', "training and test data from a MATLAB MAT-file (the lesson's data.mat: X, y, Xval, yval)")
      .option('--mat-vars <names>', `with --data: the variables holding train points, labels, test points, test labels (default ${Object.values(LESSON_MAT_NAMES).join(',')})`, matVars)
      .option('--train <file.csv>', 'training data as CSV: x1,x2,label (header optional, labels 0/1)')
      .option('--test <file.csv>', 'test data as CSV (with --train)')
      .option('--course', `the lesson's settings: ${[
        has('layers') ? '--layers 20,3' : '', '--activation relu', has('training') ? '--learning-rate 0.3 --iterations 30000' : '',
        '--init scaled --init-rng numpy --seed 3', has('dropout') ? '--dropout-rng numpy' : '',
      ].filter(Boolean).join(' ')}; other flags override`);
  }
  if (has('layers')) cmd.option('--layers <sizes>', 'hidden layer sizes, comma-separated (default 20,3)', layerList);
  if (has('model')) {
    cmd
      .addOption(new Option('--activation <name>', `hidden activation (default ${defaults.activation ?? 'relu'})`).choices(ACTIVATIONS))
      .addOption(new Option('--init <name>', `weight initialization (default ${defaults.init ?? 'scaled'})`).choices(INITS))
      .option('--init-scale <k>', 'randn multiplier for --init random (default 10)', number)
      .addOption(new Option('--init-rng <stream>', 'stream of the initial weights (default philox)').choices(RNG_STREAMS))
      .option('--seed <n>', `seed of the initial weights${has('dropout') ? ' and of the dropout masks' : ''} (default 1)`, integer);
  }
  if (has('dropout')) {
    cmd
      .option('--dropout-seed <n>', 'seed of the Philox dropout masks (default: --seed)', integer)
      .addOption(new Option('--dropout-rng <stream>', "dropout masks: philox (fresh every iteration) or numpy (the lesson's code: the same masks every iteration) (default philox)").choices(RNG_STREAMS));
  }
  if (has('training')) {
    cmd
      .option('--learning-rate <lr>', 'gradient-descent step (default 0.3)', number)
      .option('--iterations <n>', `full-batch iterations (default ${defaults.iterations ?? 30000})`, integer)
      .option('--log-every <k>', `record the cost every k iterations (default ${defaults.logEvery ?? 1000})`, integer)
      .option('--yes', 'start even a run estimated to take over an hour (the estimate is printed on stderr above a minute)');
  }
  if (has('device')) {
    cmd
      .addOption(new Option('--backend <name>', 'where to train: cpu (the float64 reference), wasm (the fast CPU engine: float32 WebAssembly SIMD on every core), gpu (WebGPU), or auto (the fastest here, by the rule in src/train/engine-choice.ts: wasm without an adapter or on a software one such as SwiftShader, and for one small network; gpu for sweeps and large networks on a hardware GPU; cpu with --course or --precision) (default auto)').choices(BACKENDS))
      .addOption(new Option('--gpu-path <path>', 'GPU kernels: unrolled (whole iterations in one workgroup, code written for the network; small networks), fused (the same with generic loops), layered (per-layer kernels), or auto (the rule in src/gpu/paths/rule.ts) (default auto)').choices(GPU_PATHS))
      .addOption(new Option('--precision <p>', 'the CPU reference\'s arithmetic: f64 (the oracle) or f32 (rounds like a GPU) (default f64; wasm is always f32)').choices(PRECISIONS));
  }
  if (has('earlyStopping')) {
    cmd
      .option('--early-stopping <patience>', 'stop after this many checks (every --log-every iterations) without improvement, and restore the best weights (default 0: off)', integer)
      .option('--min-delta <d>', 'smallest drop of the monitored cost that counts as an improvement (default 0)', number)
      .option('--validation-fraction <f>', 'part of the training data held out for early stopping (default 0.2)', number)
      .addOption(new Option('--monitor <set>', 'what early stopping watches (default validation)').choices(MONITORS));
  }
  if (has('augment')) {
    cmd
      .option('--augment-copies <k>', 'data augmentation: k jittered copies of every training point (default 0)', integer)
      .option('--augment-sigma <s>', 'standard deviation of the jitter (default 0.05)', number)
      .addOption(new Option('--augment-mirror <axes>', 'mirror symmetries you declare label-preserving (default none)').choices(AUGMENT_MIRRORS))
      .option('--augment-rotate <deg>', 'rotational symmetry you declare: 90 or 180 (default 0: none)', rotation);
  }
  if (has('json')) cmd.option('--json', 'print only JSON on stdout');
  if (has('progress')) cmd.option('--no-progress', 'no progress bar on stderr');
  // Scripts pass --no-progress to every command; one without a bar accepts it and hides it from --help.
  else cmd.addOption(new Option('--no-progress').hideHelp());
  if (has('weights')) cmd.option('--save-weights <file.json>', 'write the trained weights as JSON: {dims, activation, W, b} (compare: one file per run, suffixed)');
  return cmd;
}

export interface TrainingFlags {
  dataset?: string; size?: number; noise?: number; dataSeed?: number; testFraction?: number;
  train?: string; test?: string; data?: string; matVars?: MatNames; course?: boolean; layers?: number[]; activation?: TrainSettings['activation'];
  init?: TrainSettings['init']; initScale?: number; initRng?: TrainSettings['initRng']; seed?: number;
  dropoutSeed?: number; dropoutRng?: TrainSettings['dropoutRng']; learningRate?: number; iterations?: number;
  logEvery?: number; backend?: TrainSettings['backend']; precision?: TrainSettings['precision']; gpuPath?: TrainSettings['gpuPath'];
  earlyStopping?: number; minDelta?: number; validationFraction?: number; monitor?: TrainSettings['monitor'];
  augmentCopies?: number; augmentSigma?: number; augmentMirror?: TrainSettings['augmentMirror']; augmentRotate?: TrainSettings['augmentRotate'];
  l2?: number; l1?: number; keepProb?: number; json?: boolean; progress?: boolean; saveWeights?: string; yes?: boolean;
}

/**
 * Settings from flags: defaults, then --course, then every flag given explicitly (a bad one throws
 * SettingsError; the CLI's top level names its flag). The CLI's backend defaults to auto, which
 * pickEngine (src/cli/engine.ts) makes concrete once the data is known.
 */
export function settingsFrom(flags: TrainingFlags, extra: Partial<TrainSettings> = {}): TrainSettings {
  return resolveSettings({ ...flags, backend: flags.backend ?? 'auto' }, extra);
}

export interface LoadedData {
  train: LabelledSet;
  test: LabelledSet | null;
  /** How the data was obtained, for the JSON and the table. */
  source: string;
}

function readCsv(file: string): LabelledSet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DataError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return parseCsv(text, file);
  } catch (e) {
    if (e instanceof CsvError) throw new DataError(e.message);
    throw e;
  }
}

function readMatFile(file: string, names: MatNames): { train: LabelledSet; test: LabelledSet | null } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new DataError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return labelledSetsFromMat(bytes, file, names);
  } catch (e) {
    if (e instanceof MatError) throw new DataError(e.message);
    throw e;
  }
}

const BUILT_IN_FLAGS = ['dataset', 'size', 'noise', 'dataSeed', 'testFraction'] as const;
const kebab = (f: string) => `--${f.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;

export function loadData(flags: TrainingFlags): LoadedData {
  if (flags.matVars !== undefined && flags.data === undefined) throw new UsageError('--mat-vars: only with --data FILE.mat');
  if (flags.data !== undefined) {
    for (const f of [...BUILT_IN_FLAGS, 'train', 'test'] as const) {
      if (flags[f] !== undefined) throw new UsageError(`${kebab(f)}: not with --data (the MAT-file holds the training and test sets)`);
    }
    const { train, test } = readMatFile(flags.data, flags.matVars ?? LESSON_MAT_NAMES);
    return { train, test, source: flags.data };
  }
  if (flags.train !== undefined) {
    for (const f of BUILT_IN_FLAGS) {
      if (flags[f] !== undefined) throw new UsageError(`${kebab(f)}: only for built-in data sets, not with --train`);
    }
    const train = readCsv(flags.train);
    const test = flags.test !== undefined ? readCsv(flags.test) : null;
    return { train, test, source: csvSource(flags.train, flags.test ?? null) };
  }
  if (flags.test !== undefined) throw new UsageError('--test: needs --train (or use --dataset with --test-fraction)');
  const name = (flags.dataset ?? DEFAULT_DATASET.name) as DatasetName;
  if (!DATASETS.includes(name)) throw new UsageError(`--dataset: must be one of ${DATASETS.join(', ')}, got ${JSON.stringify(flags.dataset)}`);
  const opts = {
    name, size: flags.size ?? DEFAULT_DATASET.size, noise: flags.noise ?? DEFAULT_DATASET.noise,
    seed: flags.dataSeed ?? DEFAULT_DATASET.seed, testFraction: flags.testFraction ?? DEFAULT_DATASET.testFraction,
  };
  // a bad value is a SettingsError naming its field; the CLI's top level names the flag
  const split = generateDataset(opts);
  return { ...split, source: builtInSource(opts) };
}
