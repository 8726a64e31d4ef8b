/**
 * The fast CPU engine's kernels, in AssemblyScript compiled to WebAssembly with 128-bit SIMD
 * (`npm run build:wasm` → src/wasm/kernels-wasm.ts). float32, the lesson's layout: matrices
 * row-major, activations (units × ld) with one column per example, where ld is m rounded up to a
 * multiple of 4 so that every row starts on a 16-byte boundary and whole vectors of 4 columns can
 * be loaded. Pad columns (m ≤ j < ld) of the inputs and of every dZ are zero, so they add nothing
 * to any sum over examples.
 *
 * Every argument that names a buffer is a byte address in the shared memory the host owns
 * (src/wasm/engine.ts); this module has no globals and no allocator (its only data are the
 * compiler's constant math tables), so each thread's instance of it is only code.
 *
 * The products take a column range [c0, c1) or a row range [i0, i1) so that the host's threads
 * (worker_loop) can each take a slice of one product; everything else runs on the calling thread.
 */

// ---- The job slot: how the host hands one product to its worker threads --------------------------
// i32 words at JOB: [0] generation (bumped for each job), [1] workers done, [2] op, [3..] arguments.
// Below 1024, where the compiler puts no data (its math tables start at 1024); the host's buffers
// start at 64 KiB (src/wasm/engine.ts).
const JOB: usize = 256;
const OP_PRODUCT = 1;
const OP_GRADIENT = 2;
const OP_STOP = 3;
const OP_MASK = 4;

@inline function arg(i: i32): i32 {
  return load<i32>(JOB + 12 + (<usize>i << 2));
}

/** This thread's share [start, end) of `total` items in chunks of `grain`, for thread `id` of `n`. */
@inline function shareStart(total: i32, grain: i32, id: i32, n: i32): i32 {
  const chunks = (total + grain - 1) / grain;
  const per = (chunks + n - 1) / n;
  return min(total, id * per * grain);
}
@inline function shareEnd(total: i32, grain: i32, id: i32, n: i32): i32 {
  return shareStart(total, grain, id + 1, n);
}

/** Thread `id` of `n` runs its share of the job in the slot (the host runs share 0 itself). */
export function run_job(id: i32, n: i32): void {
  const op = load<i32>(JOB + 8);
  if (op == OP_PRODUCT) {
    const ld = arg(8);
    product(arg(0), arg(1), arg(2), arg(3), arg(4), arg(5), arg(6), arg(7), ld, shareStart(ld, 8, id, n), shareEnd(ld, 8, id, n));
  } else if (op == OP_GRADIENT) {
    const rows = arg(3);
    gradient(arg(0), arg(1), arg(2), arg(4), arg(5), shareStart(rows, 4, id, n), shareEnd(rows, 4, id, n));
  } else if (op == OP_MASK) {
    const blocks = (arg(1) * arg(2) + 3) >> 2;
    philox_mask(arg(0), arg(1), arg(2), arg(3), arg(4), arg(5), arg(6), load<f32>(JOB + 12 + 7 * 4),
      shareStart(blocks, 64, id, n), shareEnd(blocks, 64, id, n));
  }
}

/**
 * A worker thread's life: sleep until the generation moves past `seen` (its value when the host
 * started this worker), run this thread's share, count itself done; return on OP_STOP. Blocking
 * waits are why this runs only in workers (and Node's main thread).
 */
export function worker_loop(id: i32, n: i32, seen: i32): void {
  while (true) {
    atomic.wait<i32>(JOB, seen, -1);
    const generation = atomic.load<i32>(JOB);
    if (generation == seen) continue;
    seen = generation;
    if (atomic.load<i32>(JOB + 8) == OP_STOP) return;
    run_job(id, n);
    atomic.add<i32>(JOB + 4, 1);
    atomic.notify(JOB + 4, 1);
  }
}

// ---- Products --------------------------------------------------------------------------------------

