// The cost of one forward pass, reduced on the GPU, and the start of backprop:
//   cost = (1/m)·Σ_j CE(z_j, y_j) + λ/(2m)·Σ_l ‖W_l‖² + λ₁/m·Σ_l Σ|W_l|,  CE(z, y) = max(z, 0) − z·y + log(1 + e^{−|z|})
//   correct = #{j : (a_j > 0.5) = y_j};  dZ_L = A_L − Y
// CE from the logit (loss.wgsl, prepended) never takes log 0; Σ‖W‖² and Σ|W| by weight_norm.wgsl
// (prepended), each summed only when its λ is not 0.
// Writes cost_log[2·s] = cost, cost_log[2·s + 1] = correct, s = iteration − chunk start, then advances the
// iteration counter in state[0] (the dropout counter of the next forward pass).
// One workgroup of WORKGROUP_SIZE (a power of two) invocations, tree reduction in workgroup memory.
// Bindings: 0 uniform CostParams, 1 z (Z_L, read), 2 act (A_L, read), 3 y (read), 4 dz (rw),
// 5 weights (packed [W_l|b_l], read), 6 layers (per layer: offset, rows, cols incl. bias; read),
// 7 state (rw: iteration, chunk start), 8 cost_log (rw). Dispatch: (1, 1, 1).

struct CostParams {
  m: u32,
  layer_count: u32,
  lambda_over_two_m: f32, // λ/(2m)
  lambda1_over_m: f32,    // λ₁/m
}

@group(0) @binding(0) var<uniform> params: CostParams;
@group(0) @binding(1) var<storage, read> z: array<f32>;
@group(0) @binding(2) var<storage, read> act: array<f32>;
@group(0) @binding(3) var<storage, read> y: array<f32>;
@group(0) @binding(4) var<storage, read_write> dz: array<f32>;
@group(0) @binding(5) var<storage, read> weights: array<f32>;
@group(0) @binding(6) var<storage, read> layers: array<vec4<u32>>;
@group(0) @binding(7) var<storage, read_write> state: array<u32>;
@group(0) @binding(8) var<storage, read_write> cost_log: array<f32>;

const WORKGROUP_SIZE: u32 = 256u;

// For weight_norm.wgsl: the weights are read where the update leaves them.
fn weight(q: u32) -> f32 {
  return weights[q];
}

var<workgroup> ce_part: array<f32, WORKGROUP_SIZE>;
var<workgroup> sq_part: array<f32, WORKGROUP_SIZE>;
var<workgroup> abs_part: array<f32, WORKGROUP_SIZE>;
var<workgroup> ok_part: array<u32, WORKGROUP_SIZE>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(local_invocation_index) t: u32) {
  var ce = 0.0;
  var ok = 0u;
  for (var j = t; j < params.m; j += WORKGROUP_SIZE) {
    let zj = z[j];
    let yj = y[j];
    ce += cross_entropy_from_logit(zj, yj);
    let aj = act[j];
    ok += select(0u, 1u, (aj > 0.5) == (yj > 0.5));
    dz[j] = aj - yj;
  }
  // the penalties' sums, each only when its λ is not 0
  let sums = weight_penalty_sums(t, WORKGROUP_SIZE, params.layer_count, params.lambda_over_two_m != 0.0, params.lambda1_over_m != 0.0);
  let sq = sums.x;
  let abs_sum = sums.y;
  ce_part[t] = ce;
  sq_part[t] = sq;
  abs_part[t] = abs_sum;
  ok_part[t] = ok;
  for (var stride = WORKGROUP_SIZE / 2u; stride > 0u; stride /= 2u) {
    workgroupBarrier();
    if (t < stride) {
      ce_part[t] += ce_part[t + stride];
      sq_part[t] += sq_part[t + stride];
      abs_part[t] += abs_part[t + stride];
      ok_part[t] += ok_part[t + stride];
    }
  }
  if (t == 0u) {
    let slot = state[0] - state[1];
    cost_log[2u * slot] = ce_part[0] / f32(params.m) + params.lambda_over_two_m * sq_part[0] + params.lambda1_over_m * abs_part[0];
    cost_log[2u * slot + 1u] = f32(ok_part[0]);
    state[0] = state[0] + 1u;
  }
}
