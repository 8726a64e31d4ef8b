/**
 * What a user asks for, in the CLI's names, turned into validated settings — shared by the CLI
 * flags and the page's controls and automation API, so both resolve `course`, defaults and
 * overrides the same way and run the same three variants in compare.
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

/** The lesson's three runs: none, L2 and dropout, from the same data and initialization. */
export function compareVariants(
  l2 = DEFAULT_COMPARE_L2, keepProb = DEFAULT_COMPARE_KEEP_PROB,
): { name: string; short: 'none' | 'l2' | 'dropout'; extra: Partial<TrainSettings> }[] {
  return [
    { name: 'none', short: 'none', extra: { l2: 0, keepProb: 1 } },
    { name: `L2 (λ = ${l2})`, short: 'l2', extra: { l2, keepProb: 1 } },
    { name: `dropout (keep_prob = ${keepProb})`, short: 'dropout', extra: { l2: 0, keepProb } },
  ];
}
