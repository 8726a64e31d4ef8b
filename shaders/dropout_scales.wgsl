// The inverted-dropout factors of one hidden layer at one iteration, element by element: what
// dropout.wgsl's exercise slot, dropout_keep_scale, makes of each element's Philox word (0: dropped;
// 1/keep_prob: kept) — the flags the training kernels draw through dropout_keep. The exercise view's
// GPU blank compiles it with the student's line in the slot (src/gpu/shaders.ts, dropoutSlotSource)
// and checks the factors against the CPU reference's mask (src/model/dropout.ts). Prepended with
// philox.wgsl and dropout.wgsl.
// Bindings: 0 uniform DropoutScalesParams, 1 scales (rw f32, `count` of them: element i = row·m +
// column). Dispatch: ⌈count / 64⌉ workgroups, folded into (x, y) when over the per-dimension limit.

struct DropoutScalesParams {
  count: u32,
  iteration: u32,
  seed: u32,
  layer: u32,
  keep_prob: f32,
}

@group(0) @binding(0) var<uniform> p: DropoutScalesParams;
@group(0) @binding(1) var<storage, read_write> scales: array<f32>;

const WORKGROUP_SIZE: u32 = 64u;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * WORKGROUP_SIZE;
  if (i >= p.count) {
    return;
  }
  scales[i] = dropout_keep_scale(dropout_word(i, p.iteration, p.seed, p.layer), p.keep_prob);
}
