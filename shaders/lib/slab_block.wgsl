// The step both shared-memory products take for each slab (a library, prepended to
// matmul_shared.wgsl and bench/matmul_tiled.wgsl): one invocation of a 16 × 16 workgroup adds the
// slab's SLAB rows of depth into its 8 × 8 block of a 128 × 128 tile of C. The kernel declares
// SLAB, TILE4 (vec4s across a tile) and the staged slabs, laid out as
//   a_slab[k·TILE4 + i/4][i % 4] = A[tile row i, k],  b_slab[k·TILE4 + j/4][j % 4] = B[k, tile column j];
// each k is 4 vec4 reads of workgroup memory for 64 multiply-adds.
// The invocation's rows are 4·ty … 4·ty+3 and 64 + 4·ty …; its columns 4·tx … and 64 + 4·tx …, so
// neighbouring invocations read neighbouring vec4s (no bank conflicts). acc[2r] holds columns lo
// of row r (r < 4: 4·ty + r; r ≥ 4: 64 + 4·ty + r − 4), acc[2r + 1] columns hi; every index into it
// is a constant, which keeps it in registers on a GPU's compiler (docs/performance.md).

fn accumulate_slab(acc: ptr<function, array<vec4<f32>, 16>>, ty: u32, tx: u32) {
  for (var k = 0u; k < SLAB; k++) {
    let a_lo = a_slab[k * TILE4 + ty];
    let a_hi = a_slab[k * TILE4 + 16u + ty];
    let b_lo = b_slab[k * TILE4 + tx];
    let b_hi = b_slab[k * TILE4 + 16u + tx];
    (*acc)[0] += a_lo.x * b_lo;
    (*acc)[1] += a_lo.x * b_hi;
    (*acc)[2] += a_lo.y * b_lo;
    (*acc)[3] += a_lo.y * b_hi;
    (*acc)[4] += a_lo.z * b_lo;
    (*acc)[5] += a_lo.z * b_hi;
    (*acc)[6] += a_lo.w * b_lo;
    (*acc)[7] += a_lo.w * b_hi;
    (*acc)[8] += a_hi.x * b_lo;
    (*acc)[9] += a_hi.x * b_hi;
    (*acc)[10] += a_hi.y * b_lo;
    (*acc)[11] += a_hi.y * b_hi;
    (*acc)[12] += a_hi.z * b_lo;
    (*acc)[13] += a_hi.z * b_hi;
    (*acc)[14] += a_hi.w * b_lo;
    (*acc)[15] += a_hi.w * b_hi;
  }
}
