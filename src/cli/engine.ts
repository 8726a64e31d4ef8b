/**
 * `--backend auto` (the CLI's default) made concrete before anything trains: the engine rule of
 * src/train/engine-choice.ts with this machine's facts (the adapter, without making a device; the
 * fast CPU engine always runs in Node) and the command's work. Every later step — the estimate, the
 * trainers, the JSON's `backend` — sees the engine that runs, never "auto".
 */
import { adapterFacts } from '../gpu';
import type { TrainSettings } from '../model/settings';
import { chooseEngine, perIterationWork } from '../train/engine-choice';
import type { RunSize } from '../train/estimate';
import type { TrainingFlags } from './options';

export interface PickedEngine {
  backend: TrainSettings['backend'];
  /** Why `auto` picked it (null when the backend was named): the JSON's `backendReason`, the text output's `backend:` line (autoLine). */
  reason: string | null;
}

/**
 * The engine `settings.backend` names, or the one `auto` picks for `runs` (trained side by side when
 * `together`: a sweep). --course and --precision ask for the float64 CPU reference, whose numbers
 * they are about.
 */
export async function pickEngine(
  settings: TrainSettings, flags: Pick<TrainingFlags, 'course' | 'precision'>, runs: readonly RunSize[], together = false,
): Promise<PickedEngine> {
  if (settings.backend !== 'auto') return { backend: settings.backend, reason: null };
  const reference = flags.course ? '--course: the float64 CPU reference gives the lesson\'s numbers exactly (--backend wasm or gpu for speed)'
    : flags.precision ? '--precision sets the CPU reference\'s arithmetic' : undefined;
  const adapter = reference ? null : await adapterFacts();
  const multiplyAdds = Math.max(...runs.map((r) => perIterationWork(r.features, r.layers, r.m)));
  const choice = chooseEngine({ adapter, fastCpu: true, work: { models: together ? runs.length : 1, multiplyAdds }, reference });
  return { backend: choice.backend, reason: choice.reason };
}

/** The text output's line under `data:` when auto chose: "backend: auto → wasm (the WebGPU adapter (…) is software: the CPU is faster)"; empty otherwise. */
export function autoLine(picked: PickedEngine): string {
  return picked.reason ? `backend: auto → ${picked.backend} (${picked.reason})\n` : '';
}
