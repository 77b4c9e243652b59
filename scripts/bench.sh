#!/usr/bin/env bash
# `./aelab bench [--json FILE] [--config digits|mnist-synthetic|all] [--epochs N]`: trains the same VAE in aelab and
# in PyTorch (bench/reference_vae.py, Debian's /usr/bin/python3) on the same data, one thread each, and prints them
# side by side (see aelab.bench.BenchCommand). The launcher has built aelab-bench/target (jar and lib/) before.
# The JVM sees one processor (-XX:ActiveProcessorCount=1: serial GC, training on one thread); the reference limits
# torch, OpenBLAS and OpenMP to one thread itself.
# Each config runs in its own JVM (as each reference run is its own Python process): after training on one
# config's shapes, HotSpot's compiled GEMM kernel can run later, larger shapes at scalar speed (measured: the
# mnist-synthetic epoch took 20 s of CPU after digits in the same JVM, 10 s alone).
set -euo pipefail
CALLER_DIR="$PWD"
cd "$(dirname "$0")/.."
cp="aelab-bench/target/aelab-bench.jar"
for j in aelab-bench/target/lib/*.jar; do cp="$cp:$j"; done

config=all json="" pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config="${2:?--config needs a value}"; shift 2 ;;
    --json) json="${2:?--json needs a value}"; case "$json" in /*) ;; *) json="$CALLER_DIR/$json" ;; esac; shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done
case "$config" in
  all) configs=(digits mnist-synthetic) ;;
  digits|mnist-synthetic) configs=("$config") ;;
  *) echo "aelab bench: --config must be digits, mnist-synthetic or all, got '$config'" >&2; exit 2 ;;
esac

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
parts=()
for c in "${configs[@]}"; do
  java -XX:ActiveProcessorCount=1 -Xmx3g -Djava.awt.headless=true ${AELAB_JAVA_OPTS:-} -cp "$cp" \
    aelab.bench.BenchCommand --reference bench/reference_vae.py --python /usr/bin/python3 \
    --config "$c" --json "$tmp/$c.json" ${pass[@]+"${pass[@]}"} > "$tmp/$c.txt"
  parts+=("$tmp/$c.json")
done
# One table and one JSON for all configs.
head -n 1 "$tmp/${configs[0]}.txt"
for c in "${configs[@]}"; do sed -n '2,$p' "$tmp/$c.txt" | grep -v '^samples/s:' || true; done
tail -n 1 "$tmp/${configs[0]}.txt"
if [ -n "$json" ]; then
  /usr/bin/python3 - "$json" "${parts[@]}" <<'PY'
import json, sys
results = []
for part in sys.argv[2:]:
    results += json.load(open(part))["results"]
json.dump({"results": results}, open(sys.argv[1], "w"), indent=1)
PY
  echo "bench: wrote $json" >&2
fi
