#!/usr/bin/env python3
"""Reference ids for Spar's byte-level BPE tokenizers and chat templates, from Hugging Face.

Run from this folder with a Python that has `tokenizers`, `transformers` and `gguf`
(here: /work/peers-venv/bin/python make_tokenizer_fixtures.py). Writes tokenizers/:

  corpus.json           the test texts: hand-written multilingual ones and seeded hostile ones
  tiny/tokenizer.json   a small byte-level BPE trained here by `tokenizers` on our own text,
  tiny/tokenizer_config.json   with special tokens and a ChatML chat template
  expected.json         per tokenizer variant, the ids of every corpus text (HF `encode`, no
                        special tokens added; after the first variant only the texts whose ids
                        differ from it); decodes; the pieces of every split rule; chat renders
  smollm2-subset.json   the part of SmolLM2-135M-Instruct's GGUF tokenizer metadata that the corpus
                        uses (every token id kept, unused merges dropped: BPE never applies them, so
                        the ids cannot change), with its ids from transformers' GGUF loader

The SmolLM2 parts need ~/.cache/spar/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf (Apache-2.0).
Everything is committed, so the Swift tests need no Python.
"""
import json
import os
import random
import sys
import unicodedata

from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "tokenizers")
GGUF = os.path.expanduser("~/.cache/spar/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")

GPT2 = r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"
GPT2_NO_TAIL = r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)"
LLAMA3 = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
QWEN2 = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
# llama.cpp's "default" pre-tokenizer (a GGUF without tokenizer.ggml.pre).
DEFAULT = [r"[\p{P}\$\+<=>\^~\|]+", GPT2_NO_TAIL, r"\p{N}+", r"[0-9][0-9][0-9]"]

SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|begin_of_text|>", "<|start_header_id|>",
            "<|end_header_id|>", "<|eot_id|>", "<s>", "</s>"]

# --- corpus ---------------------------------------------------------------------------------------

HANDWRITTEN = [
    "",
    "Hello world",
    "The capital of France is Paris.",
    "It's a test. We'll see; they've gone, I'm here, you'd know, she'll, they're. Y'all don't.",
    "IT'S LOUD, WE'LL SHOUT, THEY'VE, I'M, YOU'D, THEY'RE; 'Tis 'S 'T 'Re 'rE 'ſ 'ſt x'ſ",
    "''''s '' 's' ’s ‘quoted’ \"double\"",
    "def add(a, b):\n    return a + b\n\n\nclass Point:\n\tdef __init__(self):\n\t\tself.x = 0  # start\n",
    "func f(_ x: Int) -> Int {\r\n    let y = x * 2;\r\n    return y // done\r\n}\r\n",
    '{"key": [1, 2.5, -3e10], "nested": {"a": null, "b": true}}',
    "3.14159 1,234,567 2024-06-01 0x1F 12345678901234567890 007 1e-9 $42.00 +7 50%",
    "Arabic-Indic ٣٤٥٦ fullwidth １２３ superscript x² ³√ fraction ½ ¾ roman Ⅻ ⅷ circled ①②③ Devanagari ४२",
    "a  b   c    d\n\n\ne\t\tf \t g\u00a0h\u3000i\u2028j\u0085k\u2003l  \n  m",
    "   leading spaces and trailing   ",
    "\n\n\n",
    " ",
    "\t",
    "end with newline\n",
    "👍🏽 👨‍👩‍👧‍👦 🇫🇷🇯🇵 ❤️ 🤖! 😀😃😄 ✨✨",
    "中文分词测试：你好，世界！今天天气很好。",
    "日本語のテキスト、カタカナとひらがな。東京タワー",
    "한국어 문장입니다. 안녕하세요!",
    "مرحبا بالعالم، هذا اختبار للنص العربي.",
    "שלום עולם, זה מבחן",
    "नमस्ते दुनिया, यह एक परीक्षण है।",
    "สวัสดีชาวโลก นี่คือการทดสอบ",
    "Ελληνικά: Καλημέρα κόσμε! Русский: Привет, мир!",
    "naïve café résumé coöperate Zürich São Paulo İstanbul straße ﬁ ﬂ",
    "e\u0301 a\u0308\u0323 Z\u0351\u0352\u0353a\u0354\u0355l\u0356g\u0357o \u0301lonely mark",
    "control \u0000 nul \u0007 bell \u001b[31mred\u001b[0m \u007f del \u200b zwsp \ufeff bom \u200c\u200d",
    "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n",
    "<|endoftext|><|endoftext|>text<|endoftext|>",
    "<|im_sta <|im_end <<|im_end|>> <|im_end|>|> <|IM_END|> < |im_end| >",
    "<think>hidden</think> <answer>shown</answer> <thinking>",
    "<s>[INST] <<SYS>>\nsys\n<</SYS>>\n\nhi [/INST] ok </s>",
    "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhey<|eot_id|>",
    "a" * 3000,
    "9" * 500,
    "!" * 400 + "\n" * 50,
    "ab" * 700,
    " " * 300 + "x",
    "Hello世界123abc！？ mixed😀text٣x",
    "URL: https://example.com/path?q=1&r=two#frag — email: someone@example.org",
    "tab\tseparated\tvalues\n1\t2\t3\n",
    "x\r\ny\rz\n\rw",
    "Ⅻ½²٣\u00b9\u2070 ⑳ 𝟘𝟙 𐄇",
    "𝓗𝓮𝓵𝓵𝓸 𝕨𝕠𝕣𝕝𝕕 𠀀𠀁 (supplementary letters)",
]

