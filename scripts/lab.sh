#!/usr/bin/env bash
# Jupyter Notebook (Debian's jupyter-notebook) with the `java` kernel, without opening a browser, on a student's view
# of the repository: target/lab/ holds links to notebooks/ and exercises/ only (not the repository root, not
# solutions/). The project's notebooks are signed as trusted for this user first (tools/trust_notebooks.py).
#   scripts/lab.sh [--ip ADDRESS] [--port PORT] [other jupyter-notebook options...]
# Binds to 127.0.0.1:8888 by default; --ip 0.0.0.0 serves other machines (as the Docker image does).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ip=127.0.0.1 port=8888 extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ip) ip="$2"; shift 2 ;;
    --ip=*) ip="${1#--ip=}"; shift ;;
    --port) port="$2"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    *) extra+=("$1"); shift ;;
  esac
done
if ! /usr/bin/python3 "$ROOT/tools/kernelspec.py" check --aelab-jar "$ROOT/aelab-core/target/aelab-core.jar"; then
  bash "$ROOT/scripts/install-kernel.sh" >&2
fi
command -v jupyter-notebook >/dev/null 2>&1 || { echo "aelab: jupyter-notebook is missing (apt-get install jupyter-notebook)" >&2; exit 1; }
workspace="$ROOT/target/lab"
mkdir -p "$workspace"
for d in notebooks exercises; do ln -sfn "../../$d" "$workspace/$d"; done
/usr/bin/python3 "$ROOT/tools/trust_notebooks.py" "$ROOT"/notebooks/*.ipynb "$ROOT"/exercises/*.ipynb
args=(--no-browser --ip="$ip" --port="$port" --notebook-dir="$workspace")
[ "$(id -u)" -eq 0 ] && args+=(--allow-root)
exec jupyter-notebook "${args[@]}" "${extra[@]}"
