// Activations and their derivatives (a library, prepended to matmul.wgsl, whose forward epilogue
// applies g and whose input-gradient epilogue multiplies by g'). Codes match src/gpu/codes.ts.
// g'(z) is computed from the pre-activation z, as the CPU reference does; relu'(0) = 0.

const ACT_RELU: u32 = 0u;
const ACT_TANH: u32 = 1u;
const ACT_SIGMOID: u32 = 2u;

fn sigmoid(z: f32) -> f32 {
  return 1.0 / (1.0 + exp(-z));
}

fn activate(act: u32, z: f32) -> f32 {
  switch act {
    case ACT_RELU: { return max(z, 0.0); }
    case ACT_TANH: { return tanh(z); }
    default: { return sigmoid(z); }
  }
}

fn activate_grad(act: u32, z: f32) -> f32 {
  switch act {
    case ACT_RELU: { return select(0.0, 1.0, z > 0.0); }
    case ACT_TANH: { let t = tanh(z); return 1.0 - t * t; }
    default: { let s = sigmoid(z); return s * (1.0 - s); }
  }
}

// Binary cross-entropy from the logit (a library, prepended to cost.wgsl, fused.wgsl and
// landscape.wgsl): max(z, 0) − z·y + log(1 + e^{−|z|}), never log 0 and never NaN for finite z —
// the same formula, in the same order, as crossEntropyFromLogit in src/reference/ops.ts.

// log(1 + x) for x ∈ [0, 1] with the log(u)·x/(u − 1) correction: WGSL has no log1p.
fn log1p_small(x: f32) -> f32 {
  let u = 1.0 + x;
  if (u == 1.0) {
    return x;
  }
  return log(u) * (x / (u - 1.0));
}

fn cross_entropy_from_logit(z: f32, y: f32) -> f32 {
  return (max(z, 0.0) - z * y) + log1p_small(exp(-abs(z)));
}

// Σ‖W_l‖² and Σ|W_l| over one invocation's share of the weights, for the L2 and L1 terms of the
// cost (a library). The share is elements e ≡ s (mod stride) of every layer's [W | b]; the bias
// column is left out, as it is not regularized. The kernel that includes this file binds `layers`
// (the layer table) and defines `fn weight(q: u32) -> f32`: where its weights live (a storage
// buffer, workgroup memory, or a point of the cost landscape). One loop for cost.wgsl, fused.wgsl,
// unrolled.wgsl and landscape.wgsl, so all four sum in the same order.

// (Σ w², Σ |w|) of the share; `squares` and `absolutes` say which sums a model's penalties need (a
// sum not needed stays 0, and with neither the weights are not read at all).
fn weight_penalty_sums(s: u32, stride: u32, layer_count: u32, squares: bool, absolutes: bool) -> vec2<f32> {
  var sq = 0.0;
  var abs_sum = 0.0;
  if (!squares && !absolutes) {
    return vec2<f32>(0.0);
  }
  for (var l = 0u; l < layer_count; l++) {
    let ly = layers[l];
    for (var e = s; e < ly.y * ly.z; e += stride) {
      if (e % ly.z != ly.z - 1u) {
        let w = weight(ly.x + e);
        if (squares) {
          sq += w * w;
        }
        if (absolutes) {
          abs_sum += abs(w);
        }
      }
    }
  }
  return vec2<f32>(sq, abs_sum);
}

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

// The settings that differ between the models a sweep trains side by side, one per workgroup (a
// library, prepended to fused.wgsl, unrolled.wgsl and dropout_bits.wgsl; bound as the uniform array
// `models`). A single run is a sweep of one model. Each model's values are derived once on the host
// (src/model/hyper.ts). A uniform array's elements lie 16 bytes apart: the last field is padded
// to make the struct 32. MAX_MODELS bounds one dispatch: more models go in waves (modelLimit in
// src/gpu/paths/single-dispatch.ts).

const MAX_MODELS: u32 = 1024u;

struct ModelParams {
  keep_prob: f32,
  lambda_over_m: f32,     // λ/m: the L2 term of dW
  lambda_over_two_m: f32, // λ/(2m): the L2 term of the cost
  lambda1_over_m: f32,    // λ₁/m: the L1 term of dW and of the cost
  @size(16) seed: u32,    // the dropout seed (Philox key word 0)
}

