"""The exercise's test cases and expected outputs, restated in numpy (independently of the TypeScript
helper): the notebook's testCases.py inputs — np.random.seed(1) and randn in its order, the literal
caches of the two backward cases — and the four functions written as the notebook's solutions are.
Writes test/fixtures/exercise_expected.json, which test/exercise.test.ts compares with what the
page's sandbox computes (src/exercise/).

    python3 scripts/exercise_expected.py
"""
import json
import os

import numpy as np


def relu(x):
    return np.maximum(0, x)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def compute_cost(a3, Y):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1.0 / m * np.nansum(logprobs)


def seeded(with_x):
    np.random.seed(1)
    X = np.random.randn(3, 5) if with_x else None
    shapes = [("W1", (2, 3)), ("b1", (2, 1)), ("W2", (3, 2)), ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1))]
    return X, {k: np.random.randn(*s) for k, s in shapes}


Y = np.array([[1, 1, 0, 1, 0]])
A3_COST = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
W1 = np.array([[-1.09989127, -0.17242821, -0.87785842], [0.04221375, 0.58281521, -1.10061918]])
b1 = np.array([[1.14472371], [0.90159072]])
W2 = np.array([[0.50249434, 0.90085595], [-0.68372786, -0.12289023], [-0.93576943, -0.26788808]])
b2 = np.array([[0.53035547], [-0.69166075], [-0.39675353]])
W3 = np.array([[-0.6871727, -0.84520564, -0.67124613]])
b3 = np.array([[-0.0126646]])
Z1 = np.array([[-1.52855314, 3.32524635, 2.13994541, 2.60700654, -0.75942115],
               [-1.98043538, 4.1600994, 0.79051021, 1.46493512, -0.45506242]])
REG_CACHE = (
    Z1, np.array([[0, 3.32524635, 2.13994541, 2.60700654, 0], [0, 4.1600994, 0.79051021, 1.46493512, 0]]), W1, b1,
    np.array([[0.53035547, 5.94892323, 2.31780174, 3.16005701, 0.53035547],
              [-0.69166075, -3.47645987, -2.25194702, -2.65416996, -0.69166075],
              [-0.39675353, -4.62285846, -2.61101729, -3.22874921, -0.39675353]]),
    np.array([[0.53035547, 5.94892323, 2.31780174, 3.16005701, 0.53035547], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]), W2, b2,
    np.array([[-0.3771104, -4.10060224, -1.60539468, -2.18416951, -0.3771104]]),
    np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]]), W3, b3)
DROP_CACHE = (
    Z1, np.array([[True, False, True, True, True], [True, True, True, True, False]]),
    np.array([[0, 0, 4.27989081, 5.21401307, 0], [0, 8.32019881, 1.58102041, 2.92987024, 0]]), W1, b1,
    np.array([[0.53035547, 8.02565606, 4.10524802, 5.78975856, 0.53035547],
              [-0.69166075, -1.71413186, -3.81223329, -4.61667916, -0.69166075],
              [-0.39675353, -2.62563561, -4.82528105, -6.0607449, -0.39675353]]),
    np.array([[True, False, True, False, True], [False, True, False, True, True], [False, False, True, False, False]]),
    np.array([[1.06071093, 0, 8.21049603, 0, 1.06071093], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]), W2, b2,
    np.array([[-0.7415562, -0.0126646, -5.65469333, -0.0126646, -0.7415562]]),
    np.array([[0.32266394, 0.49683389, 0.00348883, 0.49683389, 0.32266394]]), W3, b3)


def cost_with_l2(A3, Y, p, lambd):
    m = Y.shape[1]
    l2 = 1.0 / m * lambd / 2 * (np.sum(np.square(p["W1"])) + np.sum(np.square(p["W2"])) + np.sum(np.square(p["W3"])))
    return compute_cost(A3, Y) + l2


def backward(X, Y, cache, lambd=0.0, keep_prob=None):
    m = X.shape[1]
    if keep_prob is None:
        Z1_, A1, W1_, _, Z2_, A2, W2_, _, Z3_, A3, W3_, _ = cache
    else:
        Z1_, D1, A1, W1_, _, Z2_, D2, A2, W2_, _, Z3_, A3, W3_, _ = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T) + lambd / m * W3_
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3_.T, dZ3)
    if keep_prob is not None:
        dA2 = dA2 * D2 / keep_prob
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) + lambd / m * W2_
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2_.T, dZ2)
    if keep_prob is not None:
        dA1 = dA1 * D1 / keep_prob
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T) + lambd / m * W1_
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    return dict(dZ3=dZ3, dW3=dW3, db3=db3, dA2=dA2, dZ2=dZ2, dW2=dW2, db2=db2, dA1=dA1, dZ1=dZ1, dW1=dW1, db1=db1)


def forward_dropout(X, p, keep_prob):
    np.random.seed(1)
    Z1_ = np.dot(p["W1"], X) + p["b1"]
    A1 = relu(Z1_)
    D1 = (np.random.rand(A1.shape[0], A1.shape[1]) < keep_prob).astype(int)
    A1 = A1 * D1 / keep_prob
    Z2_ = np.dot(p["W2"], A1) + p["b2"]
    A2 = relu(Z2_)
    D2 = (np.random.rand(A2.shape[0], A2.shape[1]) < keep_prob).astype(int)
    A2 = A2 * D2 / keep_prob
    A3 = sigmoid(np.dot(p["W3"], A2) + p["b3"])
    return dict(D1=D1, A1=A1, D2=D2, A2=A2, A3=A3)


def lists(d):
    return {k: np.asarray(v, dtype=float).tolist() for k, v in d.items()}


def main():
    _, p_cost = seeded(False)
    X, p_drop = seeded(True)
    out = {
        "seeded_X": X.tolist(),
        "seeded_parameters": lists(p_drop),
        "compute_cost_with_regularization": {"cost": float(cost_with_l2(A3_COST, Y, p_cost, 0.1))},
        "backward_propagation_with_regularization": lists(backward(X, Y, REG_CACHE, lambd=0.7)),
        "forward_propagation_with_dropout": lists(forward_dropout(X, p_drop, 0.7)),
        "backward_propagation_with_dropout": lists(backward(X, Y, DROP_CACHE, keep_prob=0.8)),
    }
    path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "exercise_expected.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(path)


if __name__ == "__main__":
    main()
