#!/usr/bin/env bash
# Times `xmtool report --month 2024-12 --format json` against the same district ranking in
# DuckDB (2 threads) and against the parse floor (reading and splitting every CSV record, one
# core), on generated folders of 10k, 100k and 1M projects with 12 months of reports, all in one
# run on one machine, and prints wall time, peak memory and the ratios.
#
#   benches/compare.sh                 all sizes
#   SIZES="10000 100000" benches/compare.sh
#
# Not part of the test suite. Needs python3 (DuckDB is installed into a virtualenv here).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${WORK:-$ROOT/target/bench}
SIZES=${SIZES:-"10000 100000 1000000"}
RUNS=${RUNS:-3}
mkdir -p "$WORK"

if [ ! -x "$WORK/venv/bin/python" ]; then
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install --quiet duckdb
fi
cargo build --release --quiet --example gen --example parse_floor
cargo build --release --quiet
XMTOOL=$ROOT/target/release/xmtool
GEN=$ROOT/target/release/examples/gen
FLOOR=$ROOT/target/release/examples/parse_floor
cat > "$WORK/duck.py" <<PY
import sys, duckdb
con = duckdb.connect()
con.execute("SET threads = 2")
sql = open("$ROOT/benches/district_ranking.sql").read().replace("SET threads = 2;", "")
rows = con.execute(sql).fetchall()
print(len(rows), "districts")
PY

# Best of $RUNS: "seconds max_rss_kb"
measure() {
    local best_t="" best_m=""
    for _ in $(seq "$RUNS"); do
        local out
        /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > /dev/null 2>&1 || true
        out=$(tail -1 "$WORK/time.txt")
        local t=${out% *} m=${out#* }
        if [ -z "$best_t" ] || awk "BEGIN{exit !($t < $best_t)}"; then best_t=$t; fi
        if [ -z "$best_m" ] || [ "$m" -gt "$best_m" ]; then best_m=$m; fi
    done
    echo "$best_t $best_m"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
printf "%-9s %-12s %10s %10s %12s %10s\n" projects tool seconds "peak MiB" "vs xmtool" "report rows"
for n in $SIZES; do
    dir=$WORK/data-$n
    if [ ! -f "$dir/reports/2024-12.csv" ]; then
        rm -rf "$dir"
        "$GEN" "$dir" --projects "$n" --months 12 2> /dev/null
    fi
    rows=$(( $(cat "$dir"/reports/*.csv | wc -l) - 12 ))
    read -r xt xm < <(measure "$XMTOOL" report --month 2024-12 --format json --allow-errors --dir "$dir")
    read -r dt dm < <(cd "$dir" && measure "$WORK/venv/bin/python" "$WORK/duck.py")
    read -r ft fm < <(measure "$FLOOR" "$dir")
    for tool in xmtool duckdb floor; do
        case $tool in
            xmtool) t=$xt; m=$xm ;;
            duckdb) t=$dt; m=$dm ;;
            floor) t=$ft; m=$fm ;;
        esac
        ratio=$(awk "BEGIN{ if ($xt > 0) printf \"%.2fx\", $t / $xt; else print \"-\" }")
        printf "%-9s %-12s %10s %10.0f %12s %10s\n" "$n" "$tool" "$t" "$(awk "BEGIN{print $m/1024}")" "$ratio" "$rows"
    done
done
echo "vs xmtool: the tool's time over xmtool's (above 1 means xmtool is faster)."
