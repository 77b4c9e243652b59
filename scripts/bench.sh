#!/usr/bin/env bash
# `./aelab bench [--json FILE] [--config digits|mnist-synthetic|all] [--epochs N]`: trains the same VAE in aelab and
# in PyTorch (bench/reference_vae.py, Debian's /usr/bin/python3) on the same data, one thread each, and prints them
# side by side (see aelab.bench.BenchCommand). The launcher has built target/aelab.jar and target/lib before.
# The JVM sees one processor (-XX:ActiveProcessorCount=1: serial GC, training on one thread); the reference limits
# torch, OpenBLAS and OpenMP to one thread itself.
set -euo pipefail
cd "$(dirname "$0")/.."
cp="target/aelab.jar"
for j in target/lib/*.jar; do cp="$cp:$j"; done
exec java -XX:ActiveProcessorCount=1 -Xmx3g -Djava.awt.headless=true ${AELAB_JAVA_OPTS:-} -cp "$cp" \
  aelab.bench.BenchCommand --reference bench/reference_vae.py --python /usr/bin/python3 "$@"
