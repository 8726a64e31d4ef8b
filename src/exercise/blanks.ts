/**
 * The exercise's four JavaScript blanks: for each function of the notebook, the lesson's point in a
 * few lines, its formula, the skeleton with the notebook's names (blanks marked "your code"), a
 * hint per blank, the solution, and what the notebook prints as the expected output. The sources
 * are JavaScript over `np` (src/exercise/np.ts): `A.mul(B)` where numpy writes `A * B`.
 */
import type { JsExerciseName } from './test-cases';

export interface JsBlank {
  name: JsExerciseName;
  /** The call as the notebook writes it. */
  signature: string;
  explanation: string;
  formula: string;
  skeleton: string;
  /** One per blank, in the skeleton's order. */
  hints: string[];
  solution: string;
  /** What the notebook prints after the function, for the view (the check compares every output, not only these). */
  notebookOutput: string;
}

const COST_SKELETON = `function compute_cost_with_regularization(A3, Y, parameters, lambd) {
  const m = Y.shape[1];
  const W1 = parameters["W1"];
  const W2 = parameters["W2"];
  const W3 = parameters["W3"];

  const cross_entropy_cost = compute_cost(A3, Y); // the cross-entropy part of the cost

  // ── your code, blank 1 (≈ 1 line) ──
  const L2_regularization_cost = null;
  // ── end of your code ──

  const cost = cross_entropy_cost + L2_regularization_cost;
  return cost;
}
`;

const REG_BACKWARD_SKELETON = `function backward_propagation_with_regularization(X, Y, cache, lambd) {
  const m = X.shape[1];
  const [Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3] = cache;

  const dZ3 = A3.sub(Y);
  // ── your code, blank 1 (≈ 1 line) ──
  const dW3 = null;
  // ── end of your code ──
  const db3 = np.sum(dZ3, { axis: 1, keepdims: true }).mul(1 / m);

  const dA2 = np.dot(W3.T, dZ3);
  const dZ2 = np.multiply(dA2, np.int64(A2.gt(0)));
  // ── your code, blank 2 (≈ 1 line) ──
  const dW2 = null;
  // ── end of your code ──
  const db2 = np.sum(dZ2, { axis: 1, keepdims: true }).mul(1 / m);

  const dA1 = np.dot(W2.T, dZ2);
  const dZ1 = np.multiply(dA1, np.int64(A1.gt(0)));
  // ── your code, blank 3 (≈ 1 line) ──
  const dW1 = null;
  // ── end of your code ──
  const db1 = np.sum(dZ1, { axis: 1, keepdims: true }).mul(1 / m);

  return { dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 };
}
`;

const DROPOUT_FORWARD_SKELETON = `function forward_propagation_with_dropout(X, parameters, keep_prob = 0.5) {
  np.random.seed(1);

  const W1 = parameters["W1"];
  const b1 = parameters["b1"];
  const W2 = parameters["W2"];
  const b2 = parameters["b2"];
  const W3 = parameters["W3"];
  const b3 = parameters["b3"];

  // LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID
  const Z1 = np.dot(W1, X).add(b1);
  let A1 = relu(Z1);
  // ── your code, blank 1 (≈ 4 lines): steps 1–4 for A1 ──
  let D1 = null; // step 1: a random matrix of A1's shape; step 2: 1 where it is < keep_prob, else 0
  A1 = A1;       // step 3: shut down the units where D1 is 0; step 4: scale what stays
  // ── end of your code ──
  const Z2 = np.dot(W2, A1).add(b2);
  let A2 = relu(Z2);
  // ── your code, blank 2 (≈ 4 lines): the same for A2 ──
  let D2 = null;
  A2 = A2;
  // ── end of your code ──
  const Z3 = np.dot(W3, A2).add(b3);
  const A3 = sigmoid(Z3);

  const cache = [Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3];
  return [A3, cache];
}
`;

