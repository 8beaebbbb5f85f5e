#!/usr/bin/env python3
"""Reference values for the engine's tests, computed with numpy.

Run from this folder:  python3 make_fixtures.py
Writes ops.json (inputs and expected outputs of every op, optimizer steps, schedules, seeded random
numbers) and reference.safetensors (written here by hand with struct, independently of the Swift
writer, in F32, F16 and BF16). Both are committed so the tests need no Python.
"""
import json
import math
import struct

import numpy as np

rng = np.random.default_rng(1234)
cases = []


def t(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "data": [float(x) for x in a.reshape(-1)]}


def randn(*shape):
    return rng.standard_normal(shape).astype(np.float32)


def positive(*shape):
    return rng.uniform(0.5, 2.0, shape).astype(np.float32)


def case(name, op, inputs, expected, **args):
    cases.append({"name": name, "op": op, "inputs": [t(x) for x in inputs], "args": args, "expected": t(expected)})


# Element-wise arithmetic with broadcasting.
a, row, col, p = randn(3, 4), randn(4), randn(3, 1), positive(3, 4)
case("add broadcast row", "add", [a, row], a + row)
case("add broadcast col", "add", [a, col], a + col)
x3, y2 = randn(2, 1, 4), randn(3, 1)
case("subtract 3d broadcast", "subtract", [x3, y2], x3 - y2)
case("multiply", "multiply", [a, col], a * col)
case("divide", "divide", [a, p], a / p)
case("pow", "pow", [p, row], np.power(p, row))
case("add number", "add_number", [a], a + 2.5, number=2.5)
case("multiply number", "multiply_number", [a], a * -3.0, number=-3.0)
case("pow number", "pow_number", [p], p ** 1.5, number=1.5)

# Unary functions.
u = randn(4, 5)
case("exp", "exp", [u], np.exp(u))
case("log", "log", [p], np.log(p))
case("sqrt", "sqrt", [p], np.sqrt(p))
case("tanh", "tanh", [u], np.tanh(u))
case("sigmoid", "sigmoid", [u], 1 / (1 + np.exp(-u)))
case("relu", "relu", [u], np.maximum(u, 0))
c = math.sqrt(2 / math.pi)
case("gelu (tanh approximation)", "gelu", [u], 0.5 * u * (1 + np.tanh(c * (u + 0.044715 * u ** 3))))
case("silu", "silu", [u], u / (1 + np.exp(-u)))
case("clip", "clip", [u], np.clip(u, -0.5, 0.8), min=-0.5, max=0.8)

# Comparisons and where.
q = np.round(randn(3, 4))
qr = np.round(row)
case("less", "less", [q, qr], (q < qr).astype(np.float32))
case("equal", "equal", [q, qr], (q == qr).astype(np.float32))
case("greater_equal", "greater_equal", [q, qr], (q >= qr).astype(np.float32))
cond = (randn(3, 1) > 0).astype(np.float32)
case("where", "where", [cond, a, row], np.where(cond != 0, a, row))

# Matrix products.
m1, m2 = randn(5, 7), randn(7, 3)
case("matmul 2d", "matmul", [m1, m2], m1 @ m2)
b1, b2 = randn(2, 3, 5, 4), randn(3, 4, 6)
case("matmul batched broadcast", "matmul", [b1, b2], b1 @ b2)
v = randn(7)
case("matmul vector", "matmul", [m1, v], m1 @ v)

# Shape ops.
s3 = randn(2, 3, 4)
case("reshape", "reshape", [s3], s3.reshape(4, 6), shape=[4, -1])
case("permute", "permute", [s3], s3.transpose(2, 0, 1), axes=[2, 0, 1])
case("transpose", "transpose", [s3], np.swapaxes(s3, -1, -2))
case("slice", "slice", [s3], s3[:, :, 1::2], axis=2, start=1, step=2)
case("slice negative", "slice", [s3], s3[:, -2:, :], axis=1, start=-2)
case("select", "select", [s3], s3[:, 1], axis=1, index=1)
s4 = randn(2, 1, 4)
case("concat", "concat", [s3, s4], np.concatenate([s3, s4], axis=1), axis=1)
case("stack", "stack", [a, a * 2], np.stack([a, a * 2], axis=1), axis=1)

