// Gradient-descent update over every parameter of the network at once: params −= lr · grads.
// Parameters and gradients are packed the same way ([W_l | b_l] per layer), and the L2 term is
// already inside grads (added by matmul.wgsl's weight-gradient epilogue).
// Bindings: 0 uniform UpdateParams, 1 params (rw), 2 grads (read). Dispatch: ceil(count/64)
// invocations' workgroups, folded into (x, y) over the per-dimension limit.

struct UpdateParams {
  count: u32,
  learning_rate: f32,
}

@group(0) @binding(0) var<uniform> params: UpdateParams;
@group(0) @binding(1) var<storage, read_write> weights: array<f32>;
@group(0) @binding(2) var<storage, read> grads: array<f32>;

const WORKGROUP_SIZE: u32 = 64u;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * WORKGROUP_SIZE;
  if (i >= params.count) {
    return;
  }
  weights[i] = weights[i] - params.learning_rate * grads[i];
}
