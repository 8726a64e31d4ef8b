// Inverted-dropout masks by reglab's Philox convention (a library, prepended after philox.wgsl to
// matmul.wgsl, whose forward epilogue draws the mask and whose backward epilogue reuses it).
// Element i = row·m + column of hidden layer `layer` at iteration t is kept when
//   u = (w >> 8)·2^-24 < keep_prob,  w = word (i mod 4) of Philox4x32-10((⌊i/4⌋, t, 0, 0), (seed, layer)),
// exactly as src/model/dropout.ts draws it: the CPU and the GPU agree on every mask bit.

fn dropout_word(i: u32, iteration: u32, seed: u32, layer: u32) -> u32 {
  let words = philox4x32_10(vec4<u32>(i / 4u, iteration, 0u, 0u), vec2<u32>(seed, layer));
  return words[i % 4u];
}

// ---- the exercise slot -------------------------------------------------------------------------
// The factor inverted dropout multiplies a unit's activation by, from the unit's Philox word w:
// kept when u = (w >> 8)·2^-24 < keep_prob (24 random bits, exact in f32), and then scaled by
// 1/keep_prob; dropped, 0. The exercise view's GPU blank (src/exercise/gpu-blank.ts) replaces this
// function's one-line body with the student's line: keep it one line, and keep its signature.
fn dropout_keep_scale(word: u32, keep_prob: f32) -> f32 {
  return select(0.0, 1.0 / keep_prob, f32(word >> 8u) * (1.0 / 16777216.0) < keep_prob);
}
// ---- end of the exercise slot -------------------------------------------------------------------

// The training kernels' keep flag: the slot's factor is 0 exactly for a dropped unit (1/keep_prob
// is at least 1). They divide by keep_prob themselves, as the CPU reference does, for the same bits.
fn dropout_keep(i: u32, iteration: u32, seed: u32, layer: u32, keep_prob: f32) -> bool {
  return dropout_keep_scale(dropout_word(i, iteration, seed, layer), keep_prob) != 0.0;
}

// The uniforms u of elements 32·word .. 32·word + 31 (u[b / 4][b % 4]: element 32·word + b): the
// eight Philox blocks those elements fill, each drawn once for four elements. Drawn once, they serve
// every keep_prob (keep_bits32), so models that share a seed share the draw (dropout_bits.wgsl).
fn dropout_uniforms32(word: u32, iteration: u32, seed: u32, layer: u32) -> array<vec4<f32>, 8> {
  var u: array<vec4<f32>, 8>;
  for (var philox_block = 0u; philox_block < 8u; philox_block++) {
    let words = philox4x32_10(vec4<u32>(8u * word + philox_block, iteration, 0u, 0u), vec2<u32>(seed, layer));
    u[philox_block] = vec4<f32>(words >> vec4<u32>(8u)) * (1.0 / 16777216.0);
  }
  return u;
}

// The keep flags of those 32 elements as the bits of one u32 (bit b: element 32·word + b kept).
fn keep_bits32(u: array<vec4<f32>, 8>, keep_prob: f32) -> u32 {
  var bits = 0u;
  for (var philox_block = 0u; philox_block < 8u; philox_block++) {
    let flags = select(vec4<u32>(0u), vec4<u32>(1u, 2u, 4u, 8u), u[philox_block] < vec4<f32>(keep_prob));
    bits |= (flags.x | flags.y | flags.z | flags.w) << (4u * philox_block);
  }
  return bits;
}