@inline function hsum(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/**
 * C[r, j] = Σ_q w(r, q)·B[q, j] + bias[r] for every row r < rows and columns c0 ≤ j < c1 (multiples
 * of 4), where w(r, q) = W[r·rs + q·cs]: (rs, cs) = (k, 1) is W itself (the forward product
 * Z = W·A + b), (1, k) is Wᵀ (the backward product dA = Wᵀ·dZ). bias = 0: no bias.
 * B and C have ld columns. A block of 4 rows × 8 columns lives in eight vector registers while q
 * streams past: each loaded vector of B feeds four multiply-adds, and the 8 columns of B (inner × 32
 * bytes) stay in L1 while every row block passes over them.
 */
export function product(
  W: usize, rs: i32, cs: i32, B: usize, bias: usize, C: usize, rows: i32, inner: i32, ld: i32, c0: i32, c1: i32,
): void {
  const ldb = <usize>ld << 2;
  const rsb = <usize>rs << 2;
  const csb = <usize>cs << 2;
  const zero = f32x4.splat(0);
  let j = c0;
  for (; j + 8 <= c1; j += 8) {
    let r = 0;
    for (; r + 4 <= rows; r += 4) {
      let c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
      let w0 = W + <usize>r * rsb;
      let bp = B + (<usize>j << 2);
      for (let q = 0; q < inner; q++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const x0 = f32x4.splat(load<f32>(w0));
        const x1 = f32x4.splat(load<f32>(w0 + rsb));
        const x2 = f32x4.splat(load<f32>(w0 + 2 * rsb));
        const x3 = f32x4.splat(load<f32>(w0 + 3 * rsb));
        c00 = f32x4.add(c00, f32x4.mul(x0, b0)); c01 = f32x4.add(c01, f32x4.mul(x0, b1));
        c10 = f32x4.add(c10, f32x4.mul(x1, b0)); c11 = f32x4.add(c11, f32x4.mul(x1, b1));
        c20 = f32x4.add(c20, f32x4.mul(x2, b0)); c21 = f32x4.add(c21, f32x4.mul(x2, b1));
        c30 = f32x4.add(c30, f32x4.mul(x3, b0)); c31 = f32x4.add(c31, f32x4.mul(x3, b1));
        bp += ldb;
        w0 += csb;
      }
      let cp = C + <usize>r * ldb + (<usize>j << 2);
      const b = bias != 0;
      let v = b ? f32x4.splat(load<f32>(bias + (<usize>r << 2))) : zero;
      v128.store(cp, f32x4.add(c00, v)); v128.store(cp, f32x4.add(c01, v), 16);
      cp += ldb;
      v = b ? f32x4.splat(load<f32>(bias + (<usize>(r + 1) << 2))) : zero;
      v128.store(cp, f32x4.add(c10, v)); v128.store(cp, f32x4.add(c11, v), 16);
      cp += ldb;
      v = b ? f32x4.splat(load<f32>(bias + (<usize>(r + 2) << 2))) : zero;
      v128.store(cp, f32x4.add(c20, v)); v128.store(cp, f32x4.add(c21, v), 16);
      cp += ldb;
      v = b ? f32x4.splat(load<f32>(bias + (<usize>(r + 3) << 2))) : zero;
      v128.store(cp, f32x4.add(c30, v)); v128.store(cp, f32x4.add(c31, v), 16);
    }
    for (; r < rows; r++) productCells(W, rsb, csb, B, bias, C, r, inner, ldb, j, j + 8);
  }
  for (let r = 0; r < rows; r++) productCells(W, rsb, csb, B, bias, C, r, inner, ldb, j, c1);
}

/** One row r of `product` over columns [j0, j1), a vector of 4 columns at a time (the edges). */
function productCells(
  W: usize, rsb: usize, csb: usize, B: usize, bias: usize, C: usize, r: i32, inner: i32, ldb: usize, j0: i32, j1: i32,
): void {
  const v = bias != 0 ? f32x4.splat(load<f32>(bias + (<usize>r << 2))) : f32x4.splat(0);
  for (let j = j0; j < j1; j += 4) {
    let acc = f32x4.splat(0);
    let w = W + <usize>r * rsb;
    let bp = B + (<usize>j << 2);
    for (let q = 0; q < inner; q++) {
      acc = f32x4.add(acc, f32x4.mul(f32x4.splat(load<f32>(w)), v128.load(bp)));
      bp += ldb;
      w += csb;
    }
    v128.store(C + <usize>r * ldb + (<usize>j << 2), f32x4.add(acc, v));
  }
}

/** Columns per slab of the gradient: a slab of A (k × SLAB floats) stays in L2 while every row block of D passes over it. */
const SLAB = 256;

/**
 * G[i, p] = Σ_j D[i, j]·A[p, j] over all ld columns, for rows i0 ≤ i < i1 of G (n × k): the weight
 * gradient's product dZ·Aᵀ. Blocks of 4 rows of D × 2 rows of A keep eight vector sums in registers;
 * the columns go in slabs whose partial sums add into G.
 */
export function gradient(D: usize, A: usize, G: usize, k: i32, ld: i32, i0: i32, i1: i32): void {
  const ldb = <usize>ld << 2;
  const kb = <usize>k << 2;
  memory.fill(G + <usize>i0 * kb, 0, <usize>(i1 - i0) * kb);
  for (let s = 0; s < ld; s += SLAB) {
    const sEnd = min(ld, s + SLAB);
    const off = <usize>s << 2;
    const bytes = <usize>(sEnd - s) << 2;
    let i = i0;
    for (; i + 4 <= i1; i += 4) {
      const d0 = D + <usize>i * ldb + off;
      let p = 0;
      for (; p + 2 <= k; p += 2) {
        const a0 = A + <usize>p * ldb + off;
        let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (let o: usize = 0; o < bytes; o += 16) {
          const x0 = v128.load(a0 + o);
          const x1 = v128.load(a0 + ldb + o);
          const y0 = v128.load(d0 + o);
          const y1 = v128.load(d0 + ldb + o);
          const y2 = v128.load(d0 + 2 * ldb + o);
          const y3 = v128.load(d0 + 3 * ldb + o);
          c00 = f32x4.add(c00, f32x4.mul(y0, x0)); c01 = f32x4.add(c01, f32x4.mul(y0, x1));
          c10 = f32x4.add(c10, f32x4.mul(y1, x0)); c11 = f32x4.add(c11, f32x4.mul(y1, x1));
          c20 = f32x4.add(c20, f32x4.mul(y2, x0)); c21 = f32x4.add(c21, f32x4.mul(y2, x1));
          c30 = f32x4.add(c30, f32x4.mul(y3, x0)); c31 = f32x4.add(c31, f32x4.mul(y3, x1));
        }
        const g = G + <usize>i * kb + (<usize>p << 2);
        store<f32>(g, load<f32>(g) + hsum(c00)); store<f32>(g + 4, load<f32>(g + 4) + hsum(c01));
        store<f32>(g + kb, load<f32>(g + kb) + hsum(c10)); store<f32>(g + kb + 4, load<f32>(g + kb + 4) + hsum(c11));
        store<f32>(g + 2 * kb, load<f32>(g + 2 * kb) + hsum(c20)); store<f32>(g + 2 * kb + 4, load<f32>(g + 2 * kb + 4) + hsum(c21));
        store<f32>(g + 3 * kb, load<f32>(g + 3 * kb) + hsum(c30)); store<f32>(g + 3 * kb + 4, load<f32>(g + 3 * kb + 4) + hsum(c31));
      }
      for (let r = i; r < i + 4; r++) for (let q = p; q < k; q++) gradientCell(D, A, G, r, q, kb, ldb, off, bytes);
    }
    for (; i < i1; i++) for (let q = 0; q < k; q++) gradientCell(D, A, G, i, q, kb, ldb, off, bytes);
  }
}

/** One cell of `gradient` over one slab (the edges). */
function gradientCell(D: usize, A: usize, G: usize, i: i32, p: i32, kb: usize, ldb: usize, off: usize, bytes: usize): void {
  const d = D + <usize>i * ldb + off;
  const a = A + <usize>p * ldb + off;
  let acc = f32x4.splat(0);
  for (let o: usize = 0; o < bytes; o += 16) acc = f32x4.add(acc, f32x4.mul(v128.load(d + o), v128.load(a + o)));
  const g = G + <usize>i * kb + (<usize>p << 2);
  store<f32>(g, load<f32>(g) + hsum(acc));
}

// ---- The gradient's epilogue and the update ---------------------------------------------------------

/**
 * dW = G/m + (λ/m)·W + (λ₁/m)·sign(W) in place over G (len floats): the weight gradient with its L2
 * and L1 terms (sign(0) = 0). Without L1 the loop is the L2 one alone.
 */
export function scale_gradient(G: usize, W: usize, len: i32, invM: f32, l2m: f32, l1m: f32): void {
  if (l1m == 0) {
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 2;
      store<f32>(G + o, invM * load<f32>(G + o) + l2m * load<f32>(W + o));
    }
    return;
  }
  for (let i = 0; i < len; i++) {
    const o = <usize>i << 2;
    const w = load<f32>(W + o);
    store<f32>(G + o, invM * load<f32>(G + o) + l2m * w + l1m * Mathf.sign(w));
  }
}

