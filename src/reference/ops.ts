/**
 * The CPU reference's dense kernels, in the lesson's layout: matrices row-major, activations
 * (units × m) with one column per example. `fr` rounds one result: the identity in float64,
 * Math.fround in float32 — with Float32Array storage that rounds every product and every sum the
 * way a GPU without FMA contraction does.
 */
import type { Activation } from '../model/settings';
import type { Hyper } from '../model/hyper';
import { backInput64, forward64, gradient64 } from './products64';

export type Vec = Float64Array | Float32Array;
export type Round = (x: number) => number;
export const round64: Round = (x) => x;
export const round32: Round = Math.fround;

/** All float64: the register-tiled products of products64.ts apply (same sums, same order, same bits). */
function all64(...v: Vec[]): boolean {
  return v.every((x) => x instanceof Float64Array);
}

/** Z = W·A + b, W (n × k), A (k × m), Z (n × m); the sum over k first, then the bias. */
export function linearForward(W: Vec, A: Vec, b: Vec, Z: Vec, n: number, k: number, m: number, fr: Round): void {
  if (fr === round64 && all64(W, A, b, Z)) return forward64(W as Float64Array, A as Float64Array, b as Float64Array, Z as Float64Array, n, k, m);
  Z.fill(0);
  for (let i = 0; i < n; i++) {
    const zRow = i * m;
    for (let p = 0; p < k; p++) {
      const w = W[i * k + p];
      const aRow = p * m;
      for (let j = 0; j < m; j++) Z[zRow + j] += fr(w * A[aRow + j]);
    }
    const bi = b[i];
    for (let j = 0; j < m; j++) Z[zRow + j] += bi;
  }
}

/**
 * dW = (1/m)·dZ·Aᵀ + (λ/m)·W + (λ₁/m)·sign(W) and db = (1/m)·Σ_j dZ — the weight gradient with its
 * L2 and L1 terms (the model's `lambdaOverM` and `lambda1OverM`; sign(0) = 0), added in that order
 * by every engine. dZ (n × m), A (k × m), W and dW (n × k).
 */
export function linearBackwardParams(
  dZ: Vec, A: Vec, W: Vec, dW: Vec, db: Vec, n: number, k: number, m: number, h: Pick<Hyper, 'lambdaOverM' | 'lambda1OverM'>, fr: Round,
): void {
  const invM = fr(1 / m);
  const lambdaOverM = fr(h.lambdaOverM);
  const lambda1OverM = fr(h.lambda1OverM);
  if (fr === round64 && all64(dZ, A, W, dW, db)) {
    gradient64(dZ as Float64Array, A as Float64Array, dW as Float64Array, n, k, m);
    for (let q = 0; q < n * k; q++) {
      let g = invM * dW[q];
      if (lambdaOverM !== 0) g += lambdaOverM * W[q];
      if (lambda1OverM !== 0) g += lambda1OverM * Math.sign(W[q]);
      dW[q] = g;
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += dZ[i * m + j];
      db[i] = invM * s;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const dzRow = i * m;
    for (let p = 0; p < k; p++) {
      const aRow = p * m;
      let acc = 0;
      for (let j = 0; j < m; j++) acc = fr(acc + fr(dZ[dzRow + j] * A[aRow + j]));
      let g = fr(invM * acc);
      if (lambdaOverM !== 0) g = fr(g + fr(lambdaOverM * W[i * k + p]));
      if (lambda1OverM !== 0) g = fr(g + fr(lambda1OverM * Math.sign(W[i * k + p])));
      dW[i * k + p] = g;
    }
    let s = 0;
    for (let j = 0; j < m; j++) s = fr(s + dZ[dzRow + j]);
    db[i] = fr(invM * s);
  }
}

/** dA_prev = Wᵀ·dZ, W (n × k), dZ (n × m), dA_prev (k × m). */
export function linearBackwardInput(W: Vec, dZ: Vec, dA: Vec, n: number, k: number, m: number, fr: Round): void {
  if (fr === round64 && all64(W, dZ, dA)) return backInput64(W as Float64Array, dZ as Float64Array, dA as Float64Array, n, k, m);
  dA.fill(0);
  for (let i = 0; i < n; i++) {
    const dzRow = i * m;
    for (let p = 0; p < k; p++) {
      const w = W[i * k + p];
      const aRow = p * m;
      for (let j = 0; j < m; j++) dA[aRow + j] += fr(w * dZ[dzRow + j]);
    }
  }
}

export function sigmoid(z: number, fr: Round): number {
  return fr(1 / fr(1 + fr(Math.exp(-z))));
}

/** A = g(Z) elementwise. */
export function activate(act: Activation, Z: Vec, A: Vec, fr: Round): void {
  const n = Z.length;
  switch (act) {
    case 'relu':
      for (let i = 0; i < n; i++) A[i] = Z[i] > 0 ? Z[i] : 0;
      break;
    case 'tanh':
      for (let i = 0; i < n; i++) A[i] = Math.tanh(Z[i]);
      break;
    case 'sigmoid':
      for (let i = 0; i < n; i++) A[i] = sigmoid(Z[i], fr);
      break;
  }
}

/** dZ = dA · g'(Z) elementwise (relu'(0) = 0, as the lesson's A > 0 test). */
export function activateBackward(act: Activation, dA: Vec, Z: Vec, dZ: Vec, fr: Round): void {
  const n = Z.length;
  switch (act) {
    case 'relu':
      for (let i = 0; i < n; i++) dZ[i] = Z[i] > 0 ? dA[i] : 0;
      break;
    case 'tanh':
      for (let i = 0; i < n; i++) {
        const t = fr(Math.tanh(Z[i]));
        dZ[i] = fr(dA[i] * fr(1 - fr(t * t)));
      }
      break;
    case 'sigmoid':
      for (let i = 0; i < n; i++) {
        const s = sigmoid(Z[i], fr);
        dZ[i] = fr(dA[i] * fr(s * fr(1 - s)));
      }
      break;
  }
}

/** A ← A·mask / keepProb (inverted dropout); used forward on A and backward on dA. */
export function applyDropout(A: Vec, mask: Uint8Array, keepProb: number, fr: Round): void {
  const kp = fr(keepProb);
  for (let i = 0; i < A.length; i++) A[i] = mask[i] ? fr(A[i] / kp) : 0;
}

/**
 * log(1 + x) for x ∈ [0, 1], accurate in float32 too: the classic u = 1 + x; log(u)·x/(u − 1)
 * correction, the same formula shaders/lib/loss.wgsl uses (WGSL has no log1p).
 */
export function log1pSmall(x: number, fr: Round): number {
  if (fr === round64) return Math.log1p(x);
  const u = fr(1 + x);
  if (u === 1) return x;
  return fr(fr(Math.log(u)) * fr(x / fr(u - 1)));
}

/**
 * Binary cross-entropy of one example from its logit z, in the stable form
 * max(z, 0) − z·y + log(1 + e^{−|z|}) = −y·log σ(z) − (1 − y)·log(1 − σ(z)).
 * Never log(0), never NaN for finite z: why reglab uses logits rather than clamping A.
 */
export function crossEntropyFromLogit(z: number, y: number, fr: Round): number {
  const pos = z > 0 ? z : 0;
  return fr(fr(pos - fr(z * y)) + log1pSmall(fr(Math.exp(-Math.abs(z))), fr));
}
