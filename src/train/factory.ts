/** Builds the network, its initial weights and a Trainer for the chosen backend from validated settings. */
import { assertFloat32Run, assertFloat32Set } from '../model/float32';
import { initParams } from '../model/init';
import { makeSpec, type NetworkSpec, type Params } from '../model/network';
import type { TrainSettings } from '../model/settings';
import { acquireGpu, GpuTrainer, NoAdapterError } from '../gpu';
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
 * `notice` hears about fallbacks (backend 'auto' without a GPU), which a CLI prints on stderr.
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
  if (settings.backend === 'wasm') return WasmTrainer.create(options);
  if (settings.backend === 'gpu' || settings.backend === 'auto') {
    try {
      const gpu = await acquireGpu();
      return await GpuTrainer.create({ gpu, ...options, path: settings.gpuPath });
    } catch (e) {
      if (settings.backend === 'gpu' || !(e instanceof NoAdapterError)) throw e;
      notice(`backend auto: ${e.message}; training on the CPU`);
    }
  }
  return new CpuTrainer({ ...options, precision: settings.precision });
}

/** Makes a trainer from validated settings: createTrainer, or the page's worker-backed factory. */
export type TrainerFactory = (settings: TrainSettings, train: LabelledSet) => Promise<Trainer>;
