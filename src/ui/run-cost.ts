/**
 * The page refuses what cannot train in reasonable time, as the CLI does without --yes: before a
 * run, its estimate (src/train/estimate.ts) on the engine it will train on; over the hour, an error
 * on the iterations control that says the estimate and what would shorten it.
 */
import type { TrainSettings } from '../model/settings';
import { costEngine, ESTIMATE_CAP_S, estimateLine, estimateSeconds, formatDuration, type RunSize } from '../train/estimate';
import { FieldError } from './field-error';
import { adapterFactsNow } from './page-engine';

/** Throws a FieldError naming `control` when `runs` on the engine of `settings` (never 'auto': pageEngine made it concrete) are estimated over an hour. */
export function refuseOverAnHour(runs: readonly RunSize[], settings: Pick<TrainSettings, 'backend' | 'precision'>, control = 'iterations'): void {
  const adapter = adapterFactsNow();
  const engine = costEngine(settings, adapter ? { isSoftware: adapter.software } : null);
  const seconds = runs.reduce((s, r) => s + estimateSeconds(r, engine), 0);
  if (seconds <= ESTIMATE_CAP_S) return;
  throw new FieldError(control, `this would take ${estimateLine(seconds, engine, runs)}, over the ${formatDuration(ESTIMATE_CAP_S)} a run may take here; use fewer iterations or examples, or a faster backend (the CLI's --yes starts it anyway)`);
}
