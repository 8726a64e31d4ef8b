"""The lesson's own numpy code path: the regularization notebook's forward pass (LINEAR→RELU → … →
SIGMOID), its cost with the L2 term, its backward pass with L2 and inverted dropout, and its update —
written as the course writes them (np.dot, np.random.rand masks, float64) — with an L1 term beside
L2 (cost + λ₁/m·Σ|W|, dW + λ₁/m·sign(W)) and reglab's Philox dropout masks as an alternative to
np.random.rand.

    python3 scripts/numpy_lesson.py [--quick]
        times it on the lesson's network and on [256, 256] × 4096; prints one JSON object per line:
        {network, m, iterations, ms_per_iteration, gflops} (scripts/cpu-vs-numpy.js runs it beside
        reglab's CPU reference)
    python3 scripts/numpy_lesson.py --l1-fixture test/fixtures/l1_vectors.json
        writes the L1 fixture: the lesson's model trained on the fixture data with L1 alone and with
        L1 + L2 + Philox dropout (test/fixtures/README.md)
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


MASK32 = 0xFFFFFFFF


def philox4x32_10(c0, c1, c2, c3, k0, k1):
    """Philox4x32-10 (Random123) over arrays of counters, in uint64 arithmetic taken mod 2^32."""
    c = [np.asarray(x, dtype=np.uint64) & MASK32 for x in (c0, c1, c2, c3)]
    k = [np.uint64(k0), np.uint64(k1)]
    for _ in range(10):
        p0 = np.uint64(0xD2511F53) * c[0]
        p1 = np.uint64(0xCD9E8D57) * c[2]
        c = [((p1 >> np.uint64(32)) ^ c[1] ^ k[0]) & MASK32, p1 & MASK32,
             ((p0 >> np.uint64(32)) ^ c[3] ^ k[1]) & MASK32, p0 & MASK32]
        k = [(k[0] + np.uint64(0x9E3779B9)) & MASK32, (k[1] + np.uint64(0xBB67AE85)) & MASK32]
    return c


def philox_mask(rows, m, seed, layer, iteration, keep_prob):
    """reglab's dropout mask of hidden layer `layer` at `iteration`: element i = row·m + column keeps its
    unit when (w >> 8)·2^-24 < keep_prob rounded to float32, w = word i mod 4 of
    Philox4x32-10((i // 4, iteration, 0, 0), (seed, layer))."""
    i = np.arange(rows * m, dtype=np.uint64)
    words = philox4x32_10(i // np.uint64(4), iteration, 0, 0, seed, layer)
    w = np.choose((i % np.uint64(4)).astype(np.int64), words)
    u = (w >> np.uint64(8)).astype(np.float64) * 2.0 ** -24
    return (u < float(np.float32(keep_prob))).reshape(rows, m)


def forward(X, params, L, keep_prob, masks=None):
    """masks(l, shape) gives hidden layer l's dropout mask; by default the lesson's np.random.rand."""
    caches = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = np.dot(params["W" + str(l)], A) + params["b" + str(l)]
        if l < L:
            A = np.maximum(0, Z)
            if keep_prob < 1:
                D = masks(l, A.shape) if masks else np.random.rand(A.shape[0], A.shape[1]) < keep_prob
                A = A * D / keep_prob
                caches["D" + str(l)] = D
        else:
            A = 1 / (1 + np.exp(-Z))
        caches["Z" + str(l)] = Z
        caches["A" + str(l)] = A
    return A, caches


def cost(AL, Y, params, L, lambd, lambd1=0.0):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(AL), Y) + np.multiply(-np.log(1 - AL), 1 - Y)
    c = 1.0 / m * np.nansum(logprobs)
    if lambd:
        c += lambd / (2 * m) * sum(np.sum(np.square(params["W" + str(l)])) for l in range(1, L + 1))
    if lambd1:
        c += lambd1 / m * sum(np.sum(np.abs(params["W" + str(l)])) for l in range(1, L + 1))
    return c


def backward(Y, params, caches, L, lambd, keep_prob, lambd1=0.0):
    m = Y.shape[1]
    grads = {}
    dZ = caches["A" + str(L)] - Y
    for l in range(L, 0, -1):
        A_prev = caches["A" + str(l - 1)]
        grads["dW" + str(l)] = 1.0 / m * np.dot(dZ, A_prev.T) + lambd / m * params["W" + str(l)]
        if lambd1:
            # np.sign(0) = 0: a weight at zero gets no push
            grads["dW" + str(l)] += lambd1 / m * np.sign(params["W" + str(l)])
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


def l1_fixture(vectors):
    """The lesson's model [2, 20, 3, 1] trained 2000 iterations on the fixture data from its scaled init
    (np.random.seed(3)), learning rate 0.3, with L1 alone and with L1 + L2 + Philox dropout (seed 42)."""
    data = vectors["data"]
    X, Y = np.array(data["train_X"]), np.array(data["train_Y"])
    Xt, Yt = np.array(data["test_X"]), np.array(data["test_Y"])
    for kat in vectors["philox4x32_10_kat"]:
        got = philox4x32_10(*[int(v, 16) for v in kat["counter"]], *[int(v, 16) for v in kat["key"]])
        assert [int(w) for w in got] == [int(v, 16) for v in kat["out"]], "Philox4x32-10 differs from Random123's answers"
    dims, lr, iterations = [2, 20, 3, 1], 0.3, 2000
    L = len(dims) - 1
    logged = [0, 1, 2, 10, 100, 500, 1000, 1500, 1999]
    runs = {}
    for name, lambd1, lambd, keep_prob, seed in [("l1_0.1", 0.1, 0.0, 1.0, 42), ("l1_0.05_l2_0.7_dropout_0.86_philox_seed42", 0.05, 0.7, 0.86, 42)]:
        params = initialize(dims)
        costs, grads0, masks0 = {}, None, None
        for t in range(iterations):
            masks = lambda l, shape: philox_mask(shape[0], shape[1], seed, l, t, keep_prob)
            AL, caches = forward(X, params, L, keep_prob, masks)
            c = cost(AL, Y, params, L, lambd, lambd1)
            if t in logged:
                costs[str(t)] = c
            grads = backward(Y, params, caches, L, lambd, keep_prob, lambd1)
            if t == 0:
                grads0 = {k: v.tolist() for k, v in grads.items() if k[1] in "Wb"}
                masks0 = [caches["D" + str(l)].astype(int).tolist() for l in range(1, L)] if keep_prob < 1 else None
            for l in range(1, L + 1):
                params["W" + str(l)] -= lr * grads["dW" + str(l)]
                params["b" + str(l)] -= lr * grads["db" + str(l)]
        accuracy = lambda A, Yd: float(np.mean((A > 0.5) == (Yd > 0.5)))
        weights = np.concatenate([params["W" + str(l)].ravel() for l in range(1, L + 1)])
        runs[name] = {
            "settings": {"dims": dims, "learning_rate": lr, "iterations": iterations, "init": "scaled, numpy seed 3",
                         "seed": seed, "lambd1": lambd1, "lambd": lambd, "keep_prob": keep_prob, "mode": "philox"},
            "costs_at_iteration": costs,
            "grads_at_iteration_0": grads0,
            "dropout_masks_at_iteration_0": masks0,
            "train_accuracy": accuracy(forward(X, params, L, 1.0)[0], Y),
            "test_accuracy": accuracy(forward(Xt, params, L, 1.0)[0], Yt),
            "near_zero_share": float(np.mean(np.abs(weights) < 0.01 * np.max(np.abs(weights)))),
            "final_params": {k: v.tolist() for k, v in params.items()},
        }
    return {"generated_by": "python3 scripts/numpy_lesson.py --l1-fixture (numpy " + np.__version__ + ", float64)", "l1_runs": runs}


if __name__ == "__main__":
    if "--l1-fixture" in sys.argv:
        out = sys.argv[sys.argv.index("--l1-fixture") + 1]
        with open("test/fixtures/reference_vectors.json") as f:
            fixture = l1_fixture(json.load(f))
        with open(out, "w") as f:
            json.dump(fixture, f, indent=1)
            f.write("\n")
        sys.exit(0)
    quick = "--quick" in sys.argv
    for hidden, m, iterations in [([20, 3], 211, 300 if quick else 2000), ([256, 256], 4096, 2 if quick else 5)]:
        print(json.dumps(run(hidden, m, iterations)), flush=True)
