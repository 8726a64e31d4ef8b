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
