#!/usr/bin/env bash
# CI check of the notebooks: tests the kernel installer (isolated, tools/test_kernel_install.py), then executes every
# lecture notebook (the handouts build) into a temporary directory.
#   scripts/test-notebooks.sh [--reproducible]
# Ends with the line "notebooks: N passed, M failed"; exit status 1 when any notebook fails. With --reproducible
# the build runs twice and the two outputs must be identical (tools/compare_handouts.py).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/aelab" build
/usr/bin/python3 "$ROOT/tools/test_kernel_install.py" >&2
tmp="$(mktemp -d "${TMPDIR:-/tmp}/aelab-notebooks.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
if [ "${1:-}" = "--reproducible" ]; then
  rc=0
  bash "$ROOT/scripts/build-handouts.sh" --out "$tmp/run1" --keep-going --summary >"$tmp/summary" || rc=1
  if [ $rc -eq 0 ]; then
    bash "$ROOT/scripts/build-handouts.sh" --out "$tmp/run2" >&2 || rc=1
    /usr/bin/python3 "$ROOT/tools/compare_handouts.py" "$tmp/run1" "$tmp/run2" || rc=1
  fi
  tail -n 1 "$tmp/summary"
  exit $rc
else
  bash "$ROOT/scripts/build-handouts.sh" --out "$tmp/handouts" --keep-going --summary
fi
