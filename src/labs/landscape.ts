/**
 * The loss landscape (Li et al. 2018, losslandscape.com): the cost on a 2-D slice θ* + α·d1 + β·d2
 * around the trained weights θ*, along two random directions that are filter-normalized (each row
 * of each W scaled to the norm of that row of θ*; bias directions zero, as in the paper), with the
 * training trajectory projected onto the slice. The objective is the lesson's: mean cross-entropy
 * without dropout plus λ/(2m)·Σ‖W‖². The GPU evaluates the whole grid in one batch of forward passes.
 */
import { divergence, divergenceOf } from '../train/run';
import { acquireGpu, landscapeOnGpu, NoAdapterError } from '../gpu';
import { cloneParams, zeroParams, type NetworkSpec, type Params } from '../model/network';
import type { TrainSettings } from '../model/settings';
import type { Regularization } from '../model/hyper';
import { CpuTrainer } from '../reference/trainer';
import { PhiloxNormal } from '../rng/philox-normal';
import { createTrainer, specFor, type TrainerFactory } from '../train/factory';
import type { LabelledSet } from '../model/types';

export interface LandscapeResult {
  alphas: number[];
  betas: number[];
  /** costs[r][c] at (alphas[c], betas[r]). */
  costs: number[][];
  trajectory: { iteration: number; alpha: number; beta: number; cost: number }[];
  backend: 'cpu' | 'gpu';
  adapter: string | null;
}

/** What the landscape lab runs when the user does not say (CLI and page alike). */
export const LANDSCAPE_DEFAULTS = Object.freeze({ grid: 41, span: 1, iterations: 3000, logEvery: 100 });
/** The largest grid per axis (CLI and page): 401² forward passes of the whole training set. */
export const LANDSCAPE_MAX_GRID = 401;

export function filterNormalizedDirection(spec: NetworkSpec, center: Params, seed: number): Params {
  const rng = new PhiloxNormal(seed);
  const d = zeroParams(spec);
  for (let l = 1; l < spec.dims.length; l++) {
    const n = spec.dims[l], k = spec.dims[l - 1];
    const W = center.W[l - 1], D = d.W[l - 1];
    for (let i = 0; i < n; i++) {
      let wn = 0, dn = 0;
      for (let q = 0; q < k; q++) {
        D[i * k + q] = rng.randn();
        wn += W[i * k + q] ** 2;
        dn += D[i * k + q] ** 2;
      }
      const scale = dn > 0 ? Math.sqrt(wn / dn) : 0;
      for (let q = 0; q < k; q++) D[i * k + q] *= scale;
    }
  }
  return d;
}

function flat(p: Params): number[] {
  return [...p.W.flatMap((w) => Array.from(w)), ...p.b.flatMap((b) => Array.from(b))];
}

/** Least-squares (α, β) with θ − θ* ≈ α·d1 + β·d2. */
export function project(theta: Params, center: Params, d1: Params, d2: Params): { alpha: number; beta: number } {
  const t = flat(theta), c = flat(center), u = flat(d1), v = flat(d2);
  let uu = 0, uv = 0, vv = 0, ur = 0, vr = 0;
  for (let i = 0; i < t.length; i++) {
    const r = t[i] - c[i];
    uu += u[i] * u[i]; uv += u[i] * v[i]; vv += v[i] * v[i]; ur += u[i] * r; vr += v[i] * r;
  }
  const det = uu * vv - uv * uv;
  if (det === 0) return { alpha: 0, beta: 0 };
  return { alpha: (ur * vv - vr * uv) / det, beta: (vr * uu - ur * uv) / det };
}

export function shifted(center: Params, d1: Params, d2: Params, alpha: number, beta: number): Params {
  const p = cloneParams(center);
  p.W.forEach((w, l) => { for (let i = 0; i < w.length; i++) w[i] += alpha * d1.W[l][i] + beta * d2.W[l][i]; });
  p.b.forEach((b, l) => { for (let i = 0; i < b.length; i++) b[i] += alpha * d1.b[l][i] + beta * d2.b[l][i]; });
  return p;
}

/** The grid on the CPU reference (float64), row by row. */
export function landscapeCpu(
  spec: NetworkSpec, center: Params, d1: Params, d2: Params, set: LabelledSet, alphas: number[], betas: number[], reg: Regularization,
): number[] {
  const t = new CpuTrainer({ spec, params: center, train: set, learningRate: 1, l2: reg.l2, l1: reg.l1, keepProb: 1, dropoutRng: 'philox', dropoutSeed: 0 });
  const out: number[] = [];
  for (const beta of betas) {
    for (const alpha of alphas) {
      t.setParamsSync(shifted(center, d1, d2, alpha, beta));
      out.push(t.forward(0));
    }
  }
  return out;
}

export function axis(grid: number, span: number): number[] {
  return Array.from({ length: grid }, (_, i) => (grid === 1 ? 0 : -span + (2 * span * i) / (grid - 1)));
}

/** Train (recording the weights every logEvery iterations), then evaluate the slice around the result. */
export async function landscape(
  settings: TrainSettings, train: LabelledSet, grid: number, span = 1, make: TrainerFactory = createTrainer,
): Promise<LandscapeResult> {
  const spec = specFor(settings, train.features);
  const trainer = await make(settings, train);
  const path: { iteration: number; cost: number; params: Params }[] = [];
  try {
    path.push({ iteration: 0, cost: NaN, params: await trainer.getParams() });
    for (let t = 0; t < settings.iterations; t += settings.logEvery) {
      const n = Math.min(settings.logEvery, settings.iterations - t);
      const costs = await trainer.run(t, n, settings.logEvery);
      if (t === 0) path[0].cost = costs[0].cost;
      const last = costs[costs.length - 1];
      // the same divergence rule as every training run (src/train/run.ts)
      const why = divergence(path[0].cost, last.cost);
      if (why) throw divergenceOf(settings, train.m, last.iteration, last.cost, why);
      path.push({ iteration: t + n, cost: last.cost, params: await trainer.getParams() });
    }
  } finally {
    trainer.dispose();
  }
  const center = path[path.length - 1].params;
  const d1 = filterNormalizedDirection(spec, center, settings.seed * 2 + 1);
  const d2 = filterNormalizedDirection(spec, center, settings.seed * 2 + 2);
  const alphas = axis(grid, span), betas = axis(grid, span);
  let flatCosts: ArrayLike<number>;
  let adapter: string | null = null;
  // the fast CPU engine has no landscape kernel: its landscape is the reference's, as the CPU's
  const gpu = settings.backend === 'cpu' || settings.backend === 'wasm' ? null
    : await acquireGpu().catch((e) => { if (settings.backend === 'auto' && e instanceof NoAdapterError) return null; throw e; });
  if (gpu) {
    adapter = gpu.adapterName;
    flatCosts = await landscapeOnGpu(gpu, spec, center, d1, d2, train, alphas, betas, { l2: settings.l2, l1: settings.l1 });
  } else {
    flatCosts = landscapeCpu(spec, center, d1, d2, train, alphas, betas, { l2: settings.l2, l1: settings.l1 });
  }
  const costs = betas.map((_, r) => Array.from(flatCosts).slice(r * grid, (r + 1) * grid));
  const trajectory = path.map((p) => ({ iteration: p.iteration, cost: p.cost, ...project(p.params, center, d1, d2) }));
  return { alphas, betas, costs, trajectory, backend: gpu ? 'gpu' : 'cpu', adapter };
}
