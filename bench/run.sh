#!/bin/sh
# Times each benchmark in Spar (release build), python3 and lua5.4 in one run and prints ratios.
# Each time is CPU time (user + system) of the best of 3 runs: on a shared, loaded machine wall
# time mostly measures the other processes.
# Usage: bench/run.sh
# It builds its own plain release binary in .build/bench: the test build's `-enable-testing`
# (also used by `make build`) keeps the optimiser from specialising internal code and runs calls
# about twice as slowly.
set -eu
cd "$(dirname "$0")"
(cd .. && swift build -c release --product spar --scratch-path .build/bench >/dev/null)
spar=../.build/bench/release/spar
best() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
times = []
for _ in range(3):
    start = cpu()
    subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
    times.append(cpu() - start)
print(f"{min(times):.3f}")
PY
}
printf "%-10s %8s %8s %8s %10s %10s\n" benchmark spar python3 lua5.4 spar/py spar/lua
for b in fib loop strings sort; do
    s=$(best $spar run $b.spar); p=$(best python3 $b.py); l=$(best lua5.4 $b.lua)
    python3 -c "print('%-10s %7ss %7ss %7ss %10.2f %10.2f' % ('$b', '$s', '$p', '$l', $s / $p, $s / $l))"
done
