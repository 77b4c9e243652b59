#!/usr/bin/env bash
# Installs the Jupyter kernelspec `java` with aelab-core (aelab-core/target/aelab-core.jar and its lib/*.jar) on its
# classpath: the teaching library and nothing of the instructor's tools.
#   scripts/install-kernel.sh [--sys-prefix] [--ijava PATH/TO/ijava-1.3.0.zip | --jjava PATH/TO/jjava-*.zip]
# Default kernel: aelab.kernel.AelabKernel (aelab-kernel/target/aelab-kernel.jar and its lib/: JJava's Jupyter
# protocol library): cells run in a separate execution JVM that Stop and Restart always end.
# --ijava ZIP: IJava 1.3.0 from its release zip (unpacked into target/kernel/ijava-1.3.0, installed by its own
# install.py); classpath via IJAVA_CLASSPATH. --jjava ZIP: JJava from its release zip (kernel.json and jars at the
# zip's root, copied as they are); classpath via JJAVA_CLASSPATH, JVM options via JJAVA_JVM_OPTS.
# Location: the per-user kernel directory (~/.local/share/jupyter/kernels/java) unless --sys-prefix
# (/usr/share/jupyter/kernels/java for Debian's python3, needs root). Idempotent.
# JVM that runs the cells: -Xmx${AELAB_KERNEL_XMX:-1g}, then the options of scripts/kernel-jvm.options (a bounded
# heap turns a runaway allocation into an OutOfMemoryError in the cell).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${AELAB_PYTHON:-/usr/bin/python3}"  # another interpreter (a venv) only for tests
TOOL="$ROOT/tools/kernelspec.py"
XMX="${AELAB_KERNEL_XMX:-1g}"
die() { echo "aelab: $*" >&2; exit 1; }

ijava_zip="" jjava_zip="" location=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ijava) [ $# -ge 2 ] || die "--ijava needs the path of ijava-1.3.0.zip"; ijava_zip="$2"; shift 2 ;;
    --jjava) [ $# -ge 2 ] || die "--jjava needs the path of JJava's release zip"; jjava_zip="$2"; shift 2 ;;
    --sys-prefix) location=(--sys-prefix); shift ;;
    --user) location=(); shift ;;
    *) die "install-kernel: unknown option '$1' (expected --ijava ZIP, --jjava ZIP, --user or --sys-prefix)" ;;
  esac
done
[ -z "$ijava_zip" ] || [ -z "$jjava_zip" ] || die "--ijava and --jjava exclude each other"

CORE="$ROOT/aelab-core/target"
KERNEL="$ROOT/aelab-kernel/target"
[ -f "$CORE/aelab-core.jar" ] && [ -f "$KERNEL/aelab-kernel.jar" ] || die "the module jars are missing: run ./aelab build first"
JAVA="$(command -v java)" || die "no java on PATH (install openjdk-17-jdk-headless)"
cp="$("$ROOT/aelab" classpath)"   # the student classpath: aelab-core and its dependencies

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
  exec $PY "$TOOL" patch-ijava "${location[@]}" --java "$JAVA" --xmx "$XMX"
fi
if [ -n "$jjava_zip" ]; then
  [ -f "$jjava_zip" ] || die "no such file: $jjava_zip"
  exec $PY "$TOOL" install-jjava "${location[@]}" --zip "$jjava_zip" --java "$JAVA" --xmx "$XMX" --classpath "$cp"
fi
exec $PY "$TOOL" install-aelab "${location[@]}" --java "$JAVA" --xmx "$XMX" --kernel-jar "$KERNEL/aelab-kernel.jar" \
  --kernel-lib "$KERNEL/lib" --classpath "$cp"
