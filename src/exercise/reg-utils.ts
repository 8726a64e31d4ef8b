/**
 * The notebook's reg_utils, in the exercise's JavaScript: the helpers the four functions call
 * (relu, sigmoid, compute_cost) and the non-regularized model's own forward pass, backward pass and
 * update, which the model uses where no student function applies. Written over `np` as the notebook
 * writes them (`1./m * np.dot(dZ3, A2.T)`), so a run with the solutions updates the weights with the
 * CPU reference's very operations: the products sum in the same order (np.ts), and 1/m, λ/m and
 * the dropout division are the reference's (src/reference/ops.ts).
 */
import { NDArray, type Np } from './np';

export type Parameters = Record<string, NDArray>;
export type Grads = Record<string, NDArray>;

export function makeRegUtils(np: Np) {
  const arr = (v: NDArray | number) => v as NDArray;
  /** 1 / (1 + e^−x), element-wise. */
  const sigmoid = (x: NDArray) => arr(np.divide(1, np.add(1, np.exp(x.neg()))));
  /** max(0, x), element-wise. */
  const relu = (x: NDArray) => arr(np.maximum(0, x));

  /** The mean cross-entropy −(1/m) Σ (y·log a + (1 − y)·log(1 − a)); log(0)·0 terms are skipped, as np.nansum skips them. */
  function compute_cost(a3: NDArray, Y: NDArray): number {
    const m = Y.shape[1];
    const logprobs = arr(np.multiply(arr(np.log(a3)).neg(), Y)).add(np.multiply(arr(np.log(np.subtract(1, a3))).neg(), np.subtract(1, Y)));
    return (1 / m) * (np.nansum(logprobs) as number);
  }

  /** LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID, without dropout. */
  function forward_propagation(X: NDArray, parameters: Parameters): [NDArray, NDArray[]] {
    const { W1, b1, W2, b2, W3, b3 } = parameters;
    const Z1 = arr(np.dot(W1, X)).add(b1);
    const A1 = relu(Z1);
    const Z2 = arr(np.dot(W2, A1)).add(b2);
    const A2 = relu(Z2);
    const Z3 = arr(np.dot(W3, A2)).add(b3);
    const A3 = sigmoid(Z3);
    return [A3, [Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3]];
  }

  /** The gradients of the cross-entropy, without regularization. */
  function backward_propagation(X: NDArray, Y: NDArray, cache: NDArray[]): Grads {
    const m = X.shape[1];
    const [, A1, , , , A2, W2, , , A3, W3] = cache;
    const dZ3 = A3.sub(Y);
    const dW3 = arr(np.dot(dZ3, A2.T)).mul(1 / m);
    const db3 = arr(np.sum(dZ3, { axis: 1, keepdims: true })).mul(1 / m);
    const dA2 = arr(np.dot(W3.T, dZ3));
    const dZ2 = arr(np.multiply(dA2, np.int64(A2.gt(0))));
    const dW2 = arr(np.dot(dZ2, A1.T)).mul(1 / m);
    const db2 = arr(np.sum(dZ2, { axis: 1, keepdims: true })).mul(1 / m);
    const dA1 = arr(np.dot(W2.T, dZ2));
    const dZ1 = arr(np.multiply(dA1, np.int64(A1.gt(0))));
    const dW1 = arr(np.dot(dZ1, X.T)).mul(1 / m);
    const db1 = arr(np.sum(dZ1, { axis: 1, keepdims: true })).mul(1 / m);
    return { dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 };
  }

  /** W ← W − α·dW, b ← b − α·db for every layer. */
  function update_parameters(parameters: Parameters, grads: Grads, learning_rate: number): Parameters {
    const out: Parameters = {};
    const L = Object.keys(parameters).length / 2;
    for (let k = 1; k <= L; k++) {
      out[`W${k}`] = parameters[`W${k}`].sub(grads[`dW${k}`].mul(learning_rate));
      out[`b${k}`] = parameters[`b${k}`].sub(grads[`db${k}`].mul(learning_rate));
    }
    return out;
  }

  return { sigmoid, relu, compute_cost, forward_propagation, backward_propagation, update_parameters };
}

export type RegUtils = ReturnType<typeof makeRegUtils>;
