/**
 * How many iterations one GPU submit holds: as many as fit in SUBMIT_BUDGET_MS by an estimate of the
 * iteration's work, at most GPU_CHUNK. A submit cannot be interrupted — on a software adapter it holds
 * the CPU's cores, and in the page the tab's repaint and a stop wait for it — so a big data set gets
 * short submits (a single iteration, when even one is over the budget) and the lesson long ones.
 *
 * The work of an iteration is its multiply-adds, examples × parameters, times the models trained side
 * by side. The rates are the slowest measured in docs/performance.md per multiply-add: on SwiftShader
 * [64, 64] × 256 on the layered path, 25.9 ms for 1.13 M (23 ns; the lesson's unrolled path: 3–11 ns);
 * a hardware GPU is given 100× an H200's slowest small point ([20, 20] × 4096: 0.556 ms for 2.05 M,
 * 0.27 ns → 0.05 ns assumed for any card, which keeps a 65 536-row [1024, 1024] iteration, 24 ms on
 * the H200, at one per submit).
 */

/** Iterations per submit at most (each submit ends with a cost-log copy and read-back). */
export const GPU_CHUNK = 256;

/** What one submit may take, estimated. */
export const SUBMIT_BUDGET_MS = 50;

/** Estimated ns per multiply-add (examples × parameters), on a software adapter and on a hardware GPU. */
export const NS_PER_MULTIPLY_ADD = { software: 25, hardware: 0.05 } as const;

/** Multiply-adds of an iteration: examples × parameters of the network of `dims`, times the models side by side. */
export function iterationWork(dims: readonly number[], examples: number, models = 1): number {
  let parameters = 0;
  for (let l = 1; l < dims.length; l++) parameters += dims[l] * (dims[l - 1] + 1);
  return examples * parameters * models;
}

/** Iterations per submit for an iteration of `work` multiply-adds: ⌊budget / estimate⌋, in [1, GPU_CHUNK]. */
export function iterationsPerSubmit(work: number, isSoftware: boolean): number {
  const ms = work * NS_PER_MULTIPLY_ADD[isSoftware ? 'software' : 'hardware'] * 1e-6;
  return Math.max(1, Math.min(GPU_CHUNK, Math.floor(SUBMIT_BUDGET_MS / ms)));
}
