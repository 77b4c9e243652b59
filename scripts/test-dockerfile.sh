#!/usr/bin/env bash
# The Binder image's build without a Docker engine: the Dockerfile's instructions in order in a debootstrap'd
# Debian bookworm root, then its CMD asked for /tree (tools/test_dockerfile.py says what is checked and what stays
# unverified; run by scripts/run-tests.sh). Needs root and the Debian mirror; 11-17 minutes the first time
# (debootstrap, apt, Maven downloads); later runs (2-5 minutes) start from the cached root after the apt step,
# as Docker's layer cache does, as long as the Dockerfile's lines before `COPY .` and
# scripts/install-system-deps.sh are unchanged.
#   scripts/test-dockerfile.sh [--base DIR] [--layers DIR] [--no-cache] [--keep]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v debootstrap >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2
fi
/usr/bin/python3 "$ROOT/tools/test_dockerfile.py" --self-test
exec /usr/bin/python3 "$ROOT/tools/test_dockerfile.py" "$@"
