/**
 * How reglab writes numbers and results for people, in one place for both views: the CLI's tables
 * and the page's text say the same thing in the same digits.
 */
import type { BenchRow } from '../bench/harness';
import type { GradCheckResult } from '../labs/gradcheck';

/** An accuracy as a percentage with one decimal: 0.9478 → "94.8 %". */
export const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
/** The heading of a run's share of weights near zero (`nearZeroShare`: |w| < 1 % of its largest). */
export const WEIGHTS_NEAR_ZERO = 'weights ≈ 0';
/** A cost with d decimals (4 unless said). */
export const fixed = (x: number, d = 4) => x.toFixed(d);
/** A duration: milliseconds below 10 s, seconds above. */
export const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);
/** A measured value with d decimals, or a dash where there is none (an untimed row). */
export const measured = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '—');

/**
 * Where a run trained, in one phrase: "gpu (adapter)", "cpu f64" (the reference, at its
 * precision), "wasm f32" (the fast CPU engine). `precision` left out: "cpu" alone.
 */
export function backendLabel(r: { backend: 'cpu' | 'gpu' | 'wasm'; adapter: string | null }, precision?: string): string {
  if (r.backend === 'gpu') return `gpu (${r.adapter})`;
  if (r.backend === 'wasm') return 'wasm f32';
  return precision ? `cpu ${precision}` : 'cpu';
}

/** A built-in data set as the run reports it: "moons (size 400, noise 0.2, seed 1)". */
export function builtInSource(o: { name: string; size: number; noise: number; seed: number }): string {
  return `${o.name} (size ${o.size}, noise ${o.noise}, seed ${o.seed})`;
}

/** CSV files as the run reports them: "train.csv + test.csv". */
export function csvSource(train: string, test: string | null): string {
  return train + (test ? ` + ${test}` : '');
}

export const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');

/** The gradient check's three lines: what was checked, the verdict against its threshold, the largest gap. */
export function gradcheckLines(r: GradCheckResult, l2: number): string[] {
  const w = r.worst;
  return [
    `gradient check at initialization (${r.parameters} parameters, float64, dropout off, λ = ${l2}):`,
    `relative difference ${r.difference.toExponential(3)} — ${verdict(r.pass)} (threshold ${r.threshold})`,
    `largest gap: ${w.param}${w.layer}[${w.index}] backprop ${w.backprop.toExponential(6)} vs numerical ${w.numerical.toExponential(6)}`,
  ];
}

/** What ran in a bench row: the implementation, with its GPU path and product kernel or its matmul kernel. */
export function benchImpl(row: BenchRow, withProducts = true): string {
  const detail = row.gpuPath ? ` (${row.gpuPath}${withProducts && row.products ? `, ${row.products}` : ''})` : row.kernel ? ` (${row.kernel})` : '';
  return row.impl + detail;
}

/** A bench row's GFLOP/s: two decimals in the CLI's table, two significant digits in the page's narrow one. */
export function benchGflops(row: BenchRow, short = false): string {
  if (!Number.isFinite(row.gflops)) return '—';
  return short ? row.gflops.toPrecision(2) : row.gflops.toFixed(2);
}

/** A bench row's time: the median with its range, or why it was not timed. */
export function benchTime(row: BenchRow, withRange = true): string {
  if (row.skipped) return row.skipped;
  const t = row.msPerIteration;
  return withRange ? `${measured(t.median)} (${measured(t.min)}–${measured(t.max)})` : measured(t.median);
}