# Reductions.
r = randn(3, 4, 5)
case("sum all", "sum", [r], r.sum())
case("sum axis 1", "sum", [r], r.sum(axis=1), axis=1)
case("sum axis -1 keepdims", "sum", [r], r.sum(axis=-1, keepdims=True), axis=-1, keepdims=True)
case("mean axis 0", "mean", [r], r.mean(axis=0), axis=0)
case("max axis 2", "max", [r], r.max(axis=2), axis=2)
case("min all", "min", [r], r.min())
case("argmax axis 1", "argmax", [r], r.argmax(axis=1), axis=1)
case("argmax all", "argmax", [r], r.argmax())
case("var axis 2", "var", [r], r.var(axis=2), axis=2)
case("var ddof 1", "var", [r], r.var(axis=0, ddof=1, keepdims=True), axis=0, keepdims=True, correction=1)
big = rng.uniform(0, 1, 10_000).astype(np.float32)
case("sum of 10000", "sum", [big], big.astype(np.float64).sum())

# Network layers.
z = randn(4, 6) * 3


def softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


case("softmax", "softmax", [z], softmax(z, -1), axis=-1)
case("softmax axis 0", "softmax", [z], softmax(z, 0), axis=0)
case("log_softmax", "log_softmax", [z], np.log(softmax(z.astype(np.float64), -1)), axis=-1)
w, bias = positive(6), randn(6)
mu, var = z.mean(-1, keepdims=True), z.var(-1, keepdims=True)
case("layer_norm", "layer_norm", [z, w, bias], (z - mu) / np.sqrt(var + 1e-5) * w + bias)
case("rms_norm", "rms_norm", [z, w], z / np.sqrt((z ** 2).mean(-1, keepdims=True) + 1e-5) * w)
table, ids = randn(5, 3), np.array([[4, 0], [2, 2]], dtype=np.float32)
case("embedding", "embedding", [table, ids], table[ids.astype(int)])
logits, targets = randn(2, 3, 5), np.array([[1, 4, -100], [0, 3, 2]], dtype=np.float32)
lsm = np.log(softmax(logits.astype(np.float64), -1))
tg = targets.astype(int)
mask = tg != -100
nll = -np.take_along_axis(lsm, np.where(mask, tg, 0)[..., None], axis=-1)[..., 0]
case("cross_entropy ignore", "cross_entropy", [logits, targets], (nll * mask).sum() / mask.sum(), ignore_index=-100)

gsrc, gids = randn(2, 3, 5), np.array([[4, 0, 4], [1, 2, 3]], dtype=np.float32)
case("gather last axis", "gather", [gsrc, gids], np.take_along_axis(gsrc, gids.astype(int)[..., None], axis=-1)[..., 0])

# Optimizer steps: parameter p0 and three gradients; parameters after each step.
p0 = randn(5)
grads = [randn(5) for _ in range(3)]


def run_sgd(lr, momentum, wd):
    p, vel, out = p0.astype(np.float64), np.zeros(5), []
    for g in grads:
        g = g + wd * p
        vel = momentum * vel + g
        p = p - lr * vel
        out.append(t(p))
    return out


def run_adam(lr, b1, b2, eps, wd, decoupled):
    p, m, v, out = p0.astype(np.float64), np.zeros(5), np.zeros(5), []
    for step, g in enumerate(grads, 1):
        if not decoupled:
            g = g + wd * p
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        if decoupled:
            p = p * (1 - lr * wd)
        p = p - lr * (m / (1 - b1 ** step)) / (np.sqrt(v / (1 - b2 ** step)) + eps)
        out.append(t(p))
    return out


