/**
 * A Gaussian stream from Philox4x32-10, for initializers that do not need numpy compatibility.
 * Word j of the stream is word (j mod 4) of Philox(counter = (⌊j/4⌋, 0, 0, 0), key = (seed, 0xC0FFEE)).
 * Each normal takes two words by the Box–Muller transform: u1 ∈ (0, 1] (never log 0), u2 ∈ [0, 1).
 */
import { philox4x32 } from './philox';

const INIT_KEY = 0xc0ffee;
const TWO_POW_M24 = 5.9604644775390625e-8;

export class PhiloxNormal {
  private readonly words = new Uint32Array(4);
  private block = 0;
  private used = 4;
  private spare: number | null = null;

  constructor(private readonly seed: number) {}

  private nextWord(): number {
    if (this.used === 4) {
      philox4x32(this.block++, 0, 0, 0, this.seed, INIT_KEY, this.words);
      this.used = 0;
    }
    return this.words[this.used++];
  }

  randn(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u1 = ((this.nextWord() >>> 8) + 1) * TWO_POW_M24;
    const u2 = (this.nextWord() >>> 8) * TWO_POW_M24;
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }
}
