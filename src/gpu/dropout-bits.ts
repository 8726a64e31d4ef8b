/**
 * The layout of dropout keep flags as bits, shared by shaders/dropout_bits.wgsl (which draws Philox
 * flags into it), the unrolled kernel (which reads it) and the host (which packs uploaded masks into
 * it): per iteration, hidden layer 1's ⌈n_1·m / 32⌉ words, then layer 2's, …; bit b of a layer's
 * word q is element 32q + b = row·m + example.
 */

/** Words of one iteration's flags for a network with these dims on m examples. */
export function flagWordsPerIteration(dims: readonly number[], m: number): number {
  return dims.slice(1, -1).reduce((t, n) => t + Math.ceil(n * m / 32), 0);
}

/** Masks (one 0/1 array per hidden layer, row-major n_l × m) as bits, in `words` words. */
export function packMaskBits(masks: Uint8Array[], words: number): Uint32Array {
  const out = new Uint32Array(words);
  let base = 0;
  for (const mk of masks) {
    for (let e = 0; e < mk.length; e++) if (mk[e]) out[base + (e >>> 5)] |= 1 << (e & 31);
    base += Math.ceil(mk.length / 32);
  }
  return out;
}