/** db[i] = (1/m)·Σ_j D[i, j] over the ld columns (pads are zero). */
export function row_sums(D: usize, db: usize, rows: i32, ld: i32, invM: f32): void {
  const ldb = <usize>ld << 2;
  for (let i = 0; i < rows; i++) {
    let acc = f32x4.splat(0);
    const d = D + <usize>i * ldb;
    for (let o: usize = 0; o < ldb; o += 16) acc = f32x4.add(acc, v128.load(d + o));
    store<f32>(db + (<usize>i << 2), invM * hsum(acc));
  }
}

/** P −= lr·dP over len floats. */
export function update(P: usize, dP: usize, len: i32, lr: f32): void {
  const lrv = f32x4.splat(lr);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>i << 2;
    v128.store(P + o, f32x4.sub(v128.load(P + o), f32x4.mul(lrv, v128.load(dP + o))));
  }
  for (; i < len; i++) {
    const o = <usize>i << 2;
    store<f32>(P + o, load<f32>(P + o) - lr * load<f32>(dP + o));
  }
}

/** Σ W² over len floats, in float64 (the L2 term of the cost). */
export function sum_squares(W: usize, len: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < len; i++) {
    const w = <f64>load<f32>(W + (<usize>i << 2));
    s += w * w;
  }
  return s;
}

