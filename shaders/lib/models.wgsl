// The settings that differ between the models a sweep trains side by side, one per workgroup (a
// library, prepended to unrolled.wgsl and dropout_bits.wgsl; bound as a uniform array). A single
// run is a sweep of one model. MAX_MODELS bounds one dispatch: more models go in waves
// (src/gpu/paths/unrolled.ts).

const MAX_MODELS: u32 = 1024u;

struct ModelParams {
  keep_prob: f32,
  l2: f32,
  l2_half_over_m: f32,
  seed: u32,
}
