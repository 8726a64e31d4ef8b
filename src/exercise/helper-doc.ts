/**
 * The helper's reference, as the exercise view shows it: what the student can write, and how it
 * maps to the notebook's numpy. One place, so the view and docs/page.md say the same.
 */
export const HELPER_REFERENCE: readonly (readonly [string, string])[] = [
  ['np.dot(A, B)', 'the matrix product'],
  ['np.sum(A)', 'the sum of every element, a number'],
  ['np.sum(A, { axis: 1, keepdims: true })', 'row sums, a column (n × 1); axis: 0 gives column sums, a row. Every array is 2-D, so an axis sum always keeps its axis'],
  ['np.square(A), np.exp, np.log, np.sqrt, np.abs', 'element by element (numbers work too)'],
  ['np.multiply(A, B), np.divide, np.add, np.subtract, np.maximum, np.minimum', 'element by element, broadcasting as numpy does: an (n × 1) column or a (1 × m) row stretches, a number stretches to any shape'],
  ['A.add(B), A.sub(B), A.mul(B), A.div(B), A.neg()', 'the same as methods: numpy\'s A * D1 / keep_prob is A.mul(D1).div(keep_prob)'],
  ['A.lt(x), A.le(x), A.gt(x), A.ge(x), A.eq(x), A.ne(x)', 'comparisons: a True/False mask, numpy\'s A < x'],
  ['np.int64(mask), mask.astype("int64")', 'True/False as 1/0'],
  ['A.T, A.shape, A.get(i, j), A.tolist()', 'the transpose; [rows, cols] (so m = X.shape[1]); one element; the rows as lists'],
  ['np.random.seed(s), np.random.rand(r, c), np.random.randn(r, c)', 'numpy\'s own random stream (MT19937, bit for bit): the numbers the notebook draws'],
  ['np.array([[1, 1, 0]]), np.zeros(r, c), np.ones(r, c)', 'new arrays'],
  ['relu(Z), sigmoid(Z), compute_cost(A3, Y)', 'the notebook\'s reg_utils'],
  ['print(x, …)', 'shown under the check, numpy style'],
  ['A * B, A + 1, A > 0 on arrays', 'a TypeError that says what to write instead: JavaScript has no operators for arrays. On numbers (m, lambd, keep_prob, np.sum(…)) + − * / work as usual'],
  ['const [Z1, A1, …] = cache;  return [A3, cache];', 'Python\'s tuples are lists'],
  ['parameters["W1"];  return { dW1, db1, … };', 'Python\'s dictionaries are objects'],
];
