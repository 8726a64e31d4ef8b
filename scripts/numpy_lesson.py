"""The lesson's own numpy code path, timed: the regularization notebook's forward pass (LINEAR→RELU
→ … → SIGMOID), its cost with the L2 term, its backward pass with L2 and inverted dropout, and its
update — written as the course writes them (np.dot, np.random.rand masks, float64) — on the lesson's
network and on [256, 256] × 4096. Prints one JSON object per line: {network, m, iterations,
ms_per_iteration, gflops}; scripts/cpu-vs-numpy.js runs it beside reglab's CPU reference.

    python3 scripts/numpy_lesson.py [--quick]
"""
import json
import sys
import time

import numpy as np


def moons(m, seed=1):
    """A two-moons set like reglab's built-in one (the timing does not depend on the exact points)."""
    rng = np.random.RandomState(seed)
    t = rng.rand(m) * np.pi
    y = (np.arange(m) % 2).astype(np.float64)
    x1 = np.where(y == 0, np.cos(t), 1 - np.cos(t)) + 0.2 * rng.randn(m)
    x2 = np.where(y == 0, np.sin(t), 0.5 - np.sin(t)) + 0.2 * rng.randn(m)
    return np.vstack([x1, x2]), y.reshape(1, m)


def initialize(dims, seed=3):
    np.random.seed(seed)
    params = {}
    for l in range(1, len(dims)):
        params["W" + str(l)] = np.random.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1])
        params["b" + str(l)] = np.zeros((dims[l], 1))
    return params


def forward(X, params, L, keep_prob):
    caches = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = np.dot(params["W" + str(l)], A) + params["b" + str(l)]
        if l < L:
            A = np.maximum(0, Z)
            if keep_prob < 1:
                D = np.random.rand(A.shape[0], A.shape[1]) < keep_prob
                A = A * D / keep_prob
                caches["D" + str(l)] = D
        else:
            A = 1 / (1 + np.exp(-Z))
        caches["Z" + str(l)] = Z
        caches["A" + str(l)] = A
    return A, caches


def cost(AL, Y, params, L, lambd):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(AL), Y) + np.multiply(-np.log(1 - AL), 1 - Y)
    c = 1.0 / m * np.nansum(logprobs)
    if lambd:
        c += lambd / (2 * m) * sum(np.sum(np.square(params["W" + str(l)])) for l in range(1, L + 1))
    return c


def backward(Y, params, caches, L, lambd, keep_prob):
    m = Y.shape[1]
    grads = {}
    dZ = caches["A" + str(L)] - Y
    for l in range(L, 0, -1):
        A_prev = caches["A" + str(l - 1)]
        grads["dW" + str(l)] = 1.0 / m * np.dot(dZ, A_prev.T) + lambd / m * params["W" + str(l)]
        grads["db" + str(l)] = 1.0 / m * np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA = np.dot(params["W" + str(l)].T, dZ)
            if keep_prob < 1:
                dA = dA * caches["D" + str(l - 1)] / keep_prob
            dZ = np.multiply(dA, np.int64(caches["A" + str(l - 1)] > 0))
    return grads


def flops(dims, m):
    """reglab's count: the three products only, 2 per multiply-add (src/bench/harness.ts)."""
    f = 0
    for l in range(1, len(dims)):
        f += 4 * m * dims[l] * (dims[l - 1] + 1)
        if l >= 2:
            f += 2 * m * dims[l] * dims[l - 1]
    return f


def run(hidden, m, iterations, lambd=0.7, keep_prob=0.86, lr=0.05):
    X, Y = moons(m)
    dims = [2] + hidden + [1]
    L = len(dims) - 1
    params = initialize(dims)
    np.random.seed(1)
    # one untimed iteration, then the timed ones
    for it in range(iterations + 1):
        if it == 1:
            started = time.perf_counter()
        AL, caches = forward(X, params, L, keep_prob)
        cost(AL, Y, params, L, lambd)
        grads = backward(Y, params, caches, L, lambd, keep_prob)
        for l in range(1, L + 1):
            params["W" + str(l)] -= lr * grads["dW" + str(l)]
            params["b" + str(l)] -= lr * grads["db" + str(l)]
    ms = (time.perf_counter() - started) * 1000 / iterations
    return {"network": hidden, "m": m, "iterations": iterations, "ms_per_iteration": ms, "gflops": flops(dims, m) / (ms * 1e6)}


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    for hidden, m, iterations in [([20, 3], 211, 300 if quick else 2000), ([256, 256], 4096, 2 if quick else 5)]:
        print(json.dumps(run(hidden, m, iterations)), flush=True)
