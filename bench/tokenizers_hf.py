#!/usr/bin/env python3
"""Hugging Face `tokenizers` beside Spar on SmolLM2's vocabulary (bench/tokenizers.sh runs this).

Usage: tokenizers_hf.py GGUF OUT_DIR
Writes OUT_DIR/tokenizer.json (SmolLM2's tokenizer rebuilt from the GGUF metadata: BPE vocabulary and
merges, control tokens as specials, Digits + ByteLevel pre-tokenizer, ByteLevel decoder) and
OUT_DIR/text.txt (this repository's Swift sources and docs, about 1.5 MB), then prints the best of
three encodes of the text's paragraphs (split at blank lines, one `encode` call each, one thread) with
a freshly loaded tokenizer, as `hf-encode-mbps N`.
"""
import glob
import os
import sys
import time

from gguf import GGUFReader
from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers

gguf, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
r = GGUFReader(gguf)
tokens = r.fields["tokenizer.ggml.tokens"].contents()
types = r.fields["tokenizer.ggml.token_type"].contents()
merges = [tuple(m.split(" ")) for m in r.fields["tokenizer.ggml.merges"].contents()]
tok = Tokenizer(models.BPE(vocab={t: i for i, t in enumerate(tokens)}, merges=merges))
tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                             pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)])
tok.decoder = decoders.ByteLevel()
tok.add_special_tokens([AddedToken(t, normalized=False, special=True) for t, k in zip(tokens, types) if k == 3])
path = os.path.join(out, "tokenizer.json")
tok.save(path)

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
files = sorted(glob.glob(os.path.join(root, "Sources/**/*.swift"), recursive=True) + glob.glob(os.path.join(root, "docs/*.md")))
text = "".join(open(f, encoding="utf-8").read() for f in files)
with open(os.path.join(out, "text.txt"), "w", encoding="utf-8") as f:
    f.write(text)
mb = len(text.encode("utf-8")) / 1e6
best = float("inf")
for _ in range(3):
    fresh = Tokenizer.from_file(path)
    start = time.perf_counter()
    for paragraph in text.split("\n\n"):
        fresh.encode(paragraph, add_special_tokens=False)
    best = min(best, time.perf_counter() - start)
print(f"hf-encode-mbps {mb / best:.3f}")
print(f"text-mb {mb:.3f}")
