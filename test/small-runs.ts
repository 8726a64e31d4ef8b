/** Small training runs the trainer parity tests share: moons data and He weights from Philox seeds. */
import { generateDataset } from '../src/data/generators';
import { initParams } from '../src/model/init';
import type { NetworkSpec } from '../src/model/network';
import type { LabelledSet, TrainerOptions } from '../src/model/types';

/** m moons points (noise 0.2), all for training. */
export function moons(m: number, seed: number): LabelledSet {
  return generateDataset({ name: 'moons', size: m, noise: 0.2, seed, testFraction: 0 }).train;
}

/** Options for a small run: He weights from Philox seed `seed`, moons data, learning rate 0.2, no regularization unless `extra` says. */
export function smallRun(spec: NetworkSpec, m: number, seed: number, extra: Partial<TrainerOptions> = {}): TrainerOptions {
  return {
    spec, params: initParams(spec, { init: 'he', rng: 'philox', seed }), train: extra.train ?? moons(m, seed + 1), learningRate: 0.2, l2: 0,
    keepProb: 1, dropoutRng: 'philox', dropoutSeed: seed + 2, ...extra,
  };
}
