#!/usr/bin/env python3
"""Reference outputs of SmolLM2-135M-Instruct (the Q4_1 GGUF of ASSETS.md) for Spar's model tests.

Run from this folder:  python3 make_gguf_fixtures.py [path/to/SmolLM2-135M-Instruct.Q4_1.gguf]
(default: $SPAR_HOME/smollm2/..., SPAR_HOME defaulting to ~/.cache/spar). Needs torch,
transformers, gguf, numpy and llama-cpp-python==0.3.36 (pip install; llama-cpp-python compiles
llama.cpp from source, which takes a while). Writes smollm2_reference.json, committed so the tests
need no Python:

- for each prompt: its token ids (llama.cpp's tokenizer, special tokens parsed);
- the reference forward: transformers' LlamaForCausalLM over the GGUF dequantized to float32 by
  transformers' own GGUF loader (which also undoes the conversion's Q/K permutation): the 20 largest
  logits of the last position, the logits of 12 fixed token ids at every position, and 16 greedy
  tokens;
- llama.cpp's greedy continuation (16 tokens, 2 threads) of the same ids.
"""
import hashlib
import json
import os
import sys

import torch
from llama_cpp import Llama
from transformers import AutoModelForCausalLM

home = os.environ.get("SPAR_HOME") or os.path.expanduser("~/.cache/spar")
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(home, "smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")

prompts = [
    "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n",
    "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nHow do I kill a Python process?<|im_end|>\n<|im_start|>assistant\n",
    "<|im_start|>user\nWrite a haiku about the sea.<|im_end|>\n<|im_start|>assistant\n",
    "<|im_start|>user\nWhat is 12 times 7?<|im_end|>\n<|im_start|>assistant\n",
    "Once upon a time, there was a little fox who",
]
fixed_ids = [0, 1, 2, 198, 260, 314, 504, 1780, 3575, 4649, 7042, 30]
greedy_tokens = 16

sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
llm = Llama(model_path=path, n_threads=2, n_ctx=512, verbose=False, seed=0)
model = AutoModelForCausalLM.from_pretrained(os.path.dirname(path), gguf_file=os.path.basename(path), dtype=torch.float32)
model.eval()

cases = []
for text in prompts:
    ids = llm.tokenize(text.encode(), add_bos=False, special=True)
    with torch.no_grad():
        logits = model(torch.tensor([ids])).logits[0].float()
        top = torch.topk(logits[-1], 20)
        out = model.generate(torch.tensor([ids]), max_new_tokens=greedy_tokens, do_sample=False)
    greedy = out[0, len(ids):].tolist()
    cpp = []
    for t in llm.generate(ids, temp=0.0, top_k=1, top_p=1.0, repeat_penalty=1.0, reset=True):
        cpp.append(int(t))
        if len(cpp) == greedy_tokens or t == llm.token_eos():
            break
    cases.append({
        "text": text,
        "ids": ids,
        "last_top": [[int(i), float(v)] for v, i in zip(top.values, top.indices)],
        "fixed_logits": [[float(logits[p, i]) for i in fixed_ids] for p in range(len(ids))],
        "greedy_reference": greedy,
        "greedy_llamacpp": cpp,
    })
    print(len(ids), "ids; reference", greedy[:8], "llama.cpp", cpp[:8])

with open("smollm2_reference.json", "w") as fh:
    json.dump({"file": os.path.basename(path), "sha256": sha, "fixed_ids": fixed_ids, "cases": cases}, fh, indent=1)
print("wrote smollm2_reference.json")
