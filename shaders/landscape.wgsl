// The loss landscape: the cost at θ* + α·d1 + β·d2 for every point (α, β) of a grid, one workgroup
// per grid point — one batch of forward passes over the whole grid, no parameter set materialized.
// Workgroup g: α = alphas[g % cols], β = betas[g / cols]; its invocations split the examples, each
// runs one example forward (no dropout) and sums its cross-entropy; a tree reduction gives the
// mean, plus λ/(2m)·Σ‖W‖² + λ₁/m·Σ|W| of the shifted weights (the objective training minimizes).
// Limits as fused.wgsl (the host checks): ≤ MAX_FEATURES inputs, ≤ MAX_UNITS units over all layers.
// Prepended with activation.wgsl, loss.wgsl, weight_norm.wgsl and layer_forward.wgsl (shaders/lib/:
// the forward step it shares with fused.wgsl, and the limits).
// Bindings: 0 uniform LandscapeParams, 1 x (features × m, read), 2 y (read), 3 center θ* (packed
// [W|b], read), 4 d1 (read), 5 d2 (read), 6 layers (offset, rows, cols incl. bias, first unit;
// read), 7 axes (alphas then betas; read), 8 costs (rw, one per grid point).
// Dispatch: grid points as (min(points, 65535), ceil(points/65535)) workgroups.

struct LandscapeParams {
  m: u32,
  features: u32,
  layer_count: u32,
  cols: u32,
  points: u32,
  activation: u32,
  lambda_over_two_m: f32, // λ/(2m)
  lambda1_over_m: f32,    // λ₁/m
}

@group(0) @binding(0) var<uniform> p: LandscapeParams;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> y: array<f32>;
@group(0) @binding(3) var<storage, read> center: array<f32>;
@group(0) @binding(4) var<storage, read> d1: array<f32>;
@group(0) @binding(5) var<storage, read> d2: array<f32>;
@group(0) @binding(6) var<storage, read> layers: array<vec4<u32>>;
@group(0) @binding(7) var<storage, read> axes: array<f32>;
@group(0) @binding(8) var<storage, read_write> costs: array<f32>;

override WG: u32 = 64u;

var<workgroup> part: array<f32, WG>;

// This workgroup's grid point (α, β), and its weights θ* + α·d1 + β·d2 (read by weight_norm.wgsl too).
var<private> alpha: f32;
var<private> beta: f32;

fn weight(q: u32) -> f32 {
  return center[q] + alpha * d1[q] + beta * d2[q];
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) s: u32) {
  let g = wid.x + wid.y * nwg.x;
  if (g >= p.points) {
    return;
  }
  alpha = axes[g % p.cols];
  beta = axes[p.cols + g / p.cols];
  let L = p.layer_count;
  var a_in: array<f32, MAX_FEATURES>;
  var a: array<f32, MAX_UNITS>;
  var ce = 0.0;
  for (var j = s; j < p.m; j += WG) {
    for (var f = 0u; f < p.features; f++) {
      a_in[f] = x[f * p.m + j];
    }
    var zl = 0.0;
    for (var l = 0u; l < L; l++) {
      let ly = layers[l];
      for (var i = 0u; i < ly.y; i++) {
        let z = unit_z(l, i, &a_in, &a);
        if (l + 1u == L) {
          zl = z;
        } else {
          a[ly.w + i] = activate(p.activation, z);
        }
      }
    }
    let yj = y[j];
    ce += cross_entropy_from_logit(zl, yj);
  }
  // the penalties' sums, each only when its λ is not 0
  let sums = weight_penalty_sums(s, WG, L, p.lambda_over_two_m != 0.0, p.lambda1_over_m != 0.0);
  let sq = sums.x;
  let abs_sum = sums.y;
  part[s] = ce / f32(p.m) + p.lambda_over_two_m * sq + p.lambda1_over_m * abs_sum;
  for (var stride = WG / 2u; stride > 0u; stride /= 2u) {
    workgroupBarrier();
    if (s < stride) {
      part[s] += part[s + stride];
    }
  }
  if (s == 0u) {
    costs[g] = part[0];
  }
}
