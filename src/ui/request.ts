/**
 * The controls' text as a run: the request in the CLI's names (every setting of src/model/settings.ts
 * that a control holds), its settings resolved as the CLI resolves them (src/train/requests.ts), a
 * lab's own numbers and lists, the built-in data set's options. A bad value throws a FieldError
 * naming its control.
 */
import { validateDatasetOptions, type DatasetOptions } from '../data/generators';
import { DEFAULT_SETTINGS, type TrainSettings } from '../model/settings';
import { resolveSettings, SETTING_KEYS, type RunRequest } from '../train/requests';
import { FieldError, fieldChecked, type ControlNames } from './field-error';
import { isBuiltin, type FieldKey, type Fields } from './state';

/**
 * Empty means the command's default, as a CLI flag left out: train's λ 0 and keep_prob 1, compare's
 * 0.7 and 0.86; the dropout seed is the seed.
 */
const EMPTY_IS_DEFAULT: ReadonlySet<string> = new Set(['l2', 'l1', 'keepProb', 'dropoutSeed']);

function numberIn(key: string, raw: string): number {
  const text = raw.trim();
  const v = Number(text);
  if (text === '' || Number.isNaN(v)) throw new FieldError(key, `${JSON.stringify(text)} is not a number`);
  return v;
}

/** A number typed in a control (its range is for the settings, or the lab, to check). */
export function fieldNumber(fields: Fields, key: FieldKey): number {
  return numberIn(key, fields[key]);
}

/** A number typed in a control whose empty means "not asked for" (compare's + L1: withL1); undefined when empty. */
export function optionalNumber(fields: Fields, key: FieldKey): number | undefined {
  return fields[key].trim() === '' ? undefined : numberIn(key, fields[key]);
}

/** Hidden layer sizes, "20,3" (empty: none); their range is the settings' check. */
function layerSizes(text: string): number[] {
  if (text.trim() === '') return [];
  return text.split(',').map((s, i) => {
    const v = Number(s);
    if (s.trim() === '' || !Number.isInteger(v)) throw new FieldError('layers', `hidden layer ${i + 1} is ${JSON.stringify(s)}; expected a positive integer`);
    return v;
  });
}

/** Control values → a run request in the CLI's names: one entry per setting a control holds, parsed as its default's type. */
export function requestFrom(fields: Fields, course: boolean): RunRequest {
  const text = fields as Readonly<Record<string, string | undefined>>;
  const req: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const t = text[key];
    if (t === undefined || (EMPTY_IS_DEFAULT.has(key) && t.trim() === '')) continue; // not given
    const kind = DEFAULT_SETTINGS[key];
    req[key] = Array.isArray(kind) ? layerSizes(t) : typeof kind === 'number' ? numberIn(key, t) : t;
  }
  return { ...(req as RunRequest), course };
}

/** The request's settings, resolved as the CLI resolves them, and possible on this page. */
export function settingsFor(req: RunRequest, extra: Partial<TrainSettings> = {}): TrainSettings {
  // the fast CPU engine runs everywhere: on one thread where the page is not cross-origin isolated (engines.ts)
  return fieldChecked(() => resolveSettings(req, extra));
}

/** A lab's list control, e.g. the sweep's λ values "0,0.01,0.7". */
export function parseList(key: 'sweepL2' | 'sweepL1' | 'sweepKeepProb', text: string): number[] {
  return text.split(',').map((s, i) => {
    const v = Number(s);
    if (s.trim() === '' || Number.isNaN(v)) throw new FieldError(key, `entry ${i + 1} is ${JSON.stringify(s)}; expected a comma-separated list of numbers (e.g. 0,0.01,0.7)`);
    return v;
  });
}

/** The labs with their own iteration control. */
export type LabIterations = 'gradientsIterations' | 'landscapeIterations' | 'sweepIterations';
/** A lab's CLI defaults: its iterations and the log step that goes with them. */
export interface LabDefaults {
  iterations: number;
  logEvery: number;
}

/**
 * A lab's request: the controls, with the lab's own iteration count (the CLI's default for that lab,
 * not the main 30 000) and a log step scaled to it as the CLI's defaults are, unless one is given.
 */
export function labRequest(
  fields: Fields, course: boolean, key: LabIterations, defaults: LabDefaults, logEvery?: number, own: LabOwn = {},
): RunRequest {
  const iterations = fieldNumber(fields, key);
  if (!Number.isInteger(iterations) || iterations < 1) throw new FieldError(key, `must be a positive integer, got ${iterations}`);
  const step = logEvery ?? Math.max(1, Math.round((iterations * defaults.logEvery) / defaults.iterations));
  const req: RunRequest = { ...requestFrom(fields, course), iterations, logEvery: step, ...own.request };
  // checked here, where it is known which settings are the lab's: a bad one outlines the lab's control, not the main one
  fieldChecked(() => resolveSettings(req), { iterations: key, ...own.controls });
  return req;
}

/** A lab's own settings beside its iterations (the gradients lab's activation and init) and the controls that hold them. */
export interface LabOwn {
  request?: Partial<RunRequest>;
  controls?: ControlNames;
}

/** The gradients lab's own activation and init, from its controls. */
export function gradientsOwn(fields: Fields): LabOwn {
  return {
    request: { activation: fields.gradientsActivation as RunRequest['activation'], init: fields.gradientsInit as RunRequest['init'] },
    controls: { activation: 'gradientsActivation', init: 'gradientsInit' },
  };
}

/** The controls' built-in data set, checked on this thread (so an error names its control at once). */
export function builtInOptions(fields: Fields): DatasetOptions {
  const name = fields.dataset;
  if (!isBuiltin(name)) throw new FieldError('dataset', `unknown data set ${JSON.stringify(name)}`);
  const o = {
    name, size: fieldNumber(fields, 'size'), noise: fieldNumber(fields, 'noise'),
    seed: fieldNumber(fields, 'dataSeed'), testFraction: fieldNumber(fields, 'testFraction'),
  };
  fieldChecked(() => validateDatasetOptions(o));
  return o;
}
