"""Checks that DuckDB's district ranking (benches/district_ranking.sql) is the one xmtool
prints, so that benches/compare.sh times the same work: for each district its rank, projects,
plan, year-to-date, completion rate and start rate.

    python agree.py DIR XMTOOL     (run by compare.sh with its virtualenv's python)

Prints one line, and exits 1 if they differ.
"""
import json
import pathlib
import subprocess
import sys

import duckdb

folder, xmtool = sys.argv[1], sys.argv[2]
sql = (pathlib.Path(__file__).parent / "district_ranking.sql").read_text()
con = duckdb.connect()
rows = con.execute(sql.replace("read_csv('", f"read_csv('{folder}/")).fetchall()
out = subprocess.run(
    [xmtool, "report", "--month", "2024-12", "--format", "json", "--allow-errors",
     "--dir", folder],
    capture_output=True, check=True,
).stdout
ranked = {g["group"]: g for g in json.loads(out)["ranking"]}

differ = []
for rank, district, projects, plan, ytd, completion, start in rows:
    g = ranked.pop(district, None)
    if g is None:
        differ.append(f"{district}: not in xmtool's ranking")
        continue
    pairs = [
        ("rank", g["rank"], rank, 0),
        ("projects", g["projects"], projects, 0),
        ("annual_plan", g["annual_plan"], float(plan), 0.005),
        ("ytd_investment", g["ytd_investment"], float(ytd), 0.005),
        # xmtool writes rates rounded to 4 places.
        ("completion_rate", g["completion_rate"], float(completion), 0.00005),
        ("start_rate", g["start_rate"], float(start), 0.00005),
    ]
    for name, x, d, tolerance in pairs:
        if x is None or abs(x - d) > tolerance:
            differ.append(f"{district} {name}: xmtool {x}, DuckDB {d}")
differ += [f"{district}: not in DuckDB's ranking" for district in ranked]

if differ:
    print(f"ranking: xmtool and DuckDB differ in {len(differ)} figures:")
    for line in differ[:20]:
        print("  " + line)
    sys.exit(1)
print(f"ranking: xmtool and DuckDB agree on all {len(rows)} districts "
      "(rank, projects, plan, year-to-date, completion and start rates)")
