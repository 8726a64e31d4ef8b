/** Builds the network, its initial weights and a Trainer for the chosen backend from validated settings. */
import { assertFloat32Run, assertFloat32Set } from '../model/float32';
import { initParams } from '../model/init';
import { makeSpec, type NetworkSpec, type Params } from '../model/network';
import type { TrainSettings } from '../model/settings';
import { acquireGpu, adapterFacts, GpuTrainer } from '../gpu';
import { chooseEngine, perIterationWork } from './engine-choice';
import { CpuTrainer } from '../reference/trainer';
import { WasmTrainer } from '../wasm/trainer';
import type { LabelledSet, Trainer } from '../model/types';

export function specFor(settings: TrainSettings, features: number): NetworkSpec {
  return makeSpec(features, settings.layers, settings.activation);
}

export function initialParams(settings: TrainSettings, spec: NetworkSpec): Params {
  return initParams(spec, { init: settings.init, rng: settings.initRng, seed: settings.seed, scale: settings.initScale });
}

/**
 * `notice` hears which engine backend 'auto' picked and why (the engine rule of engine-choice.ts,
 * for one network), which a CLI prints on stderr. The views resolve 'auto' before they get here
 * (the CLI's pickEngine, the page's Engines); this keeps the rule for any other caller.
 */
export async function createTrainer(
  settings: TrainSettings, train: LabelledSet, notice: (msg: string) => void = () => {},
): Promise<Trainer> {
  const spec = specFor(settings, train.features);
  const params = initialParams(settings, spec);
  if (settings.backend !== 'cpu' || settings.precision === 'f32') {
    assertFloat32Set(train, 'the training data');
    assertFloat32Run({ learningRate: settings.learningRate, l2: settings.l2, l1: settings.l1, params });
  }
  const options = {
    spec, params, train, learningRate: settings.learningRate, l2: settings.l2, l1: settings.l1, keepProb: settings.keepProb,
    dropoutRng: settings.dropoutRng, dropoutSeed: settings.dropoutSeed,
  };
  let backend = settings.backend;
  if (backend === 'auto') {
    const fastCpu = typeof WebAssembly === 'object'; // Node always; a page on one thread when not cross-origin isolated
    const choice = chooseEngine({ adapter: await adapterFacts(), fastCpu, work: { models: 1, multiplyAdds: perIterationWork(train.features, settings.layers, train.m) } });
    notice(`backend auto → ${choice.backend}: ${choice.reason}`);
    backend = choice.backend;
  }
  if (backend === 'wasm') return WasmTrainer.create(options);
  if (backend === 'gpu') return GpuTrainer.create({ gpu: await acquireGpu(), ...options, path: settings.gpuPath });
  return new CpuTrainer({ ...options, precision: settings.precision });
}

/** Makes a trainer from validated settings: createTrainer, or the page's worker-backed factory. */
export type TrainerFactory = (settings: TrainSettings, train: LabelledSet) => Promise<Trainer>;
