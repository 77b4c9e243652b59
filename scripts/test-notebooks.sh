#!/usr/bin/env bash
# CI check of the notebooks: tests the kernel installer (isolated, tools/test_kernel_install.py), then executes every
# lecture notebook (the handouts build) into a temporary directory, with the course site and the PDF handouts.
#   scripts/test-notebooks.sh [--reproducible]
# Then the browser test of the site (tools/site/test_site.js: headless Chromium over HTTP and from disk, ends with
# "site: N passed, M failed"), the PDF test (tools/test_pdfs.py, "pdf: N passed, M failed") and the check that
# training cells store their progress as one line (tools/test_handout_streams.py). With --reproducible
# the notebooks run a second time (without site) and the two executions must be identical
# (tools/compare_handouts.py). Ends with the line "notebooks: N passed, M failed"; exit status 1 when anything failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/aelab" build
/usr/bin/python3 "$ROOT/tools/test_kernel_install.py" >&2
/usr/bin/python3 "$ROOT/tools/test_portable_outputs.py" >&2
/usr/bin/python3 "$ROOT/tools/binder_link.py" --self-test >&2
# the site's start page carries the Binder link of this checkout; a clone whose origin is not on GitHub gets a
# stand-in repository, so that the link is built and checked by the browser test all the same
/usr/bin/python3 "$ROOT/tools/binder_link.py" >/dev/null 2>&1 || export AELAB_BINDER_REPO=example-course/aelab
tmp="$(mktemp -d "${TMPDIR:-/tmp}/aelab-notebooks.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
rc=0
bash "$ROOT/scripts/build-handouts.sh" --out "$tmp/run1" --keep-going --summary >"$tmp/summary" || rc=1
if [ -f "$tmp/run1/site/index.html" ]; then
  node "$ROOT/tools/site/test_site.js" "$tmp/run1/site" "$(ls "$ROOT"/notebooks/*.ipynb | wc -l)" || rc=1
  /usr/bin/python3 "$ROOT/tools/test_pdfs.py" "$tmp/run1" || rc=1
  /usr/bin/python3 "$ROOT/tools/test_handout_streams.py" "$tmp/run1" >&2 || rc=1
else
  echo "aelab: no site was built, so neither the browser test nor the PDF test ran" >&2
  rc=1
fi
if [ "${1:-}" = "--reproducible" ] && [ $rc -eq 0 ]; then
  bash "$ROOT/scripts/build-handouts.sh" --out "$tmp/run2" --no-site >&2 || rc=1
  /usr/bin/python3 "$ROOT/tools/compare_handouts.py" "$tmp/run1" "$tmp/run2" || rc=1
fi
tail -n 1 "$tmp/summary"
exit $rc
