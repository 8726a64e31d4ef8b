/**
 * The vanishing/exploding-gradients lab: train a deep network and record ‖dW_l‖ of every layer
 * every `every` iterations. With sigmoid or tanh the layers near the input get gradients orders
 * of magnitude smaller than the last layer's; with ReLU and He initialization they do not.
 */
import { SettingsError } from '../model/settings';
import { divergenceOf } from '../train/run';
import type { Activation, Init, TrainSettings } from '../model/settings';
import { createTrainer, type TrainerFactory } from '../train/factory';
import type { LabelledSet, Trainer } from '../model/types';

export interface GradientTrace {
  /** Layer l (1-based) of each column of `norms`. */
  layers: number[];
  points: { iteration: number; cost: number; norms: number[] }[];
  backend: Trainer['backend'];
  adapter: string | null;
}

/**
 * What the gradients lab runs when the user does not say (CLI and page alike): 20 sigmoid layers
 * from the lesson's scaled init, where at initialization ‖dW1‖ is about 1e-13 of ‖dW20‖ (each
 * sigmoid layer passes back at most a quarter of its gradient). Its own activation and init, not
 * the main settings': the lab is there to show the vanishing.
 */
export const GRADIENTS_DEFAULTS = Object.freeze({
  depth: 20, width: 10, activation: 'sigmoid' as Activation, init: 'scaled' as Init, iterations: 1000, logEvery: 100,
});

/** Hidden sizes of a network of `depth` layers (depth − 1 hidden layers of `width` units, then the output). */
export function deepLayers(depth: number, width: number): number[] {
  if (!Number.isInteger(depth) || depth < 2 || depth > 65) throw new SettingsError('depth', `must be an integer in [2, 65], got ${depth}`);
  if (!Number.isInteger(width) || width < 1 || width > 4096) throw new SettingsError('width', `must be an integer in [1, 4096], got ${width}`);
  return Array.from({ length: depth - 1 }, () => width);
}

/** Norms after iteration 0 (the gradients at initialization) and then every `every` iterations. */
export async function gradientTrace(
  settings: TrainSettings, train: LabelledSet, every: number, make: TrainerFactory = createTrainer,
): Promise<GradientTrace> {
  // The fused GPU path keeps no gradients; this lab always runs the layered kernels.
  const trainer = await make({ ...settings, gpuPath: 'layered' }, train);
  try {
    const points: GradientTrace['points'] = [];
    let t = 0;
    while (t < settings.iterations) {
      // iteration 0 alone (the gradients at initialization), then up to each multiple of `every`
      const n = t === 0 ? 1 : Math.min(every - ((t - 1) % every), settings.iterations - t);
      const costs = await trainer.run(t, n, 1);
      t += n;
      const last = costs[costs.length - 1];
      if (!Number.isFinite(last.cost)) throw divergenceOf(settings, train.m, last.iteration, last.cost);
      points.push({ iteration: last.iteration, cost: last.cost, norms: await trainer.gradientNorms() });
    }
    return { layers: settings.layers.map((_, i) => i + 1).concat(settings.layers.length + 1), points, backend: trainer.backend, adapter: trainer.adapter };
  } finally {
    trainer.dispose();
  }
}
