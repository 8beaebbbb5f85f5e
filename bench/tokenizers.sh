#!/usr/bin/env bash
# Byte-level BPE encoding speed: Spar beside Hugging Face `tokenizers` (Rust, one thread), same run,
# same vocabulary (SmolLM2-135M-Instruct's 49,152 tokens, from $SPAR_HOME/smollm2) and same text
# (this repository's Swift sources and docs, encoded paragraph by paragraph). Both sides time a freshly
# loaded tokenizer (cold caches).
# Usage: bench/tokenizers.sh   (PEER_PYTHON=/path/to/python to use a Python that has tokenizers and
# gguf; otherwise bench/.venv is made with pip). Ratio: spar / hf MB/s, >= 1 means Spar is as fast.
set -euo pipefail
cd "$(dirname "$0")/.."
GGUF=${SPAR_HOME:-$HOME/.cache/spar}/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf
[ -f "$GGUF" ] || { echo "missing $GGUF: run 'spar fetch smollm2' first"; exit 1; }
PY=${PEER_PYTHON:-}
if [ -z "$PY" ]; then
    [ -x bench/.venv/bin/python ] || { python3 -m venv bench/.venv && bench/.venv/bin/pip install -q tokenizers gguf; }
    PY=bench/.venv/bin/python
fi
OUT=bench/.cache/tokenizers
hf=$(TOKENIZERS_PARALLELISM=false RAYON_NUM_THREADS=1 "$PY" bench/tokenizers_hf.py "$GGUF" "$OUT")
swift build -c release -Xswiftc -enable-testing --scratch-path .build/test --build-tests >/dev/null
spar=$(SPAR_BYTELEVEL_TOKENIZER="$OUT/tokenizer.json" SPAR_TOKENIZER_TEXT="$OUT/text.txt" \
    swift test -c release -Xswiftc -enable-testing --scratch-path .build/test --skip-build --disable-swift-testing \
    --filter TokenizerByteLevelThroughputTests 2>&1)
echo "$spar" | sed -n '/byte-level BPE throughput/,/tokens /p'
s=$(echo "$spar" | awk '/spar-bytelevel-encode-cold-mbps/ {print $2}')
h=$(echo "$hf" | awk '/hf-encode-mbps/ {print $2}')
mb=$(echo "$hf" | awk '/text-mb/ {print $2}')
python3 -c "print(f'encode {float(\"$mb\"):.2f} MB, SmolLM2 vocabulary: spar {float(\"$s\"):.2f} MB/s, hf tokenizers {float(\"$h\"):.2f} MB/s, ratio {float(\"$s\")/float(\"$h\"):.2f}')"
