#!/usr/bin/env python3
"""numpy peer of bench/swift/main.swift: same benchmarks, same names, same output format."""
import time

import numpy as np


def timeit(repeats, fn):
    fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return sorted(samples)[len(samples) // 2]


def report(name, value, unit):
    print(f"{name}\t{value}\t{unit}")


rng = np.random.default_rng(0)
for n in [128, 512, 1024]:
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    repeats = 200 if n <= 128 else (20 if n <= 512 else 8)
    s = timeit(repeats, lambda: a @ b)
    report(f"matmul {n}", 2 * n ** 3 / s / 1e9, "GFLOP/s")

n = 1_000_000
x = rng.standard_normal(n, dtype=np.float32)
y = rng.standard_normal(n, dtype=np.float32)
rows = x.reshape(1000, 1000)
ms = 1e3


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


report("add 1M", timeit(50, lambda: x + y) * ms, "ms")
report("multiply 1M", timeit(50, lambda: x * y) * ms, "ms")
report("add scalar 1M", timeit(50, lambda: x + np.float32(1)) * ms, "ms")
report("exp 1M", timeit(30, lambda: np.exp(x)) * ms, "ms")
report("tanh 1M", timeit(30, lambda: np.tanh(x)) * ms, "ms")
report("relu 1M", timeit(50, lambda: np.maximum(x, np.float32(0))) * ms, "ms")
report("sum 1M", timeit(50, lambda: x.sum()) * ms, "ms")
report("max 1M", timeit(50, lambda: x.max()) * ms, "ms")
report("sum rows 1000x1000", timeit(50, lambda: rows.sum(axis=1)) * ms, "ms")
report("sum cols 1000x1000", timeit(50, lambda: rows.sum(axis=0)) * ms, "ms")
report("softmax 1000x1000", timeit(20, lambda: softmax(rows)) * ms, "ms")

# One SGD step of the same 2-layer MLP, with the backward pass written out by hand.
batch, width, classes = 256, 512, 10
X = rng.standard_normal((batch, width), dtype=np.float32)
labels = np.arange(batch) % classes
W1 = (rng.standard_normal((width, width)) * 0.04).astype(np.float32)
B1 = np.zeros(width, np.float32)
W2 = (rng.standard_normal((width, classes)) * 0.04).astype(np.float32)
B2 = np.zeros(classes, np.float32)
lr = np.float32(0.01)


def step():
    global W1, B1, W2, B2
    pre = X @ W1 + B1
    h = np.maximum(pre, 0)
    logits = h @ W2 + B2
    p = softmax(logits)
    loss = -np.log(p[np.arange(batch), labels]).mean()
    d = p.copy()
    d[np.arange(batch), labels] -= 1
    d /= batch
    gW2, gB2 = h.T @ d, d.sum(0)
    dh = (d @ W2.T) * (pre > 0)
    gW1, gB1 = X.T @ dh, dh.sum(0)
    W1 -= lr * gW1; B1 -= lr * gB1; W2 -= lr * gW2; B2 -= lr * gB2
    return loss


report("mlp step 256x512", timeit(30, step) * ms, "ms")