RANGES = [
    (0x20, 0x7E), (0x00, 0x1F), (0x7F, 0xA0), (0xA0, 0xFF), (0x100, 0x24F), (0x300, 0x36F), (0x370, 0x3FF),
    (0x400, 0x4FF), (0x590, 0x5FF), (0x600, 0x6FF), (0x900, 0x97F), (0xE00, 0xE7F), (0x1680, 0x1680),
    (0x2000, 0x206F), (0x20A0, 0x20BF), (0x2150, 0x218B), (0x2460, 0x24FF), (0x3000, 0x303F), (0x3040, 0x30FF),
    (0x4E00, 0x4FFF), (0xAC00, 0xACFF), (0xFF00, 0xFFEF), (0x1D400, 0x1D4FF), (0x1F300, 0x1F64F), (0x1F900, 0x1F9FF),
    (0x20000, 0x2001F), (0xE000, 0xE00F),
]
PIECES = ["'s", "'S", "'ll", "'LL", "'ſ", "'re", "'Ve", "  ", " ", "\r\n", "\n\n", "\t", "123", "4567", " 89",
          "<|im_end|>", "<|im_start|>", "<|endoftext|>", "<think>", "<|im", "|>", "$+", "<=>", "^~|", "__", "--"]


def hostile(rng, n):
    out = []
    while len(out) < n:
        if rng.random() < 0.12:
            out.extend(rng.choice(PIECES))
            continue
        lo, hi = rng.choice(RANGES)
        c = chr(rng.randint(lo, hi))
        # Assigned characters only (Unicode 14 here), so Unicode versions cannot disagree.
        if unicodedata.category(c) in ("Cn", "Cs"):
            continue
        out.append(c)
    return "".join(out)


def corpus():
    rng = random.Random(20240601)
    return HANDWRITTEN + [hostile(rng, rng.randint(20, 200)) for _ in range(45)]


# --- the tiny tokenizer ---------------------------------------------------------------------------

def training_text():
    """Our own small training text: prose, code, numbers and a few other scripts."""
    rng = random.Random(7)
    words = ("the model reads every token and the judge labels each game while the attacker tries "
             "again and the defender refuses or answers politely with care because safety matters "
             "here we test tokenizers on text that mixes prose code numbers and scripts").split()
    lines = []
    for _ in range(300):
        lines.append(" ".join(rng.choice(words) for _ in range(rng.randint(4, 14))).capitalize() + ".")
    lines += ["def f(x):\n    return x * 2\n", "for i in range(10):\n    print(i)\n", "let y = [1, 2, 3]\n"] * 20
    lines += [f"{rng.randint(0, 99999)} {rng.random():.4f}" for _ in range(80)]
    lines += ["Привет мир", "你好世界", "こんにちは", "مرحبا", "Καλημέρα", "naïve café", "😀 👍"] * 15
    lines += ["It's we'll they've I'm you'd don't"] * 10
    return lines


def train_tiny():
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=700, special_tokens=SPECIALS, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                  show_progress=False)
    tok.train_from_iterator(training_text(), trainer)
    tok.add_tokens([AddedToken("<think>", normalized=False), AddedToken("</think>", normalized=False)])
    return tok


CHATML_SMOL = ("{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\n"
               "You are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n' }}{% endif %}{{'<|im_start|>' + "
               "message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}"
               "{{ '<|im_start|>assistant\n' }}{% endif %}")
CHATML_PLAIN = ("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
                "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}")
LLAMA3_T = ("{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + "
            "message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}"
            "{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}"
            "{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}")
