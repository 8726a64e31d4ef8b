/**
 * Before a command trains: its estimated time (src/train/estimate.ts) on stderr when it is over a
 * minute, and a refusal when it is over the hour unless --yes asks for it anyway. Called once the
 * data is loaded (the estimate needs the number of examples) and before any training.
 */
import { acquireGpu } from '../gpu';
import { SizeCapError } from '../errors';
import type { TrainSettings } from '../model/settings';
import { costEngine, costVerdict, ESTIMATE_CAP_S, estimateLine, estimateSeconds, formatDuration, type RunSize } from '../train/estimate';

/** The adapter's kind when the run may train on a GPU; null when it will not (or has none: `auto` then trains on the CPU). */
async function gpuFor(settings: TrainSettings): Promise<{ isSoftware: boolean } | null> {
  if (settings.backend !== 'gpu' && settings.backend !== 'auto') return null;
  try {
    return await acquireGpu(); // the device the run will use (shared): nothing is created twice
  } catch {
    return null;
  }
}

/** Say what `runs` will cost on the engine `settings` choose; refuse over the cap without `yes`. */
export async function announceCost(runs: readonly RunSize[], settings: TrainSettings, yes: boolean | undefined): Promise<void> {
  const gpu = await gpuFor(settings);
  if (settings.backend === 'gpu' && !gpu) return; // the run itself says there is no adapter
  const engine = costEngine(settings, gpu);
  const seconds = runs.reduce((s, r) => s + estimateSeconds(r, engine), 0);
  const verdict = costVerdict(seconds);
  if (verdict === 'quiet') return;
  const line = estimateLine(seconds, engine, runs);
  if (verdict === 'over-cap' && !yes) {
    throw new SizeCapError('iterations', `this would take ${line}, over the ${formatDuration(ESTIMATE_CAP_S)} a run may take unasked; --yes starts it anyway (or fewer --iterations or examples, or a faster --backend)`);
  }
  process.stderr.write(`reglab: estimated time ${line}${verdict === 'over-cap' ? ' (over the cap; started as --yes asks)' : ''}; Ctrl-C stops it\n`);
}
