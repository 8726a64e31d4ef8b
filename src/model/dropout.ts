/**
 * The two dropout-mask conventions (see test/fixtures/README.md and docs/math.md).
 *
 * philox: element i = row·m + column of hidden layer l's (n_l × m) activation at iteration t keeps
 *   its unit when u < fround(keepProb), u = (w >> 8)·2^-24, w = word (i mod 4) of
 *   Philox4x32-10(counter = (⌊i/4⌋, t, 0, 0), key = (seed, l)). Exactly what shaders/lib/dropout.wgsl draws.
 * numpy: the lesson's code: np.random.seed(1) at the top of every forward pass, then
 *   D_l = rand(n_l, m) < keepProb for the hidden layers in order — the same masks every iteration.
 */
import { NumpyRandom } from '../rng/mt19937';
import { philox4x32, wordToUnit24 } from '../rng/philox';
import type { MaskSource } from './hyper';

/** Fill `mask` (length n_l·m) with 1 = keep, 0 = drop, by the Philox convention. */
export function philoxMask(
  mask: Uint8Array, seed: number, layer: number, iteration: number, keepProb: number,
): Uint8Array {
  const threshold = Math.fround(keepProb);
  const words = new Uint32Array(4);
  const n = mask.length;
  for (let block = 0; block * 4 < n; block++) {
    philox4x32(block, iteration, 0, 0, seed, layer, words);
    const end = Math.min(4, n - block * 4);
    for (let k = 0; k < end; k++) mask[block * 4 + k] = wordToUnit24(words[k]) < threshold ? 1 : 0;
  }
  return mask;
}

/** The lesson's masks for hidden layers of sizes `hidden` over m examples. */
export function numpyMasks(hidden: readonly number[], m: number, keepProb: number): Uint8Array[] {
  const rng = new NumpyRandom(1);
  return hidden.map((n) => {
    const mask = new Uint8Array(n * m);
    for (let i = 0; i < mask.length; i++) mask[i] = rng.rand() < keepProb ? 1 : 0;
    return mask;
  });
}

/** Where a model's masks come from, and over what: what exampleMasks needs of a model. */
export interface ExampleMaskSpec {
  masks: MaskSource;
  /** The dropout seed (philox) and keep_prob. */
  seed: number;
  keepProb: number;
  /** Hidden layer sizes n_1 … n_{L−1}, and the training examples m the engine draws masks over. */
  hidden: readonly number[];
  m: number;
}

/**
 * One example's masks: column `example` of each hidden layer's (n_l × m) mask — which of its units
 * iteration `iteration` kept (1) or dropped (0) for that example. What the network view shows; the
 * same elements as philoxMask / numpyMasks (element i = unit·m + example), drawing only the Philox
 * blocks those elements are in. Null without dropout.
 */
export function exampleMasks(s: ExampleMaskSpec, example: number, iteration: number): Uint8Array[] | null {
  if (s.masks === 'none') return null;
  if (!Number.isInteger(example) || example < 0 || example >= s.m) throw new RangeError(`example ${example} is not one of the ${s.m} training examples`);
  // the lesson's stream: drawn whole (its order is the stream's), the column kept; the same every iteration
  if (s.masks === 'stored') return numpyMasks(s.hidden, s.m, s.keepProb).map((mask, h) => Uint8Array.from({ length: s.hidden[h] }, (_, u) => mask[u * s.m + example]));
  const threshold = Math.fround(s.keepProb);
  const words = new Uint32Array(4);
  return s.hidden.map((n, h) => {
    const out = new Uint8Array(n);
    for (let u = 0; u < n; u++) {
      const i = u * s.m + example;
      philox4x32(Math.floor(i / 4), iteration, 0, 0, s.seed, h + 1, words);
      out[u] = wordToUnit24(words[i % 4]) < threshold ? 1 : 0;
    }
    return out;
  });
}