// Whole training iterations for one small network, with the per-example work unrolled for that
// network's shape: `iterations` iterations per dispatch, ONE workgroup. The functions `train_block`
// and `store_partials` and the constants PARAMS and ACTIVATION come from src/gpu/paths/unrolled-source.ts, which writes
// straight-line WGSL for the network's dims (readable: `reglab kernel` prints it). Everything else
// is here.
//
// Why unroll: every index in train_block is a constant, so weights are read from workgroup memory
// at fixed offsets, activations and deltas are plain values in registers and the gradient partials
// sit in a private array at fixed offsets. A CPU implementation of WebGPU (SwiftShader) turns every
// index that depends on a loop counter into a per-lane gather with bounds checks — that, not
// arithmetic, is what made the generic fused.wgsl slow there — and a real GPU keeps it all in
// registers and broadcast reads. Each invocation takes four consecutive examples at a time as
// vec4s, so one weight read serves four examples.
//
// Per iteration t:
//   1. invocation s zeroes its partials, sums ‖W‖² and |W| over its share of weights (each only when
//      its λ is not 0), and runs
//      train_block(j0, slot = t − chunk start) for its blocks of examples j0 = 4·(s + k·WG) .. + 3: forward,
//      cross-entropy, accuracy and backprop, adding the examples' [dW | db] into g;
//   2. writes g to its row of `partial`; barrier; invocation 0 writes cost_log; every invocation
//      finishes its share of parameters: grad = alpha·Σ_s partial[s][q] (+ λ/m·W[q] + λ₁/m·sign(W[q]) off the bias
//      column), w[q] −= lr·grad;
//   3. barrier.
// The weights live in workgroup memory for the whole dispatch: loaded at the start, stored at the end.
// Prepended with activation.wgsl, loss.wgsl, weight_norm.wgsl, single_dispatch.wgsl (params,
// bindings 0–5, 7, 8, the logging and the update) and models.wgsl (shaders/lib/); the generated
// part follows. One workgroup per model: a sweep trains many side by side, a single run is one.
// Binding 6: keep_bits (read: dropout flags, one bit per (hidden unit, example) in
// shaders/dropout_bits.wgsl's layout — a chunk's Philox flags drawn just before by that kernel, or
// the uploaded masks once), from word model·flag_stride for each model; binding 9: the models'
// settings. Dispatch: (models, 1, 1).

@group(0) @binding(6) var<storage, read> keep_bits: array<u32>;
// Per model (one per workgroup): keep_prob, λ/m, λ/(2m), λ₁/m and the dropout seed (models.wgsl; the seed
// is read by dropout_bits.wgsl, which draws the flags, not here). MAX_MODELS: models.wgsl.
@group(0) @binding(9) var<uniform> models: array<ModelParams, MAX_MODELS>;

// this workgroup's keep_prob and where its dropout flags start, read by train_block
var<private> keep_prob: f32;
var<private> bits_base: u32;

// The weights of this dispatch, read by train_block at constant offsets.
var<workgroup> w: array<f32, PARAMS>;
// This invocation's Σ over its examples of [dW | db], and of the cross-entropy and correct answers.
var<private> g: array<f32, PARAMS>;
var<private> ce: f32;
var<private> ok: u32;

fn weight(q: u32) -> f32 {
  return w[q];
}

fn set_weight(q: u32, v: f32) {
  w[q] = v;
}

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) s: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // this workgroup's model: its weights, partial sums, flags and cost log at the model's offsets
  let model = wid.x;
  let hp = models[model];
  keep_prob = hp.keep_prob;
  bits_base = model * p.flag_stride;
  let base = model * PARAMS;
  let first = state[0];
  let chunk_start = state[1];
  let L = p.layer_count;
  let row = (model * WG + s) * PARAMS;
  for (var q = s; q < PARAMS; q += WG) {
    w[q] = weights[base + q];
  }
  workgroupBarrier();
  for (var it = 0u; it < p.iterations; it++) {
    let t = first + it;
    g = array<f32, PARAMS>();
    ce = 0.0;
    ok = 0u;
    // the penalties' sums, each only when its λ is not 0
    let sums = weight_penalty_sums(s, WG, L, hp.lambda_over_two_m != 0.0, hp.lambda1_over_m != 0.0);
    let sq = sums.x;
    let abs_sum = sums.y;
    for (var j0 = 4u * s; j0 < p.m; j0 += 4u * WG) {
      train_block(j0, t - chunk_start);
    }
    store_partials(row);
    log_iteration(s, model * p.log_stride + t - chunk_start, ce, sq, abs_sum, ok, hp.lambda_over_two_m, hp.lambda1_over_m);
    update_share(s, model * WG * PARAMS, hp.lambda_over_m, hp.lambda1_over_m);
    storageBarrier();
    workgroupBarrier();
  }
  for (var q = s; q < PARAMS; q += WG) {
    weights[base + q] = w[q];
  }
  // (the host sets state[0] and state[1] before every chunk: many workgroups must not write it)
}

// Helpers for train_block: four examples j (past m, the generated code clamps j to m − 1 and the
// `valid` flags keep those lanes out of every sum).

fn load_x(feature: u32, j: vec4<u32>) -> vec4<f32> {
  let row = feature * p.m;
  return vec4<f32>(x[row + j.x], x[row + j.y], x[row + j.z], x[row + j.w]);
}

