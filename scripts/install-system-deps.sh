#!/usr/bin/env bash
# Installs what a fresh Debian machine of this kind lacks for aelab: a JDK 17 and Maven (normally present),
# Debian's Jupyter (nbconvert, nbclient, notebook) for the notebooks, bubblewrap (the grader's sandbox; util-linux
# gives setpriv and prlimit), and with --reference the Python packages
# used only for reference values and the PyTorch benchmark (numpy, torch, scikit-learn).
# Idempotent: installs only what is missing. Used by ./aelab, .ci/run and the Dockerfile alike.
set -euo pipefail

want=(jupyter-nbconvert python3-nbclient jupyter-notebook python3-ipykernel bubblewrap util-linux)
if [ "${1:-}" = "--reference" ]; then
  want+=(python3-numpy python3-torch python3-sklearn python3-threadpoolctl)
fi
command -v javac >/dev/null 2>&1 || want+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || want+=(maven)

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "aelab: these Debian packages are missing: ${missing[*]}" >&2
  echo "aelab: install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "aelab: installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