/** Σ |W| over len floats, in float64 (the L1 term of the cost). */
export function sum_abs(W: usize, len: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < len; i++) s += Math.abs(<f64>load<f32>(W + (<usize>i << 2)));
  return s;
}

// ---- Activations --------------------------------------------------------------------------------------
// Codes: 0 relu, 1 tanh, 2 sigmoid (the order of ACTIVATIONS in src/model/settings.ts).

/** A = g(Z) over len floats (a multiple of 4). relu(NaN) = 0, as the reference's Z > 0 test. */
export function activate(act: i32, Z: usize, A: usize, len: i32): void {
  if (act == 0) {
    const zero = f32x4.splat(0);
    for (let o: usize = 0; o < (<usize>len << 2); o += 16) v128.store(A + o, f32x4.pmax(v128.load(Z + o), zero));
  } else if (act == 1) {
    for (let i = 0; i < len; i++) store<f32>(A + (<usize>i << 2), Mathf.tanh(load<f32>(Z + (<usize>i << 2))));
  } else {
    for (let i = 0; i < len; i++) store<f32>(A + (<usize>i << 2), sigmoid(load<f32>(Z + (<usize>i << 2))));
  }
}

@inline function sigmoid(z: f32): f32 {
  return 1 / (1 + Mathf.exp(-z));
}

/** dZ = dA · g'(Z) over len floats (a multiple of 4); relu'(0) = 0. */
export function activate_backward(act: i32, dA: usize, Z: usize, dZ: usize, len: i32): void {
  if (act == 0) {
    const zero = f32x4.splat(0);
    for (let o: usize = 0; o < (<usize>len << 2); o += 16) {
      v128.store(dZ + o, v128.and(v128.load(dA + o), f32x4.gt(v128.load(Z + o), zero)));
    }
  } else if (act == 1) {
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 2;
      const t = Mathf.tanh(load<f32>(Z + o));
      store<f32>(dZ + o, load<f32>(dA + o) * (1 - t * t));
    }
  } else {
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 2;
      const s = sigmoid(load<f32>(Z + o));
      store<f32>(dZ + o, load<f32>(dA + o) * (s * (1 - s)));
    }
  }
}

