/**
 * The GPU blank (advanced): the one WGSL line, in shaders/lib/dropout.wgsl's exercise slot, that
 * turns a unit's Philox word into its inverted-dropout factor — 0 when dropped, 1/keep_prob when
 * kept. The student's line is compiled into the real library (src/gpu/shaders.ts replaces only the
 * slot's body) and run by shaders/dropout_scales.wgsl over the lesson's hidden layers (20 × 211 and
 * 3 × 211) for three iterations; every keep flag must be the CPU reference's (src/model/dropout.ts)
 * bit for bit, every kept factor 1/keep_prob (to WGSL's f32 division: 2.5 ulp), every dropped one 0.
 * A line that does not compile comes back with the WGSL compiler's message and column.
 */
import { dropoutScalesWith, type GpuContext } from '../gpu';
import { philoxMask } from '../model/dropout';
import { NOTEBOOK_DATA, NOTEBOOK_KEEP_PROB } from '../model/notebook';
import { philox4x32, wordToUnit24 } from '../rng/philox';
import type { CheckResult } from './grader';

export const GPU_BLANK = {
  name: 'dropout_keep_scale',
  signature: 'fn dropout_keep_scale(word: u32, keep_prob: f32) -> f32   (WGSL, shaders/lib/dropout.wgsl)',
  explanation: 'On the GPU reglab draws its masks with Philox4x32-10 instead of numpy: every element of a hidden layer, at every '
    + 'iteration, gets a 32-bit word w. Its top 24 bits make a uniform number u = (w >> 8)·2⁻²⁴, exact in f32. Your line turns '
    + 'the word into the factor inverted dropout multiplies the unit by: 1/keep_prob when u < keep_prob (kept), 0 otherwise. '
    + 'It is compiled into the library every dropout kernel prepends, run on the lesson\'s hidden layers (20 × 211 and 3 × 211, '
    + 'three iterations) and checked against the CPU reference\'s masks, bit for bit.',
  formula: 'u = (w >> 8) · 2⁻²⁴;   factor = 1/keep_prob if u < keep_prob, else 0',
  skeleton: 'return 1.0; // your line: keeps every unit, unscaled, until you write it',
  hints: [
    'f32(word >> 8u) * (1.0 / 16777216.0) is u. WGSL\'s select(f, t, cond) is cond ? t : f — note the order: the false value first.',
  ],
  solution: 'return select(0.0, 1.0 / keep_prob, f32(word >> 8u) * (1.0 / 16777216.0) < keep_prob);',
} as const;

/** The lesson's hidden layers and the check's draw: seed 3 (the lesson's), keep_prob 0.86, iterations 0–2. */
export const GPU_CHECK = { layers: [20, 3], m: NOTEBOOK_DATA.train, seed: 3, keepProb: NOTEBOOK_KEEP_PROB, iterations: 3 } as const;

/** The student's text as the slot's body: one line, no braces (so no loops, and nothing outside the function). */
export function slotLine(text: string): string | { error: string } {
  const line = text.replace(/^\s+|\s+$/g, '');
  if (line === '') return { error: 'the line is empty: write the body of dropout_keep_scale, e.g. return …;' };
  if (/[\r\n]/.test(line)) return { error: 'one line only: the slot is the body of dropout_keep_scale, a single line' };
  if (/[{}]/.test(line)) return { error: 'no braces: the slot is one line inside dropout_keep_scale (no blocks, no loops)' };
  if (line.length > 400) return { error: `the line is ${line.length} characters long; 400 at most` };
  return line;
}

const kept32 = (keepProb: number) => Math.fround(1 / Math.fround(keepProb));

export async function checkWgsl(gpu: GpuContext, text: string): Promise<CheckResult> {
  const line = slotLine(text);
  if (typeof line !== 'string') return { passed: false, message: line.error };
  const { layers, m, seed, keepProb, iterations } = GPU_CHECK;
  const draws = Array.from({ length: iterations }, (_, t) => layers.map((n, k) => ({ count: n * m, iteration: t, seed, layer: k + 1, keepProb }))).flat();
  const run = await dropoutScalesWith(gpu, line, draws);
  if ('error' in run) {
    const e = run.error;
    const where = e.column !== undefined ? `your line, column ${e.column}` : `line ${e.kernelLine} of the kernel`;
    return { passed: false, message: `the WGSL compiler: ${where}: ${e.message}`, ...(e.column !== undefined ? { line: 1 } : {}) };
  }
  const scale = kept32(keepProb);
  const expected: Record<string, number> = { 'kept factor (1/keep_prob, f32)': scale };
  const got: Record<string, number> = {};
  for (const [j, d] of draws.entries()) {
    const factors = run.factors[j];
    const { count, iteration: t, layer } = d;
    const n = layers[layer - 1];
    const mask = philoxMask(new Uint8Array(count), seed, layer, t, keepProb);
    const key = `layer ${layer} (${n} × ${m}), iteration ${t}: kept`;
    expected[key] = mask.reduce((s, v) => s + v, 0);
    got[key] = factors.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0);
    for (let i = 0; i < count; i++) {
      const f = factors[i];
      const where = `layer ${layer} (${n} × ${m}), iteration ${t}, unit [${Math.floor(i / m)}, ${i % m}]`;
      const u = unitUniform(i, t, seed, layer);
      if ((f !== 0) !== (mask[i] === 1)) {
        return { passed: false, expected, got, message: `${where}: u = ${u.toFixed(7)}, so the reference ${mask[i] ? 'keeps' : 'drops'} it (u ${mask[i] ? '<' : '≥'} keep_prob = ${keepProb}), and your line gives ${f}` };
      }
      if (f !== 0 && !(Math.abs(f - scale) <= 2.5 * ulp(scale))) {
        got['kept factor (1/keep_prob, f32)'] = f;
        return { passed: false, expected, got, message: `${where} is kept, but its factor is ${f}, not 1/keep_prob = ${scale}: inverted dropout scales what stays by 1/keep_prob` };
      }
    }
  }
  got['kept factor (1/keep_prob, f32)'] = scale;
  return { passed: true, expected, got, message: `passed: your line keeps and drops exactly the reference's units on ${layers.map((n) => `${n} × ${m}`).join(' and ')} for ${iterations} iterations, kept units scaled by 1/keep_prob` };
}

/** u of element i (the reference's draw), for the message. */
function unitUniform(i: number, t: number, seed: number, layer: number): number {
  return wordToUnit24(philox4x32(Math.floor(i / 4), t, 0, 0, seed, layer)[i % 4]);
}

/** The distance to the next f32 above x (x > 0). */
function ulp(x: number): number {
  const b = new Float32Array([x]);
  const i = new Uint32Array(b.buffer);
  i[0] += 1;
  return b[0] - x;
}
