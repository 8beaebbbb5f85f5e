#!/usr/bin/env python3
"""A tiny random Llama in Hugging Face layout, for Spar's folder loader.

Run from this folder:  python3 make_hf_llama_fixture.py      (needs torch, transformers, tokenizers)
Writes hf_llama/f32/ and hf_llama/bf16/ (config.json, model.safetensors, tokenizer.json,
tokenizer_config.json: what `save_pretrained` writes) and hf_llama/reference.json: the ids the
tokenizer gives a few texts and the logits transformers computes for them (the first 64 of each row). Grouped-query attention
(4 heads, 2 key/value heads), separate output matrix, rope_theta 50000, so every field is used.
"""
import json
import os

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

torch.manual_seed(7)
corpus = [
    "The fox jumped over the lazy dog. The dog slept under the old tree.",
    "A small model can still learn the shape of short fables about foxes and crows.",
    "<|im_start|>user\nHello there!<|im_end|>\n<|im_start|>assistant\nHi!<|im_end|>",
] * 20

bpe = Tokenizer(models.BPE())
bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
bpe.decoder = decoders.ByteLevel()
trainer = trainers.BpeTrainer(vocab_size=320, special_tokens=["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
                              initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
bpe.train_from_iterator(corpus, trainer)
tok = PreTrainedTokenizerFast(tokenizer_object=bpe, bos_token="<|im_start|>", eos_token="<|im_end|>",
                              unk_token="<|endoftext|>", pad_token="<|im_end|>")
tok.chat_template = ("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + "
                     "'<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}")

config = LlamaConfig(vocab_size=len(tok), hidden_size=64, intermediate_size=160, num_hidden_layers=2,
                     num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=128,
                     rope_theta=50000.0, rms_norm_eps=1e-5, tie_word_embeddings=False,
                     bos_token_id=1, eos_token_id=2, pad_token_id=2)
model = LlamaForCausalLM(config).eval()
with torch.no_grad():
    for p in model.parameters():  # larger than the default init, so the logits depend on every weight
        p.mul_(4.0) if p.dim() == 2 else p.add_(0.1 * torch.randn_like(p))

texts = ["The fox jumped over the dog.", "<|im_start|>user\nHello there!<|im_end|>\n", "crows and foxes"]
cases = []
for text in texts:
    ids = tok(text, add_special_tokens=False)["input_ids"]
    with torch.no_grad():
        logits = model(torch.tensor([ids])).logits[0]
    cases.append({"text": text, "ids": ids, "logits": [[float(v) for v in row[:64]] for row in logits]})

for name, dtype in [("f32", torch.float32), ("bf16", torch.bfloat16)]:
    out = os.path.join("hf_llama", name)
    model.to(dtype).save_pretrained(out, safe_serialization=True)
    tok.save_pretrained(out)
    if os.path.exists(os.path.join(out, "generation_config.json")):
        os.remove(os.path.join(out, "generation_config.json"))  # sampling defaults; Spar does not read them
    model.to(torch.float32)
with torch.no_grad():  # the BF16 weights as float32, for the BF16 folder's reference
    bf = LlamaForCausalLM(config).eval()
    bf.load_state_dict({k: v.to(torch.bfloat16).to(torch.float32) for k, v in model.state_dict().items()})
    for c in cases:
        c["logits_bf16"] = [[float(v) for v in row[:64]] for row in bf(torch.tensor([c["ids"]])).logits[0]]
with open(os.path.join("hf_llama", "reference.json"), "w") as fh:
    json.dump({"cases": cases}, fh)
print("wrote hf_llama/ with", sum(p.numel() for p in model.parameters()), "parameters, vocab", len(tok))