const DROPOUT_BACKWARD_SKELETON = `function backward_propagation_with_dropout(X, Y, cache, keep_prob) {
  const m = X.shape[1];
  const [Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3] = cache;

  const dZ3 = A3.sub(Y);
  const dW3 = np.dot(dZ3, A2.T).mul(1 / m);
  const db3 = np.sum(dZ3, { axis: 1, keepdims: true }).mul(1 / m);
  let dA2 = np.dot(W3.T, dZ3);
  // ── your code, blank 1 (≈ 2 lines) ──
  dA2 = dA2;
  // ── end of your code ──
  const dZ2 = np.multiply(dA2, np.int64(A2.gt(0)));
  const dW2 = np.dot(dZ2, A1.T).mul(1 / m);
  const db2 = np.sum(dZ2, { axis: 1, keepdims: true }).mul(1 / m);

  let dA1 = np.dot(W2.T, dZ2);
  // ── your code, blank 2 (≈ 2 lines) ──
  dA1 = dA1;
  // ── end of your code ──
  const dZ1 = np.multiply(dA1, np.int64(A1.gt(0)));
  const dW1 = np.dot(dZ1, X.T).mul(1 / m);
  const db1 = np.sum(dZ1, { axis: 1, keepdims: true }).mul(1 / m);

  return { dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1 };
}
`;

/** The skeleton with each blank line replaced: the solution reads as the student's finished work. */
function filled(skeleton: string, blanks: [string, string][]): string {
  let out = skeleton;
  for (const [from, to] of blanks) {
    if (!out.includes(from)) throw new Error(`solution: the skeleton has no ${JSON.stringify(from)}`);
    out = out.replace(from, to);
  }
  return out;
}