LLAMA2_T = ("{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% set system_message = "
            "messages[0]['content'] %}{% else %}{% set loop_messages = messages %}{% set system_message = false %}{% endif %}"
            "{% for message in loop_messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
            "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
            "{% if loop.index0 == 0 and system_message != false %}{% set content = '<<SYS>>\\n' + system_message + "
            "'\\n<</SYS>>\\n\\n' + message['content'] %}{% else %}{% set content = message['content'] %}{% endif %}"
            "{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}"
            "{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}")
SPAR_T = ("{% for message in messages %}{{ '<|' + message['role'] + '|>' + message['content'] + '<|end|>' }}{% endfor %}"
          "{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}")

CONVERSATIONS = [
    [{"role": "user", "content": "What is the capital of France?"}],
    [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "hi"}],
    [{"role": "user", "content": "Pick a number."}, {"role": "assistant", "content": "  Seven. \n"},
     {"role": "user", "content": "\tWhy?  "}],
    [{"role": "system", "content": " Be kind\n"}, {"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}],
    [{"role": "user", "content": ""}],
    [{"role": "user", "content": "\u00a0nbsp and \u001f unit separator \u3000"}],
]


def chat_cases(hf_tokenizer, template, bos, eos, name):
    from transformers import PreTrainedTokenizerFast
    fast = PreTrainedTokenizerFast(tokenizer_object=hf_tokenizer, bos_token=bos, eos_token=eos)
    fast.chat_template = template
    out = []
    for k, conv in enumerate(CONVERSATIONS):
        for gen in (True, False):
            try:
                text = fast.apply_chat_template(conv, tokenize=False, add_generation_prompt=gen)
            except Exception as e:  # noqa: BLE001 - Llama 2 refuses non-alternating roles
                out.append({"conversation": k, "generation_prompt": gen, "error": str(e)})
                continue
            ids = hf_tokenizer.encode(text, add_special_tokens=False).ids
            out.append({"conversation": k, "generation_prompt": gen, "text": text, "ids": ids})
    return {"name": name, "template": template, "bos": bos, "eos": eos, "cases": out}


# --- main -----------------------------------------------------------------------------------------

def main():
    os.makedirs(os.path.join(OUT, "tiny"), exist_ok=True)
    texts = corpus()
    with open(os.path.join(OUT, "corpus.json"), "w") as f:
        json.dump({"texts": texts}, f, ensure_ascii=True, indent=0)

    tiny = train_tiny()
    from transformers import PreTrainedTokenizerFast
    fast = PreTrainedTokenizerFast(tokenizer_object=tiny, bos_token="<|im_start|>", eos_token="<|im_end|>",
                                   pad_token="<|endoftext|>", unk_token=None)
    fast.chat_template = CHATML_SMOL
    fast.save_pretrained(os.path.join(OUT, "tiny"))
    for extra in ("special_tokens_map.json",):
        p = os.path.join(OUT, "tiny", extra)
        if os.path.exists(p):
            os.remove(p)
    base = tiny.to_str()

    def split(pattern):
        return pre_tokenizers.Split(Regex(pattern), behavior="isolated")

    byte_level = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    variants = {
        "bytelevel": None,
        "smollm": pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                           pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)]),
        "llama3": pre_tokenizers.Sequence([split(LLAMA3), byte_level]),
        "qwen2": pre_tokenizers.Sequence([split(QWEN2), byte_level]),
        "default": pre_tokenizers.Sequence([split(p) for p in DEFAULT] + [byte_level]),
        "prefix": pre_tokenizers.ByteLevel(add_prefix_space=True, use_regex=True),
        "digit-runs": pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=False), pre_tokenizers.ByteLevel(add_prefix_space=False)]),
    }
    def pre_json(pre):
        t = Tokenizer.from_str(base)
        t.pre_tokenizer = pre
        return json.loads(t.to_str())["pre_tokenizer"]

    expected = {"variants": [], "pieces": {}, "chat": []}
    plan = [(name, {} if pre is None else {"pre_tokenizer": pre_json(pre)}) for name, pre in variants.items()]
    plan.append(("llama3-ignore-merges", {"pre_tokenizer": pre_json(variants["llama3"]), "model.ignore_merges": True}))
    plan.append(("nfc", {"normalizer": {"type": "NFC"}}))
    plan.append(("nfkc", {"normalizer": {"type": "NFKC"}}))
    flagged = json.loads(base)["added_tokens"] + [
        {"id": tiny.get_vocab_size() + k, "content": c, "single_word": sw, "lstrip": ls, "rstrip": rs, "normalized": norm, "special": sp}
        for k, (c, sw, ls, rs, norm, sp) in enumerate([
            ("[MASK]", False, True, True, False, True), ("hello", True, False, False, True, False),
            ("wor", False, False, True, False, False), ("ſt", False, False, False, True, False)])]
    for a in flagged:
        if a["content"] in ("<think>", "</think>"):
            a["lstrip"] = True
    plan.append(("added-flags", {"added_tokens": flagged, "normalizer": {"type": "NFKC"}}))

    results = []
    for name, overrides in plan:
        j = json.loads(base)
        for key, value in overrides.items():
            if key.startswith("model."):
                j["model"][key[6:]] = value
            else:
                j[key] = value
        t = Tokenizer.from_str(json.dumps(j))
        ids = [t.encode(s, add_special_tokens=False).ids for s in texts]
        if results:
            # Only the texts whose ids differ from the first variant's (the others are equal to it).
            entry = {"name": name, "overrides": overrides,
                     "ids": {str(k): v for k, (v, b) in enumerate(zip(ids, results[0]["ids"])) if v != b}}
        else:
            entry = {"name": name, "overrides": overrides, "ids": ids}
        if name == "bytelevel":
            entry["decoded"] = [t.decode(i, skip_special_tokens=False) for i in ids]
            entry["decoded_skipping"] = [t.decode(i, skip_special_tokens=True) for i in ids]
            rng = random.Random(5)
            rand = [[rng.randrange(t.get_vocab_size()) for _ in range(rng.randint(1, 12))] for _ in range(200)]
            entry["random_ids"] = rand
            entry["random_decoded"] = [t.decode(r, skip_special_tokens=False) for r in rand]
        results.append(entry)
    expected["variants"] = results

    # Pieces of each split rule, as UTF-8 byte lengths.
    rules = {"gpt2": split(GPT2), "llama3": split(LLAMA3), "qwen2": split(QWEN2), "digits": pre_tokenizers.Digits(individual_digits=True),
             "default": pre_tokenizers.Sequence([split(p) for p in DEFAULT])}
    for name, pre in rules.items():
        expected["pieces"][name] = [[len(p.encode("utf-8")) for p, _ in pre.pre_tokenize_str(s)] for s in texts]

    # Chat templates on the tiny tokenizer.
    expected["chat"].append(chat_cases(tiny, CHATML_SMOL, "<|im_start|>", "<|im_end|>", "chatml-smollm"))
    expected["chat"].append(chat_cases(tiny, CHATML_PLAIN, "<|im_start|>", "<|im_end|>", "chatml"))
    expected["chat"].append(chat_cases(tiny, LLAMA3_T, "<|begin_of_text|>", "<|eot_id|>", "llama3"))
    expected["chat"].append(chat_cases(tiny, LLAMA2_T, "<s>", "</s>", "llama2"))
    expected["chat"].append(chat_cases(tiny, SPAR_T, "<|im_start|>", "<|im_end|>", "spar"))
    expected["conversations"] = CONVERSATIONS

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, ensure_ascii=True, separators=(",", ":"))

    if os.path.exists(GGUF):
        smollm2(texts)
    else:
        print(f"{GGUF} is absent: smollm2-subset.json not regenerated", file=sys.stderr)


