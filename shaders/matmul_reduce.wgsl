// The second half of a split training product (matmul_shared.wgsl with splits > 1): C[i, j] is the
// sum of the `splits` depth slices in `partial`, then the epilogue of matmul_epilogue.wgsl
// (prepended) as if one workgroup had summed the whole depth. The slices are added in order, so
// the result does not depend on scheduling.
//
// Binding 7: partial (read-write in the layout both kernels share; only read here).
// Dispatch: ceil(rows·cols / 64) workgroups of 64, folded into (x, y).

@group(0) @binding(7) var<storage, read_write> partial: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let e = gid.x + gid.y * nwg.x * 64u;
  let n = p.rows * p.cols;
  if (e >= n) {
    return;
  }
  var v = 0.0;
  for (var s = 0u; s < p.splits; s++) {
    v += partial[s * n + e];
  }
  epilogue(e / p.cols, e % p.cols, v);
}
