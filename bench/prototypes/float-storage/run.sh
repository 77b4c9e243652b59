#!/usr/bin/env bash
# Float-storage prototype (bench/results/README.md, 2026-12-07 21:50-): times the float32 mnist step's products and
# Adam with operands in double (the library today) and in float, in one JVM, in the kernel's JVM options.
# Needs the built jars (./aelab build). Usage: bench/prototypes/float-storage/run.sh [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../../.." && pwd)"
cp="$top/aelab-bench/target/aelab-bench.jar"
for j in "$top"/aelab-bench/target/lib/*.jar; do cp="$cp:$j"; done
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
/usr/bin/python3 "$here/variants.py" "$top/aelab-core/src/main/java/aelab/linalg/VectorGemmFloat.java" "$out/src"
javac -nowarn -XDsuppressNotes --add-modules jdk.incubator.vector -cp "$cp" -d "$out/classes" \
  "$out"/src/aelab/linalg/*.java "$here/FloatStorageProducts.java" 2>&1 | grep -v "^warning: using incubating" || true
opts=(-Xmx"${AELAB_KERNEL_XMX:-1g}")
while IFS= read -r line; do
  line="${line%%#*}"; line="$(echo "$line" | xargs)"
  [ -n "$line" ] && opts+=("$line")
done < "$top/scripts/kernel-jvm.options"
echo "uptime before: $(uptime)"
java "${opts[@]}" -cp "$out/classes:$cp" aelab.linalg.FloatStorageProducts "$@" 2>&1 \
  | grep -v "^WARNING: Using incubator"
echo "uptime after: $(uptime)"
