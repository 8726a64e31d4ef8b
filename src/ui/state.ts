/**
 * The page's whole state: every control's value as text, in the CLI's names (FIELDS, from which the
 * settings form is built), the view in front and the lesson preset. hash.ts keeps it in the URL.
 */
import { DATASETS, DEFAULT_DATASET, type DatasetName } from '../data/generators';
import { GRADIENTS_DEFAULTS } from '../labs/gradients';
import { LANDSCAPE_DEFAULTS } from '../labs/landscape';
import { DEFAULT_SWEEP_L2 } from '../labs/sweep';
import { ACTIVATIONS, AUGMENT_MIRRORS, BACKENDS, COURSE_SETTINGS, GPU_PATHS, MONITORS, INITS, PRECISIONS, RNG_STREAMS } from '../model/settings';

export const MODES = ['train', 'compare', 'sweep', 'init', 'gradients', 'landscape', 'gradcheck', 'bench', 'exercise'] as const;
export type Mode = (typeof MODES)[number];

/** Every control's value, as text (what inputs hold); parsed and validated when a run starts. */
export type Fields = Record<FieldKey, string>;

export interface FieldSpec {
  key: string;
  label: string;
  options?: readonly string[];
  /** What a select shows for an option, where not the option itself. */
  optionLabels?: Readonly<Record<string, string>>;
  /** Default value as text. */
  value: string;
  group: 'data' | 'model' | 'training' | 'labs';
  /** A lab's own setting: shown in that lab's view, not with the main settings. */
  lab?: 'sweep' | 'gradients' | 'landscape' | 'bench';
  title?: string;
  /** Shown in an empty control: what empty means. */
  placeholder?: string;
  /** Shown under "advanced" (closed at first): seeds, streams, precision, kernels, extras. */
  advanced?: boolean;
  /** A list: its input is wide enough to show one. */
  wide?: boolean;
}

