// C = A·B, plain: A (rows × depth), B (depth × cols), C (rows × cols), all row-major, read and
// written as vec4s; depth and cols are multiples of 4 (the host pads). The matrix-multiply
// micro-benchmark's kernel (src/bench/matmul.ts), the yardstick for matmul.wgsl.
//
// Register tiling without shared memory or barriers: each invocation keeps an 8 × 8 block of C in
// sixteen vec4 accumulators and walks the depth four at a time — eight vec4 reads of A (a 8 × 4
// block) and eight of B (4 × 8) feed 256 multiply-adds. No barrier is ever crossed, which is what
// a CPU implementation of WebGPU (SwiftShader: a workgroup is a loop over 4-lane groups, and a
// barrier a coroutine switch) runs best, and a GPU keeps all of it in registers.
//
// Bindings: 0 uniform PlainMatmulParams, 1 a (read), 2 b (read), 3 c (rw).
// Dispatch: (ceil(cols / 8 / 8), ceil(rows / 8 / 8)) workgroups of 8 × 8 invocations.

struct PlainMatmulParams {
  rows: u32,
  cols: u32,
  depth: u32,
}

@group(0) @binding(0) var<uniform> p: PlainMatmulParams;
@group(0) @binding(1) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> b: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> c: array<vec4<f32>>;

// Row r of the A block times the B block: four scalar·vec4 products per output vec4.
fn row_times(ar: vec4<f32>, b0: vec4<f32>, b1: vec4<f32>, b2: vec4<f32>, b3: vec4<f32>) -> vec4<f32> {
  return ar.x * b0 + ar.y * b1 + ar.z * b2 + ar.w * b3;
}

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col8 = gid.x * 2u;         // first of this invocation's two vec4 columns of C
  let row0 = gid.y * 8u;         // first of its eight rows
  let cols4 = p.cols / 4u;
  let depth4 = p.depth / 4u;
  if (col8 >= cols4 || row0 >= p.rows) {
    return;
  }
  // Out-of-range rows and the second column read the last valid one (loads stay in bounds); their
  // results are not stored. Everything below is written out per row rather than looped: an array
  // indexed by a loop counter becomes per-lane gathers on SwiftShader.
  let c1 = min(col8 + 1u, cols4 - 1u);
  let last = p.rows - 1u;
  let a0 = min(row0, last) * depth4;
  let a1 = min(row0 + 1u, last) * depth4;
  let a2 = min(row0 + 2u, last) * depth4;
  let a3 = min(row0 + 3u, last) * depth4;
  let a4 = min(row0 + 4u, last) * depth4;
  let a5 = min(row0 + 5u, last) * depth4;
  let a6 = min(row0 + 6u, last) * depth4;
  let a7 = min(row0 + 7u, last) * depth4;
  var lo0 = vec4<f32>(); var lo1 = vec4<f32>(); var lo2 = vec4<f32>(); var lo3 = vec4<f32>();
  var lo4 = vec4<f32>(); var lo5 = vec4<f32>(); var lo6 = vec4<f32>(); var lo7 = vec4<f32>();
  var hi0 = vec4<f32>(); var hi1 = vec4<f32>(); var hi2 = vec4<f32>(); var hi3 = vec4<f32>();
  var hi4 = vec4<f32>(); var hi5 = vec4<f32>(); var hi6 = vec4<f32>(); var hi7 = vec4<f32>();
  for (var k4 = 0u; k4 < depth4; k4++) {
    let bk = 4u * k4 * cols4;
    let b0l = b[bk + col8];
    let b1l = b[bk + cols4 + col8];
    let b2l = b[bk + 2u * cols4 + col8];
    let b3l = b[bk + 3u * cols4 + col8];
    let b0h = b[bk + c1];
    let b1h = b[bk + cols4 + c1];
    let b2h = b[bk + 2u * cols4 + c1];
    let b3h = b[bk + 3u * cols4 + c1];
    let r0 = a[a0 + k4];
    lo0 += row_times(r0, b0l, b1l, b2l, b3l);
    hi0 += row_times(r0, b0h, b1h, b2h, b3h);
    let r1 = a[a1 + k4];
    lo1 += row_times(r1, b0l, b1l, b2l, b3l);
    hi1 += row_times(r1, b0h, b1h, b2h, b3h);
    let r2 = a[a2 + k4];
    lo2 += row_times(r2, b0l, b1l, b2l, b3l);
    hi2 += row_times(r2, b0h, b1h, b2h, b3h);
    let r3 = a[a3 + k4];
    lo3 += row_times(r3, b0l, b1l, b2l, b3l);
    hi3 += row_times(r3, b0h, b1h, b2h, b3h);
    let r4 = a[a4 + k4];
    lo4 += row_times(r4, b0l, b1l, b2l, b3l);
    hi4 += row_times(r4, b0h, b1h, b2h, b3h);
    let r5 = a[a5 + k4];
    lo5 += row_times(r5, b0l, b1l, b2l, b3l);
    hi5 += row_times(r5, b0h, b1h, b2h, b3h);
    let r6 = a[a6 + k4];
    lo6 += row_times(r6, b0l, b1l, b2l, b3l);
    hi6 += row_times(r6, b0h, b1h, b2h, b3h);
    let r7 = a[a7 + k4];
    lo7 += row_times(r7, b0l, b1l, b2l, b3l);
    hi7 += row_times(r7, b0h, b1h, b2h, b3h);
  }
  store_row(row0, col8, cols4, lo0, hi0);
  store_row(row0 + 1u, col8, cols4, lo1, hi1);
  store_row(row0 + 2u, col8, cols4, lo2, hi2);
  store_row(row0 + 3u, col8, cols4, lo3, hi3);
  store_row(row0 + 4u, col8, cols4, lo4, hi4);
  store_row(row0 + 5u, col8, cols4, lo5, hi5);
  store_row(row0 + 6u, col8, cols4, lo6, hi6);
  store_row(row0 + 7u, col8, cols4, lo7, hi7);
}

fn store_row(row: u32, col8: u32, cols4: u32, lo: vec4<f32>, hi: vec4<f32>) {
  if (row < p.rows) {
    c[row * cols4 + col8] = lo;
    if (col8 + 1u < cols4) {
      c[row * cols4 + col8 + 1u] = hi;
    }
  }
}
