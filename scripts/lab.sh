#!/usr/bin/env bash
# Jupyter Notebook (Debian's jupyter-notebook) with the `java` kernel, on the repository root (notebooks/,
# exercises/, solutions/), without opening a browser.
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
args=(--no-browser --ip="$ip" --port="$port" --notebook-dir="$ROOT")
[ "$(id -u)" -eq 0 ] && args+=(--allow-root)
exec jupyter-notebook "${args[@]}" "${extra[@]}"
