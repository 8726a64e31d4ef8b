/**
 * A sweep's data, and where it chooses: by default every model trains on the training data less one
 * validation split (validationFraction, seeded by the base seed: the same split for every model and
 * the one early stopping holds out) and the best is chosen on that split; the test set is only
 * reported beside. `train` trains on the whole training set and chooses on it; never on the test set.
 */
import { splitValidation } from '../data/split';
import { SettingsError, type TrainSettings } from '../model/settings';
import type { LabelledSet } from '../model/types';

/** Where a sweep chooses its best model: a validation split of the training data (default), or the training set itself. */
export type SweepMonitor = 'validation' | 'train';
export const SWEEP_MONITORS: readonly SweepMonitor[] = ['validation', 'train'];

export interface SweepData {
  /** What every model trains on. */
  train: LabelledSet;
  /** Where the training accuracy and cost are measured (the training points). */
  evaluateTrain: LabelledSet;
  /** The set the best model is chosen on. */
  monitor: SweepMonitor;
  /** The validation split (monitor 'validation'), else null. */
  validation: LabelledSet | null;
  /** The test set, reported beside; null when there is none. */
  test: LabelledSet | null;
  /** The fraction held out as the validation split (monitor 'validation'). */
  validationFraction?: number;
}

/**
 * The sweep's data: by default one validation split of the training data (validationFraction, seeded
 * by the base seed) for every model, which trains on the rest; the test set is only reported.
 */
export function sweepData(base: TrainSettings, train: LabelledSet, test: LabelledSet | null, monitor: string = 'validation'): SweepData {
  if (monitor === 'test') {
    throw new SettingsError('monitor', 'a sweep never chooses on the test set (that would tune to it): it chooses on a validation split of the training data'
      + ' (--monitor validation, the default) or on the training set (--monitor train), and reports every model\'s test accuracy beside');
  }
  if (monitor === 'train') return { train, evaluateTrain: train, monitor, validation: null, test };
  if (monitor !== 'validation') throw new SettingsError('monitor', `must be one of ${SWEEP_MONITORS.join(', ')}, got "${monitor}"`);
  const s = splitValidation(train, base.validationFraction, base.seed);
  return { train: s.train, evaluateTrain: s.train, monitor, validation: s.validation, test, validationFraction: base.validationFraction };
}
