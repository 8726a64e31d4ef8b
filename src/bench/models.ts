/**
 * The sweep benchmark: models per second when many models of one network train on the same data —
 * side by side on the GPU (one per workgroup, src/labs/sweep.ts), one GPU run after another, and
 * the fast CPU engine and the CPU reference one after another. Each row trains the same models (a grid of λ × keep_prob,
 * repeated over seeds) once, after an untimed one-iteration warm-up that creates the device and
 * compiles the kernels; every model is the run `reglab train` makes with its settings.
 */
import { generateDataset } from '../data/generators';
import { SettingsError, validateSettings } from '../model/settings';
import { makeSpec, paramCount } from '../model/network';
import { acquireGpu, FUSED_WIDE_UNITS, gpuPathFor, pathUnfit } from '../gpu';
import { runSweep, sweepData, sweepModels } from '../labs/sweep';

export interface ModelsCase {
  hidden: number[];
  m: number;
  models: number;
  iterations: number;
  /** The λ × keep_prob grid the models cover, repeated over seeds (models / grid size of them). */
  l2s: number[];
  keepProbs: number[];
}

export type ModelsImpl = 'reglab-gpu side by side' | 'reglab-gpu one at a time' | 'reglab-wasm' | 'reglab-cpu';

export interface ModelsRow extends ModelsCase {
  impl: ModelsImpl;
  /** The GPU kernel path, and how many models one dispatch trained. */
  gpuPath?: string;
  modelsPerDispatch?: number;
  seconds: number;
  modelsPerSecond: number;
  /** Why the row was not run (NaN numbers then). */
  skipped?: string;
}

/** The default grid: λ × keep_prob of every 16 models (12 of them with dropout); more models repeat it over seeds. */
export const MODELS_GRID = { l2s: [0, 0.01, 0.1, 0.7], keepProbs: [1, 0.95, 0.86, 0.7] };

/**
 * Every λ and keep_prob of a grid checked as the setting it becomes (validateSettings: its rule and
 * its words), the error naming the grid's list (`modelL2`, `modelKeepProb`: the bench's own fields).
 */
export function checkModelsGrid(grid: { l2s: number[]; keepProbs: number[] }): void {
  const lists = [['modelL2', 'l2', grid.l2s], ['modelKeepProb', 'keepProb', grid.keepProbs]] as const;
  for (const [list, field, values] of lists) {
    for (const v of values) {
      try {
        validateSettings({ [field]: v });
      } catch (e) {
        throw e instanceof SettingsError ? new SettingsError(list, e.reason) : e;
      }
    }
  }
}

/** The lesson's network on 211 points and a [64, 64] network on 256, `models` models each. */
export function modelsCases(models: number, iterations: number, quick: boolean, grid: { l2s: number[]; keepProbs: number[] } = MODELS_GRID): ModelsCase[] {
  const { l2s, keepProbs } = grid;
  return [
    { hidden: [20, 3], m: 211, models, iterations, l2s, keepProbs },
    ...(quick ? [] : [{ hidden: [64, 64], m: 256, models, iterations: Math.max(1, Math.round(iterations / 20)), l2s, keepProbs }]),
  ];
}

export interface ModelsBenchOptions {
  gpu: boolean;
  cpu: boolean;
  /** The fast CPU engine's row. */
  wasm?: boolean;
  /** Rows estimated longer than this are skipped (CPU rows of big cases). */
  maxSeconds: number;
  note?: (msg: string) => void;
  onRow?: (row: ModelsRow) => void;
}

/** The CPU reference's speed assumed to skip hopeless rows (FLOPs of one model-iteration ≈ 6·m·params). */
const ASSUMED_CPU_FLOPS_PER_S = 2e8;

export async function benchModels(cases: ModelsCase[], o: ModelsBenchOptions): Promise<ModelsRow[]> {
  const rows: ModelsRow[] = [];
  for (const c of cases) {
    const gridSize = c.l2s.length * c.keepProbs.length;
    if (c.models % gridSize !== 0) throw new RangeError(`models: ${c.models} is not a multiple of ${gridSize} (the λ × keep_prob grid)`);
    const grid = { l2s: c.l2s, keepProbs: c.keepProbs, seeds: c.models / gridSize };
    // m training points and as many test points
    const data = generateDataset({ name: 'moons', size: 2 * c.m, noise: 0.2, seed: 1, testFraction: 0.5 });
    const spec = makeSpec(2, c.hidden, 'relu');
    const impls: ModelsImpl[] = [
      ...(o.gpu ? ['reglab-gpu side by side', 'reglab-gpu one at a time'] as const : []),
      ...(o.wasm ? ['reglab-wasm'] as const : []),
      ...(o.cpu ? ['reglab-cpu'] as const : []),
    ];
    for (const impl of impls) {
      const backend = impl === 'reglab-cpu' ? 'cpu' : impl === 'reglab-wasm' ? 'wasm' : 'gpu';
      // side by side is the single-dispatch paths' (unrolled, fused): where the rule picks layered
      // (one model at a time), the row asks for the fused kernel by name (its wide compile)
      const auto = impl === 'reglab-gpu side by side' ? gpuPathFor('auto', spec, c.m, (await acquireGpu()).isSoftware) : null;
      const path = auto === 'layered' && pathUnfit('fused', spec) === null ? 'fused' : auto;
      const base = validateSettings({
        layers: c.hidden, init: 'he', iterations: c.iterations, logEvery: c.iterations, backend, seed: 1, ...(path ? { gpuPath: path } : {}),
      });
      const models = sweepModels(base, grid);
      const row: ModelsRow = { ...c, impl, seconds: NaN, modelsPerSecond: NaN };
      const estimate = backend === 'cpu' ? 6 * c.m * paramCount(spec.dims) * c.iterations * c.models / ASSUMED_CPU_FLOPS_PER_S : 0;
      if (path === 'layered') row.skipped = `not run: this network trains on the layered path, one model at a time (side by side: the unrolled and fused paths, up to ${FUSED_WIDE_UNITS} units)`;
      else if (estimate > o.maxSeconds) row.skipped = `not run: about ${Math.round(estimate)} s estimated`;
      else {
        o.note?.(`models [${c.hidden}] m=${c.m}: ${c.models} models × ${c.iterations} iterations, ${impl}…`);
        const sd = sweepData(base, data.train, data.test, 'train'); // timed, nothing chosen: every model on all the points
        const oneAtATime = impl === 'reglab-gpu one at a time';
        // warm-up, untimed: the device and every kernel these models need, compiled once (cached after)
        await runSweep(sweepModels({ ...base, iterations: 1, logEvery: 1 }, grid), sd, { oneAtATime });
        const started = performance.now();
        const r = await runSweep(models, sd, { oneAtATime });
        row.seconds = (performance.now() - started) / 1000;
        row.modelsPerSecond = c.models / row.seconds;
        if (r.gpuPath) {
          row.gpuPath = r.gpuPath;
          row.modelsPerDispatch = r.modelsPerDispatch;
        }
      }
      rows.push(row);
      o.onRow?.(row);
    }
  }
  return rows;
}
