/**
 * Weight initializers of the lesson. All draw W_l = randn(n_l, n_{l-1}) · factor, layers in order,
 * row-major, from one stream; biases start at zero.
 *   zeros   factor 0 (every unit stays identical: symmetry is never broken)
 *   random  factor = scale (default 10, the lesson's "large random")
 *   scaled  factor = 1/√fan-in (the lesson's regularization notebook)
 *   he      factor = √(2/fan-in)
 *   xavier  factor = √(1/fan-in)
 * With the numpy stream and seed 3, `scaled` reproduces `np.random.seed(3)` + randn/√n exactly.
 */
import { NumpyRandom } from '../rng/mt19937';
import { PhiloxNormal } from '../rng/philox-normal';
import type { NetworkSpec, Params } from './network';
import { zeroParams } from './network';
import type { Init, RngStream } from './settings';

export interface InitOptions {
  init: Init;
  seed: number;
  rng: RngStream;
  /** Multiplier for init = 'random'. */
  scale?: number;
}

export function initFactor(init: Init, fanIn: number, scale = 10): number {
  switch (init) {
    case 'zeros': return 0;
    case 'random': return scale;
    case 'scaled': return 1 / Math.sqrt(fanIn);
    case 'he': return Math.sqrt(2 / fanIn);
    case 'xavier': return Math.sqrt(1 / fanIn);
  }
}

export function initParams(spec: NetworkSpec, opts: InitOptions): Params {
  const params = zeroParams(spec);
  if (opts.init === 'zeros') return params;
  const stream = opts.rng === 'numpy' ? new NumpyRandom(opts.seed) : new PhiloxNormal(opts.seed);
  for (let l = 1; l < spec.dims.length; l++) {
    const fanIn = spec.dims[l - 1];
    const factor = initFactor(opts.init, fanIn, opts.scale);
    const W = params.W[l - 1];
    // numpy computes randn(...) / sqrt(n) — divide rather than multiply by 1/√n, for identical bits.
    if (opts.init === 'scaled') {
      const d = Math.sqrt(fanIn);
      for (let i = 0; i < W.length; i++) W[i] = stream.randn() / d;
    } else {
      for (let i = 0; i < W.length; i++) W[i] = stream.randn() * factor;
    }
  }
  return params;
}
