/**
 * The CPU reference's three products in float64, register-tiled: each output element is summed in
 * exactly the order of the plain loops in ops.ts (the same terms, left to right, from 0), so results
 * are bit for bit those of the plain loops — only the loop nest changes. A 4 × 4 block of outputs
 * lives in locals while the shared dimension streams past, so each load feeds four multiply-adds
 * instead of one; columns go in slabs of SLAB so the slab of the streamed operand stays in cache
 * while every row block passes over it. Edges (sizes not multiples of 4) take the plain order.
 */

/** Columns per slab: 256 doubles × the shared dimension stays within a core's L2 for the lesson's sizes and [256, 256]. */
const SLAB = 256;

/** Z = W·A + b: Z[i,j] = ((0 + W[i,0]·A[0,j]) + W[i,1]·A[1,j]) + … + b[i]. W (n × k), A (k × m), Z (n × m). */
export function forward64(W: Float64Array, A: Float64Array, b: Float64Array, Z: Float64Array, n: number, k: number, m: number): void {
  for (let j0 = 0; j0 < m; j0 += SLAB) {
    const jEnd = Math.min(m, j0 + SLAB);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const w0 = i * k, w1 = w0 + k, w2 = w1 + k, w3 = w2 + k;
      let j = j0;
      for (; j + 4 <= jEnd; j += 4) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (let p = 0, a = j; p < k; p++, a += m) {
          const a0 = A[a], a1 = A[a + 1], a2 = A[a + 2], a3 = A[a + 3];
          const x0 = W[w0 + p], x1 = W[w1 + p], x2 = W[w2 + p], x3 = W[w3 + p];
          c00 += x0 * a0; c01 += x0 * a1; c02 += x0 * a2; c03 += x0 * a3;
          c10 += x1 * a0; c11 += x1 * a1; c12 += x1 * a2; c13 += x1 * a3;
          c20 += x2 * a0; c21 += x2 * a1; c22 += x2 * a2; c23 += x2 * a3;
          c30 += x3 * a0; c31 += x3 * a1; c32 += x3 * a2; c33 += x3 * a3;
        }
        const b0 = b[i], b1 = b[i + 1], b2 = b[i + 2], b3 = b[i + 3];
        let z = i * m + j;
        Z[z] = c00 + b0; Z[z + 1] = c01 + b0; Z[z + 2] = c02 + b0; Z[z + 3] = c03 + b0;
        z += m;
        Z[z] = c10 + b1; Z[z + 1] = c11 + b1; Z[z + 2] = c12 + b1; Z[z + 3] = c13 + b1;
        z += m;
        Z[z] = c20 + b2; Z[z + 1] = c21 + b2; Z[z + 2] = c22 + b2; Z[z + 3] = c23 + b2;
        z += m;
        Z[z] = c30 + b3; Z[z + 1] = c31 + b3; Z[z + 2] = c32 + b3; Z[z + 3] = c33 + b3;
      }
      for (let r = i; r < i + 4; r++) forwardCells(W, A, b, Z, r, j, jEnd, k, m);
    }
    for (; i < n; i++) forwardCells(W, A, b, Z, i, j0, jEnd, k, m);
  }
}

function forwardCells(W: Float64Array, A: Float64Array, b: Float64Array, Z: Float64Array, i: number, from: number, to: number, k: number, m: number): void {
  for (let j = from; j < to; j++) {
    let c = 0;
    for (let p = 0; p < k; p++) c += W[i * k + p] * A[p * m + j];
    Z[i * m + j] = c + b[i];
  }
}

/** G[i,p] = Σ_j dZ[i,j]·A[p,j], j ascending from 0 (the weight gradient before scaling). dZ (n × m), A (k × m), G (n × k). */
export function gradient64(dZ: Float64Array, A: Float64Array, G: Float64Array, n: number, k: number, m: number): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const d0 = i * m, d1 = d0 + m, d2 = d1 + m, d3 = d2 + m;
    let p = 0;
    for (; p + 4 <= k; p += 4) {
      const a0 = p * m, a1 = a0 + m, a2 = a1 + m, a3 = a2 + m;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let j = 0; j < m; j++) {
        const y0 = A[a0 + j], y1 = A[a1 + j], y2 = A[a2 + j], y3 = A[a3 + j];
        const x0 = dZ[d0 + j], x1 = dZ[d1 + j], x2 = dZ[d2 + j], x3 = dZ[d3 + j];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      let g = i * k + p;
      G[g] = c00; G[g + 1] = c01; G[g + 2] = c02; G[g + 3] = c03;
      g += k;
      G[g] = c10; G[g + 1] = c11; G[g + 2] = c12; G[g + 3] = c13;
      g += k;
      G[g] = c20; G[g + 1] = c21; G[g + 2] = c22; G[g + 3] = c23;
      g += k;
      G[g] = c30; G[g + 1] = c31; G[g + 2] = c32; G[g + 3] = c33;
    }
    for (let r = i; r < i + 4; r++) gradientCells(dZ, A, G, r, p, k, m);
  }
  for (; i < n; i++) gradientCells(dZ, A, G, i, 0, k, m);
}

function gradientCells(dZ: Float64Array, A: Float64Array, G: Float64Array, i: number, from: number, k: number, m: number): void {
  for (let p = from; p < k; p++) {
    let c = 0;
    for (let j = 0; j < m; j++) c += dZ[i * m + j] * A[p * m + j];
    G[i * k + p] = c;
  }
}

/** dA[p,j] = Σ_i W[i,p]·dZ[i,j], i ascending from 0. W (n × k), dZ (n × m), dA (k × m). */
export function backInput64(W: Float64Array, dZ: Float64Array, dA: Float64Array, n: number, k: number, m: number): void {
  for (let j0 = 0; j0 < m; j0 += SLAB) {
    const jEnd = Math.min(m, j0 + SLAB);
    let p = 0;
    for (; p + 4 <= k; p += 4) {
      let j = j0;
      for (; j + 4 <= jEnd; j += 4) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (let i = 0, w = p, d = j; i < n; i++, w += k, d += m) {
          const x0 = W[w], x1 = W[w + 1], x2 = W[w + 2], x3 = W[w + 3];
          const y0 = dZ[d], y1 = dZ[d + 1], y2 = dZ[d + 2], y3 = dZ[d + 3];
          c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
          c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
          c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
          c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
        }
        let a = p * m + j;
        dA[a] = c00; dA[a + 1] = c01; dA[a + 2] = c02; dA[a + 3] = c03;
        a += m;
        dA[a] = c10; dA[a + 1] = c11; dA[a + 2] = c12; dA[a + 3] = c13;
        a += m;
        dA[a] = c20; dA[a + 1] = c21; dA[a + 2] = c22; dA[a + 3] = c23;
        a += m;
        dA[a] = c30; dA[a + 1] = c31; dA[a + 2] = c32; dA[a + 3] = c33;
      }
      for (let r = p; r < p + 4; r++) backInputCells(W, dZ, dA, r, j, jEnd, n, k, m);
    }
    for (; p < k; p++) backInputCells(W, dZ, dA, p, j0, jEnd, n, k, m);
  }
}

function backInputCells(W: Float64Array, dZ: Float64Array, dA: Float64Array, p: number, from: number, to: number, n: number, k: number, m: number): void {
  for (let j = from; j < to; j++) {
    let c = 0;
    for (let i = 0; i < n; i++) c += W[i * k + p] * dZ[i * m + j];
    dA[p * m + j] = c;
  }
}
