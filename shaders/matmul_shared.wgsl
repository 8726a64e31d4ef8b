// C = A·B for the three products of training (modes, strides and bindings 0–6 are those of
// matmul_epilogue.wgsl, prepended), for GPUs: the shared-memory tiling of bench/matmul_tiled.wgsl
// (the micro-benchmark's fastest kernel on a GPU) under the training products' strides and epilogues.
// A workgroup of 16 × 16 invocations computes a 128 × 128 tile of C. Each step of 16 along the
// depth it stages a 128 × 16 slab of A (transposed) and a 16 × 128 slab of B in workgroup memory,
// eight scalar loads per invocation each, zero outside the matrices; every invocation then
// accumulates an 8 × 8 block from them: 4 vec4 reads of workgroup memory per 64 multiply-adds
// (accumulate_slab, shaders/lib/slab_block.wgsl, prepended: the step both shared-memory kernels take).
// Slabs are 16 deep, not 8 as in matmul_tiled.wgsl: half the barriers per multiply-add (measured in
// docs/performance.md, "Measured on a GPU").
// Loads follow whichever stride is 1, so neighbouring invocations read neighbouring addresses for
// the transposed operands too.
//
// Weight gradients have a short C (rows × cols of one layer) and a long depth (m): with splits > 1
// workgroup (tile, s) sums only depth slice s (split_depth long) and writes the raw sum to
// `partial` (splits × rows × cols); matmul_reduce.wgsl then adds the slices and applies the
// epilogue. That keeps a GPU full where the tiles alone would be a few dozen workgroups.
//
// Binding 7: partial (rw; a dummy when splits = 1).
// Dispatch: tiles·splits workgroups (tiles = ceil(rows/128)·ceil(cols/128), the tile varying
// fastest), folded into (x, y) like matmul.wgsl's.

const TILE: u32 = 128u;
const SLAB: u32 = 16u;
const TILE4: u32 = 32u; // TILE / 4: vec4s across a tile

@group(0) @binding(7) var<storage, read_write> partial: array<f32>;

// a_slab[k·32 + i/4][i % 4] = A[tile row i, k]; b_slab[k·32 + j/4][j % 4] = B[k, tile column j]
var<workgroup> a_slab: array<vec4<f32>, 512>;
var<workgroup> b_slab: array<vec4<f32>, 512>;

fn load_a(i: u32, k: u32, k_end: u32) -> f32 {
  if (i >= p.rows || k >= k_end) {
    return 0.0;
  }
  return a[p.a_off + i * p.a_rs + k * p.a_cs];
}

fn load_b(k: u32, j: u32, k_end: u32) -> f32 {
  if (k >= k_end || j >= p.cols) {
    return 0.0;
  }
  return b[p.b_off + k * p.b_rs + j * p.b_cs];
}

