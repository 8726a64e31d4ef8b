// Draws the Philox dropout flags of a whole chunk of iterations at once, one bit per (hidden unit,
// example), for shaders/unrolled.wgsl to read. The flags depend only on (seed, layer, iteration,
// element), never on the weights, so they need not wait for the single-workgroup training kernel:
// here every word is its own invocation, spread over as many workgroups (and cores) as the device has.
// Prepended with philox.wgsl, dropout.wgsl (whose dropout_keep_bits32 draws one word) and models.wgsl.
//
// Layout of `bits`: model k's flags from word k·model_stride; within them iteration slot it
// (t = state[0] + it) at it·words_per_iteration; within it, hidden layer 1's ⌈n_1·m / 32⌉ words,
// then layer 2's, …; bit b of a layer's word q is element 32q + b = row·m + example. Each model
// draws with its own seed and keep_prob (models.wgsl).
// Bindings: 0 uniform DropoutBitsParams, 1 layers (per layer: offset, rows, cols, first unit; read),
// 2 state (iteration, chunk start; read), 3 bits (rw), 4 uniform models. Dispatch:
// ⌈models·iterations·words_per_iteration / 64⌉ workgroups, folded into (x, y) when over the
// per-dimension limit.

struct DropoutBitsParams {
  m: u32,
  hidden_layers: u32,
  iterations: u32,
  words_per_iteration: u32,
  models: u32,
  model_stride: u32,
}

@group(0) @binding(0) var<uniform> p: DropoutBitsParams;
@group(0) @binding(1) var<storage, read> layers: array<vec4<u32>>;
@group(0) @binding(2) var<storage, read> state: array<u32>;
@group(0) @binding(3) var<storage, read_write> bits: array<u32>;
@group(0) @binding(4) var<uniform> models: array<ModelParams, MAX_MODELS>;

const WORKGROUP_SIZE: u32 = 64u;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let id = gid.x + gid.y * nwg.x * WORKGROUP_SIZE;
  let per_model = p.iterations * p.words_per_iteration;
  if (id >= p.models * per_model) {
    return;
  }
  let model = id / per_model;
  let at = id % per_model;
  let hp = models[model];
  // a model without dropout keeps every unit: u < 1 always holds (u ≤ 1 − 2^−24), so no draw is needed
  if (hp.keep_prob >= 1.0) {
    bits[model * p.model_stride + at] = 0xffffffffu;
    return;
  }
  let slot = at / p.words_per_iteration;
  var word = at % p.words_per_iteration;
  for (var l = 0u; l < p.hidden_layers; l++) {
    let words = (layers[l].y * p.m + 31u) / 32u;
    if (word < words) {
      bits[model * p.model_stride + at] = dropout_keep_bits32(word, state[0] + slot, hp.seed, l + 1u, hp.keep_prob);
      return;
    }
    word -= words;
  }
}
