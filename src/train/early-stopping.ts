/**
 * What early stopping watches: a validation split held out of the training data (seeded by the
 * run's seed, so both backends and every view hold out the same examples) or, when the user says
 * so, the test set. Without early stopping the data is used as given.
 */
import { splitValidation } from '../data/split';
import { SettingsError, type TrainSettings } from '../model/settings';
import type { LabelledSet } from './types';

export function withMonitor(settings: TrainSettings, train: LabelledSet, test: LabelledSet | null): { train: LabelledSet; monitor?: LabelledSet } {
  if (settings.earlyStopping === 0) return { train };
  if (settings.monitor === 'test') {
    if (!test) throw new SettingsError('monitor', 'early stopping on the test set needs a test set');
    return { train, monitor: test };
  }
  const s = splitValidation(train, settings.validationFraction, settings.seed);
  return { train: s.train, monitor: s.validation };
}
