#!/usr/bin/env bash
# The test suite behind `./aelab test`:
#   1. Maven's unit, contract and repository tests (Surefire) and the grader's JShell integration tests (Failsafe),
#      plus every module's sources and Javadoc jar (a broken Javadoc reference fails here);
#   1b. a separate Maven project that depends on the installed aelab-core builds and runs;
#   2. the Gradescope entry point end to end (gradescope/run_autograder on the pilot sheet);
#   3. the default Java kernel's behaviour through jupyter_client (scripts/test-kernel.sh: interrupt, restart,
#      starts under load, output routing, quiet logs);
#   4. every lecture notebook executed in the real Java Jupyter kernel (the handouts build into a temporary
#      directory), twice: the two runs must give identical handouts; its last line is
#      "notebooks: N passed, M failed";
#   5. the Binder image: the Dockerfile's instructions in order in a debootstrap'd Debian root, then its CMD asked for
#      /tree (scripts/test-dockerfile.sh; 2-5 minutes when its layer cache in ~/.cache/aelab/dockerfile holds
#      the root after the apt step, 6-17 minutes when it misses: first run on a machine, a changed
#      scripts/install-system-deps.sh or Dockerfile line before `COPY .`).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
mvn -B -Dstyle.color=never verify "$@"
bash "$ROOT/scripts/test-consumer-project.sh"
bash "$ROOT/scripts/test-gradescope.sh"
bash "$ROOT/scripts/test-kernel.sh"
/usr/bin/python3 "$ROOT/tools/test_lab.py"
bash "$ROOT/scripts/test-notebooks.sh" --reproducible
bash "$ROOT/scripts/test-dockerfile.sh"
