#!/usr/bin/env python3
"""The peers of `spar-bench llm`, on the same GGUF file and the same token ids, printing the same
`name<TAB>value<TAB>unit` lines:

- llama.cpp (llama-cpp-python 0.3.36, built from source, 2 threads): load, decode b1;
- PyTorch + transformers (the GGUF dequantized to float32 by transformers): decode b1 with its KV
  cache, sample 16x64 (16 left-padded prompts, 64 sampled tokens each, no early stop).

Usage: python3 bench/llm_peers.py path/to/model.gguf [llama|torch|all]
"""
import os
import sys
import time

path = sys.argv[1]
which = sys.argv[2] if len(sys.argv) > 2 else "all"
prompt = [1, 4093, 198, 1780, 314, 260, 3575, 282, 4649, 47, 2, 198, 1, 520, 9531, 198]


def report(name, value, unit, peer):
    print(f"{peer}:{name}\t{value}\t{unit}", flush=True)


if which in ("llama", "all"):
    from llama_cpp import Llama

    t = time.perf_counter()
    llm = Llama(model_path=path, n_threads=2, n_ctx=512, verbose=False, seed=0)
    report("load", (time.perf_counter() - t) * 1000, "ms", "llama.cpp")
    best = 0.0
    for _ in range(3):
        n, start = 0, None
        for _tok in llm.generate(prompt, temp=0.0, top_k=1, repeat_penalty=1.0, reset=True):
            n += 1
            if n == 1:
                start = time.perf_counter()
            if n == 129:
                break
        best = max(best, 128 / (time.perf_counter() - start))
    report("decode b1", best, "tok/s", "llama.cpp")
    del llm

if which in ("torch", "all"):
    import torch
    from transformers import AutoModelForCausalLM

    torch.set_num_threads(2)
    t = time.perf_counter()
    model = AutoModelForCausalLM.from_pretrained(os.path.dirname(path), gguf_file=os.path.basename(path), dtype=torch.float32)
    model.eval()
    report("load", (time.perf_counter() - t) * 1000, "ms", "torch")
    ids = torch.tensor([prompt])
    with torch.no_grad():
        model.generate(ids, max_new_tokens=2, do_sample=False)
        t1 = time.perf_counter()
        model.generate(ids, max_new_tokens=1, min_new_tokens=1, do_sample=False)
        first = time.perf_counter() - t1
        t1 = time.perf_counter()
        model.generate(ids, max_new_tokens=65, min_new_tokens=65, do_sample=False)
        rest = time.perf_counter() - t1
    report("decode b1", 64 / max(1e-9, rest - first), "tok/s", "torch")
    prompts = [prompt[: 8 + i % 9] for i in range(16)]
    width = max(len(p) for p in prompts)
    batch = torch.tensor([[2] * (width - len(p)) + p for p in prompts])
    mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts])
    torch.manual_seed(1)
    with torch.no_grad():
        t1 = time.perf_counter()
        model.generate(batch, attention_mask=mask, max_new_tokens=64, min_new_tokens=64, do_sample=True, pad_token_id=2)
        s = time.perf_counter() - t1
    report("sample 16x64", 16 * 64 / s, "tok/s", "torch")
