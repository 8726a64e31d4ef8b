// C = A·B, plain: A (rows × depth), B (depth × cols), C (rows × cols), all row-major and read as
// vec4s; the host pads rows and cols to multiples of 128 and depth to a multiple of 8. The matrix-
// multiply micro-benchmark's kernel for real GPUs (src/bench/matmul.ts), beside matmul_vec4.wgsl.
//
// The classic shared-memory SGEMM: a workgroup of 16 × 16 invocations computes a 128 × 128 tile of
// C; each step of the depth it stages a 128 × 8 slab of A (transposed, so a column is contiguous)
// and an 8 × 128 slab of B in workgroup memory — one coalesced vec4 load per invocation for each —
// and every invocation then accumulates an 8 × 8 block from them in registers: 4 vec4 reads of
// workgroup memory per 64 multiply-adds (accumulate_slab, shaders/lib/slab_block.wgsl, prepended:
// the training kernel matmul_shared.wgsl takes the same step). On a GPU the slabs are read once from
// device memory per workgroup instead of once per invocation. Two barriers per 8 of depth are what a
// CPU implementation (SwiftShader) runs worst, which is why matmul_vec4.wgsl exists too.
//
// Bindings: 0 uniform PlainMatmulParams, 1 a (read), 2 b (read), 3 c (rw).
// Dispatch: (cols / 128, rows / 128) workgroups of 16 × 16 invocations.

struct PlainMatmulParams {
  rows: u32,
  cols: u32,
  depth: u32,
}

const TILE: u32 = 128u;
const SLAB: u32 = 8u;
const TILE4: u32 = 32u; // TILE / 4: vec4s across a tile

@group(0) @binding(0) var<uniform> p: PlainMatmulParams;
@group(0) @binding(1) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> b: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> c: array<vec4<f32>>;

// a_slab[k·32 + i/4][i % 4] = A[tile row i, k]; b_slab[k·32 + j/4] = B[k, tile columns j … j+3]
var<workgroup> a_slab: array<vec4<f32>, 256>;
var<workgroup> b_slab: array<vec4<f32>, 256>;

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let t = lid.y * 16u + lid.x;
  let depth4 = p.depth / 4u;
  let cols4 = p.cols / 4u;
  let tile_row = wid.y * TILE;
  let tile_col4 = wid.x * TILE4;
  // This invocation's share of each slab: A row t/2, depth vec4 t%2; B depth row t/32, vec4 t%32.
  let a_row = t / 2u;
  let a_k4 = t % 2u;
  let a_src = (tile_row + a_row) * depth4 + a_k4;
  let b_k = t / TILE4;
  let b_src = b_k * cols4 + tile_col4 + t % TILE4;
  var acc: array<vec4<f32>, 16>; // this invocation's 8 × 8 block (its layout: slab_block.wgsl)
  for (var k0 = 0u; k0 < p.depth; k0 += SLAB) {
    let av = a[a_src + k0 / 4u];
    let bv = b[b_src + k0 * cols4];
    workgroupBarrier(); // the previous slab has been read by everyone
    let ai = a_row / 4u;
    let ac = a_row % 4u;
    a_slab[(a_k4 * 4u) * TILE4 + ai][ac] = av.x;
    a_slab[(a_k4 * 4u + 1u) * TILE4 + ai][ac] = av.y;
    a_slab[(a_k4 * 4u + 2u) * TILE4 + ai][ac] = av.z;
    a_slab[(a_k4 * 4u + 3u) * TILE4 + ai][ac] = av.w;
    b_slab[t] = bv;
    workgroupBarrier();
    accumulate_slab(&acc, lid.y, lid.x);
  }
  let col_lo = tile_col4 + lid.x;
  let col_hi = col_lo + 16u;
  for (var r = 0u; r < 8u; r++) {
    let row = tile_row + select(4u * lid.y + r, 64u + 4u * lid.y + r - 4u, r >= 4u);
    c[row * cols4 + col_lo] = acc[2u * r];
    c[row * cols4 + col_hi] = acc[2u * r + 1u];
  }
}
