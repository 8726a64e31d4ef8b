/**
 * What a user asks for, in the CLI's names, turned into validated settings — shared by the CLI
 * flags and the page's controls and automation API, so both resolve `course`, defaults and
 * overrides the same way and build compare's runs with one function (`compareRuns`).
 */
import { COURSE_SETTINGS, DEFAULT_SETTINGS, SettingsError, validateSettings, type TrainSettings } from '../model/settings';

export interface RunRequest extends Partial<TrainSettings> {
  /** Start from the lesson's settings; other fields override. */
  course?: boolean;
}

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof TrainSettings)[];

/** Defaults, then the course preset, then every field given (undefined means not given). Throws SettingsError. */
export function resolveSettings(req: RunRequest, extra: Partial<TrainSettings> = {}): TrainSettings {
  const given: Partial<TrainSettings> = {};
  for (const key of SETTING_KEYS) {
    const v = req[key];
    if (v !== undefined) (given as Record<string, unknown>)[key] = v;
  }
  return validateSettings({ ...(req.course ? COURSE_SETTINGS : {}), ...given, ...extra });
}

export const DEFAULT_COMPARE_L2 = 0.7;
export const DEFAULT_COMPARE_KEEP_PROB = 0.86;

/** Jittered copies per point of the augmented run, when the request asks for no augmentation of its own. */
export const DEFAULT_AUGMENT_COPIES = 4;

export interface CompareOptions {
  /** Add a model with L1 alone, named `L1 (λ₁ = <withL1>)` (`reglab compare --with-l1`, the page's `compare({withL1})`). */
  withL1?: number;
  /** The L1 penalty every other model shares, as `train --l1` gives it (default 0); their names say so when it is on. */
  l1?: number;
}

export type CompareModel = 'none' | 'l2' | 'dropout' | 'l1' | 'augmented';

/**
 * The lesson's three runs — none, L2 and dropout, from the same data and initialization — then,
 * when asked, L1 alone (`withL1`), and, when `augmented` is given, no regularization trained on
 * augmented data (the request's augmentation, or 4 jittered copies when it asks for none).
 * Augmentation applies to that run only. A bad `withL1` is a SettingsError of the field `withL1`.
 */
export function compareVariants(
  l2 = DEFAULT_COMPARE_L2, keepProb = DEFAULT_COMPARE_KEEP_PROB, augmented?: Partial<TrainSettings>, o: CompareOptions = {},
): { name: string; short: CompareModel; extra: Partial<TrainSettings> }[] {
  const plain = { augmentCopies: 0, augmentMirror: 'none', augmentRotate: 0 } as const;
  const shared = o.l1 ? ` + L1 (λ₁ = ${o.l1})` : '';
  const variants: { name: string; short: CompareModel; extra: Partial<TrainSettings> }[] = [
    { name: `none${shared}`, short: 'none', extra: { l2: 0, keepProb: 1, ...plain } },
    { name: `L2 (λ = ${l2})${shared}`, short: 'l2', extra: { l2, keepProb: 1, ...plain } },
    { name: `dropout (keep_prob = ${keepProb})${shared}`, short: 'dropout', extra: { l2: 0, keepProb, ...plain } },
  ];
  if (o.withL1 !== undefined) {
    try {
      validateSettings({ l1: o.withL1 });
    } catch (e) {
      throw e instanceof SettingsError ? new SettingsError('withL1', e.reason) : e;
    }
    variants.push({ name: `L1 (λ₁ = ${o.withL1})`, short: 'l1', extra: { l2: 0, l1: o.withL1, keepProb: 1, ...plain } });
  }
  if (augmented) {
    const copies = augmented.augmentCopies || (augmented.augmentMirror && augmented.augmentMirror !== 'none') || augmented.augmentRotate
      ? augmented.augmentCopies ?? 0 : DEFAULT_AUGMENT_COPIES;
    const sigma = augmented.augmentSigma ?? 0.05;
    const sym = [augmented.augmentMirror && augmented.augmentMirror !== 'none' ? `mirror ${augmented.augmentMirror}` : '',
      augmented.augmentRotate ? `rotate ${augmented.augmentRotate}` : ''].filter(Boolean).join(', ');
    variants.push({
      name: `augmented (${copies} × σ ${sigma}${sym ? ', ' + sym : ''})${shared}`, short: 'augmented',
      extra: { l2: 0, keepProb: 1, augmentCopies: copies, augmentSigma: sigma, augmentMirror: augmented.augmentMirror ?? 'none', augmentRotate: augmented.augmentRotate ?? 0 },
    });
  }
  return variants;
}

/** A compare request: a run request, λ and keep_prob for the L2 and dropout runs, and whether to add the augmented run. */
export interface CompareRequest extends RunRequest {
  augmented?: boolean;
  /** Add a model with L1 alone (`reglab compare --with-l1`, the page's `compare({withL1})`). */
  withL1?: number;
}

/**
 * Compare's runs, each with its settings, all validated before any work — what `reglab compare` and the
 * page's compare both run. λ and keep_prob follow the CLI's rule: as given (λ 0 means 0, as
 * `reglab compare --l2 0`), 0.7 and 0.86 when not given. `resolve` is the view's resolveSettings,
 * which names a bad field in that view's words (the CLI's flag, the page's control).
 */
export function compareRuns(
  req: CompareRequest, resolve: (req: RunRequest, extra: Partial<TrainSettings>) => TrainSettings = resolveSettings,
): { l2: number; keepProb: number; runs: { name: string; short: CompareModel; settings: TrainSettings }[] } {
  const l2 = req.l2 ?? DEFAULT_COMPARE_L2;
  const keepProb = req.keepProb ?? DEFAULT_COMPARE_KEEP_PROB;
  const base = { ...req, l2: undefined, keepProb: undefined };
  const augmented = req.augmented
    ? { augmentCopies: req.augmentCopies, augmentSigma: req.augmentSigma, augmentMirror: req.augmentMirror, augmentRotate: req.augmentRotate }
    : undefined;
  const runs = compareVariants(l2, keepProb, augmented, { withL1: req.withL1, l1: req.l1 }).map(({ name, short, extra }) => ({ name, short, settings: resolve(base, extra) }));
  return { l2, keepProb, runs };
}
