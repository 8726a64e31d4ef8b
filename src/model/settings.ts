/**
 * Every user-facing training setting, its default, and its validation — in one place, so the CLI,
 * the page and the GPU trainer reject the same bad input with the same message naming the field.
 */
import { ReglabError } from '../errors';
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const INITS = ['zeros', 'random', 'scaled', 'he', 'xavier'] as const;
export type Init = (typeof INITS)[number];

export const RNG_STREAMS = ['numpy', 'philox'] as const;
export type RngStream = (typeof RNG_STREAMS)[number];

export const PRECISIONS = ['f64', 'f32'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** cpu: the float64 reference; wasm: the fast CPU engine (float32 WebAssembly SIMD, every core); gpu: WebGPU; auto: gpu when an adapter exists, else cpu. */
export const BACKENDS = ['cpu', 'wasm', 'gpu', 'auto'] as const;
export type Backend = (typeof BACKENDS)[number];

/**
 * GPU kernel path: unrolled (whole iterations in one workgroup, code written for the network),
 * fused (the same with loops over a layer table), layered (per-layer kernels), or auto (the rule of
 * src/gpu/paths/rule.ts).
 */
export const GPU_PATHS = ['auto', 'unrolled', 'fused', 'layered'] as const;
export const MONITORS = ['validation', 'test'] as const;
export const AUGMENT_MIRRORS = ['none', 'x1', 'x2', 'both'] as const;
export const AUGMENT_ROTATIONS = [0, 90, 180] as const;
export type Monitor = (typeof MONITORS)[number];
export type GpuPathSetting = (typeof GPU_PATHS)[number];

/** Largest width of any layer; keeps one layer's W under 16 M entries (64 MiB in float32). */
export const MAX_LAYER_SIZE = 4096;
/** Deepest network, counting hidden layers. */
export const MAX_HIDDEN_LAYERS = 64;
/** Longest run. */
export const MAX_ITERATIONS = 10_000_000;

export interface TrainSettings {
  /** Hidden layer sizes; the input (2) and output (1) layers are added by the data and the task. */
  layers: number[];
  activation: Activation;
  init: Init;
  /** Multiplier of randn for init = 'random' (the lesson's "large random" uses 10). */
  initScale: number;
  /** Where initial weights come from: numpy's MT19937 stream (course-compatible) or Philox. */
  initRng: RngStream;
  /** Seed of the initial weights. */
  seed: number;
  /** Seed (Philox key word 0) of the dropout masks; defaults to `seed`. */
  dropoutSeed: number;
  /** 'philox': a fresh mask every iteration; 'numpy': the lesson's code, which reseeds with 1 every pass. */
  dropoutRng: RngStream;
  learningRate: number;
  iterations: number;
  /** λ of the L2 penalty λ/(2m)·Σ‖W‖². */
  l2: number;
  /** λ₁ of the L1 penalty λ₁/m·Σ|W| (0: off). */
  l1: number;
  /** Probability of keeping a hidden unit; 1 turns dropout off. */
  keepProb: number;
  /** Record the cost every this many iterations (iteration 0 and the last are always recorded). */
  logEvery: number;
  precision: Precision;
  backend: Backend;
  gpuPath: GpuPathSetting;
  /** Early stopping: checks without improvement before stopping; 0 turns it off. Checked every logEvery iterations. */
  earlyStopping: number;
  /** Smallest drop of the monitored cost that counts as an improvement. */
  minDelta: number;
  /** Fraction of the training set held out as the validation split (early stopping on 'validation'). */
  validationFraction: number;
  /** What early stopping watches: a validation split of the training data, or the test set. */
  monitor: Monitor;
  /** Data augmentation of the training set: jittered copies per point (0: none). */
  augmentCopies: number;
  /** Standard deviation of the jitter. */
  augmentSigma: number;
  /** Mirror symmetries the user declares label-preserving. */
  augmentMirror: (typeof AUGMENT_MIRRORS)[number];
  /** Rotational symmetry the user declares: 0 (none), 90 (quarter turns) or 180. */
  augmentRotate: (typeof AUGMENT_ROTATIONS)[number];
}

export const DEFAULT_SETTINGS: Readonly<TrainSettings> = Object.freeze({
  layers: [20, 3],
  activation: 'relu',
  init: 'scaled',
  initScale: 10,
  initRng: 'philox',
  seed: 1,
  dropoutSeed: 1,
  dropoutRng: 'philox',
  learningRate: 0.3,
  iterations: 30_000,
  l2: 0,
  l1: 0,
  keepProb: 1,
  logEvery: 1000,
  precision: 'f64',
  backend: 'cpu',
  gpuPath: 'auto',
  earlyStopping: 0,
  minDelta: 0,
  validationFraction: 0.2,
  monitor: 'validation',
  augmentCopies: 0,
  augmentSigma: 0.05,
  augmentMirror: 'none',
  augmentRotate: 0,
} satisfies TrainSettings);

/** The lesson's experiment in one preset (`--course`). */
export const COURSE_SETTINGS: Readonly<Partial<TrainSettings>> = Object.freeze({
  layers: [20, 3],
  activation: 'relu',
  init: 'scaled',
  initRng: 'numpy',
  seed: 3,
  dropoutRng: 'numpy',
  learningRate: 0.3,
  iterations: 30_000,
  logEvery: 10_000,
});

/** A user-input error that names the offending field; the CLI maps it to a flag, the page to a control. */
export class SettingsError extends ReglabError {
  declare readonly field: string;
  /** What is wrong, without the field's name (each view names the field its own way). */
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`, { exitCode: 2, field });
    this.reason = reason;
  }
}

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function finite(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new SettingsError(field, `must be a finite number, got ${describe(v)}`);
  }
  return v;
}

function integerIn(field: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    throw new SettingsError(field, `must be an integer in [${lo}, ${hi}], got ${describe(v)}`);
  }
  return v;
}

function oneOf<T extends string>(field: string, v: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) {
    throw new SettingsError(field, `must be one of ${allowed.join(', ')}, got ${describe(v)}`);
  }
  return v as T;
}

/** Check every field; returns a complete, frozen copy or throws a SettingsError naming the field. */
export function validateSettings(input: Partial<TrainSettings>): TrainSettings {
  const s = { ...DEFAULT_SETTINGS, ...input };
  if (input.dropoutSeed === undefined && input.seed !== undefined) s.dropoutSeed = input.seed;

  if (!Array.isArray(s.layers)) throw new SettingsError('layers', `must be a list of hidden layer sizes, got ${describe(s.layers)}`);
  if (s.layers.length > MAX_HIDDEN_LAYERS) {
    throw new SettingsError('layers', `at most ${MAX_HIDDEN_LAYERS} hidden layers, got ${s.layers.length}`);
  }
  s.layers.forEach((n, i) => integerIn(`layers[${i}]`, n, 1, MAX_LAYER_SIZE));
  oneOf('activation', s.activation, ACTIVATIONS);
  oneOf('init', s.init, INITS);
  if (finite('initScale', s.initScale) <= 0) throw new SettingsError('initScale', `must be > 0, got ${s.initScale}`);
  oneOf('initRng', s.initRng, RNG_STREAMS);
  integerIn('seed', s.seed, 0, 0xffffffff);
  integerIn('dropoutSeed', s.dropoutSeed, 0, 0xffffffff);
  oneOf('dropoutRng', s.dropoutRng, RNG_STREAMS);
  if (finite('learningRate', s.learningRate) <= 0) {
    throw new SettingsError('learningRate', `must be > 0, got ${s.learningRate}`);
  }
  integerIn('iterations', s.iterations, 1, MAX_ITERATIONS);
  if (finite('l2', s.l2) < 0) throw new SettingsError('l2', `must be >= 0, got ${s.l2}`);
  if (finite('l1', s.l1) < 0) throw new SettingsError('l1', `must be >= 0, got ${s.l1}`);
  const kp = finite('keepProb', s.keepProb);
  if (!(kp > 0 && kp <= 1)) throw new SettingsError('keepProb', `must be in (0, 1], got ${kp}`);
  integerIn('logEvery', s.logEvery, 1, MAX_ITERATIONS);
  oneOf('precision', s.precision, PRECISIONS);
  oneOf('backend', s.backend, BACKENDS);
  oneOf('gpuPath', s.gpuPath, GPU_PATHS);
  integerIn('earlyStopping', s.earlyStopping, 0, MAX_ITERATIONS);
  if (finite('minDelta', s.minDelta) < 0) throw new SettingsError('minDelta', `must be >= 0, got ${s.minDelta}`);
  const vf = finite('validationFraction', s.validationFraction);
  if (!(vf > 0 && vf < 1)) throw new SettingsError('validationFraction', `must be in (0, 1), got ${vf}`);
  oneOf('monitor', s.monitor, MONITORS);
  integerIn('augmentCopies', s.augmentCopies, 0, 100);
  if (finite('augmentSigma', s.augmentSigma) < 0) throw new SettingsError('augmentSigma', `must be >= 0, got ${s.augmentSigma}`);
  oneOf('augmentMirror', s.augmentMirror, AUGMENT_MIRRORS);
  if (!(AUGMENT_ROTATIONS as readonly number[]).includes(s.augmentRotate)) {
    throw new SettingsError('augmentRotate', `must be one of ${AUGMENT_ROTATIONS.join(', ')}, got ${describe(s.augmentRotate)}`);
  }
  return Object.freeze({ ...s, layers: Object.freeze([...s.layers]) as number[] });
}
