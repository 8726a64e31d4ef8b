// Draws the Philox dropout flags of a whole chunk of iterations at once, one bit per (hidden unit,
// example), for shaders/unrolled.wgsl to read. The flags depend only on (seed, layer, iteration,
// element), never on the weights, so they need not wait for the single-workgroup training kernel:
// here every word is its own invocation, spread over as many workgroups (and cores) as the device has.
// Prepended with philox.wgsl, dropout.wgsl (dropout_uniforms32 and keep_bits32) and models.wgsl.
//
// Layout of `bits`: model k's flags from word k·model_stride; within them iteration slot it
// (t = state[0] + it) at it·words_per_iteration; within it, hidden layer 1's ⌈n_1·m / 32⌉ words,
// then layer 2's, …; bit b of a layer's word q is element 32q + b = row·m + example. Each model
// keeps by its own keep_prob.
//
// Draw groups: a sweep gives every model of one seed the same dropout seed (the λ × keep_prob grid
// of that seed), and a flag is u < keep_prob with u fixed by (seed, layer, iteration, element), so
// the models of one seed share every u. `groups` lists runs of consecutive models with one seed
// (group g: models groups[g] .. groups[g + 1] − 1); an invocation draws a word's 32 u once for its
// group and writes each member's flags with that member's keep_prob — the Philox rounds, most of this
// kernel's work, are paid once per seed instead of once per model. A single run is a group of one.
// Bindings: 0 uniform DropoutBitsParams, 1 layers (per layer: offset, rows, cols, first unit; read),
// 2 state (iteration, chunk start; read), 3 bits (rw), 4 uniform models, 5 groups (read). Dispatch:
// ⌈groups·iterations·words_per_iteration / 64⌉ workgroups, folded into (x, y) when over the
// per-dimension limit.

struct DropoutBitsParams {
  m: u32,
  hidden_layers: u32,
  iterations: u32,
  words_per_iteration: u32,
  groups: u32,
  model_stride: u32,
}

@group(0) @binding(0) var<uniform> p: DropoutBitsParams;
@group(0) @binding(1) var<storage, read> layers: array<vec4<u32>>;
@group(0) @binding(2) var<storage, read> state: array<u32>;
@group(0) @binding(3) var<storage, read_write> bits: array<u32>;
@group(0) @binding(4) var<uniform> models: array<ModelParams, MAX_MODELS>;
@group(0) @binding(5) var<storage, read> groups: array<u32>;

const WORKGROUP_SIZE: u32 = 64u;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let id = gid.x + gid.y * nwg.x * WORKGROUP_SIZE;
  let per_group = p.iterations * p.words_per_iteration;
  if (id >= p.groups * per_group) {
    return;
  }
  let group = id / per_group;
  let at = id % per_group;
  let first = groups[group];
  let end = groups[group + 1u];
  // a model without dropout keeps every unit: u < 1 always holds (u ≤ 1 − 2^−24), so no draw is needed
  var drops = false;
  for (var k = first; k < end; k++) {
    drops = drops || models[k].keep_prob < 1.0;
  }
  if (!drops) {
    for (var k = first; k < end; k++) {
      bits[k * p.model_stride + at] = 0xffffffffu;
    }
    return;
  }
  let slot = at / p.words_per_iteration;
  var word = at % p.words_per_iteration;
  var layer = 0u;
  for (var l = 0u; l < p.hidden_layers; l++) {
    let words = (layers[l].y * p.m + 31u) / 32u;
    if (word < words) {
      layer = l + 1u;
      break;
    }
    word -= words;
  }
  let u = dropout_uniforms32(word, state[0] + slot, models[first].seed, layer);
  for (var k = first; k < end; k++) {
    bits[k * p.model_stride + at] = keep_bits32(u, models[k].keep_prob);
  }
}
