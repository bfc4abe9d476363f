#!/usr/bin/env bash
# Shows how xmtool's time and peak memory grow with its input, shape by shape: each shape is
# generated at a size and at twice and four times it, and each doubling's ratios are printed.
# Linear growth doubles both (2.0); a ratio near 4 is quadratic growth, the kind a list searched
# once per item gives, which only large inputs show. Shapes:
#
#   clean       a clean folder of 12 months, `report --format json` (the benchmark's job)
#   districts   every project in a district of its own, `report` (the terminal bulletin)
#   bad-rows    every report row with two amounts that are not numbers, `check` (a finding each)
#   doubled     a second 累计完成投资 column differing on every row, `check`
#   files       a file per district and month, `check`
#   open-quote  a registry quote never closed, in the second project's name: every report row
#               after the first project's is of no project, and names that cell, `check`
#   template    every project in a district of its own, `template` (a file per district)
#   file-each   a report file per project, every one of the same size (`check` compares files
#               of one size for copies of one another)
#   ways        one district written a way per project (full-width letters here and there),
#               `check`
#   categories  one 问题类别 naming a category per project, `report`
#   export      the clean folder of 12 months, `export` (CSV files and the workbook)
#
# User time is xmtool's own work; wall time adds the system's (`template` makes a file per
# district, and ext4 takes longer to make each new file in a folder of tens of thousands).
#
#   benches/scale.sh                  all shapes, at 20,000, 40,000 and 80,000 projects
#   SHAPES="clean bad-rows" BASE=50000 benches/scale.sh
#
# Not part of the test suite: times on a shared machine drift, so read the ratios, not the
# seconds, and run it again before believing one odd ratio. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${WORK:-$ROOT/target/bench/scale}
SHAPES=${SHAPES:-"clean districts bad-rows doubled files open-quote template file-each ways categories export"}
BASE=${BASE:-20000}
mkdir -p "$WORK"
cargo build --release --quiet --example gen
cargo build --release --quiet
XMTOOL=$ROOT/target/release/xmtool
GEN=$ROOT/target/release/examples/gen

