// C = A·B for the three products of training, with the epilogue that each one needs fused in:
//   mode 1  forward, hidden layer:  Z = [W|b]·[A_prev; 1], A = g(Z), then inverted dropout
//           (mask drawn by dropout.wgsl, or read from `mask` when it was uploaded); stores Z in aux
//   mode 2  forward, output layer:  Z as above, A = σ(Z); stores Z in aux
//   mode 3  weight gradient:        [dW|db] = alpha·dZ·[A_prev; 1]ᵀ + l2·[W|0]  (alpha = 1/m, l2 = λ/m)
//   mode 4  input gradient:         dZ_prev = (Wᵀ·dZ) · mask/keep_prob · g'(Z_prev)  (Z_prev in aux)
//   mode 0  plain product
// Biases ride along as the last column of [W|b] against a constant row of ones under each
// activation, so one product gives W·A + b, and one gives dW and db together.
//
// Strides make transposes free: A[i,p] = a[a_off + i·a_rs + p·a_cs], B[p,j] = b[b_off + p·b_rs + j·b_cs],
// C[i,j] = c[c_off + i·c_rs + j]; aux and mask are (rows × cols) at aux_off / 0 with row stride cols,
// except in mode 3, where aux is the parameter buffer laid out like C.
//
// Register tiling without shared memory or barriers (what SwiftShader runs best, and no worse on
// GPUs for these skinny shapes): each invocation accumulates an 8×8 block of C in registers — 16
// loads feed 64 multiply-adds per step of the depth; a workgroup of 8×8 invocations covers a 64×64
// tile. Tiles are numbered row-major and the 1-D tile
// index is folded into (x, y) workgroup ids, so any m fits the 65 535-per-dimension limit.
// Prepended with philox.wgsl, dropout.wgsl and activation.wgsl.
//
// Bindings: 0 uniform MatmulParams, 1 a (read), 2 b (read), 3 c (rw), 4 aux (rw), 5 mask (rw f32),
// 6 state (read: state[0] is the iteration, for the dropout counter).
// Dispatch: tiles = ceil(rows/64)·ceil(cols/64) workgroups, as (min(tiles, 65535), ceil(tiles/65535)).

struct MatmulParams {
  rows: u32,
  cols: u32,
  depth: u32,
  a_off: u32,
  a_rs: u32,
  a_cs: u32,
  b_off: u32,
  b_rs: u32,
  b_cs: u32,
  c_off: u32,
  c_rs: u32,
  aux_off: u32,
  mode: u32,
  activation: u32,
  dropout: u32,
  layer: u32,
  seed: u32,
  bias_col: u32,
  keep_prob: f32,
  alpha: f32,
  l2: f32,
}

const MODE_PLAIN: u32 = 0u;
const MODE_FORWARD_HIDDEN: u32 = 1u;
const MODE_FORWARD_OUTPUT: u32 = 2u;
const MODE_WEIGHT_GRAD: u32 = 3u;
const MODE_INPUT_GRAD: u32 = 4u;

const DROPOUT_NONE: u32 = 0u;
const DROPOUT_PHILOX: u32 = 1u;
const DROPOUT_STORED: u32 = 2u;

const TILE: u32 = 64u;
const PER_THREAD: u32 = 8u;
const THREADS_PER_SIDE: u32 = 8u;

@group(0) @binding(0) var<uniform> p: MatmulParams;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
@group(0) @binding(4) var<storage, read_write> aux: array<f32>;
@group(0) @binding(5) var<storage, read_write> mask: array<f32>;
@group(0) @binding(6) var<storage, read> state: array<u32>;

fn epilogue(i: u32, j: u32, v: f32) {
  let ci = p.c_off + i * p.c_rs + j;
  let e = i * p.cols + j; // element index in the (rows × cols) activation: the dropout counter
  switch p.mode {
    case MODE_FORWARD_HIDDEN: {
      aux[p.aux_off + e] = v;
      var out = activate(p.activation, v);
      if (p.dropout != DROPOUT_NONE) {
        var keep: bool;
        if (p.dropout == DROPOUT_PHILOX) {
          keep = dropout_keep(e, state[0], p.seed, p.layer, p.keep_prob);
          mask[e] = select(0.0, 1.0, keep);
        } else {
          keep = mask[e] != 0.0;
        }
        out = select(0.0, out / p.keep_prob, keep);
      }
      c[ci] = out;
    }
    case MODE_FORWARD_OUTPUT: {
      aux[p.aux_off + e] = v;
      c[ci] = sigmoid(v);
    }
    case MODE_WEIGHT_GRAD: {
      var g = p.alpha * v;
      if (p.l2 != 0.0 && j < p.bias_col) {
        g = g + p.l2 * aux[p.aux_off + i * p.c_rs + j];
      }
      c[ci] = g;
    }
    case MODE_INPUT_GRAD: {
      var da = v;
      if (p.dropout != DROPOUT_NONE) {
        da = select(0.0, da / p.keep_prob, mask[e] != 0.0);
      }
      c[ci] = da * activate_grad(p.activation, aux[p.aux_off + e]);
    }
    default: {
      c[ci] = v;
    }
  }
}

@compute @workgroup_size(8, 8)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
) {
  let tiles_per_row = (p.cols + TILE - 1u) / TILE;
  let tiles = tiles_per_row * ((p.rows + TILE - 1u) / TILE);
  let tile = wid.x + wid.y * nwg.x;
  if (tile >= tiles) {
    return;
  }
  let row0 = (tile / tiles_per_row) * TILE + lid.y * PER_THREAD;
  let col0 = (tile % tiles_per_row) * TILE + lid.x * PER_THREAD;
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