@compute @workgroup_size(16, 16)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
) {
  let tiles = tile_count(TILE);
  let flat = wid.x + wid.y * nwg.x;
  if (flat >= tiles * p.splits) {
    return; // uniform across the workgroup, so no barrier below is skipped by part of it
  }
  let tile = flat % tiles;
  let split = flat / tiles;
  let origin = tile_origin(tile, TILE);
  let row0 = origin.x;
  let col0 = origin.y;
  let k_begin = split * p.split_depth;
  let k_end = min(p.depth, k_begin + p.split_depth);
  let t = lid.y * 16u + lid.x;
  // Which 8 slab elements this invocation loads: along the slab's rows when A's rows are
  // contiguous (a_rs = 1, the transposed W of input gradients), else along its depth.
  let a_by_rows = p.a_rs == 1u;
  let a_i = select(t / 2u, t % TILE, a_by_rows);
  let a_k = select((t % 2u) * 8u, (t / TILE) * 8u, a_by_rows);
  let b_by_cols = p.b_cs == 1u;
  let b_j = select(t / 2u, t % TILE, b_by_cols);
  let b_k = select((t % 2u) * 8u, (t / TILE) * 8u, b_by_cols);
  var acc: array<vec4<f32>, 16>; // this invocation's 8 × 8 block (its layout: slab_block.wgsl)
  for (var k0 = k_begin; k0 < k_end; k0 += SLAB) {
    let a0 = load_a(row0 + a_i, k0 + a_k, k_end);
    let a1 = load_a(row0 + a_i, k0 + a_k + 1u, k_end);
    let a2 = load_a(row0 + a_i, k0 + a_k + 2u, k_end);
    let a3 = load_a(row0 + a_i, k0 + a_k + 3u, k_end);
    let a4 = load_a(row0 + a_i, k0 + a_k + 4u, k_end);
    let a5 = load_a(row0 + a_i, k0 + a_k + 5u, k_end);
    let a6 = load_a(row0 + a_i, k0 + a_k + 6u, k_end);
    let a7 = load_a(row0 + a_i, k0 + a_k + 7u, k_end);
    let b0 = load_b(k0 + b_k, col0 + b_j, k_end);
    let b1 = load_b(k0 + b_k + 1u, col0 + b_j, k_end);
    let b2 = load_b(k0 + b_k + 2u, col0 + b_j, k_end);
    let b3 = load_b(k0 + b_k + 3u, col0 + b_j, k_end);
    let b4 = load_b(k0 + b_k + 4u, col0 + b_j, k_end);
    let b5 = load_b(k0 + b_k + 5u, col0 + b_j, k_end);
    let b6 = load_b(k0 + b_k + 6u, col0 + b_j, k_end);
    let b7 = load_b(k0 + b_k + 7u, col0 + b_j, k_end);
    workgroupBarrier(); // the previous slab has been read by everyone
    let ai = a_i / 4u;
    let ac = a_i % 4u;
    a_slab[a_k * TILE4 + ai][ac] = a0;
    a_slab[(a_k + 1u) * TILE4 + ai][ac] = a1;
    a_slab[(a_k + 2u) * TILE4 + ai][ac] = a2;
    a_slab[(a_k + 3u) * TILE4 + ai][ac] = a3;
    a_slab[(a_k + 4u) * TILE4 + ai][ac] = a4;
    a_slab[(a_k + 5u) * TILE4 + ai][ac] = a5;
    a_slab[(a_k + 6u) * TILE4 + ai][ac] = a6;
    a_slab[(a_k + 7u) * TILE4 + ai][ac] = a7;
    let bj = b_j / 4u;
    let bc = b_j % 4u;
    b_slab[b_k * TILE4 + bj][bc] = b0;
    b_slab[(b_k + 1u) * TILE4 + bj][bc] = b1;
    b_slab[(b_k + 2u) * TILE4 + bj][bc] = b2;
    b_slab[(b_k + 3u) * TILE4 + bj][bc] = b3;
    b_slab[(b_k + 4u) * TILE4 + bj][bc] = b4;
    b_slab[(b_k + 5u) * TILE4 + bj][bc] = b5;
    b_slab[(b_k + 6u) * TILE4 + bj][bc] = b6;
    b_slab[(b_k + 7u) * TILE4 + bj][bc] = b7;
    workgroupBarrier();
    accumulate_slab(&acc, lid.y, lid.x);
  }
  // acc is read with constant indices only (the switch): an array indexed by a loop counter goes to
  // local memory on NVIDIA's compiler, every accumulation included, and runs about 9× slower
  // (docs/performance.md).
  // The epilogue keeps one call site, so the kernel stays small for SwiftShader's compiler.
  for (var r = 0u; r < 8u; r++) {
    let i = row0 + select(4u * lid.y + r, 64u + 4u * lid.y + r - 4u, r >= 4u);
    if (i >= p.rows) {
      continue;
    }
    var lo = acc[0];
    var hi = acc[1];
    switch r {
      case 1u: { lo = acc[2]; hi = acc[3]; }
      case 2u: { lo = acc[4]; hi = acc[5]; }
      case 3u: { lo = acc[6]; hi = acc[7]; }
      case 4u: { lo = acc[8]; hi = acc[9]; }
      case 5u: { lo = acc[10]; hi = acc[11]; }
      case 6u: { lo = acc[12]; hi = acc[13]; }
      case 7u: { lo = acc[14]; hi = acc[15]; }
      default: {}
    }
    for (var s = 0u; s < 8u; s++) {
      let j = col0 + select(4u * lid.x + s, 64u + 4u * lid.x + s - 4u, s >= 4u);
      if (j >= p.cols) {
        continue;
      }
      let v = select(lo[s % 4u], hi[s % 4u], s >= 4u);
      if (p.splits == 1u) {
        epilogue(i, j, v);
      } else {
        partial[(split * p.rows + i) * p.cols + j] = v;
      }
    }
  }
}