# Makes the folder of `shape` at `n` projects in $1.
make_folder() {
    local dir=$1 shape=$2 n=$3
    rm -rf "$dir"
    case $shape in
        clean | export) "$GEN" "$dir" --projects "$n" --months 12 ;;
        files) "$GEN" "$dir" --projects "$n" --months 12 --per-district ;;
        bad-rows | doubled | open-quote) "$GEN" "$dir" --projects "$n" --months 3 ;;
        districts | template | ways | categories) "$GEN" "$dir" --projects "$n" --months 3 ;;
        file-each) "$GEN" "$dir" --projects "$n" --months 1 ;;
    esac > /dev/null 2>&1
    case $shape in
        # (The generated files quote nothing, so a comma splits every field.)
        districts | template)
            awk -F, -v OFS=, 'NR > 1 { $3 = "县" NR; $4 = "县" NR "发展和改革局" } 1' \
                "$dir/projects.csv" > "$dir/p" && mv "$dir/p" "$dir/projects.csv" ;;
        bad-rows)
            for f in "$dir"/reports/*.csv; do
                awk -F, -v OFS=, 'NR > 1 { $3 = "待定"; $4 = "见附件" } 1' "$f" > "$f.t"
                mv "$f.t" "$f"
            done ;;
        open-quote)
            awk -F, -v OFS=, 'NR == 3 { $2 = "\"" $2 } 1' "$dir/projects.csv" > "$dir/p" &&
                mv "$dir/p" "$dir/projects.csv" ;;
        file-each)
            mkdir -p "$dir/reports/2024-01"
            awk -F, -v OFS=, -v d="$dir/reports/2024-01" 'NR == 1 { h = $0; next }
                { f = sprintf("%s/r%07d.csv", d, NR); print h > f; print $1, $2, 1, 1, "在建", "2024-01", "" > f; close(f) }' \
                "$dir/reports/2024-01.csv"
            rm "$dir/reports/2024-01.csv" ;;
        ways)
            # (Each project's district: 20 letters, the binary digits of its row, half-width A
            # or full-width Ａ, then 区.)
            awk -F, -v OFS=, 'NR > 1 { name = ""; r = NR
                    for (i = 0; i < 20; i++) { name = name (r % 2 ? "Ａ" : "A"); r = int(r / 2) }
                    $3 = name "区" } 1' \
                "$dir/projects.csv" > "$dir/p" && mv "$dir/p" "$dir/projects.csv" ;;
        categories)
            # (The cell written a category at a time: one string grown n times would take
            # time growing with the square of n in awk itself.)
            awk -F, -v OFS=, -v n="$n" 'NR == 1 { print $0, "存在问题", "问题类别"; next }
                NR == 2 { printf "%s,土地未落实,类别1", $0
                    for (i = 2; i <= n; i++) printf "、类别%d", i
                    print ""; next } { print $0, "", "" }' \
                "$dir/reports/2024-03.csv" > "$dir/r" && mv "$dir/r" "$dir/reports/2024-03.csv" ;;
        doubled)
            for f in "$dir"/reports/*.csv; do
                awk -F, -v OFS=, '{ $0 = $0 OFS (NR == 1 ? $4 : $4 + 1) } 1' "$f" > "$f.t"
                mv "$f.t" "$f"
            done ;;
    esac
}

# The command a shape times, run in the folder.
command_of() {
    case $1 in
        clean) echo "report --month 2024-12 --format json --allow-errors" ;;
        districts | categories) echo "report --month 2024-03 --allow-errors" ;;
        export) echo "export --month 2024-12 --out $WORK/export-out --force --allow-errors" ;;
        template) echo "template --month 2024-04 --out $WORK/template-out --force" ;;
        *) echo "check" ;;
    esac
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
printf "%-10s %9s %12s %8s %8s %9s %8s %8s %9s\n" shape projects "report rows" "wall s" \
    "user s" "peak MiB" "wall ×" "user ×" "memory ×"
for shape in $SHAPES; do
    last_t="" last_u="" last_m=""
    for n in $BASE $((BASE * 2)) $((BASE * 4)); do
        dir=$WORK/$shape-$n
        [ -f "$dir/.made" ] || { make_folder "$dir" "$shape" "$n" && touch "$dir/.made"; }
        # (Lines less each file's header.)
        rows=$(( $(find "$dir/reports" -name '*.csv' -exec cat {} + | wc -l) \
            - $(find "$dir/reports" -name '*.csv' | wc -l) ))
        rm -rf "$WORK/template-out" "$WORK/export-out"
        # (The best times of two runs, and the larger peak; `check` exits 1 on the errors it is
        # given.)
        best_t="" best_u="" best_m=0
        for _ in 1 2; do
            # shellcheck disable=SC2046
            (cd "$dir" && /usr/bin/time -f "%e %U %M" -o "$WORK/time.txt" "$XMTOOL" \
                $(command_of "$shape") > /dev/null 2>&1) || true
            read -r t u m < <(tail -1 "$WORK/time.txt")
            if [ -z "$best_t" ] || awk "BEGIN{exit !($t < $best_t)}"; then best_t=$t; fi
            if [ -z "$best_u" ] || awk "BEGIN{exit !($u < $best_u)}"; then best_u=$u; fi
            [ "$m" -gt "$best_m" ] && best_m=$m
            rm -rf "$WORK/template-out" "$WORK/export-out"
        done
        if [ -n "$last_t" ]; then
            ratios=$(awk -v t="$best_t" -v lt="$last_t" -v u="$best_u" -v lu="$last_u" \
                -v m="$best_m" -v lm="$last_m" 'BEGIN { printf "%8.2f %8.2f %9.2f", \
                (lt > 0 ? t / lt : 0), (lu > 0 ? u / lu : 0), m / lm }')
        else
            ratios=$(printf "%8s %8s %9s" - - -)
        fi
        printf "%-10s %9d %12d %8.2f %8.2f %9.0f %s\n" "$shape" "$n" "$rows" "$best_t" "$best_u" \
            "$(awk -v m="$best_m" 'BEGIN{print m / 1024}')" "$ratios"
        last_t=$best_t last_u=$best_u last_m=$best_m
    done
done
