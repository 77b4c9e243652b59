#!/usr/bin/env bash
# Installs the Jupyter kernelspec `java` with aelab-core (aelab-core/target/aelab-core.jar and its lib/*.jar) on its
# classpath: the teaching library and nothing of the instructor's tools.
#   scripts/install-kernel.sh [--sys-prefix] [--ijava PATH/TO/ijava-1.3.0.zip]
# Default kernel: rapaio-jupyter-kernel 3.0.1 from Maven Central, resolved by Maven into target/kernel/, started
# through aelab.kernel.ReliableKernelLauncher (repairs rapaio's start-up race); classpath via RJK_CLASSPATH.
# --ijava ZIP: IJava 1.3.0 from its release zip (unpacked into target/kernel/ijava-1.3.0, installed by its own
# install.py); classpath via IJAVA_CLASSPATH.
# Location: the per-user kernel directory (~/.local/share/jupyter/kernels/java) unless --sys-prefix
# (/usr/share/jupyter/kernels/java for Debian's python3, needs root). Idempotent.
# Kernel JVM heap: -Xmx${AELAB_KERNEL_XMX:-1g}, then scripts/kernel-jvm.options (cells run inside the kernel's JVM; a bounded heap turns a runaway
# allocation into an OutOfMemoryError in the cell instead of a hung kernel).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY=/usr/bin/python3
TOOL="$ROOT/tools/kernelspec.py"
RAPAIO=io.github.padreati:rapaio-jupyter-kernel:3.0.1
XMX="${AELAB_KERNEL_XMX:-1g}"
die() { echo "aelab: $*" >&2; exit 1; }

ijava_zip="" location=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ijava) [ $# -ge 2 ] || die "--ijava needs the path of ijava-1.3.0.zip"; ijava_zip="$2"; shift 2 ;;
    --sys-prefix) location=(--sys-prefix); shift ;;
    --user) location=(); shift ;;
    *) die "install-kernel: unknown option '$1' (expected --ijava ZIP, --user or --sys-prefix)" ;;
  esac
done

CORE="$ROOT/aelab-core/target"
LAUNCHER_JAR="$ROOT/aelab-kernel/target/aelab-kernel.jar"
[ -f "$CORE/aelab-core.jar" ] && [ -f "$LAUNCHER_JAR" ] || die "the module jars are missing: run ./aelab build first"
JAVA="$(command -v java)" || die "no java on PATH (install openjdk-17-jdk-headless)"
cp="$CORE/aelab-core.jar"
for j in "$CORE"/lib/*.jar; do cp="$cp:$j"; done
mkdir -p "$ROOT/target/kernel"

if [ -n "$ijava_zip" ]; then
  [ -f "$ijava_zip" ] || die "no such file: $ijava_zip"
  dir="$ROOT/target/kernel/ijava-1.3.0"
  rm -rf "$dir" && mkdir -p "$dir"
  $PY -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$ijava_zip" "$dir"
  [ -f "$dir/install.py" ] && [ -f "$dir/java/kernel.json" ] && [ -f "$dir/java/ijava-1.3.0.jar" ] \
    || die "$ijava_zip does not look like IJava 1.3.0's release zip (install.py, java/kernel.json, java/ijava-1.3.0.jar)"
  args=(--replace --classpath "$cp")
  if [ ${#location[@]} -gt 0 ]; then args+=(--sys-prefix); else args+=(--user); fi
  (cd "$dir" && $PY install.py "${args[@]}") >&2
  exec $PY "$TOOL" patch-ijava --java "$JAVA" --xmx "$XMX"
fi

kernel_jar="$ROOT/target/kernel/rapaio-jupyter-kernel-3.0.1.jar"
if [ ! -f "$kernel_jar" ]; then
  echo "aelab: resolving $RAPAIO with Maven into target/kernel/" >&2
  copy=(-B -q dependency:copy "-Dartifact=$RAPAIO" "-DoutputDirectory=$ROOT/target/kernel")
  (cd "$ROOT" && { mvn -o "${copy[@]}" >/dev/null 2>&1 || mvn "${copy[@]}" >&2; }) \
    || die "could not resolve $RAPAIO from Maven Central"
fi
$PY "$TOOL" install-rapaio "${location[@]}" --java "$JAVA" --xmx "$XMX" --kernel-jar "$kernel_jar" \
  --launcher-jar "$LAUNCHER_JAR" --classpath "$cp"