fn load_y(j: vec4<u32>) -> vec4<f32> {
  return vec4<f32>(y[j.x], y[j.y], y[j.z], y[j.w]);
}

// Flags of elements e0 .. e0 + 3 of the layer whose bits start at word `base` of keep_bits.
fn keep_bits4(base: u32, e0: u32) -> vec4<bool> {
  let word = base + e0 / 32u;
  let shift = e0 % 32u;
  // the next word supplies the flags past bit 31 (read always: a branch here costs more than a load)
  let next = keep_bits[word + 1u] << ((32u - shift) % 32u);
  let bits = (keep_bits[word] >> shift) | select(0u, next, shift > 28u);
  return (vec4<u32>(bits) & vec4<u32>(1u, 2u, 4u, 8u)) != vec4<u32>(0u);
}

fn activate4(z: vec4<f32>) -> vec4<f32> {
  return vec4<f32>(activate(ACTIVATION, z.x), activate(ACTIVATION, z.y), activate(ACTIVATION, z.z), activate(ACTIVATION, z.w));
}

fn activate_grad4(z: vec4<f32>) -> vec4<f32> {
  return vec4<f32>(activate_grad(ACTIVATION, z.x), activate_grad(ACTIVATION, z.y), activate_grad(ACTIVATION, z.z), activate_grad(ACTIVATION, z.w));
}

fn sigmoid4(z: vec4<f32>) -> vec4<f32> {
  return vec4<f32>(sigmoid(z.x), sigmoid(z.y), sigmoid(z.z), sigmoid(z.w));
}

fn cross_entropy4(z: vec4<f32>, y4: vec4<f32>, valid: vec4<bool>) -> f32 {
  let c = vec4<f32>(cross_entropy_from_logit(z.x, y4.x), cross_entropy_from_logit(z.y, y4.y),
                    cross_entropy_from_logit(z.z, y4.z), cross_entropy_from_logit(z.w, y4.w));
  return dot(select(vec4<f32>(0.0), c, valid), vec4<f32>(1.0));
}

fn correct4(a: vec4<f32>, y4: vec4<f32>, valid: vec4<bool>) -> u32 {
  let right = (a > vec4<f32>(0.5)) == (y4 > vec4<f32>(0.5));
  return dot(select(vec4<u32>(0u), vec4<u32>(1u), right & valid), vec4<u32>(1u));
}

// Generated by src/gpu/paths/unrolled-source.ts for dims [2, 4, 2, 1], tanh hidden layers, dropout: philox.
// Every value below is a vec4: examples j0 .. j0 + 3.
const PARAMS: u32 = 25u;
const ACTIVATION: u32 = ACT_TANH;

