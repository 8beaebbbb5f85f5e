#!/usr/bin/env bash
# Engine benchmarks beside numpy, measured in the same run, printed as a table with ratios.
# Usage: bench/tensors.sh [ROUNDS]   (default 3; builds spar-bench in release mode first)
# Spar and numpy run alternately ROUNDS times and each keeps its best result per benchmark, so a
# burst of load from other processes on a shared machine hits both sides alike.
# Ratio column: how many times better Spar is (GFLOP/s: spar/numpy; ms: numpy/spar); >= 1 is as good.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
swift build -c release --product spar-bench >/dev/null
spar_out="" numpy_out=""
for _ in $(seq "$rounds"); do
    spar_out+=$(.build/release/spar-bench)$'\n'
    # numpy's bundled OpenBLAS picks its own kernels; the machine may set OPENBLAS_CORETYPE/L2_SIZE
    # for ours. Unset them for the numpy command only, so each library runs as it would by default.
    numpy_out+=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 bench/tensors_numpy.py)$'\n'
done
python3 - "$spar_out" "$numpy_out" "$rounds" <<'PY'
import sys
def parse(text):
    best = {}
    for line in text.strip().splitlines():
        name, value, unit = line.split("\t")
        v = float(value)
        if name not in best:
            best[name] = (v, unit)
        else:
            old = best[name][0]
            best[name] = (max(old, v) if unit == "GFLOP/s" else min(old, v), unit)
    return best
spar, numpy = parse(sys.argv[1]), parse(sys.argv[2])
print(f"best of {sys.argv[3]} alternating rounds")
print(f"| {'benchmark':<22} | {'spar':>10} | {'numpy':>10} | {'unit':<8} | {'ratio':>6} |")
print(f"|{'-'*24}|{'-'*12}|{'-'*12}|{'-'*10}|{'-'*8}|")
for name, (s, unit) in spar.items():
    n = numpy.get(name, (float('nan'), unit))[0]
    ratio = s / n if unit == "GFLOP/s" else n / s
    print(f"| {name:<22} | {s:>10.3f} | {n:>10.3f} | {unit:<8} | {ratio:>6.2f} |")
PY
