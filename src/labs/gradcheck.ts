/**
 * Gradient check: backprop's gradient against two-sided differences (J(θ+ε) − J(θ−ε)) / 2ε of the
 * cost, over every weight and bias, summarised as the lesson's relative difference
 * ‖g − g_approx‖ / (‖g‖ + ‖g_approx‖). Dropout is off (a random mask is not a function of θ);
 * the L2 term is included. Float64 only: float32 differences drown in rounding.
 */
import type { NetworkSpec, Params } from '../model/network';
import type { LabelledSet } from '../model/types';
import { CpuTrainer, type Gradients } from '../reference/trainer';
import { SizeCapError } from '../errors';

export const GRADCHECK_THRESHOLD = 1e-7;
/**
 * The check's cost cap: two forward passes over the whole set per parameter, about
 * 4·P·m·Σ(n_l·n_(l−1)) floating-point operations. 2e10 is about half a minute on one core here;
 * the lesson's network needs 3e7, a [64, 64] one on 400 points 3e10.
 */
export const GRADCHECK_MAX_FLOPS = 2e10;

export function gradcheckFlops(spec: NetworkSpec, m: number): number {
  let parameters = 0, macs = 0;
  for (let l = 1; l < spec.dims.length; l++) {
    parameters += spec.dims[l] * (spec.dims[l - 1] + 1);
    macs += spec.dims[l] * spec.dims[l - 1];
  }
  return 4 * parameters * m * macs;
}

/** Refuse a check whose cost grows past reason, naming its size and what to change. */
export function assertGradcheckSize(spec: NetworkSpec, m: number): void {
  const flops = gradcheckFlops(spec, m);
  if (flops > GRADCHECK_MAX_FLOPS) {
    throw new SizeCapError('layers', `the gradient check of [${spec.dims.join(', ')}] on ${m} examples needs about ${flops.toExponential(1)} `
      + `floating-point operations (two forward passes per parameter), over the cap of ${GRADCHECK_MAX_FLOPS.toExponential(0)}: use narrower layers or fewer examples`);
  }
}

export interface GradCheckOptions {
  l2?: number;
  epsilon?: number;
  /** Replaces backprop (tests plant bugs here to prove the check catches them). */
  gradient?: (trainer: CpuTrainer) => Gradients;
  /** Called now and then with the parameters checked so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface GradCheckResult {
  difference: number;
  threshold: number;
  pass: boolean;
  parameters: number;
  /** The layer (1-based) and parameter whose backprop and numerical values disagree most. */
  worst: { layer: number; param: 'W' | 'b'; index: number; backprop: number; numerical: number };
}

export function gradientCheck(spec: NetworkSpec, params: Params, set: LabelledSet, opts: GradCheckOptions = {}): GradCheckResult {
  const eps = opts.epsilon ?? 1e-7;
  const trainer = new CpuTrainer({
    spec, params, train: set, learningRate: 1, l2: opts.l2 ?? 0, keepProb: 1, dropoutRng: 'philox', dropoutSeed: 0,
  });
  trainer.forward(0);
  const grads = opts.gradient ? opts.gradient(trainer) : (trainer.backward(), trainer.grads);
  let num2 = 0, g2 = 0, a2 = 0, n = 0;
  let worst: GradCheckResult['worst'] = { layer: 0, param: 'W', index: 0, backprop: 0, numerical: 0 };
  let worstGap = -1;
  const groups: ['W' | 'b', number][] = [];
  for (let l = 0; l < trainer.W.length; l++) groups.push(['W', l], ['b', l]);
  const total = trainer.W.reduce((s, w, l) => s + w.length + trainer.b[l].length, 0);
  for (const [param, l] of groups) {
    const theta = param === 'W' ? trainer.W[l] : trainer.b[l];
    const g = param === 'W' ? grads.dW[l] : grads.db[l];
    for (let i = 0; i < theta.length; i++) {
      const saved = theta[i];
      theta[i] = saved + eps;
      const plus = trainer.forward(0);
      theta[i] = saved - eps;
      const minus = trainer.forward(0);
      theta[i] = saved;
      const approx = (plus - minus) / (2 * eps);
      const gap = Math.abs(g[i] - approx);
      num2 += gap * gap;
      g2 += g[i] * g[i];
      a2 += approx * approx;
      n++;
      if (opts.onProgress && n % 64 === 0) opts.onProgress(n, total);
      if (gap > worstGap) {
        worstGap = gap;
        worst = { layer: l + 1, param, index: i, backprop: g[i], numerical: approx };
      }
    }
  }
  const denom = Math.sqrt(g2) + Math.sqrt(a2);
  const difference = denom === 0 ? 0 : Math.sqrt(num2) / denom;
  return { difference, threshold: GRADCHECK_THRESHOLD, pass: difference < GRADCHECK_THRESHOLD, parameters: n, worst };
}