optimizers = {
    "p0": t(p0), "grads": [t(g) for g in grads],
    "sgd": {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.01, "steps": run_sgd(0.1, 0.9, 0.01)},
    "adam": {"lr": 0.01, "betas": [0.9, 0.99], "eps": 1e-8, "weight_decay": 0.1,
             "steps": run_adam(0.01, 0.9, 0.99, 1e-8, 0.1, False)},
    "adamw": {"lr": 0.01, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.1,
              "steps": run_adam(0.01, 0.9, 0.999, 1e-8, 0.1, True)},
}
norm_grads = [randn(3), randn(2, 2)]
total = math.sqrt(sum(float((g.astype(np.float64) ** 2).sum()) for g in norm_grads))
optimizers["clip"] = {"grads": [t(g) for g in norm_grads], "max_norm": 1.0, "norm": total,
                      "clipped": [t(g * (1.0 / (total + 1e-6))) for g in norm_grads]}


def cosine(step, peak, warmup, total, minimum):
    if step < warmup:
        return peak * (step + 1) / warmup
    if step >= total:
        return minimum
    progress = (step - warmup) / max(1, total - warmup)
    return minimum + (peak - minimum) * 0.5 * (1 + math.cos(math.pi * progress))


schedule = {"peak": 0.1, "warmup": 10, "total": 100, "minimum": 0.01,
            "rates": [[s, cosine(s, 0.1, 10, 100, 0.01)] for s in [0, 4, 9, 10, 30, 55, 99, 100, 150]]}

# Portable seeded random numbers: xoshiro256** seeded by SplitMix64, Box-Muller, as in SeededRandom.
M = (1 << 64) - 1


def seeded(seed):
    sm = seed
    state = []
    for _ in range(4):
        sm = (sm + 0x9E3779B97F4A7C15) & M
        z = sm
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        state.append(z ^ (z >> 31))
    return state


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def next_u64(s):
    result = (rotl((s[1] * 5) & M, 7) * 9) & M
    tt = (s[1] << 17) & M
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
    s[2] ^= tt
    s[3] = rotl(s[3], 45)
    return result


def randn_ref(n, seed):
    s, out, spare = seeded(seed), [], None
    while len(out) < n:
        if spare is not None:
            out.append(spare); spare = None; continue
        u1 = (next_u64(s) >> 11) * 2.0 ** -53
        while u1 <= 0:
            u1 = (next_u64(s) >> 11) * 2.0 ** -53
        u2 = (next_u64(s) >> 11) * 2.0 ** -53
        rr = math.sqrt(-2 * math.log(u1))
        spare = rr * math.sin(2 * math.pi * u2)
        out.append(rr * math.cos(2 * math.pi * u2))
    return out


def rand_ref(n, seed):
    s = seeded(seed)
    return [(next_u64(s) >> 11) * 2.0 ** -53 for _ in range(n)]


random = {"randn_seed_7": randn_ref(10, 7), "rand_seed_7": rand_ref(10, 7)}

with open("ops.json", "w") as f:
    json.dump({"cases": cases, "optimizers": optimizers, "schedule": schedule, "random": random}, f)

# A safetensors file written by hand: F32, F16 and BF16 tensors and metadata.
f32 = np.arange(6, dtype=np.float32).reshape(2, 3) / 4
f16 = np.array([1.5, -2.25, 65504.0], dtype=np.float16)
bf16_values = np.array([1.0, -3.5, 0.15625], dtype=np.float32)
bf16_bytes = (bf16_values.view(np.uint32) >> 16).astype("<u2").tobytes()
blobs = [("weight", "F32", [2, 3], f32.astype("<f4").tobytes()),
         ("half", "F16", [3], f16.astype("<f2").tobytes()),
         ("brain", "BF16", [3], bf16_bytes)]
header, data = {"__metadata__": {"format": "pt", "note": "made by make_fixtures.py"}}, b""
for name, dtype, shape, raw in blobs:
    header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
    data += raw
hj = json.dumps(header).encode()
with open("reference.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(hj)) + hj + data)
print(f"wrote {len(cases)} op cases, optimizer steps, schedule, random numbers and reference.safetensors")
