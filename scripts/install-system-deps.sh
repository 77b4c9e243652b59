#!/usr/bin/env bash
# Installs what a fresh Debian machine of this kind lacks for aelab: a JDK 17 and Maven (normally present),
# Debian's Jupyter (nbconvert, nbclient, notebook) for the notebooks, bubblewrap (the grader's sandbox; util-linux
# gives setpriv and prlimit), and with --reference the Python packages
# used only for reference values and the PyTorch benchmark (numpy, torch, scikit-learn); with --site what the course
# site, the PDF handouts and their browser test need: Sphinx, nbsphinx (+ pandoc), the furo theme, Chromium,
# poppler-utils, and from npm (tools/site/package-lock.json, into tools/site/node_modules) playwright-core, which
# drives Debian's /usr/bin/chromium (it never downloads a browser), and MathJax 3.
# Idempotent: installs only what is missing. Used by ./aelab, .ci/run and the Dockerfile alike.
#   scripts/install-system-deps.sh [--reference] [--site]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

want=(jupyter-nbconvert python3-nbclient jupyter-notebook python3-ipykernel bubblewrap util-linux)
site=no
for arg in "$@"; do
  case "$arg" in
    --reference) want+=(python3-numpy python3-torch python3-sklearn python3-threadpoolctl) ;;
    --site) site=yes
      want+=(python3-sphinx python3-nbsphinx pandoc furo chromium poppler-utils)
      command -v npm >/dev/null 2>&1 || want+=(nodejs npm) ;;
    *) echo "aelab: install-system-deps.sh: unknown option '$arg' (--reference, --site)" >&2; exit 2 ;;
  esac
done

# npm packages of the site tools, when package-lock.json changed since the last install
install_site_npm() {
  local dir="$ROOT/tools/site"
  [ -f "$dir/package-lock.json" ] || return 0  # the Docker image's first layer has the script only
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "aelab: installing the site's npm packages (playwright-core, mathjax) into tools/site/node_modules" >&2
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}
command -v javac >/dev/null 2>&1 || want+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || want+=(maven)

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  [ $site = yes ] && install_site_npm
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "aelab: these Debian packages are missing: ${missing[*]}" >&2
  echo "aelab: install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "aelab: installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
[ $site = yes ] && install_site_npm
exit 0
