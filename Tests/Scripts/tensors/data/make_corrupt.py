#!/usr/bin/env python3
"""Writes the broken safetensors files that errors.spar loads. Run from this folder."""
import json
import struct


def write(name, header, data=b"", claimed=None):
    h = json.dumps(header).encode()
    with open(name, "wb") as f:
        f.write(struct.pack("<Q", len(h) if claimed is None else claimed) + h + data)


good = {"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}
write("truncated.safetensors", good, b"\x00" * 5)  # 8 data bytes promised, 5 present
write("lying_offsets.safetensors", {"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4000]}}, b"\x00" * 8)
write("huge_header.safetensors", good, b"", claimed=1 << 60)
write("wrong_dtype.safetensors", {"w": {"dtype": "I64", "shape": [1], "data_offsets": [0, 8]}}, b"\x00" * 8)
