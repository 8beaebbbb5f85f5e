#!/usr/bin/env python3
"""Reference dequantizations of GGML blocks by the `gguf` Python package (llama.cpp's own numpy port).

Run from this folder:  python3 make_quant_fixtures.py     (needs `pip install gguf numpy`)
Writes quant_blocks.json: for each type, random raw block bytes (with sane half-precision scales, so
every bit field of the layout is exercised, including the ones a simple quantizer never sets) and
the floats gguf.quants.dequantize gives for them. QuantKernelTests checks Spar's Swift reference
dequantizer against these; the C kernels are then checked against the Swift reference.
"""
import json

import numpy as np
from gguf import GGMLQuantizationType as T
from gguf import quants

rng = np.random.default_rng(20261204)

# type: (block bytes, offsets of half-precision scale fields in a block)
layouts = {
    "Q8_0": (T.Q8_0, 34, [0]),
    "Q4_0": (T.Q4_0, 18, [0]),
    "Q4_1": (T.Q4_1, 20, [0, 2]),
    "Q4_K": (T.Q4_K, 144, [0, 2]),
    "Q6_K": (T.Q6_K, 210, [208]),
}

out = {}
for name, (qtype, size, halves) in layouts.items():
    blocks = 3
    raw = rng.integers(0, 256, size=(blocks, size), dtype=np.uint8)
    for b in range(blocks):
        for off in halves:
            raw[b, off:off + 2] = np.frombuffer(np.float16(rng.uniform(-0.05, 0.05)).tobytes(), dtype=np.uint8)
    values = quants.dequantize(raw.reshape(-1), qtype).reshape(-1)
    out[name] = {"bytes": raw.reshape(-1).tobytes().hex(), "values": [float(v) for v in values]}

# Half and bfloat16 (bfloat16 dequantized by hand: the top half of a float32).
h = rng.standard_normal(8).astype(np.float16)
out["F16"] = {"bytes": h.tobytes().hex(), "values": [float(v) for v in h.astype(np.float32)]}
f = rng.standard_normal(8).astype(np.float32)
bf = (f.view(np.uint32) >> 16).astype(np.uint16)
out["BF16"] = {"bytes": bf.tobytes().hex(), "values": [float(v) for v in (bf.astype(np.uint32) << 16).view(np.float32)]}

with open("quant_blocks.json", "w") as fh:
    json.dump(out, fh, indent=0)
print("wrote quant_blocks.json:", {k: len(v["values"]) for k, v in out.items()})
