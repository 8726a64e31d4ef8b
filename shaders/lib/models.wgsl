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
