// One unit's pre-activation for one example, read off the layer table: the generic forward step of
// fused.wgsl (training) and landscape.wgsl (the cost over a plane of weights) — a library, prepended
// to both. Each kernel declares the `layers` binding (per layer: first weight, units, weights per
// unit = fan-in + 1, first unit in the activation arrays) and `fn weight(q: u32) -> f32` (its model's
// weights); a holds the hidden layers' activations, a_in the example's features.

// The host checks a network against these (src/gpu/paths/fused.ts, src/gpu/landscape.ts).
const MAX_FEATURES: u32 = 8u;
const MAX_UNITS: u32 = 64u;

// z of unit i of layer l: W[i]·(layer l − 1's activations, or the features) + b[i], the bias last as
// the CPU sums it.
fn unit_z(l: u32, i: u32, a_in: ptr<function, array<f32, MAX_FEATURES>>, a: ptr<function, array<f32, MAX_UNITS>>) -> f32 {
  let ly = layers[l];
  let k = ly.z - 1u;
  let prev = select(0u, layers[max(l, 1u) - 1u].w, l > 0u);
  let row = ly.x + i * ly.z;
  var acc = 0.0;
  for (var q = 0u; q < k; q++) {
    acc += weight(row + q) * select((*a)[prev + q], (*a_in)[q], l == 0u);
  }
  return acc + weight(row + k);
}
