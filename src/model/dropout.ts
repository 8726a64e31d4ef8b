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
