#!/usr/bin/env bash
# The Binder image's build without a Docker engine: the Dockerfile's instructions in order in a debootstrap'd
# Debian bookworm root, then its CMD asked for /tree (tools/test_dockerfile.py says what is checked and what stays
# unverified). Needs root and the Debian mirror; about 15 minutes the first time (debootstrap, apt, Maven downloads),
# so it is run by hand, not by .ci/run.
#   scripts/test-dockerfile.sh [--base DIR] [--keep]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v debootstrap >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2
fi
exec /usr/bin/python3 "$ROOT/tools/test_dockerfile.py" "$@"