// ---- Dropout -----------------------------------------------------------------------------------------

const M0: u32 = 0xd2511f53;
const M1: u32 = 0xcd9e8d57;
const W0: u32 = 0x9e3779b9;
const W1: u32 = 0xbb67ae85;
/** 2^-24: (w >> 8)·2^-24 is a uniform float in [0, 1) with 24 bits, exact in float32. */
const UNIT24: f32 = 5.9604644775390625e-8;

/**
 * The keep masks of a hidden layer (rows × m) by the Philox convention of src/model/dropout.ts:
 * element e = row·m + column keeps its unit when (w >> 8)·2^-24 < threshold, w = word (e mod 4) of
 * Philox4x32-10(counter (⌊e/4⌋, iteration, 0, 0), key (seed, layer)). Writes all-ones (keep) or zero
 * per float into MASK (rows × ld) for the elements of Philox blocks [b0, b1); pad columns stay zero.
 * Four blocks go at a time, one per vector lane (the 32 × 32 → 64-bit products by extended
 * multiplies); a block whose four elements straddle a row's end, and the last few, go one by one.
 */
export function philox_mask(MASK: usize, rows: i32, m: i32, ld: i32, seed: u32, layer: u32, iteration: u32, threshold: f32, b0: i32, b1: i32): void {
  const n = rows * m;
  const end = min(b1, (n + 3) >> 2);
  // whole blocks only in the vector loop: the last block may hold fewer than 4 elements
  const whole = min(end, n >> 2);
  let block = b0;
  let e = block * 4;
  for (; block + 4 <= whole; block += 4) {
    let x0 = i32x4.add(i32x4.splat(block), i32x4(0, 1, 2, 3));
    let x1 = i32x4.splat(iteration);
    let x2 = i32x4.splat(0);
    let x3 = i32x4.splat(0);
    let k0 = i32x4.splat(seed);
    let k1 = i32x4.splat(layer);
    const m0 = i32x4.splat(M0);
    const m1 = i32x4.splat(M1);
    for (let round = 0; round < 10; round++) {
      // the high halves of the 64-bit products: the odd 32-bit lanes of the two extended multiplies
      const hi0 = i32x4.shuffle(i64x2.extmul_low_i32x4_u(x0, m0), i64x2.extmul_high_i32x4_u(x0, m0), 1, 3, 5, 7);
      const hi1 = i32x4.shuffle(i64x2.extmul_low_i32x4_u(x2, m1), i64x2.extmul_high_i32x4_u(x2, m1), 1, 3, 5, 7);
      const lo0 = i32x4.mul(x0, m0);
      const lo1 = i32x4.mul(x2, m1);
      x0 = v128.xor(v128.xor(hi1, x1), k0);
      x1 = lo1;
      x2 = v128.xor(v128.xor(hi0, x3), k1);
      x3 = lo0;
      k0 = i32x4.add(k0, i32x4.splat(W0));
      k1 = i32x4.add(k1, i32x4.splat(W1));
    }
    // word j of lane k keeps element 4(block + k) + j; transpose so that a vector is one block's four
    const q0 = keep(x0, threshold), q1 = keep(x1, threshold), q2 = keep(x2, threshold), q3 = keep(x3, threshold);
    const t0 = i32x4.shuffle(q0, q1, 0, 4, 1, 5), t1 = i32x4.shuffle(q2, q3, 0, 4, 1, 5);
    const t2 = i32x4.shuffle(q0, q1, 2, 6, 3, 7), t3 = i32x4.shuffle(q2, q3, 2, 6, 3, 7);
    e = putBlock(MASK, i32x4.shuffle(t0, t1, 0, 1, 4, 5), e, n, m, ld, seed, layer, iteration, threshold);
    e = putBlock(MASK, i32x4.shuffle(t0, t1, 2, 3, 6, 7), e, n, m, ld, seed, layer, iteration, threshold);
    e = putBlock(MASK, i32x4.shuffle(t2, t3, 0, 1, 4, 5), e, n, m, ld, seed, layer, iteration, threshold);
    e = putBlock(MASK, i32x4.shuffle(t2, t3, 2, 3, 6, 7), e, n, m, ld, seed, layer, iteration, threshold);
  }
  for (; block < end; block++) maskBlock(MASK, block, n, m, ld, seed, layer, iteration, threshold);
}

