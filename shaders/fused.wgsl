// A whole training iteration — forward, cost, backward, L2 and L1, update — for small networks in ONE
// workgroup, `iterations` iterations per dispatch. Small networks are all dispatch overhead on
// the layered path (3L + 1 dispatches per iteration, tens of µs each); here 64 invocations split the
// examples, keep each example's activations in registers, and meet at two barriers per iteration.
//
// Per iteration t:
//   1. invocation s zeroes its row of `partial`, sums ‖W‖² and |W| over its share of weights (each only
//      when its λ is not 0), then for each of
//      its examples j (j ≡ s mod WG): forward through every layer (layer_forward.wgsl's unit_z; dropout
//      by dropout.wgsl or the uploaded masks), the cross-entropy from the logit, the accuracy, and
//      backprop, adding dz·[a_prev; 1] into partial[s][·] — the example's share of [dW | db];
//   2. barrier; invocation 0 writes cost_log; every invocation finishes its share of parameters:
//      g = alpha·Σ_s partial[s][p] (+ λ/m·W[p] + λ₁/m·sign(W[p]) off the bias column), W[p] −= lr·g;
//   3. barrier.
// Limits (checked by the host, src/gpu/paths/fused.ts): ≤ MAX_FEATURES inputs, ≤ MAX_UNITS units
// over all layers, ≤ MAX_LAYERS layers.
// Prepended with philox.wgsl, dropout.wgsl, activation.wgsl, loss.wgsl, weight_norm.wgsl,
// single_dispatch.wgsl (params, bindings 0–5, 7, 8, the logging and the update), models.wgsl and
// layer_forward.wgsl (shaders/lib/). One workgroup per model: a sweep trains many side by side, a single run is one.
// Binding 6: masks (Σ hidden × m uploaded masks per model, from model·flag_stride, read); binding 9:
// the models' settings. Dispatch: (models, 1, 1).

const MAX_LAYERS: u32 = 16u; // MAX_FEATURES and MAX_UNITS: layer_forward.wgsl

@group(0) @binding(6) var<storage, read> masks: array<f32>;
// Per model (one per workgroup): keep_prob, λ/m, λ/(2m), λ₁/m and the dropout seed (models.wgsl).
@group(0) @binding(9) var<uniform> models: array<ModelParams, MAX_MODELS>;

// where this workgroup's model keeps its weights (in the storage buffer) and its uploaded masks
var<private> weight_base: u32;
var<private> mask_base: u32;

fn weight(q: u32) -> f32 {
  return weights[weight_base + q];
}

fn set_weight(q: u32, v: f32) {
  weights[weight_base + q] = v;
}

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) s: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // this workgroup's model: its weights, partial sums, masks and cost log at the model's offsets
  let model = wid.x;
  let hp = models[model];
  weight_base = model * p.param_count;
  mask_base = model * p.flag_stride;
  let first = state[0];
  let chunk_start = state[1];
  let L = p.layer_count;
  let m = p.m;
  let row = (model * WG + s) * p.param_count;
  var a_in: array<f32, MAX_FEATURES>;
  var z: array<f32, MAX_UNITS>;    // pre-activations, all layers
  var a: array<f32, MAX_UNITS>;    // activations after dropout, all layers
  var keep: array<bool, MAX_UNITS>;
  var d: array<f32, MAX_UNITS>;    // dZ, all layers
  for (var it = 0u; it < p.iterations; it++) {
    let t = first + it;
    for (var q = 0u; q < p.param_count; q++) {
      partial[row + q] = 0.0;
    }
    // the penalties' sums, each only when its λ is not 0
    let sums = weight_penalty_sums(s, WG, L, hp.lambda_over_two_m != 0.0, hp.lambda1_over_m != 0.0);
    let sq = sums.x;
    let abs_sum = sums.y;
    var ce = 0.0;
    var ok = 0u;
    for (var j = s; j < m; j += WG) {
      for (var f = 0u; f < p.features; f++) {
        a_in[f] = x[f * m + j];
      }
      // forward
      for (var l = 0u; l < L; l++) {
        let ly = layers[l];
        for (var i = 0u; i < ly.y; i++) {
          let zi = unit_z(l, i, &a_in, &a);
          let u = ly.w + i;
          z[u] = zi;
          if (l + 1u == L) {
            a[u] = sigmoid(zi);
          } else {
            var ai = activate(p.activation, zi);
            var kept = true;
            if (p.dropout == 1u) {
              kept = dropout_keep(i * m + j, t, hp.seed, l + 1u, hp.keep_prob);
            } else if (p.dropout == 2u) {
              kept = masks[mask_base + (ly.w - layers[0].w + i) * m + j] != 0.0;
            }
            keep[u] = kept;
            if (p.dropout != 0u) {
              ai = select(0.0, ai / hp.keep_prob, kept);
            }
            a[u] = ai;
          }
        }
      }
      // cost and accuracy from the output unit
      let out = layers[L - 1u].w;
      let zl = z[out];
      let yj = y[j];
      ce += cross_entropy_from_logit(zl, yj);
      ok += select(0u, 1u, (a[out] > 0.5) == (yj > 0.5));
      // backward
      d[out] = a[out] - yj;
      for (var lr = 0u; lr < L; lr++) {
        let l = L - 1u - lr;
        let ly = layers[l];
        let k = ly.z - 1u;
        let prev = select(0u, layers[max(l, 1u) - 1u].w, l > 0u);
        for (var i = 0u; i < ly.y; i++) {
          let di = d[ly.w + i];
          let prow = row + ly.x + i * ly.z;
          for (var q = 0u; q < k; q++) {
            let aq = select(a[prev + q], a_in[q], l == 0u);
            partial[prow + q] += di * aq;
          }
          partial[prow + k] += di;
        }
        if (l > 0u) {
          for (var q = 0u; q < k; q++) {
            var da = 0.0;
            for (var i = 0u; i < ly.y; i++) {
              da += weight(ly.x + i * ly.z + q) * d[ly.w + i];
            }
            if (p.dropout != 0u) {
              da = select(0.0, da / hp.keep_prob, keep[prev + q]);
            }
            d[prev + q] = da * activate_grad(p.activation, z[prev + q]);
          }
        }
      }
    }
    log_iteration(s, model * p.log_stride + t - chunk_start, ce, sq, abs_sum, ok, hp.lambda_over_two_m, hp.lambda1_over_m);
    update_share(s, model * WG * p.param_count, hp.lambda_over_m, hp.lambda1_over_m);
    storageBarrier();
    workgroupBarrier();
  }
  // (the host sets state[0] and state[1] before every chunk: many workgroups must not write it)
}
