#!/usr/bin/env bash
# Gradescope autograder set-up (runs once, as root, when the autograder image is built). Zip this repository with
# gradescope/setup.sh and gradescope/run_autograder at the top level of the zip (see docs/grading.md), or keep the
# repository under /autograder/source as Gradescope does by default.
set -euo pipefail
SOURCE="${AELAB_SOURCE:-/autograder/source}"
cd "$SOURCE"
bash scripts/install-system-deps.sh
./aelab build
