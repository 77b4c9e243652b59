#!/usr/bin/env bash
# CI check of the default Java kernel's behaviour through jupyter_client (tools/test_kernel_behaviour.py): start,
# execute, stdout/stderr routing, rendering, interrupt of loops, sleeps, training and a loop that catches Throwable,
# restart during a busy cell, consecutive starts under load, quiet logs. The kernel is installed by
# scripts/install-kernel.sh (as `./aelab kernel` does) into a temporary JUPYTER_DATA_DIR, so the kernel the user
# installed (IJava, say) is left alone.
#   scripts/test-kernel.sh [--starts N] [--json FILE]
# AELAB_KERNEL_TEST_STARTS: consecutive starts (default 20 in CI, about 10 s each on a loaded 2-core machine; the
# 200-start measurement of docs/kernel.md is run by hand with --starts 200).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/aelab" build
data="$(mktemp -d "${TMPDIR:-/tmp}/aelab-kernel-test.XXXXXX")"
trap 'rm -rf "$data"' EXIT
export JUPYTER_DATA_DIR="$data"
bash "$ROOT/scripts/install-kernel.sh" >&2
/usr/bin/python3 "$ROOT/tools/test_kernel_behaviour.py" --starts "${AELAB_KERNEL_TEST_STARTS:-20}" "$@"