export const FIELDS = [
  { key: 'dataset', label: 'data set', options: [...DATASETS, 'csv'], value: DEFAULT_DATASET.name, group: 'data' },
  { key: 'size', label: 'points', value: String(DEFAULT_DATASET.size), group: 'data' },
  { key: 'noise', label: 'noise', value: String(DEFAULT_DATASET.noise), group: 'data' },
  { key: 'dataSeed', label: 'data seed', value: String(DEFAULT_DATASET.seed), group: 'data', advanced: true },
  { key: 'testFraction', label: 'test fraction', value: String(DEFAULT_DATASET.testFraction), group: 'data', advanced: true },
  { key: 'layers', label: 'hidden layers', value: '20,3', group: 'model', title: 'comma-separated sizes, e.g. 20,3' },
  { key: 'activation', label: 'activation', options: ACTIVATIONS, value: 'relu', group: 'model' },
  { key: 'init', label: 'init', options: INITS, value: 'scaled', group: 'model' },
  { key: 'initScale', label: 'init scale', value: '10', group: 'model', title: 'randn multiplier for init = random', advanced: true },
  { key: 'initRng', label: 'init stream', options: RNG_STREAMS, value: 'philox', group: 'model', advanced: true },
  { key: 'seed', label: 'seed', value: '1', group: 'model', advanced: true },
  { key: 'dropoutSeed', label: 'dropout seed', value: '', placeholder: 'same as seed', group: 'training', title: 'empty: the same as seed', advanced: true },
  { key: 'learningRate', label: 'learning rate', value: '0.3', group: 'training' },
  { key: 'iterations', label: 'iterations', value: '30000', group: 'training' },
  { key: 'l2', label: 'λ (L2)', value: '', placeholder: 'off (compare: 0.7)', wide: true, group: 'training', title: 'empty: the command\'s default, as on the CLI (train 0; compare\'s L2 run 0.7)' },
  { key: 'keepProb', label: 'keep_prob', value: '', placeholder: 'off (compare: 0.86)', wide: true, group: 'training', title: 'empty: the command\'s default, as on the CLI (train 1; compare\'s dropout run 0.86)' },
  { key: 'l1', label: 'L1 (λ₁)', value: '', placeholder: '0', group: 'training', title: 'the L1 penalty λ₁/m·Σ|W| (empty: 0, off); compare\'s models all share it' },
  { key: 'withL1', label: 'compare: + L1 (λ₁)', value: '', placeholder: 'off', group: 'training', title: 'compare adds a model with L1 alone at this λ₁ (empty: no L1 model), as reglab compare --with-l1' },
  { key: 'dropoutRng', label: 'dropout masks', options: RNG_STREAMS, value: 'philox', group: 'training', advanced: true },
  { key: 'logEvery', label: 'log every', value: '1000', group: 'training', advanced: true },
  { key: 'precision', label: 'CPU precision', options: PRECISIONS, value: 'f64', group: 'training', advanced: true },
  {
    key: 'backend', label: 'backend', options: ['auto', ...BACKENDS.filter((b) => b !== 'auto')], value: 'auto', group: 'training',
    optionLabels: { auto: 'automatic (fastest here)', cpu: 'CPU reference', wasm: 'CPU fast (wasm)', gpu: 'GPU' },
    title: 'automatic: the fastest engine here (the line under the buttons says which, and why) · GPU: WebGPU · CPU fast: float32 WebAssembly on every core · CPU reference: the float64 oracle',
  },
  { key: 'earlyStopping', label: 'early-stopping patience', value: '0', group: 'training', title: 'checks (every log-every iterations) without improvement before stopping; 0: off', advanced: true },
  { key: 'minDelta', label: 'min delta', value: '0', group: 'training', advanced: true },
  { key: 'validationFraction', label: 'validation fraction', value: '0.2', group: 'training', advanced: true },
  { key: 'monitor', label: 'monitor', options: MONITORS, value: 'validation', group: 'training', advanced: true },
  { key: 'augmentCopies', label: 'augment: copies', value: '0', group: 'data', title: 'jittered copies of every training point', advanced: true },
  { key: 'augmentSigma', label: 'augment: σ', value: '0.05', group: 'data', advanced: true },
  { key: 'augmentMirror', label: 'augment: mirror', options: AUGMENT_MIRRORS, value: 'none', group: 'data', title: 'mirror symmetries you declare label-preserving', advanced: true },
  { key: 'augmentRotate', label: 'augment: rotate', options: ['0', '90', '180'], value: '0', group: 'data', advanced: true },
  { key: 'compareAugmented', label: 'compare: + augmented', options: ['no', 'yes'], value: 'no', group: 'data', title: 'compare adds a run on augmented data', advanced: true },
  { key: 'sweepL2', label: 'λ values', value: DEFAULT_SWEEP_L2.join(','), group: 'labs', lab: 'sweep', wide: true, title: 'comma-separated λ values (the curve\'s x axis)' },
  { key: 'sweepL1', label: 'λ₁ values', value: '0', group: 'labs', lab: 'sweep', wide: true, title: 'comma-separated λ₁ values of the L1 penalty (0: off)' },
  { key: 'sweepKeepProb', label: 'keep_prob values', value: '1', group: 'labs', lab: 'sweep', wide: true, title: 'comma-separated keep_prob values; several make the heat map' },
  { key: 'sweepSeeds', label: 'seeds', value: '2', group: 'labs', lab: 'sweep', title: 'models per (λ, keep_prob), from seed, seed + 1, …: the band shows their spread' },
  { key: 'sweepIterations', label: 'iterations', value: '5000', group: 'labs', lab: 'sweep', title: 'each model trains this long (the main iterations are for train and compare)' },
  { key: 'depth', label: 'depth', value: String(GRADIENTS_DEFAULTS.depth), group: 'labs', lab: 'gradients', title: 'layers of the gradients lab, counting the output' },
  { key: 'width', label: 'width', value: String(GRADIENTS_DEFAULTS.width), group: 'labs', lab: 'gradients' },
  { key: 'gradientsActivation', label: 'activation', options: ACTIVATIONS, value: GRADIENTS_DEFAULTS.activation, group: 'labs', lab: 'gradients', title: 'the gradients lab\'s own activation (the main one is for train and compare)' },
  { key: 'gradientsInit', label: 'init', options: INITS, value: GRADIENTS_DEFAULTS.init, group: 'labs', lab: 'gradients', title: 'the gradients lab\'s own initialization' },
  { key: 'gradientsIterations', label: 'iterations', value: String(GRADIENTS_DEFAULTS.iterations), group: 'labs', lab: 'gradients', title: 'the gradients lab trains this long (the main iterations are for train and compare)' },
  { key: 'landscapeIterations', label: 'iterations', value: String(LANDSCAPE_DEFAULTS.iterations), group: 'labs', lab: 'landscape', title: 'the landscape lab trains this long before mapping the cost' },
  { key: 'grid', label: 'grid', value: String(LANDSCAPE_DEFAULTS.grid), group: 'labs', lab: 'landscape' },
  { key: 'span', label: 'span', value: String(LANDSCAPE_DEFAULTS.span), group: 'labs', lab: 'landscape', title: 'α and β range over [−span, span]' },
  { key: 'benchSize', label: 'size', options: ['tiny', 'quick'], value: 'tiny', group: 'labs', lab: 'bench', title: 'tiny: a few seconds; quick: the lesson and 256/1024-unit sweeps (minutes without a GPU)' },
  { key: 'gpuPath', label: 'GPU kernels', options: GPU_PATHS, value: 'auto', group: 'training', title: 'unrolled: one workgroup runs whole iterations with code written for the network (small nets); fused: the same with generic loops; layered: per-layer kernels', advanced: true },
] as const satisfies readonly FieldSpec[];

export type FieldKey = (typeof FIELDS)[number]['key'];

export function defaultFields(): Fields {
  return Object.fromEntries(FIELDS.map((f) => [f.key, f.value])) as Fields;
}

export interface PageState {
  fields: Fields;
  mode: Mode;
  /** The lesson preset was chosen (the CLI's --course); fields still override. */
  course: boolean;
  /** The drawn data set (drawn-code.ts), when the data is a drawing. */
  draw?: string;
}

export function isBuiltin(name: string): name is DatasetName {
  return (DATASETS as readonly string[]).includes(name);
}

/** Fields with the lesson's settings written in (the CLI's --course), the rest unchanged. */
export function withCourse(fields: Fields): Fields {
  const out = { ...fields };
  for (const [k, v] of Object.entries(COURSE_SETTINGS)) {
    if (k in out) out[k as FieldKey] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return out;
}

/**
 * Fields from an automation request in the CLI's names ({course, l2, keepProb, layers, dataset, …}):
 * defaults, then the lesson's settings when course is set, then every name given.
 */
export function fieldsFromSettings(settings: Record<string, unknown>): { fields: Fields; course: boolean } {
  const course = settings.course === true;
  let fields = defaultFields();
  if (course) fields = withCourse(fields);
  for (const [k, v] of Object.entries(settings)) {
    if (k === 'course' || v === undefined) continue;
    if (k === 'augmented') { // the CLI's compare --augmented
      fields.compareAugmented = v ? 'yes' : 'no';
      continue;
    }
    if (!(k in fields)) throw new Error(`unknown setting ${JSON.stringify(k)}; known: course, ${FIELDS.map((f) => f.key).join(', ')}`);
    fields[k as FieldKey] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return { fields, course };
}
