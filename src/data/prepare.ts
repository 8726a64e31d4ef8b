/**
 * The data of one run. What early stopping watches: a validation split held out of the training data (seeded by the
 * run's seed, so both backends and every view hold out the same examples) or, when the user says
 * so, the test set. Without early stopping the data is used as given.
 */
import { splitValidation } from './split';
import { augment, augmentationOn } from './augment';
import { SettingsError, type TrainSettings } from '../model/settings';
import type { LabelledSet } from '../model/types';

/**
 * The training data a run actually uses: the validation split held out first (so no augmented copy
 * of a validation point is trained on), then the declared augmentation applied to what remains.
 */
export function withMonitor(
  settings: TrainSettings, train: LabelledSet, test: LabelledSet | null,
): { train: LabelledSet; monitor?: LabelledSet; evaluateTrain: LabelledSet } {
  const aug = (set: LabelledSet) => {
    const o = { copies: settings.augmentCopies, sigma: settings.augmentSigma, mirror: settings.augmentMirror, rotate: settings.augmentRotate, seed: settings.seed };
    return augmentationOn(o) ? augment(set, o) : set;
  };
  // Training accuracy and cost are reported on the real (unaugmented) training points.
  if (settings.earlyStopping === 0) return { train: aug(train), evaluateTrain: train };
  if (settings.monitor === 'test') {
    if (!test) throw new SettingsError('monitor', 'early stopping on the test set needs a test set');
    return { train: aug(train), monitor: test, evaluateTrain: train };
  }
  const s = splitValidation(train, settings.validationFraction, settings.seed);
  return { train: aug(s.train), monitor: s.validation, evaluateTrain: s.train };
}
