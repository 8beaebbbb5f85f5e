#!/usr/bin/env bash
# Runs every benchmark beside its peers in the same run and prints times and ratios.
#   bench/run.sh            all benchmarks (language vs python3/lua5.4, tensors vs numpy)
#   bench/run.sh lang       only the language benchmarks
# Times are the best wall time of $REPEAT runs (default 3) of the whole program, start-up included.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-3}
scripts/install-deps.sh lua5.4
swift build -c release --static-swift-stdlib --product spar >/dev/null  # as make build
SPAR=.build/release/spar

# best_ms CMD...: the best wall-clock time in milliseconds over $REPEAT runs, start-up included.
# Wall time, not CPU time: OpenBLAS starts worker threads when a program loads and they spin for a
# while (sched_yield) on the other core; that counts as CPU time of every spar process although it
# does not delay the script. Run on a quiet machine: wall time also counts other processes.
best_ms() {
    python3 - "$REPEAT" "$@" <<'PY'
import subprocess, sys, time
times = []
for _ in range(int(sys.argv[1])):
    start = time.perf_counter()
    subprocess.run(sys.argv[2:], check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - start)
print(round(min(times) * 1000))
PY
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == 0) a = 1; printf "%.2fx", b / a }'; }

lang_benchmarks() {
    printf '%-10s %10s %10s %10s %14s %14s\n' benchmark "spar ms" "python3 ms" "lua5.4 ms" "python3/spar" "lua5.4/spar"
    for name in fib loop strings sort; do
        # Same answer from all three, or the comparison means nothing.
        local a b c
        a=$($SPAR run bench/lang/$name.spar | tr -s ' \t' ' ')
        b=$(python3 bench/lang/$name.py | tr -s ' \t' ' ')
        c=$(lua5.4 bench/lang/$name.lua | tr -s ' \t' ' ')
        if [ "$a" != "$b" ] || [ "$a" != "$c" ]; then
            echo "$name: outputs differ: spar '$a' python3 '$b' lua5.4 '$c'" >&2; exit 1
        fi
        local s p l
        s=$(best_ms $SPAR run bench/lang/$name.spar)
        p=$(best_ms python3 bench/lang/$name.py)
        l=$(best_ms lua5.4 bench/lang/$name.lua)
        printf '%-10s %10s %10s %10s %14s %14s\n' "$name" "$s" "$p" "$l" "$(ratio "$s" "$p")" "$(ratio "$s" "$l")"
    done
    local st; st=$(best_ms $SPAR -e 'nil')
    echo "start-up: spar -e 'nil' ${st} ms"
    echo "(a ratio above 1x means spar is faster than the peer)"
}

what=${1:-all}
case "$what" in
    lang) lang_benchmarks ;;
    all) lang_benchmarks
         for extra in bench/tensors.sh; do [ -x "$extra" ] && { echo; "$extra"; }; done ;;
    *) echo "usage: bench/run.sh [lang|all]" >&2; exit 64 ;;
esac
