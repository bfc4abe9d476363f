#!/usr/bin/env bash
# Times `xmtool report --month 2024-12 --format json` against the same district ranking in
# DuckDB (2 threads) and against the parse floor (reading and splitting every CSV record, one
# core), on generated folders of 10k, 100k and 1M projects with 12 months of reports, all in one
# run on one machine, and prints wall time, peak memory and the ratios. At each size it also checks
# that DuckDB's ranking is the one xmtool prints (benches/agree.py), and fails if not.
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

# One run: "seconds max_rss_kb"
once() {
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > /dev/null 2>&1 || true
    tail -1 "$WORK/time.txt"
}

# Keeps the best time and the largest peak memory of a tool ($1: xt/dt/ft) over the runs.
keep() {
    local t=${2% *} m=${2#* } bt_var=${1}_t bm_var=${1}_m
    local bt=${!bt_var:-} bm=${!bm_var:-}
    if [ -z "$bt" ] || awk "BEGIN{exit !($t < $bt)}"; then printf -v "$bt_var" %s "$t"; fi
    if [ -z "$bm" ] || [ "$m" -gt "$bm" ]; then printf -v "$bm_var" %s "$m"; fi
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
    # Best of $RUNS, the three tools taking turns, so that a machine slowing down or speeding
    # up part way (shared machines do) weighs on all three alike.
    x_t="" x_m="" d_t="" d_m="" f_t="" f_m=""
    for _ in $(seq "$RUNS"); do
        keep x "$(once "$XMTOOL" report --month 2024-12 --format json --allow-errors --dir "$dir")"
        keep d "$(cd "$dir" && once "$WORK/venv/bin/python" "$WORK/duck.py")"
        keep f "$(once "$FLOOR" "$dir")"
    done
    xt=$x_t xm=$x_m dt=$d_t dm=$d_m ft=$f_t fm=$f_m
    for tool in xmtool duckdb floor; do
        case $tool in
            xmtool) t=$xt; m=$xm ;;
            duckdb) t=$dt; m=$dm ;;
            floor) t=$ft; m=$fm ;;
        esac
        ratio=$(awk "BEGIN{ if ($xt > 0) printf \"%.2fx\", $t / $xt; else print \"-\" }")
        printf "%-9s %-12s %10s %10.0f %12s %10s\n" "$n" "$tool" "$t" "$(awk "BEGIN{print $m/1024}")" "$ratio" "$rows"
    done
    # The same work: DuckDB's ranking is xmtool's (untimed).
    "$WORK/venv/bin/python" "$ROOT/benches/agree.py" "$dir" "$XMTOOL" || differ=1
done
echo "vs xmtool: the tool's time over xmtool's (above 1 means xmtool is faster)."
exit "${differ:-0}"
