#!/usr/bin/env bash
# Real-model benchmark: SmolLM2-135M-Instruct Q4_1 (`spar fetch smollm2`) in Spar beside llama.cpp and
# PyTorch + transformers, measured in the same run and printed with ratios (>= 1: Spar is as fast).
# Usage: bench/llm.sh [path.gguf]
#
# The peers run in bench/.venv (gitignored), made on first use with pip: llama-cpp-python==0.3.36
# (built from source: compiling llama.cpp takes 10-30 minutes once), torch (the CPU wheel), transformers,
# gguf, numpy. PEERS_PYTHON=/path/to/python uses an existing environment instead. Spar and the peers
# run one after another, alternating, twice; each side's best is shown. Benchmarks only, never tests.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${1:-${SPAR_HOME:-$HOME/.cache/spar}/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf}
[ -f "$MODEL" ] || { echo "bench/llm.sh: $MODEL is missing: run \`spar fetch smollm2\`" >&2; exit 1; }
PY=${PEERS_PYTHON:-}
if [ -z "$PY" ]; then
    if [ ! -x bench/.venv/bin/python ]; then
        python3 -m venv bench/.venv
        bench/.venv/bin/pip install -q numpy gguf transformers
        # The CPU wheel, when pip's find-links folder has it (PyPI's default torch is the CUDA build).
        bench/.venv/bin/pip install -q "torch==2.13.0+cpu" 2>/dev/null || bench/.venv/bin/pip install -q torch
        CMAKE_ARGS="-DGGML_NATIVE=ON" bench/.venv/bin/pip install -q llama-cpp-python==0.3.36
    fi
    PY=bench/.venv/bin/python
fi
swift build -c release --product spar-bench >/dev/null
out=""
for round in 1 2; do
    out+=$(.build/release/spar-bench llm "$MODEL" | sed 's/^/spar:/')$'\n'
    out+=$("$PY" bench/llm_peers.py "$MODEL" all 2>/dev/null)$'\n'
done
python3 - "$out" <<'PY'
import sys
best = {}
for line in sys.argv[1].strip().splitlines():
    if "\t" not in line:
        continue
    key, value, unit = line.split("\t")
    peer, name = key.split(":", 1)
    v = float(value)
    lower_better = unit in ("ms", "MB")
    old = best.get((peer, name))
    if old is None or (v < old[0] if lower_better else v > old[0]):
        best[(peer, name)] = (v, unit)
names = ["load", "decode b1", "sample 16x64", "rss"]
print(f"| {'benchmark':<14} | {'spar':>9} | {'llama.cpp':>9} | {'torch':>9} | {'unit':<6} | {'vs llama.cpp':>12} | {'vs torch':>8} |")
print(f"|{'-'*16}|{'-'*11}|{'-'*11}|{'-'*11}|{'-'*8}|{'-'*14}|{'-'*10}|")
for n in names:
    s = best.get(("spar", n))
    if not s:
        continue
    unit = s[1]
    cells, ratios = [], []
    for peer in ("llama.cpp", "torch"):
        p = best.get((peer, n))
        cells.append(f"{p[0]:>9.1f}" if p else f"{'-':>9}")
        if p:
            r = p[0] / s[0] if unit in ("ms", "MB") else s[0] / p[0]
            ratios.append(f"{r:.2f}x")
        else:
            ratios.append("-")
    print(f"| {n:<14} | {s[0]:>9.1f} | {cells[0]} | {cells[1]} | {unit:<6} | {ratios[0]:>12} | {ratios[1]:>8} |")
b1, b16 = best.get(("spar", "decode b1")), best.get(("spar", "sample 16x64"))
if b1 and b16:
    print(f"spar sample 16x64 / spar decode b1: {b16[0] / b1[0]:.1f}x")
PY
