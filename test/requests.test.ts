/** compareRuns: the one set-up of compare's runs, shared by `reglab compare` and the page. */
import { describe, expect, it } from 'vitest';
import { SettingsError, type TrainSettings } from '../src/model/settings';
import { compareRuns, resolveSettings, type RunRequest } from '../src/train/requests';

describe('compareRuns', () => {
  it('takes λ and keep_prob as given (0 means 0), 0.7 and 0.86 when not given', () => {
    const given = compareRuns({ l2: 0, keepProb: 0.5, iterations: 10 });
    expect([given.l2, given.keepProb]).toEqual([0, 0.5]);
    expect(given.runs.map((r) => [r.short, r.settings.l2, r.settings.keepProb, r.settings.iterations]))
      .toEqual([['none', 0, 1, 10], ['l2', 0, 1, 10], ['dropout', 0, 0.5, 10]]);
    const defaults = compareRuns({});
    expect([defaults.l2, defaults.keepProb]).toEqual([0.7, 0.86]);
    expect(defaults.runs.map((r) => r.name)).toEqual(['none', 'L2 (λ = 0.7)', 'dropout (keep_prob = 0.86)']);
  });

  it('adds the augmented run only when asked, and validates every run through the view\'s resolver', () => {
    expect(compareRuns({ augmented: true, augmentCopies: 2 }).runs.map((r) => [r.short, r.settings.augmentCopies]))
      .toEqual([['none', 0], ['l2', 0], ['dropout', 0], ['augmented', 2]]);
    const seen: number[] = [];
    const resolve = (req: RunRequest, extra: Partial<TrainSettings>) => {
      seen.push(extra.keepProb ?? -1);
      return resolveSettings(req, extra);
    };
    expect(() => compareRuns({ keepProb: 1.5 }, resolve)).toThrow(SettingsError);
    expect(seen).toEqual([1, 1, 1.5]);
  });
});
