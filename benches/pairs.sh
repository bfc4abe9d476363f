#!/usr/bin/env bash
# Compares two builds of xmtool on one data folder, in runs that alternate between them (A, B,
# A, B, ...), and prints the median of B's wall and CPU time over A's in each pair, with the
# range, and each build's largest peak memory. On a shared machine whose speed drifts from
# minute to minute, pairs of neighbouring runs compare the builds more fairly than the best of
# several runs each.
#
#   [FORMAT=table] benches/pairs.sh OLD_BINARY NEW_BINARY [DIR] [PAIRS]
#
# DIR defaults to target/bench/data-100000 (made by benches/compare.sh), PAIRS to 20. Each run
# is `report --month 2024-12 --format json --allow-errors` (FORMAT=table for the bulletin a clerk
# reads), its output thrown away. Not part of the test suite.
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: [FORMAT=table] benches/pairs.sh OLD_BINARY NEW_BINARY [DIR] [PAIRS]" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
a=$1 b=$2 dir=${3:-$root/target/bench/data-100000} pairs=${4:-20} format=${FORMAT:-json}
for bin in "$a" "$b"; do
    [ -x "$bin" ] || { echo "not an executable: $bin" >&2; exit 2; }
done
[ -d "$dir" ] || { echo "not a folder: $dir (benches/compare.sh makes it)" >&2; exit 2; }
times=$(mktemp)
trap 'rm -f "$times" "$times.one"' EXIT

# One run: "wall cpu peak_kb"
once() {
    /usr/bin/time -f "%e %U %S %M" -o "$times.one" "$1" report --month 2024-12 --format "$format" \
        --allow-errors --dir "$dir" > /dev/null 2>&1
    awk '{ printf "%s %.3f %s\n", $1, $2 + $3, $4 }' "$times.one"
}

for _ in $(seq "$pairs"); do
    echo "$(once "$a") $(once "$b")" >> "$times"
done
awk -v pairs="$pairs" '
    function median(v, n,    i, j, t) {
        for (i = 2; i <= n; i++) {
            t = v[i]
            for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]
            v[j + 1] = t
        }
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    {
        n++
        wall[n] = $4 / $1
        cpu[n] = $5 / $2
        if ($3 > peak_a) peak_a = $3
        if ($6 > peak_b) peak_b = $6
    }
    END {
        w_lo = w_hi = wall[1]
        for (i = 1; i <= n; i++) {
            if (wall[i] < w_lo) w_lo = wall[i]
            if (wall[i] > w_hi) w_hi = wall[i]
        }
        printf "%d pairs: new/old wall %.3f (%.3f to %.3f), CPU %.3f\n", n, median(wall, n), w_lo, w_hi, median(cpu, n)
        printf "peak memory: old %.0f MiB, new %.0f MiB\n", peak_a / 1024, peak_b / 1024
    }' "$times"
