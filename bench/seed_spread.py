#!/usr/bin/python3
"""Seed-to-seed spread of the final loss, aelab and PyTorch, for `./aelab bench`'s configs.

For every config and every seed of --seeds, trains
  * aelab through the bench's Java entry point (aelab.bench.BenchCommand --no-reference --seed S --data-seed D
    --data-dir DIR: the bench's own training code, configs and defaults), one fresh JVM per seed, and
  * PyTorch through the bench's reference script (bench/reference_vae.py, float64 on one thread, the bench's "t64"
    side) with --seeds S1,...,SK, on the data file that BenchCommand wrote (same bits; the data sums are compared),
so both sides see the same data (the synthetic set is drawn once, from --data-seed) and differ only in the seed of
the initialisation, the shuffling and the reparameterisation noise. Final loss = the bench's: mean per sample of
BCE + KL over the last training epoch.

Writes (and updates: configs not run are kept) a JSON file, by default bench/results/seed-spread.json, holding per
config the per-seed final losses of both sides, their mean and sample standard deviation, the date, the command and
`uptime` before and after. `./aelab bench` reads it (aelab.bench.SeedSpread) and reports whether aelab's mean final
loss lies within z = 3 standard errors of PyTorch's.

Usage: nice -n 19 bench/seed_spread.py [--config digits|mnist-synthetic|mnist|all] [--seeds 1,2,3,4,5]
       [--data-seed 1] [--epochs N] [--out FILE]. The jar and lib/ of aelab-bench/target must be built.
"""
import argparse
import datetime
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFIGS = ["digits", "mnist-synthetic", "mnist"]


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def data_scale(args):
    """Entries are multiples of 1/scale: 16 for the digits CSV, else the scale in the AELABU8 file's header."""
    if args[0] == "--digits-csv":
        return 16.0
    with open(args[1], "rb") as f:
        f.readline()
        return float(f.readline().split()[2])


def run_aelab(config, seed, data_seed, epochs, data_dir, java, xmx):
    cp = ":".join([os.path.join(ROOT, "aelab-bench/target/aelab-bench.jar")]
                  + sorted(glob.glob(os.path.join(ROOT, "aelab-bench/target/lib/*.jar"))))
    out = os.path.join(data_dir, f"aelab-{config}-{seed}.json")
    cmd = [java, f"-Xmx{xmx}", "-cp", cp, "aelab.bench.BenchCommand", "--no-reference", "--config", config,
           "--seed", str(seed), "--data-seed", str(data_seed), "--data-dir", data_dir, "--json", out]
    if epochs:
        cmd += ["--epochs", str(epochs)]
    print("seed_spread: " + " ".join(cmd[:1] + cmd[4:]), file=sys.stderr, flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        (row,) = json.load(f)["results"]
    return row


def run_torch(row, seeds, python):
    cmd = [python, os.path.join(ROOT, "bench/reference_vae.py")] + row["reference_data_args"] + [
        "--config", row["config"], "--hidden", str(row["hidden"]), "--latent", str(row["latent"]),
        "--batch-size", str(row["batch_size"]), "--epochs", str(row["epochs"]),
        "--seeds", ",".join(str(s) for s in seeds), "--quiet"]
    print("seed_spread: " + " ".join(cmd), file=sys.stderr, flush=True)
    out = json.loads(subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    scale = data_scale(row["reference_data_args"])
    if round(out["data_sum"] * scale) != round(row["data_sum"] * scale):
        raise SystemExit(f"{row['config']}: the reference trained on different data: sum {out['data_sum']},"
                         f" aelab {row['data_sum']}")
    if [r["seed"] for r in out["runs"]] != list(seeds):
        raise SystemExit(f"{row['config']}: the reference ran seeds {[r['seed'] for r in out['runs']]}")
    return out


def side(losses, **extra):
    return dict(final_losses=losses, mean=statistics.mean(losses), sd=statistics.stdev(losses), k=len(losses),
                **extra)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default="all", choices=CONFIGS + ["all"])
    ap.add_argument("--seeds", default="1,2,3,4,5", help="comma-separated seeds, at least 2")
    ap.add_argument("--data-seed", type=int, default=1, help="seed of the synthetic data (the bench's default seed)")
    ap.add_argument("--epochs", type=int, default=None, help="default: the bench's epochs of each config")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench/results/seed-spread.json"))
    ap.add_argument("--java", default="java")
    ap.add_argument("--xmx", default=os.environ.get("AELAB_KERNEL_XMX", "1g"))
    ap.add_argument("--python", default="/usr/bin/python3")
    args = ap.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    if len(seeds) < 2 or len(set(seeds)) != len(seeds):
        raise SystemExit(f"--seeds must list at least 2 distinct seeds, got {args.seeds}")
    configs = CONFIGS if args.config == "all" else [args.config]

    doc = {}
    if os.path.exists(args.out):
        with open(args.out) as f:
            doc = json.load(f)
    doc["description"] = ("Final training loss (mean per sample of BCE + KL over the last epoch) of the bench's VAE,"
                          " per seed, aelab (BenchCommand) and PyTorch float64 on one thread (reference_vae.py), same"
                          " data; written by bench/seed_spread.py, read by aelab.bench.SeedSpread")
    doc["criterion"] = "|mean_aelab - mean_torch| <= 3 * sqrt(sd_aelab^2 / K + sd_torch^2 / K), sd with divisor K-1"
    doc.setdefault("configs", {})
    command = "nice -n 19 " + " ".join([os.path.relpath(sys.argv[0], ROOT)] + sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="aelab-spread") as tmp:
        for config in configs:
            before = uptime()
            start = datetime.datetime.now(datetime.timezone.utc)
            rows = [run_aelab(config, s, args.data_seed, args.epochs, tmp, args.java, args.xmx) for s in seeds]
            first = rows[0]
            for r in rows[1:]:
                if r["data_sum"] != first["data_sum"] or r["reference_data_args"] != first["reference_data_args"]:
                    raise SystemExit(f"{config}: aelab's seeds trained on different data")
            ref = run_torch(first, seeds, args.python)
            a = [r["aelab_final_loss"] for r in rows]
            t = [r["final_loss"] for r in ref["runs"]]
            doc["configs"][config] = {
                "date": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "finished": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "command": command,
                "uptime_before": before,
                "uptime_after": uptime(),
                "epochs": first["epochs"],
                "samples": first["samples"],
                "hidden": first["hidden"],
                "latent": first["latent"],
                "batch_size": first["batch_size"],
                "data_seed": args.data_seed,
                "data_sum": first["data_sum"],
                "seeds": seeds,
                "aelab": side(a, java_threads=first["jvm_threads"]),
                "torch_f64_1thread": side(t, torch=ref["torch"], dtype=ref["dtype"],
                                          torch_threads=ref["torch_threads"]),
            }
            d = doc["configs"][config]
            diff = d["aelab"]["mean"] - d["torch_f64_1thread"]["mean"]
            bound = 3 * (d["aelab"]["sd"] ** 2 / len(a) + d["torch_f64_1thread"]["sd"] ** 2 / len(t)) ** 0.5
            print(f"seed_spread: {config}: aelab {d['aelab']['mean']:.4f} ± {d['aelab']['sd']:.4f}, torch"
                  f" {d['torch_f64_1thread']['mean']:.4f} ± {d['torch_f64_1thread']['sd']:.4f}, difference"
                  f" {diff:.4f}, bound {bound:.4f}", file=sys.stderr, flush=True)
            with open(args.out, "w") as f:
                f.write(json.dumps(doc, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
