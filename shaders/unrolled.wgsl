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
