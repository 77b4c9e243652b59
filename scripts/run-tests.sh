#!/usr/bin/env bash
# The test suite behind `./aelab test`: Maven's unit and integration tests (Surefire prints the counts).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B verify "$@"
