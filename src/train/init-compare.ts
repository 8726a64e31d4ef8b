/**
 * The lesson's initialization exercise: the same network, data and settings trained from each
 * initializer. zeros never breaks symmetry (the cost stays at ln 2, accuracy at chance); large
 * random starts with a huge cost and learns slowly; scaled, He and Xavier train fast.
 */
import { INITS, type Init, type TrainSettings } from '../model/settings';
import { createTrainer } from './factory';
import { runTraining, type RunResult } from './run';
import type { LabelledSet } from './types';

export async function initCompare(
  base: TrainSettings, train: LabelledSet, test: LabelledSet | null, inits: readonly Init[] = INITS,
  notice?: (msg: string) => void,
): Promise<RunResult[]> {
  const runs: RunResult[] = [];
  for (const init of inits) {
    const settings: TrainSettings = { ...base, init };
    const trainer = await createTrainer(settings, train, notice);
    try {
      runs.push(await runTraining({ settings, trainer, train, test, name: init === 'random' ? `random (×${base.initScale})` : init }));
    } finally {
      trainer.dispose();
    }
  }
  return runs;
}