fn train_block(j0: u32, slot: u32) {
  let m = p.m;
  let valid = vec4<u32>(j0) + vec4<u32>(0u, 1u, 2u, 3u) < vec4<u32>(m);
  let j = min(vec4<u32>(j0) + vec4<u32>(0u, 1u, 2u, 3u), vec4<u32>(m - 1u));
  let yj = load_y(j);
  let a0_0 = load_x(0u, j);
  let a0_1 = load_x(1u, j);
  let bits1 = bits_base + slot * ((4u * m + 31u) / 32u + (2u * m + 31u) / 32u);
  let bits2 = bits1 + (4u * m + 31u) / 32u;
  // layer 1: 4 × 2 + bias, tanh, inverted dropout (philox)
  let z1_0 = w[0] * a0_0 + w[1] * a0_1 + w[2];
  let k1_0 = keep_bits4(bits1, j0);
  let a1_0 = select(vec4<f32>(0.0), activate4(z1_0) / keep_prob, k1_0);
  let z1_1 = w[3] * a0_0 + w[4] * a0_1 + w[5];
  let k1_1 = keep_bits4(bits1, m + j0);
  let a1_1 = select(vec4<f32>(0.0), activate4(z1_1) / keep_prob, k1_1);
  let z1_2 = w[6] * a0_0 + w[7] * a0_1 + w[8];
  let k1_2 = keep_bits4(bits1, 2u * m + j0);
  let a1_2 = select(vec4<f32>(0.0), activate4(z1_2) / keep_prob, k1_2);
  let z1_3 = w[9] * a0_0 + w[10] * a0_1 + w[11];
  let k1_3 = keep_bits4(bits1, 3u * m + j0);
  let a1_3 = select(vec4<f32>(0.0), activate4(z1_3) / keep_prob, k1_3);
  // layer 2: 2 × 4 + bias, tanh, inverted dropout (philox)
  let z2_0 = w[12] * a1_0 + w[13] * a1_1 + w[14] * a1_2 + w[15] * a1_3 + w[16];
  let k2_0 = keep_bits4(bits2, j0);
  let a2_0 = select(vec4<f32>(0.0), activate4(z2_0) / keep_prob, k2_0);
  let z2_1 = w[17] * a1_0 + w[18] * a1_1 + w[19] * a1_2 + w[20] * a1_3 + w[21];
  let k2_1 = keep_bits4(bits2, m + j0);
  let a2_1 = select(vec4<f32>(0.0), activate4(z2_1) / keep_prob, k2_1);
  // layer 3: 1 × 2 + bias, sigmoid
  let z3_0 = w[22] * a2_0 + w[23] * a2_1 + w[24];
  let a3_0 = sigmoid4(z3_0);
  ce += cross_entropy4(z3_0, yj, valid);
  ok += correct4(a3_0, yj, valid);
  let d3_0 = select(vec4<f32>(0.0), a3_0 - yj, valid);
  // layer 3: [dW | db] += dZ·[A_prev; 1]ᵀ over the four examples, then dZ of layer 2
  g[22] += dot(d3_0, a2_0);
  g[23] += dot(d3_0, a2_1);
  g[24] += dot(d3_0, vec4<f32>(1.0));
  let d2_0 = select(vec4<f32>(0.0), (w[22] * d3_0) / keep_prob, k2_0) * activate_grad4(z2_0);
  let d2_1 = select(vec4<f32>(0.0), (w[23] * d3_0) / keep_prob, k2_1) * activate_grad4(z2_1);
  // layer 2: [dW | db] += dZ·[A_prev; 1]ᵀ over the four examples, then dZ of layer 1
  g[12] += dot(d2_0, a1_0);
  g[13] += dot(d2_0, a1_1);
  g[14] += dot(d2_0, a1_2);
  g[15] += dot(d2_0, a1_3);
  g[16] += dot(d2_0, vec4<f32>(1.0));
  g[17] += dot(d2_1, a1_0);
  g[18] += dot(d2_1, a1_1);
  g[19] += dot(d2_1, a1_2);
  g[20] += dot(d2_1, a1_3);
  g[21] += dot(d2_1, vec4<f32>(1.0));
  let d1_0 = select(vec4<f32>(0.0), (w[12] * d2_0 + w[17] * d2_1) / keep_prob, k1_0) * activate_grad4(z1_0);
  let d1_1 = select(vec4<f32>(0.0), (w[13] * d2_0 + w[18] * d2_1) / keep_prob, k1_1) * activate_grad4(z1_1);
  let d1_2 = select(vec4<f32>(0.0), (w[14] * d2_0 + w[19] * d2_1) / keep_prob, k1_2) * activate_grad4(z1_2);
  let d1_3 = select(vec4<f32>(0.0), (w[15] * d2_0 + w[20] * d2_1) / keep_prob, k1_3) * activate_grad4(z1_3);
  // layer 1: [dW | db] += dZ·[A_prev; 1]ᵀ over the four examples
  g[0] += dot(d1_0, a0_0);
  g[1] += dot(d1_0, a0_1);
  g[2] += dot(d1_0, vec4<f32>(1.0));
  g[3] += dot(d1_1, a0_0);
  g[4] += dot(d1_1, a0_1);
  g[5] += dot(d1_1, vec4<f32>(1.0));
  g[6] += dot(d1_2, a0_0);
  g[7] += dot(d1_2, a0_1);
  g[8] += dot(d1_2, vec4<f32>(1.0));
  g[9] += dot(d1_3, a0_0);
  g[10] += dot(d1_3, a0_1);
  g[11] += dot(d1_3, vec4<f32>(1.0));
}

// This invocation's sums to its row of `partial`, at constant offsets too: a loop over g would index
// it by a counter, which sends the whole array to slow memory on a GPU.
fn store_partials(row: u32) {
  partial[row + 0u] = g[0];
  partial[row + 1u] = g[1];
  partial[row + 2u] = g[2];
  partial[row + 3u] = g[3];
  partial[row + 4u] = g[4];
  partial[row + 5u] = g[5];
  partial[row + 6u] = g[6];
  partial[row + 7u] = g[7];
  partial[row + 8u] = g[8];
  partial[row + 9u] = g[9];
  partial[row + 10u] = g[10];
  partial[row + 11u] = g[11];
  partial[row + 12u] = g[12];
  partial[row + 13u] = g[13];
  partial[row + 14u] = g[14];
  partial[row + 15u] = g[15];
  partial[row + 16u] = g[16];
  partial[row + 17u] = g[17];
  partial[row + 18u] = g[18];
  partial[row + 19u] = g[19];
  partial[row + 20u] = g[20];
  partial[row + 21u] = g[21];
  partial[row + 22u] = g[22];
  partial[row + 23u] = g[23];
  partial[row + 24u] = g[24];
}
