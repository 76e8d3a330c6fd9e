#!/usr/bin/env bash
# Regenerates tests/fixtures/synthetic/: the synthetic organisations of
# ../shared/bench/gen_org.py and what the baseline org_np.py says about them.
# The test `measures_agree_with_org_np` compares harkje with these files.
#
# Needs Python 3 with numpy and pandas; the versions measured in
# ../shared/bench/README.md are installed into .bl/ when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=../shared/bench
if [ ! -x .bl/bin/python ]; then
  python3 -m venv .bl
  .bl/bin/pip install -q numpy==2.4.6 pandas==3.1.1 networkx==3.6.1
fi
out=tests/fixtures/synthetic
rm -rf "$out" && mkdir -p "$out"
tmp=$(mktemp -d)
.bl/bin/python "$bench/gen_org.py" 1000 10000 --out "$tmp/plain" >/dev/null
.bl/bin/python "$bench/gen_org.py" 1000 10000 --cycles 5 --out "$tmp/cycles" >/dev/null
.bl/bin/python "$bench/gen_org.py" 1000 --bad-spans 10 --out "$tmp/spans" >/dev/null
cp "$tmp/plain/org_1000.csv" "$out/org_1000.csv"
cp "$tmp/plain/org_10000.csv" "$out/org_10000.csv"
cp "$tmp/cycles/org_1000_cyc5.csv" "$out/org_1000_cycles.csv"
cp "$tmp/cycles/org_10000_cyc5.csv" "$out/org_10000_cycles.csv"
cp "$tmp/spans/"org_1000*.csv "$out/org_1000_bad_spans.csv"
for f in "$out"/org_*.csv; do
  base=${f%.csv}
  .bl/bin/python "$bench/org_np.py" "$f" --json "$base.org_np.json" --per-position "$base.per_position.csv" 2>/dev/null
  # Timings and the tool's version line differ from run to run.
  .bl/bin/python - "$base.org_np.json" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
d.pop("timings_s", None)
d.pop("tool", None)
json.dump(d, open(p, "w"), indent=1, sort_keys=True)
open(p, "a").write("\n")
PY
done
rm -rf "$tmp"
ls -la "$out"
