// ‖dW_l‖₂ for every layer of the packed gradient buffer ([dW_l | db_l] per layer; the bias column
// is left out), for the vanishing/exploding-gradients lab. Workgroup l reduces layer l: each
// invocation sums squares over a strided share, then a tree reduction in workgroup memory.
// Bindings: 0 grads (read), 1 layers (per layer: offset, rows, cols incl. bias; read), 2 norms (rw,
// one f32 per layer). Dispatch: (layer count, 1, 1).

@group(0) @binding(0) var<storage, read> grads: array<f32>;
@group(0) @binding(1) var<storage, read> layers: array<vec4<u32>>;
@group(0) @binding(2) var<storage, read_write> norms: array<f32>;

const WORKGROUP_SIZE: u32 = 64u;

var<workgroup> part: array<f32, WORKGROUP_SIZE>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let ly = layers[wid.x];
  var sq = 0.0;
  for (var e = t; e < ly.y * ly.z; e += WORKGROUP_SIZE) {
    if (e % ly.z != ly.z - 1u) {
      let g = grads[ly.x + e];
      sq += g * g;
    }
  }
  part[t] = sq;
  for (var stride = WORKGROUP_SIZE / 2u; stride > 0u; stride /= 2u) {
    workgroupBarrier();
    if (t < stride) {
      part[t] += part[t + stride];
    }
  }
  if (t == 0u) {
    norms[wid.x] = sqrt(part[0]);
  }
}