export const JS_BLANKS: readonly JsBlank[] = [
  {
    name: 'compute_cost_with_regularization',
    signature: 'compute_cost_with_regularization(A3, Y, parameters, lambd)',
    explanation: 'L2 regularization adds the squared size of every weight to the cost. Large weights now cost more, so '
      + 'gradient descent settles for smaller ones: a smoother model that bends less around single training points. '
      + 'The biases are not regularized, and λ (lambd: "lambda" is a reserved word in Python) sets how much the penalty weighs.',
    formula: 'J_regularized = J_cross-entropy + (1/m) · (λ/2) · Σ_l Σ_k Σ_j (W[l]_kj)²',
    skeleton: COST_SKELETON,
    hints: [
      'np.sum(np.square(W1)) is Σ_k Σ_j (W1_kj)²: add the three layers\' sums, then multiply by (1 / m) * (lambd / 2). The sums are numbers, so * works on them.',
    ],
    solution: filled(COST_SKELETON, [[
      'const L2_regularization_cost = null;',
      'const L2_regularization_cost = (1 / m) * (lambd / 2) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)));',
    ]]),
    notebookOutput: 'cost = 1.78648594516',
  },
  {
    name: 'backward_propagation_with_regularization',
    signature: 'backward_propagation_with_regularization(X, Y, cache, lambd)',
    explanation: 'The cost changed, so its gradient changes — for the weights only: the derivative of (λ/2m)·W² is (λ/m)·W. '
      + 'Add it to each dW; db, dZ and dA stay what they were. Each update now also shrinks every weight a little toward 0 '
      + '("weight decay").',
    formula: 'dW[l] = (1/m) · dZ[l] · A[l−1]ᵀ + (λ/m) · W[l]      (A[0] = X)',
    skeleton: REG_BACKWARD_SKELETON,
    hints: [
      'Without regularization dW3 is np.dot(dZ3, A2.T).mul(1 / m). Add W3.mul(lambd / m) with .add(…).',
      'The same for layer 2: its input is A1, and the penalty term uses W2.',
      'The same for layer 1: its input is X.',
    ],
    solution: filled(REG_BACKWARD_SKELETON, [
      ['const dW3 = null;', 'const dW3 = np.dot(dZ3, A2.T).mul(1 / m).add(W3.mul(lambd / m));'],
      ['const dW2 = null;', 'const dW2 = np.dot(dZ2, A1.T).mul(1 / m).add(W2.mul(lambd / m));'],
      ['const dW1 = null;', 'const dW1 = np.dot(dZ1, X.T).mul(1 / m).add(W1.mul(lambd / m));'],
    ]),
    notebookOutput: 'dW1 = [[-0.25604646  0.12298827 -0.28297129]\n       [-0.17706303  0.34536094 -0.4410571 ]]\n'
      + 'dW2 = [[ 0.79276486  0.85133918]\n       [-0.0957219  -0.01720463]\n       [-0.13100772 -0.03750433]]\n'
      + 'dW3 = [[-1.77691347 -0.11832879 -0.09397446]]',
  },
  {
    name: 'forward_propagation_with_dropout',
    signature: 'forward_propagation_with_dropout(X, parameters, keep_prob)',
    explanation: 'Dropout shuts down each hidden unit with probability 1 − keep_prob, so no unit can rely on any other. '
      + 'Per hidden layer, four steps: a random matrix D the shape of A; D = (D < keep_prob) as 1/0; A = A · D; '
      + 'A = A / keep_prob, so the expected value of A stays what it was ("inverted dropout"; prediction then needs no dropout). '
      + 'Not on the input or the output layer. The notebook seeds np.random with 1 at the top, so every pass draws the same masks.',
    formula: 'D[l] = (rand(shape of A[l]) < keep_prob);   A[l] ← A[l] ⊙ D[l] / keep_prob      (l = 1, 2)',
    skeleton: DROPOUT_FORWARD_SKELETON,
    hints: [
      'np.random.rand(A1.shape[0], A1.shape[1]) is step 1; .lt(keep_prob).astype("int64") makes step 2\'s 1/0 mask; '
        + 'A1.mul(D1) is step 3 and .div(keep_prob) step 4. Draw D1 after A1 is computed: the order of draws is the notebook\'s.',
      'The same four steps for A2 with D2 = np.random.rand(A2.shape[0], A2.shape[1]).',
    ],
    solution: filled(DROPOUT_FORWARD_SKELETON, [
      ['  let D1 = null; // step 1: a random matrix of A1\'s shape; step 2: 1 where it is < keep_prob, else 0\n'
        + '  A1 = A1;       // step 3: shut down the units where D1 is 0; step 4: scale what stays\n',
      '  let D1 = np.random.rand(A1.shape[0], A1.shape[1]); // step 1\n  D1 = D1.lt(keep_prob).astype("int64");             // step 2\n'
        + '  A1 = A1.mul(D1);                                   // step 3\n  A1 = A1.div(keep_prob);                            // step 4\n'],
      ['  let D2 = null;\n  A2 = A2;\n',
        '  let D2 = np.random.rand(A2.shape[0], A2.shape[1]);\n  D2 = D2.lt(keep_prob).astype("int64");\n  A2 = A2.mul(D2);\n  A2 = A2.div(keep_prob);\n'],
    ]),
    notebookOutput: 'A3 = [[ 0.36974721  0.00305176  0.04565099  0.49683389  0.36974721]]',
  },
  {
    name: 'backward_propagation_with_dropout',
    signature: 'backward_propagation_with_dropout(X, Y, cache, keep_prob)',
    explanation: 'A unit shut down in the forward pass did not touch the cost, so its gradient is 0: apply the same mask D '
      + 'to dA, and the same scale 1 / keep_prob, since the forward pass divided A by keep_prob.',
    formula: 'dA[l] ← dA[l] ⊙ D[l] / keep_prob      (l = 2, then 1)',
    skeleton: DROPOUT_BACKWARD_SKELETON,
    hints: [
      'dA2 = dA2.mul(D2) shuts down the same units as in the forward pass; then dA2 = dA2.div(keep_prob).',
      'The same for dA1 with D1.',
    ],
    solution: filled(DROPOUT_BACKWARD_SKELETON, [
      ['  dA2 = dA2;\n', '  dA2 = dA2.mul(D2);       // the forward pass\'s mask\n  dA2 = dA2.div(keep_prob); // and its scale\n'],
      ['  dA1 = dA1;\n', '  dA1 = dA1.mul(D1);\n  dA1 = dA1.div(keep_prob);\n'],
    ]),
    notebookOutput: 'dA1 = [[ 0.36544439  0.         -0.00188233  0.         -0.17408748]\n       [ 0.65515713  0.         -0.00337459  0.         -0.        ]]\n'
      + 'dA2 = [[ 0.58180856  0.         -0.00299679  0.         -0.27715731]\n       [ 0.          0.53159854 -0.          0.53159854 -0.34089673]\n'
      + '       [ 0.          0.         -0.00292733  0.         -0.        ]]',
  },
];

export function jsBlank(name: string): JsBlank | undefined {
  return JS_BLANKS.find((b) => b.name === name);
}
