#!/usr/bin/env bash
# Float-storage step prototype (bench/results/README.md, 2026-12-08): the bench's mnist training with every array of
# the step in float. Needs the built jars (./aelab build). Usage: bench/prototypes/float-step/run.sh [EPOCHS] [SEED]
# (PROTO_JAVA_OPTS: more JVM options, e.g. -Dproto.vectorLoss=false)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../../.." && pwd)"
cp="$top/aelab-bench/target/aelab-bench.jar"
for j in "$top"/aelab-bench/target/lib/*.jar; do cp="$cp:$j"; done
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
/usr/bin/python3 "$top/bench/prototypes/float-storage/variants.py" \
  "$top/aelab-core/src/main/java/aelab/linalg/VectorGemmFloat.java" "$out/src"
javac -nowarn -XDsuppressNotes --add-modules jdk.incubator.vector -cp "$cp" -d "$out/classes" \
  "$out"/src/aelab/linalg/GemmAllFloat.java "$here/FloatVaeStep.java" 2>&1 | grep -v "^warning: using incubating" || true
opts=(-Xmx"${AELAB_KERNEL_XMX:-1g}")
while IFS= read -r line; do
  line="${line%%#*}"; line="$(echo "$line" | xargs)"
  [ -n "$line" ] && opts+=("$line")
done < "$top/scripts/kernel-jvm.options"
java "${opts[@]}" ${PROTO_JAVA_OPTS:-} -cp "$out/classes:$cp" aelab.linalg.FloatVaeStep "$@" 2>&1 | grep -v "^WARNING: Using incubator"
