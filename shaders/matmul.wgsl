// C = A·B for the three products of training (the modes, strides and bindings are those of
// matmul_epilogue.wgsl, prepended), for CPU adapters: register tiling without shared memory or
// barriers, what SwiftShader runs best. Each invocation accumulates an 8×8 block of C in
// registers — 16 loads feed 64 multiply-adds per step of the depth; a workgroup of 8×8 invocations
// covers a 64×64 tile. On a GPU every invocation re-reads its slabs from device memory, which caps
// this kernel far below the shared-memory tiling; matmul_shared.wgsl is the GPUs' kernel (rule in
// src/gpu/products.ts). splits must be 1.
// Tiles are numbered row-major and the 1-D tile index is folded into (x, y) workgroup ids, so any
// m fits the 65 535-per-dimension limit.
// Dispatch: tiles = ceil(rows/64)·ceil(cols/64) workgroups, as (min(tiles, 65535), ceil(tiles/65535)).

const TILE: u32 = 64u;
const PER_THREAD: u32 = 8u;

@compute @workgroup_size(8, 8)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
) {
  let tile = wid.x + wid.y * nwg.x;
  if (tile >= tile_count(TILE)) {
    return;
  }
  let origin = tile_origin(tile, TILE);
  let row0 = origin.x + lid.y * PER_THREAD;
  let col0 = origin.y + lid.x * PER_THREAD;
  if (row0 >= p.rows || col0 >= p.cols) {
    return;
  }
  // Clamp out-of-range rows and columns to the last valid one: loads stay in bounds, and the
  // duplicated results are simply not stored. The 8 × 8 block is written out row by row, not
  // looped: an array indexed by a loop counter becomes per-lane gathers on SwiftShader.
  let last_row = p.rows - 1u;
  let last_col = p.cols - 1u;
  let a0 = p.a_off + min(row0, last_row) * p.a_rs;
  let a1 = p.a_off + min(row0 + 1u, last_row) * p.a_rs;
  let a2 = p.a_off + min(row0 + 2u, last_row) * p.a_rs;
  let a3 = p.a_off + min(row0 + 3u, last_row) * p.a_rs;
  let a4 = p.a_off + min(row0 + 4u, last_row) * p.a_rs;
  let a5 = p.a_off + min(row0 + 5u, last_row) * p.a_rs;
  let a6 = p.a_off + min(row0 + 6u, last_row) * p.a_rs;
  let a7 = p.a_off + min(row0 + 7u, last_row) * p.a_rs;
  let b0 = p.b_off + min(col0, last_col) * p.b_cs;
  let b1 = p.b_off + min(col0 + 1u, last_col) * p.b_cs;
  let b2 = p.b_off + min(col0 + 2u, last_col) * p.b_cs;
  let b3 = p.b_off + min(col0 + 3u, last_col) * p.b_cs;
  let b4 = p.b_off + min(col0 + 4u, last_col) * p.b_cs;
  let b5 = p.b_off + min(col0 + 5u, last_col) * p.b_cs;
  let b6 = p.b_off + min(col0 + 6u, last_col) * p.b_cs;
  let b7 = p.b_off + min(col0 + 7u, last_col) * p.b_cs;
  // acc[2r] holds columns 0..3 of row r, acc[2r + 1] columns 4..7 (constant indices only)
  var acc: array<vec4<f32>, 16>;
  for (var k = 0u; k < p.depth; k++) {
    let ak = k * p.a_cs;
    let bk = k * p.b_rs;
    let lo = vec4<f32>(b[b0 + bk], b[b1 + bk], b[b2 + bk], b[b3 + bk]);
    let hi = vec4<f32>(b[b4 + bk], b[b5 + bk], b[b6 + bk], b[b7 + bk]);
    let r0 = a[a0 + ak];
    acc[0] += r0 * lo;
    acc[1] += r0 * hi;
    let r1 = a[a1 + ak];
    acc[2] += r1 * lo;
    acc[3] += r1 * hi;
    let r2 = a[a2 + ak];
    acc[4] += r2 * lo;
    acc[5] += r2 * hi;
    let r3 = a[a3 + ak];
    acc[6] += r3 * lo;
    acc[7] += r3 * hi;
    let r4 = a[a4 + ak];
    acc[8] += r4 * lo;
    acc[9] += r4 * hi;
    let r5 = a[a5 + ak];
    acc[10] += r5 * lo;
    acc[11] += r5 * hi;
    let r6 = a[a6 + ak];
    acc[12] += r6 * lo;
    acc[13] += r6 * hi;
    let r7 = a[a7 + ak];
    acc[14] += r7 * lo;
    acc[15] += r7 * hi;
  }
  for (var r = 0u; r < PER_THREAD; r++) {
    let i = row0 + r;
    if (i >= p.rows) {
      break;
    }
    for (var s = 0u; s < PER_THREAD; s++) {
      let j = col0 + s;
      if (j < p.cols) {
        epilogue(i, j, acc[2u * r + s / 4u][s % 4u]);
      }
    }
  }
}
