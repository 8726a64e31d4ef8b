/**
 * What a user asks for, in the CLI's names, turned into validated settings — shared by the CLI
 * flags and the page's controls and automation API, so both resolve `course`, defaults and
 * overrides the same way and build compare's runs with one function (`compareRuns`).
 */
import { COURSE_SETTINGS, DEFAULT_SETTINGS, validateSettings, type TrainSettings } from '../model/settings';

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

/** Jittered copies per point in compare's augmented run when the request asks for no augmentation. */
export const DEFAULT_AUGMENT_COPIES = 4;

/**
 * The lesson's three runs — none, L2 and dropout, from the same data and initialization — and, when
 * `augmented` is given, a fourth: no regularization, trained on augmented data (the request's
 * augmentation, or 4 jittered copies when it asks for none). Augmentation applies to that run only.
 */
export function compareVariants(
  l2 = DEFAULT_COMPARE_L2, keepProb = DEFAULT_COMPARE_KEEP_PROB, augmented?: Partial<TrainSettings>,
): { name: string; short: 'none' | 'l2' | 'dropout' | 'augmented'; extra: Partial<TrainSettings> }[] {
  const plain = { augmentCopies: 0, augmentMirror: 'none', augmentRotate: 0 } as const;
  const variants: { name: string; short: 'none' | 'l2' | 'dropout' | 'augmented'; extra: Partial<TrainSettings> }[] = [
    { name: 'none', short: 'none', extra: { l2: 0, keepProb: 1, ...plain } },
    { name: `L2 (λ = ${l2})`, short: 'l2', extra: { l2, keepProb: 1, ...plain } },
    { name: `dropout (keep_prob = ${keepProb})`, short: 'dropout', extra: { l2: 0, keepProb, ...plain } },
  ];
  if (augmented) {
    const copies = augmented.augmentCopies || (augmented.augmentMirror && augmented.augmentMirror !== 'none') || augmented.augmentRotate
      ? augmented.augmentCopies ?? 0 : DEFAULT_AUGMENT_COPIES;
    const sigma = augmented.augmentSigma ?? 0.05;
    const sym = [augmented.augmentMirror && augmented.augmentMirror !== 'none' ? `mirror ${augmented.augmentMirror}` : '',
      augmented.augmentRotate ? `rotate ${augmented.augmentRotate}` : ''].filter(Boolean).join(', ');
    variants.push({
      name: `augmented (${copies} × σ ${sigma}${sym ? ', ' + sym : ''})`, short: 'augmented',
      extra: { l2: 0, keepProb: 1, augmentCopies: copies, augmentSigma: sigma, augmentMirror: augmented.augmentMirror ?? 'none', augmentRotate: augmented.augmentRotate ?? 0 },
    });
  }
  return variants;
}

/** A compare request: a run request, λ and keep_prob for the L2 and dropout runs, and whether to add the augmented run. */
export interface CompareRequest extends RunRequest {
  augmented?: boolean;
}

/**
 * Compare's runs, each with its settings, all validated before any work — what `reglab compare` and the
 * page's compare both run. λ and keep_prob follow the CLI's rule: as given (λ 0 means 0, as
 * `reglab compare --l2 0`), 0.7 and 0.86 when not given. `resolve` is the view's resolveSettings,
 * which names a bad field in that view's words (the CLI's flag, the page's control).
 */
export function compareRuns(
  req: CompareRequest, resolve: (req: RunRequest, extra: Partial<TrainSettings>) => TrainSettings = resolveSettings,
): { l2: number; keepProb: number; runs: { name: string; short: 'none' | 'l2' | 'dropout' | 'augmented'; settings: TrainSettings }[] } {
  const l2 = req.l2 ?? DEFAULT_COMPARE_L2;
  const keepProb = req.keepProb ?? DEFAULT_COMPARE_KEEP_PROB;
  const base = { ...req, l2: undefined, keepProb: undefined };
  const augmented = req.augmented
    ? { augmentCopies: req.augmentCopies, augmentSigma: req.augmentSigma, augmentMirror: req.augmentMirror, augmentRotate: req.augmentRotate }
    : undefined;
  const runs = compareVariants(l2, keepProb, augmented).map(({ name, short, extra }) => ({ name, short, settings: resolve(base, extra) }));
  return { l2, keepProb, runs };
}
