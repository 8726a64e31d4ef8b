// What the two single-dispatch kernels share (a library, prepended to fused.wgsl and
// unrolled.wgsl): whole iterations in ONE workgroup of WG invocations, `iterations` of them per
// dispatch. The params, the bindings but binding 6 (where each kernel keeps its dropout flags its
// own way), the end of an iteration's sums (the workgroup's cross-entropy, Σ‖W‖², Σ|W| and correct
// answers, logged by invocation 0) and the update. What differs per model (keep_prob, λ/m, λ/(2m),
// λ₁/m, the dropout seed) is not here but in each kernel's `models` array (models.wgsl, binding 9). The kernel defines `fn weight(q: u32) -> f32`
// and `fn set_weight(q: u32, v: f32)`: where it keeps the weights during the dispatch.
// Bindings: 0 uniform FusedParams, 1 x ([X] features × m, read), 2 y (read), 3 weights (packed
// [W_l|b_l], rw), 4 layers (per layer: offset, rows, cols incl. bias, first unit; read), 5 partial
// (WG rows of param_count: each invocation's share of [dW | db], rw), 6 the kernel's dropout flags
// (read), 7 state (rw: iteration, chunk start), 8 cost_log (rw: cost, correct per iteration of the
// chunk). Dispatch: (1, 1, 1).

struct FusedParams {
  m: u32,
  features: u32,
  layer_count: u32,
  param_count: u32,
  iterations: u32,
  activation: u32,
  dropout: u32,
  learning_rate: f32,
  alpha: f32,
  // many models side by side (one per workgroup): cost_log slots and dropout-flag elements per model
  log_stride: u32,
  flag_stride: u32,
}

@group(0) @binding(0) var<uniform> p: FusedParams;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> y: array<f32>;
@group(0) @binding(3) var<storage, read_write> weights: array<f32>;
@group(0) @binding(4) var<storage, read> layers: array<vec4<u32>>;
@group(0) @binding(5) var<storage, read_write> partial: array<f32>;
@group(0) @binding(7) var<storage, read_write> state: array<u32>;
@group(0) @binding(8) var<storage, read_write> cost_log: array<f32>;

override WG: u32 = 64u;

var<workgroup> ce_part: array<f32, WG>;
var<workgroup> sq_part: array<f32, WG>;
var<workgroup> abs_part: array<f32, WG>;
var<workgroup> ok_part: array<u32, WG>;

// Invocation s's cross-entropy, Σ‖W‖², Σ|W| and correct answers of the iteration logged at `slot`
// of cost_log; after the barrier, invocation 0 logs the iteration's cost (mean cross-entropy +
// λ/(2m)·Σ‖W‖² + λ₁/m·Σ|W|, with this model's λ/(2m) and λ₁/m).
fn log_iteration(s: u32, slot: u32, ce: f32, sq: f32, abs_sum: f32, ok: u32, lambda_over_two_m: f32, lambda1_over_m: f32) {
  ce_part[s] = ce;
  sq_part[s] = sq;
  abs_part[s] = abs_sum;
  ok_part[s] = ok;
  storageBarrier();
  workgroupBarrier();
  if (s == 0u) {
    var ce_sum = 0.0;
    var sq_sum = 0.0;
    var abs_total = 0.0;
    var ok_sum = 0u;
    for (var r = 0u; r < WG; r++) {
      ce_sum += ce_part[r];
      sq_sum += sq_part[r];
      abs_total += abs_part[r];
      ok_sum += ok_part[r];
    }
    cost_log[2u * slot] = ce_sum / f32(p.m) + lambda_over_two_m * sq_sum + lambda1_over_m * abs_total;
    cost_log[2u * slot + 1u] = f32(ok_sum);
  }
}

// Invocation s's share of the update, after every invocation's row of `partial` (from row
// `partial_base` on) is written: grad = alpha·Σ_r partial[r][q] (+ λ/m·W[q] + λ₁/m·sign(W[q]) off
// the bias column, sign(0) = 0), W[q] −= lr·grad, with this model's λ/m and λ₁/m.
fn update_share(s: u32, partial_base: u32, lambda_over_m: f32, lambda1_over_m: f32) {
  for (var l = 0u; l < p.layer_count; l++) {
    let ly = layers[l];
    for (var e = s; e < ly.y * ly.z; e += WG) {
      let q = ly.x + e;
      var grad = 0.0;
      for (var r = 0u; r < WG; r++) {
        grad += partial[partial_base + r * p.param_count + q];
      }
      grad = p.alpha * grad;
      if (lambda_over_m != 0.0 && e % ly.z != ly.z - 1u) {
        grad += lambda_over_m * weight(q);
      }
      if (lambda1_over_m != 0.0 && e % ly.z != ly.z - 1u) {
        grad += lambda1_over_m * sign(weight(q));
      }
      set_weight(q, weight(q) - p.learning_rate * grad);
    }
  }
}
