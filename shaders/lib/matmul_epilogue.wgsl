// The training products' common part, prepended (after philox.wgsl, dropout.wgsl and
// activation.wgsl) to each kernel that computes them: matmul.wgsl (register tiles, for CPU
// adapters), matmul_shared.wgsl (workgroup-memory tiles, for GPUs) and matmul_reduce.wgsl (the sum
// of a split product). Each computes C = A·B with the epilogue that the product needs fused in:
//   mode 1  forward, hidden layer:  Z = [W|b]·[A_prev; 1], A = g(Z), then inverted dropout
//           (mask drawn by dropout.wgsl, or read from `mask` when it was uploaded); stores Z in aux
//   mode 2  forward, output layer:  Z as above, A = σ(Z); stores Z in aux
//   mode 3  weight gradient:        [dW|db] = alpha·dZ·[A_prev; 1]ᵀ + λ/m·[W|0] + λ₁/m·[sign(W)|0]  (alpha = 1/m)
//   mode 4  input gradient:         dZ_prev = (Wᵀ·dZ) · mask/keep_prob · g'(Z_prev)  (Z_prev in aux)
//   mode 0  plain product
// Biases ride along as the last column of [W|b] against a constant row of ones under each
// activation, so one product gives W·A + b, and one gives dW and db together.
//
// Strides make transposes free: A[i,p] = a[a_off + i·a_rs + p·a_cs], B[p,j] = b[b_off + p·b_rs + j·b_cs],
// C[i,j] = c[c_off + i·c_rs + j]; aux and mask are (rows × cols) at aux_off / 0 with row stride cols,
// except in mode 3, where aux is the parameter buffer laid out like C.
// splits / split_depth: matmul_shared.wgsl may cut the depth into `splits` slices of split_depth
// (weight gradients, whose depth is m), writing raw sums that matmul_reduce.wgsl adds up; 1 / depth
// everywhere else.
//
// Bindings: 0 uniform MatmulParams, 1 a (read), 2 b (read), 3 c (rw), 4 aux (rw), 5 mask (rw f32),
// 6 state (read: state[0] is the iteration, for the dropout counter).

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
  lambda_over_m: f32,  // λ/m: the L2 term of a weight gradient (mode 3)
  lambda1_over_m: f32, // λ₁/m: its L1 term
  splits: u32,
  split_depth: u32,
}

const MODE_PLAIN: u32 = 0u;
const MODE_FORWARD_HIDDEN: u32 = 1u;
const MODE_FORWARD_OUTPUT: u32 = 2u;
const MODE_WEIGHT_GRAD: u32 = 3u;
const MODE_INPUT_GRAD: u32 = 4u;

const DROPOUT_NONE: u32 = 0u;
const DROPOUT_PHILOX: u32 = 1u;
const DROPOUT_STORED: u32 = 2u;

@group(0) @binding(0) var<uniform> p: MatmulParams;

// C cut into squares of size × size (the last row and column of them ragged), numbered along each
// row of squares: how many there are, and where square `tile` starts (its first row, first column).
fn tile_count(size: u32) -> u32 {
  return ((p.cols + size - 1u) / size) * ((p.rows + size - 1u) / size);
}

fn tile_origin(tile: u32, size: u32) -> vec2<u32> {
  let per_row = (p.cols + size - 1u) / size;
  return vec2<u32>((tile / per_row) * size, (tile % per_row) * size);
}
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
      if (p.lambda_over_m != 0.0 && j < p.bias_col) {
        g = g + p.lambda_over_m * aux[p.aux_off + i * p.c_rs + j];
      }
      // sign(0) = 0: a weight at zero gets no push
      if (p.lambda1_over_m != 0.0 && j < p.bias_col) {
        g = g + p.lambda1_over_m * sign(aux[p.aux_off + i * p.c_rs + j]);
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