def smollm2(texts):
    from gguf import GGUFReader
    from transformers import AutoTokenizer
    r = GGUFReader(GGUF)
    field = lambda k: r.fields[k].contents()  # noqa: E731
    tokens, types, merges = field("tokenizer.ggml.tokens"), field("tokenizer.ggml.token_type"), field("tokenizer.ggml.merges")
    template = field("tokenizer.chat_template")
    hf = AutoTokenizer.from_pretrained(os.path.dirname(GGUF), gguf_file=os.path.basename(GGUF))
    backend = hf.backend_tokenizer

    # SmolLM2's own tokenizer.json splits digits first (Digits, then ByteLevel), which is also what
    # llama.cpp's "smollm" pre-tokenizer does; transformers' GGUF loader (5.x) skips the digit step,
    # which changes the split of whitespace before a digit. The reference is the model's own pipeline:
    # transformers' vocabulary, merges and added tokens with SmolLM2's pre-tokenizer.
    j = json.loads(backend.to_str())
    j["pre_tokenizer"] = {"type": "Sequence", "pretokenizers": [{"type": "Digits", "individual_digits": True},
                          {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}]}
    loader = backend
    backend = Tokenizer.from_str(json.dumps(j))
    chats = []
    for k, conv in enumerate(CONVERSATIONS):
        for gen in (True, False):
            text = hf.apply_chat_template(conv, tokenize=False, add_generation_prompt=gen)
            chats.append({"conversation": k, "generation_prompt": gen, "text": text,
                          "ids": backend.encode(text, add_special_tokens=False).ids})
    all_texts = texts + [c["text"] for c in chats]
    ids = [backend.encode(s, add_special_tokens=False).ids for s in all_texts]
    disagree = sum(loader.encode(s, add_special_tokens=False).ids != i for s, i in zip(all_texts, ids))
    print(f"SmolLM2: transformers' GGUF loader differs from SmolLM2's pipeline on {disagree} of {len(all_texts)} texts")

    # Merges the corpus uses, by running BPE on each pre-token (and checking it gives HF's tokens).
    rank = {tuple(m.split(" ")): k for k, m in enumerate(merges)}
    vocab = {t: i for i, t in enumerate(tokens)}
    added = {i for i, t in enumerate(types) if t in (3, 4)}
    used = set()
    for s in all_texts:
        enc = backend.encode(s, add_special_tokens=False)
        groups = {}
        for tid, w in zip(enc.ids, enc.word_ids):
            if tid in added or w is None:
                continue
            groups.setdefault(w, []).append(tid)
        for w, tids in groups.items():
            word = list("".join(tokens[t] for t in tids))
            while len(word) > 1:
                best = min(((rank.get((a, b), 1 << 60), k) for k, (a, b) in enumerate(zip(word, word[1:]))))
                if best[0] == 1 << 60:
                    break
                k = best[1]
                used.add(best[0])
                word[k:k + 2] = [word[k] + word[k + 1]]
            assert [vocab[x] for x in word] == tids, (s[:40], word, tids)
    keep_ids = set(range(256)) | added
    kept_merges = sorted(used)
    for k in kept_merges:
        a, b = merges[k].split(" ")
        keep_ids |= {vocab[a], vocab[b], vocab[a + b]}
    # Byte tokens: every single-character token of the byte alphabet.
    keep_ids |= {i for i, t in enumerate(tokens) if len(t) == 1}
    subset = {
        "source": "SmolLM2-135M-Instruct.Q4_1.gguf (Apache-2.0), tokenizer metadata restricted to the test corpus",
        "count": len(tokens), "pre": field("tokenizer.ggml.pre"), "model": field("tokenizer.ggml.model"),
        "bos": int(field("tokenizer.ggml.bos_token_id")), "eos": int(field("tokenizer.ggml.eos_token_id")),
        "pad": int(field("tokenizer.ggml.padding_token_id")), "unk": int(field("tokenizer.ggml.unknown_token_id")),
        "add_bos": bool(field("tokenizer.ggml.add_bos_token")), "chat_template": template,
        "tokens": {str(i): tokens[i] for i in sorted(keep_ids)},
        "types": {str(i): int(types[i]) for i in sorted(keep_ids) if types[i] != 1},
        "merges": [merges[k] for k in kept_merges],
        "ids": ids[:len(texts)],
        "decoded_skipping": [backend.decode(i, skip_special_tokens=True) for i in ids[:len(texts)]],
        "chat": chats,
    }
    # The subset must encode exactly like the full tokenizer (gaps become unused placeholder tokens).
    placeholder = [tokens[i] if i in keep_ids else f"<spar-unused-{i}>" for i in range(len(tokens))]
    j2 = json.loads(backend.to_str())
    j2["model"]["vocab"] = {t: i for i, t in enumerate(placeholder)}
    j2["model"]["merges"] = [m.split(" ") for m in subset["merges"]]
    small = Tokenizer.from_str(json.dumps(j2))
    assert all(small.encode(s, add_special_tokens=False).ids == i for s, i in zip(all_texts, ids))
    # llama.cpp, where llama-cpp-python is installed, must give the same ids.
    try:
        from llama_cpp import Llama
    except ImportError:
        print("llama_cpp is not installed: the llama.cpp cross-check is skipped", file=sys.stderr)
    else:
        llm = Llama(model_path=GGUF, vocab_only=True, verbose=False)
        differ = sum(llm.tokenize(s.encode("utf-8"), add_bos=False, special=True) != i for s, i in zip(all_texts, ids))
        print(f"SmolLM2: llama.cpp differs on {differ} of {len(all_texts)} texts")
        assert differ == 0
    with open(os.path.join(OUT, "smollm2-subset.json"), "w") as f:
        json.dump(subset, f, ensure_ascii=True, separators=(",", ":"))
    print(f"SmolLM2 subset: {len(keep_ids)} tokens, {len(kept_merges)} merges")


if __name__ == "__main__":
    main()
