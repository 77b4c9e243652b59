#!/usr/bin/env bash
# `./aelab bench [--json FILE] [--config digits|mnist-synthetic|mnist|all] [--epochs N] [--spread FILE] [--rounds R]`:
# trains the same VAE in aelab and in PyTorch (bench/reference_vae.py, Debian's /usr/bin/python3) on the same data and
# prints them side by side (see aelab.bench.BenchCommand). The launcher has built aelab-bench/target (jar and lib/)
# before. aelab runs in the notebook kernel's JVM configuration: the options of scripts/kernel-jvm.options and
# -Xmx${AELAB_KERNEL_XMX:-1g}, every processor (so G1 and both cores, as in the kernel). Per config, six sides train
# in LOCKSTEP (aelab.bench.Lockstep): aelab float64 and aelab float32, each in its own fresh JVM; PyTorch float64 on
# one thread and PyTorch's defaults (float32, its own threads); and, with several configs, two long-lived JVMs, one
# per precision, each training every config in turn (the notebook situation: large shapes after small ones). Every
# side trains its epoch e before any side starts epoch e + 1, one side at a time (the order rotating), the others
# stopped (SIGSTOP), so that all sides are timed over the same minutes of this host, whose speed drifts by up to 30 %
# within seconds to minutes. Both PyTorch runs differentiate the batch mean of the per-sample loss, as aelab's Trainer
# does (reference_vae.py --reduction mean). That is one round; the bench runs R rounds one after the other (--rounds,
# default 3) and reports, per config, the median over the rounds of every speed and of every round's ratio, with each
# round's ratios beside (BenchCommand --combine). One table, one JSON (aelab.json), with each config's seed-mean final
# losses compared per pair of sides recorded by bench/seed_spread.py (aelab float64 vs PyTorch float64; a float32
# aelab variant vs PyTorch's defaults), each with its K and bound (--spread FILE, default
# bench/results/seed-spread.json when it exists; see aelab.bench.SeedSpread).
set -euo pipefail
CALLER_DIR="$PWD"
cd "$(dirname "$0")/.."
cp="aelab-bench/target/aelab-bench.jar"
for j in aelab-bench/target/lib/*.jar; do cp="$cp:$j"; done

config=all json="" spread="bench/results/seed-spread.json" pass=() rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config="${2:?--config needs a value}"; shift 2 ;;
    --spread) spread="${2:?--spread needs a value}"; case "$spread" in /*) ;; *) spread="$CALLER_DIR/$spread" ;; esac
      [ -f "$spread" ] || { echo "aelab bench: no spread file '$spread'" >&2; exit 2; }; shift 2 ;;
    --rounds) rounds="${2:?--rounds needs a value}"; shift 2
      case "$rounds" in ''|*[!0-9]*|0) echo "aelab bench: --rounds must be a positive integer, got '$rounds'" >&2; exit 2 ;; esac ;;
    --json) json="${2:?--json needs a value}"; case "$json" in /*) ;; *) json="$CALLER_DIR/$json" ;; esac; shift 2 ;;
    *) pass+=("$1"); shift ;;
  esac
done
case "$config" in
  all) configs=(digits mnist-synthetic mnist) ;;
  digits|mnist-synthetic|mnist) configs=("$config") ;;
  *) echo "aelab bench: --config must be digits, mnist-synthetic, mnist or all, got '$config'" >&2; exit 2 ;;
esac
# The kernel's JVM options: one per line, '#' comments (the same file the kernelspec is written from).
jvm=(-Xmx"${AELAB_KERNEL_XMX:-1g}")
while IFS= read -r line; do
  line="${line%%#*}"; line="$(echo "$line" | xargs)"
  [ -n "$line" ] && jvm+=("$line")
done < scripts/kernel-jvm.options

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "bench: uptime before: $(uptime)" >&2
# the measured JVMs' options, one per line, for the lockstep coordinator (which itself is not measured)
printf '%s\n' "${jvm[@]}" ${AELAB_JAVA_OPTS:-} > "$tmp/side-jvm.options"
round_files=()
for r in $(seq "$rounds"); do
  echo "bench: round $r of $rounds, $(uptime)" >&2
  java -cp "$cp" aelab.bench.BenchCommand --lockstep --side-jvm-options "$tmp/side-jvm.options" \
    --reference bench/reference_vae.py --python /usr/bin/python3 --config "$(IFS=,; echo "${configs[*]}")" \
    --json "$tmp/round-$r.json" ${pass[@]+"${pass[@]}"} > /dev/null
  round_files+=("$tmp/round-$r.json")
done
echo "bench: uptime after: $(uptime)" >&2
[ -f "$spread" ] || spread=""
java -cp "$cp" aelab.bench.BenchCommand --combine "${round_files[@]}" ${spread:+--spread "$spread"} \
  ${json:+--json "$json"}
