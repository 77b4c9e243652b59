#!/usr/bin/env bash
# Checks the Gradescope entry point (gradescope/run_autograder) end to end in a scratch /autograder layout:
# the pilot solution must get full marks, its generated exercise 0, and results.json must be Gradescope's format.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/aelab" build
tmp="$(mktemp -d "${TMPDIR:-/tmp}/aelab-gradescope.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
for case in solutions:full exercises:zero; do
  dir="${case%%:*}" want="${case##*:}"
  rm -rf "$tmp/ag" && mkdir -p "$tmp/ag/submission"
  cp "$ROOT/$dir/01-pilot-exercises.ipynb" "$tmp/ag/submission/"
  AUTOGRADER="$tmp/ag" AELAB_SOURCE="$ROOT" bash "$ROOT/gradescope/run_autograder" >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; }
  if /usr/bin/python3 - "$tmp/ag/results/results.json" "$want" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
top = sum(t["max_score"] for t in r["tests"])
ok = r["tests"] and all(k in t for t in r["tests"] for k in ("name", "score", "max_score", "output"))
ok = ok and (r["score"] == top if sys.argv[2] == "full" else r["score"] == 0)
print("gradescope %s: score %s of %s -> %s" % (sys.argv[2], r["score"], top, "ok" if ok else "WRONG"), file=sys.stderr)
sys.exit(0 if ok else 1)
PY
  then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "gradescope: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
