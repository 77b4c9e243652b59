#!/usr/bin/env bash
# Executes notebooks/*.ipynb (all, or the NAMEd ones) in the `java` Jupyter kernel and writes the handouts:
#   scripts/build-handouts.sh [--out DIR] [--jobs N] [--keep-going] [--summary] [--no-site] [--no-pdf] [NAME...]
# (default DIR: target/handouts) DIR/<name>.ipynb (executed), the course site DIR/site/ (index.html) with the PDF
# handouts DIR/site/pdf/ (tools/build_site.py), DIR/index.html (a link to the site). Installs the kernel first when no
# usable `java` kernelspec with this checkout's jar exists. Stops at the first error or failed check, naming the
# notebook and the cell; exit status 1. AELAB_HANDOUTS_TIMEOUT: per-cell timeout in seconds (default 600).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! /usr/bin/python3 "$ROOT/tools/kernelspec.py" check --aelab-jar "$ROOT/aelab-core/target/aelab-core.jar"; then
  echo "aelab: installing the java kernel first" >&2
  bash "$ROOT/scripts/install-kernel.sh" >&2
fi
exec /usr/bin/python3 "$ROOT/tools/build_handouts.py" "$@"