/** All-ones where (w >> 8)·2^-24 < threshold, lane by lane. */
@inline function keep(w: v128, threshold: f32): v128 {
  return f32x4.lt(f32x4.mul(f32x4.convert_i32x4_u(i32x4.shr_u(w, 8)), f32x4.splat(UNIT24)), f32x4.splat(threshold));
}

/**
 * Stores the masks `q` of the block starting at element e as one vector when its four elements lie
 * in one row, else draws that block again one element at a time; returns the next block's e.
 */
@inline function putBlock(MASK: usize, q: v128, e: i32, n: i32, m: i32, ld: i32, seed: u32, layer: u32, iteration: u32, threshold: f32): i32 {
  const row = e / m;
  const col = e - row * m;
  if (col + 4 <= m) v128.store(MASK + ((<usize>row * <usize>ld + <usize>col) << 2), q);
  else maskBlock(MASK, e >> 2, n, m, ld, seed, layer, iteration, threshold);
  return e + 4;
}

/** One Philox block's (up to) four elements, one by one: row ends and the last block. */
function maskBlock(MASK: usize, block: i32, n: i32, m: i32, ld: i32, seed: u32, layer: u32, iteration: u32, threshold: f32): void {
  let x0 = <u32>block, x1 = iteration, x2: u32 = 0, x3: u32 = 0;
  let k0 = seed, k1 = layer;
  for (let round = 0; round < 10; round++) {
    const p0 = <u64>M0 * <u64>x0;
    const p1 = <u64>M1 * <u64>x2;
    x0 = <u32>(p1 >> 32) ^ x1 ^ k0;
    x1 = <u32>p1;
    x2 = <u32>(p0 >> 32) ^ x3 ^ k1;
    x3 = <u32>p0;
    k0 += W0;
    k1 += W1;
  }
  for (let w = 0; w < 4; w++) {
    const e = block * 4 + w;
    if (e >= n) return;
    const word = w == 0 ? x0 : w == 1 ? x1 : w == 2 ? x2 : x3;
    const row = e / m;
    const col = e - row * m;
    store<u32>(MASK + ((<usize>row * <usize>ld + <usize>col) << 2), <f32>(word >> 8) * UNIT24 < threshold ? 0xffffffff : 0);
  }
}

/** X ← X·mask / keepProb over len floats (a multiple of 4): inverted dropout, forward on A and backward on dA. */
export function apply_mask(X: usize, MASK: usize, len: i32, keepProb: f32): void {
  const kp = f32x4.splat(keepProb);
  for (let o: usize = 0; o < (<usize>len << 2); o += 16) {
    v128.store(X + o, v128.and(f32x4.div(v128.load(X + o), kp), v128.load(MASK + o)));
  }
}

// ---- The output layer and the cost ---------------------------------------------------------------------

/** dZ_L = A_L − Y over the m real columns (σ output with cross-entropy); the pads stay zero. */
export function output_delta(AL: usize, Y: usize, dZ: usize, m: i32): void {
  for (let j = 0; j < m; j++) {
    const o = <usize>j << 2;
    store<f32>(dZ + o, load<f32>(AL + o) - load<f32>(Y + o));
  }
}

/** Σ_j cross-entropy of the logits Z_L against Y over the m real columns, in float64: max(z, 0) − z·y + log1p(e^−|z|). */
export function cross_entropy_sum(Z: usize, Y: usize, m: i32): f64 {
  let s: f64 = 0;
  for (let j = 0; j < m; j++) {
    const o = <usize>j << 2;
    const z = <f64>load<f32>(Z + o);
    const y = <f64>load<f32>(Y + o);
    s += (z > 0 ? z : 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
  }
  return s;
}
