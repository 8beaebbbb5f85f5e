#!/usr/bin/env bash
# Language-model benchmarks beside PyTorch, measured in the same run, printed as a table with ratios.
# Usage: bench/model.sh [steps]     (default 5 timed training steps; builds spar-bench in release first)
# Config (the issue's): 4 layers, width 256, 4 heads, context 256, batch 16, vocab 1024.
# The PyTorch peer runs when `python3 -c "import torch"` works, or with TORCH_PYTHON=/path/to/python
# (a CPU wheel: pip install --find-links /opt/wheels torch). It is a benchmark only, never a test.
# Ratio column: spar / torch for rates (tok/s), torch / spar for times; >= 1 means spar is as fast.
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS=${1:-5}
swift build -c release --product spar-bench >/dev/null
spar_out=$(.build/release/spar-bench model "$STEPS")
PY=${TORCH_PYTHON:-python3}
if "$PY" -c "import torch" 2>/dev/null; then
    torch_out=$("$PY" bench/model_torch.py "$STEPS")
else
    echo "(torch is not installed for $PY: no peer column; the issue quotes 5200 train tok/s, 140 and 350 generation tok/s)"
    torch_out=""
fi
python3 - "$spar_out" "$torch_out" <<'PY'
import sys
def parse(text):
    rows = {}
    for line in text.strip().splitlines():
        name, value, unit = line.split("\t")
        rows[name] = (float(value), unit)
    return rows
spar, torch = parse(sys.argv[1]), parse(sys.argv[2])
print(f"| {'benchmark':<20} | {'spar':>10} | {'torch':>10} | {'unit':<8} | {'ratio':>6} |")
print(f"|{'-'*22}|{'-'*12}|{'-'*12}|{'-'*10}|{'-'*8}|")
for name, (s, unit) in spar.items():
    t = torch.get(name, (float('nan'), unit))[0]
    ratio = t / s if unit == "ms" else s / t
    print(f"| {name:<20} | {s:>10.1f} | {t:>10.1f} | {unit:<8} | {ratio:>6.2f} |")
print("(torch generates without a KV cache, recomputing the prefix for every token, as in the issue)")
PY
