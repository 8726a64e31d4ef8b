/**
 * The lesson's test cases (the notebook's testCases.py), made as it makes them: `np.random.seed(1)`
 * and `np.random.randn` in its order — reglab's MT19937 is numpy's stream bit for bit — and, for the
 * two backward passes, the cache the notebook writes out as literal arrays (8 decimals), so the
 * expected outputs are the notebook's own. Each call builds fresh arrays: student code may change
 * what it is given without spoiling the next check.
 */
import { makeNp, NDArray } from './np';
import type { Parameters } from './reg-utils';
import type { JsExerciseName } from './names';

export type { JsExerciseName };

const Y_ASSESS = [[1, 1, 0, 1, 0]];

/** The A3 the cost test case gives (the notebook's literal). */
const A3_COST = [[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]];

/** The notebook's seed-1 parameters of shapes (2,3) (2,1) (3,2) (3,1) (1,3) (1,1), after X = randn(3, 5) when `withX`. */
function seededParameters(withX: boolean): { X: NDArray | null; parameters: Parameters } {
  const np = makeNp();
  np.random.seed(1);
  const X = withX ? np.random.randn(3, 5) as NDArray : null;
  const draw = (r: number, c: number) => np.random.randn(r, c) as NDArray;
  const W1 = draw(2, 3), b1 = draw(2, 1), W2 = draw(3, 2), b2 = draw(3, 1), W3 = draw(1, 3), b3 = draw(1, 1);
  return { X, parameters: { W1, b1, W2, b2, W3, b3 } };
}

const a = (rows: number[][]) => makeNp().array(rows);
const mask = (rows: number[][]) => makeNp().array(rows, 'bool');
function xAssess(): NDArray {
  const np = makeNp();
  np.random.seed(1);
  return np.random.randn(3, 5) as NDArray;
}

// the cache of backward_propagation_with_regularization_test_case: (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
const W1_CACHE = [[-1.09989127, -0.17242821, -0.87785842], [0.04221375, 0.58281521, -1.10061918]];
const B1_CACHE = [[1.14472371], [0.90159072]];
const W2_CACHE = [[0.50249434, 0.90085595], [-0.68372786, -0.12289023], [-0.93576943, -0.26788808]];
const B2_CACHE = [[0.53035547], [-0.69166075], [-0.39675353]];
const W3_CACHE = [[-0.6871727, -0.84520564, -0.67124613]];
const B3_CACHE = [[-0.0126646]];
const Z1_CACHE = [[-1.52855314, 3.32524635, 2.13994541, 2.60700654, -0.75942115], [-1.98043538, 4.1600994, 0.79051021, 1.46493512, -0.45506242]];

function regularizationCache(): NDArray[] {
  return [
    a(Z1_CACHE),
    a([[0, 3.32524635, 2.13994541, 2.60700654, 0], [0, 4.1600994, 0.79051021, 1.46493512, 0]]),
    a(W1_CACHE), a(B1_CACHE),
    a([[0.53035547, 5.94892323, 2.31780174, 3.16005701, 0.53035547], [-0.69166075, -3.47645987, -2.25194702, -2.65416996, -0.69166075],
      [-0.39675353, -4.62285846, -2.61101729, -3.22874921, -0.39675353]]),
    a([[0.53035547, 5.94892323, 2.31780174, 3.16005701, 0.53035547], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]),
    a(W2_CACHE), a(B2_CACHE),
    a([[-0.3771104, -4.10060224, -1.60539468, -2.18416951, -0.3771104]]),
    a([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]]),
    a(W3_CACHE), a(B3_CACHE),
  ];
}

// the cache of backward_propagation_with_dropout_test_case: (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
function dropoutCache(): NDArray[] {
  return [
    a(Z1_CACHE),
    mask([[1, 0, 1, 1, 1], [1, 1, 1, 1, 0]]),
    a([[0, 0, 4.27989081, 5.21401307, 0], [0, 8.32019881, 1.58102041, 2.92987024, 0]]),
    a(W1_CACHE), a(B1_CACHE),
    a([[0.53035547, 8.02565606, 4.10524802, 5.78975856, 0.53035547], [-0.69166075, -1.71413186, -3.81223329, -4.61667916, -0.69166075],
      [-0.39675353, -2.62563561, -4.82528105, -6.0607449, -0.39675353]]),
    mask([[1, 0, 1, 0, 1], [0, 1, 0, 1, 1], [0, 0, 1, 0, 0]]),
    a([[1.06071093, 0, 8.21049603, 0, 1.06071093], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]),
    a(W2_CACHE), a(B2_CACHE),
    a([[-0.7415562, -0.0126646, -5.65469333, -0.0126646, -0.7415562]]),
    a([[0.32266394, 0.49683389, 0.00348883, 0.49683389, 0.32266394]]),
    a(W3_CACHE), a(B3_CACHE),
  ];
}

export interface TestCase {
  /** The arguments, in the function's order. */
  args: unknown[];
  /** How the check's page describes them. */
  describe: string;
}

export const TEST_CASES = {
  compute_cost_with_regularization: (): TestCase => ({
    args: [a(A3_COST), a(Y_ASSESS), seededParameters(false).parameters, 0.1],
    describe: 'np.random.seed(1); Y = [[1, 1, 0, 1, 0]]; W1 = randn(2, 3), b1 = randn(2, 1), W2 = randn(3, 2), b2 = randn(3, 1), W3 = randn(1, 3), b3 = randn(1, 1); A3 = the notebook\'s 1 × 5; lambd = 0.1',
  }),
  backward_propagation_with_regularization: (): TestCase => ({
    args: [xAssess(), a(Y_ASSESS), regularizationCache(), 0.7],
    describe: 'np.random.seed(1); X = randn(3, 5); Y = [[1, 1, 0, 1, 0]]; the notebook\'s cache (Z1, A1, W1, b1, …, W3, b3); lambd = 0.7',
  }),
  forward_propagation_with_dropout: (): TestCase => {
    const { X, parameters } = seededParameters(true);
    return {
      args: [X, parameters, 0.7],
      describe: 'np.random.seed(1); X = randn(3, 5); W1 = randn(2, 3), b1 = randn(2, 1), W2 = randn(3, 2), b2 = randn(3, 1), W3 = randn(1, 3), b3 = randn(1, 1); keep_prob = 0.7',
    };
  },
  backward_propagation_with_dropout: (): TestCase => ({
    args: [xAssess(), a(Y_ASSESS), dropoutCache(), 0.8],
    describe: 'np.random.seed(1); X = randn(3, 5); Y = [[1, 1, 0, 1, 0]]; the notebook\'s cache (Z1, D1, A1, W1, b1, …, W3, b3); keep_prob = 0.8',
  }),
} as const satisfies Record<JsExerciseName, () => TestCase>;
