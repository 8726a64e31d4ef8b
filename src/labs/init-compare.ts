/**
 * The lesson's initialization exercise: the same network, data and settings trained from each
 * initializer. zeros never breaks symmetry (the cost stays at ln 2, accuracy at chance); large
 * random starts with a huge cost and learns slowly; scaled, He and Xavier train fast.
 */
import { INITS, type Init, type TrainSettings } from '../model/settings';
import { createTrainer, type TrainerFactory } from '../train/factory';
import { runTraining, type RunResult } from '../train/run';
import type { LabelledSet, Trainer } from '../model/types';

export async function initCompare(
  base: TrainSettings, train: LabelledSet, test: LabelledSet | null, inits: readonly Init[] = INITS,
  notice?: (msg: string) => void, make: TrainerFactory = (s, t) => createTrainer(s, t, notice),
  /** Called with each trained model before it is disposed (the page draws its boundary). */
  after?: (trainer: Trainer, run: RunResult) => Promise<void>,
): Promise<RunResult[]> {
  const runs: RunResult[] = [];
  for (const init of inits) {
    const settings: TrainSettings = { ...base, init };
    const setupStarted = performance.now();
    const trainer = await make(settings, train); // set-up (device, compiles, upload): setupMs, apart from wallMs
    const setupMs = performance.now() - setupStarted;
    try {
      const run = await runTraining({ settings, trainer, train, test, name: init === 'random' ? `random (×${base.initScale})` : init, setupMs });
      runs.push(run);
      await after?.(trainer, run);
    } finally {
      trainer.dispose();
    }
  }
  return runs;
}
