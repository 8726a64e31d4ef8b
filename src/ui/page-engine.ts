/**
 * The page's default backend, "automatic (fastest here)": the engine rule every view shares
 * (src/train/engine-choice.ts) with this page's facts — the WebGPU adapter Engines found (and
 * whether it is software), and whether the fast CPU engine can run (wherever WebAssembly does).
 * A run's settings name the engine that trains them, never "auto"; the line under the run buttons
 * says which engine it is and why, in a student's words.
 */
import type { TrainSettings } from '../model/settings';
import type { LabelledSet } from '../model/types';
import { chooseEngine, perIterationWork, type AdapterFacts, type ChosenBackend, type EngineChoice } from '../train/engine-choice';

/** The adapter as Engines found it; undefined until it has looked. */
let facts: AdapterFacts | null | undefined;

export const ENGINE_NAMES: Readonly<Record<ChosenBackend, string>> = {
  gpu: 'GPU (WebGPU)', wasm: 'fast CPU (wasm)', cpu: 'CPU reference',
};

/** The adapter as Engines found it (null: none, or not looked for yet). */
export const adapterFactsNow = (): AdapterFacts | null => facts ?? null;

/** Whether the fast CPU engine can run here: wherever WebAssembly does (on every core when cross-origin isolated, else on one thread — still ahead of a software adapter). */
export const fastCpuHere = (): boolean => typeof WebAssembly === 'object';

/** Engines says what it found (null: no adapter). */
export function setAdapterFacts(adapter: AdapterFacts | null): void {
  facts = adapter;
}

/** The rule's choice for one network of `examples` × the settings' layers (a sweep: `models` of them side by side). */
export function pageChoice(settings: Pick<TrainSettings, 'layers'>, features: number, examples: number, models = 1): EngineChoice {
  return chooseEngine({ adapter: facts ?? null, fastCpu: fastCpuHere(), work: { models, multiplyAdds: perIterationWork(features, settings.layers, examples) } });
}

/** `settings` with backend auto made the engine the rule picks for training on `train` (`models` side by side), said on the page. */
export function pageEngine<S extends TrainSettings>(settings: S, train: LabelledSet, models = 1): S {
  const line = typeof document !== 'undefined' ? document.getElementById('engine') : null;
  if (settings.backend !== 'auto') {
    if (line) line.textContent = `Engine: ${ENGINE_NAMES[settings.backend]}, as the backend control asks.`;
    return settings;
  }
  const choice = pageChoice(settings, train.features, train.m, models);
  if (line) line.textContent = `Engine: ${ENGINE_NAMES[choice.backend]} — ${choice.reason}.`;
  return { ...settings, backend: choice.backend };
}
