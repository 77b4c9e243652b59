#!/usr/bin/python3
"""Seed-to-seed spread of the final loss, aelab and PyTorch (two ways), for `./aelab bench`'s configs.

For every config and every seed of --seeds, trains these SIDES, all on the same data:
  aelab              aelab through the bench's Java entry point (aelab.bench.BenchCommand --no-reference --seed S
                     --data-seed D --data-dir DIR: the bench's own training code, configs and defaults; float64), one
                     fresh JVM per seed;
  aelab_float32      the same run's second model, ProductPrecision.FLOAT32 (trained in float32 storage);
  torch_f64_1thread  bench/reference_vae.py float64 on one thread (the bench's "t64" run), --seeds S1,...,SK;
  torch_defaults     bench/reference_vae.py --defaults: float32 with PyTorch's own threads (the bench's "tdef" run).
Both PyTorch runs get --reduction mean, so that they differentiate the objective aelab's Trainer differentiates: the
MEAN over a batch's rows of the per-sample loss (BCE summed over pixels + KL), every batch, the smaller last one
included (aelab.model.Vae's training loss, aelab.train.Trainer; see reference_vae.py). They train on the data file
that BenchCommand wrote (same bits; the data sums are compared), so the sides differ only in the implementation and in
the seed of the initialisation, the shuffling and the reparameterisation noise (the synthetic set is drawn once, from
--data-seed). Final loss = the bench's: mean per sample of BCE + KL over the last training epoch.

The comparisons (PAIRS, written to the file as "pairs"): aelab float64 against PyTorch float64 (like for like), and a
float32 aelab variant against PyTorch's defaults (the precision a user gets from PyTorch): aelab_float32, trained by
the same BenchCommand run with Vae.builder(...).productPrecision(FLOAT32) (trained in float32 storage, as PyTorch's
float32: parameters, activations, gradients and Adam's moments in float). Each pair passes when
  |mean_a - mean_t| <= 3 * sqrt(sd_a^2 / K_a + sd_t^2 / K_t)     (sd with divisor K - 1; Welch's standard error).

Writes (and updates: configs not run are kept, and so are sides not run when the config's epochs and data are
unchanged) a JSON file, by default bench/results/seed-spread.json: per config, per side the seeds, the per-seed final
losses, their mean and sample standard deviation, the seconds the side took, and per config the date, the command and
`uptime` before and after. `./aelab bench` reads it (aelab.bench.SeedSpread).

Usage: nice -n 19 bench/seed_spread.py [--config digits|mnist-synthetic|mnist|all] [--seeds 1,2,3,4,5 | --k K]
       [--sides aelab,torch_f64_1thread,torch_defaults] [--data-seed 1] [--epochs N] [--out FILE] [--target DIR].
--target: the directory holding aelab-bench.jar and lib/ (default aelab-bench/target, which must be built).
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
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFIGS = ["digits", "mnist-synthetic", "mnist"]
# aelab sides: name -> the key of BenchCommand's JSON holding its final loss. One BenchCommand run per seed trains
# both: the default float64 products, then Vae.builder(...).productPrecision(FLOAT32).
AELAB_SIDES = {"aelab": "aelab_final_loss", "aelab_float32": "aelab_float32_final_loss"}
# PyTorch sides: name -> extra arguments of reference_vae.py (besides --reduction mean).
TORCH_SIDES = {"torch_f64_1thread": [], "torch_defaults": ["--defaults"]}
PAIRS = [
    {"aelab": "aelab", "reference": "torch_f64_1thread",
     "meaning": "aelab float64 against PyTorch float64 on one thread: same objective, same precision"},
    {"aelab": "aelab_float32", "reference": "torch_defaults",
     "meaning": "a float32 aelab variant against PyTorch's defaults (float32, its own threads)"},
]
Z = 3.0
REDUCTION = "mean"


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def data_scale(args):
    """Entries are multiples of 1/scale: 16 for the digits CSV, else the scale in the AELABU8 file's header."""
    if args[0] == "--digits-csv":
        return 16.0
    with open(args[1], "rb") as f:
        f.readline()
        return float(f.readline().split()[2])


def run_aelab(config, seed, extra, data_seed, epochs, data_dir, java, xmx, target):
    cp = ":".join([os.path.join(target, "aelab-bench.jar")] + sorted(glob.glob(os.path.join(target, "lib/*.jar"))))
    out = os.path.join(data_dir, f"aelab-{config}-{seed}.json")
    cmd = [java, f"-Xmx{xmx}", "-cp", cp, "aelab.bench.BenchCommand", "--no-reference", "--config", config,
           "--seed", str(seed), "--data-seed", str(data_seed), "--data-dir", data_dir, "--json", out] + extra
    if epochs:
        cmd += ["--epochs", str(epochs)]
    print("seed_spread: " + " ".join(cmd[:1] + cmd[4:]), file=sys.stderr, flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        (row,) = json.load(f)["results"]
    return row


def run_torch(row, seeds, extra, python):
    cmd = [python, os.path.join(ROOT, "bench/reference_vae.py")] + row["reference_data_args"] + [
        "--config", row["config"], "--hidden", str(row["hidden"]), "--latent", str(row["latent"]),
        "--batch-size", str(row["batch_size"]), "--epochs", str(row["epochs"]),
        "--seeds", ",".join(str(s) for s in seeds), "--reduction", REDUCTION, "--quiet"] + extra
    print("seed_spread: " + " ".join(cmd), file=sys.stderr, flush=True)
    out = json.loads(subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    scale = data_scale(row["reference_data_args"])
    if round(out["data_sum"] * scale) != round(row["data_sum"] * scale):
        raise SystemExit(f"{row['config']}: the reference trained on different data: sum {out['data_sum']},"
                         f" aelab {row['data_sum']}")
    if [r["seed"] for r in out["runs"]] != list(seeds):
        raise SystemExit(f"{row['config']}: the reference ran seeds {[r['seed'] for r in out['runs']]}")
    if out.get("reduction") != REDUCTION:
        raise SystemExit(f"{row['config']}: the reference differentiated the batch {out.get('reduction')!r},"
                         f" not the {REDUCTION!r} (an old reference_vae.py?)")
    return out


def side(seeds, losses, seconds, **extra):
    return dict(seeds=seeds, final_losses=losses, mean=statistics.mean(losses), sd=statistics.stdev(losses),
                k=len(losses), seconds=round(seconds, 1), **extra)


def verdict(a, t):
    diff = a["mean"] - t["mean"]
    bound = Z * (a["sd"] ** 2 / a["k"] + t["sd"] ** 2 / t["k"]) ** 0.5
    return diff, bound, abs(diff) <= bound


def main():
    known = list(AELAB_SIDES) + list(TORCH_SIDES)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default="all", choices=CONFIGS + ["all"])
    ap.add_argument("--seeds", default=None, help="comma-separated seeds, at least 2 (default 1,...,K)")
    ap.add_argument("--k", type=int, default=5, help="seeds 1,...,K when --seeds is not given")
    ap.add_argument("--sides", default=",".join(known), help=f"comma-separated, of {known}")
    ap.add_argument("--data-seed", type=int, default=1, help="seed of the synthetic data (the bench's default seed)")
    ap.add_argument("--epochs", type=int, default=None, help="default: the bench's epochs of each config")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench/results/seed-spread.json"))
    ap.add_argument("--target", default=os.path.join(ROOT, "aelab-bench/target"),
                    help="directory of aelab-bench.jar and lib/ (a copy keeps a long run off a rebuild)")
    ap.add_argument("--java", default="java")
    ap.add_argument("--xmx", default=os.environ.get("AELAB_KERNEL_XMX", "1g"))
    ap.add_argument("--python", default="/usr/bin/python3")
    args = ap.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else list(range(1, args.k + 1))
    if len(seeds) < 2 or len(set(seeds)) != len(seeds):
        raise SystemExit(f"--seeds must list at least 2 distinct seeds, got {seeds}")
    sides = args.sides.split(",")
    if not sides or any(s not in known for s in sides):
        raise SystemExit(f"--sides must list sides of {known}, got {args.sides}")
    configs = CONFIGS if args.config == "all" else [args.config]

    doc = {}
    if os.path.exists(args.out):
        with open(args.out) as f:
            doc = json.load(f)
    doc["description"] = (
        "Final training loss (mean per sample of BCE + KL over the last epoch) of the bench's VAE per seed, on the same"
        " data, for each side: aelab (BenchCommand, float64), torch_f64_1thread (reference_vae.py float64, one thread)"
        " and torch_defaults (reference_vae.py --defaults: float32, PyTorch's threads); both PyTorch sides"
        " differentiate the batch mean, as aelab's Trainer does (--reduction mean). Written by bench/seed_spread.py,"
        " read by aelab.bench.SeedSpread, which checks every pair whose two sides are recorded")
    doc.pop("z", None)
    doc["criterion"] = ("per pair: |mean_a - mean_t| <= 3 * sqrt(sd_a^2 / K_a + sd_t^2 / K_t), sd with divisor K-1"
                        " (z = 3: aelab.bench.SeedSpread.Z)")
    doc["pairs"] = PAIRS
    doc.setdefault("configs", {})
    command = "nice -n 19 " + " ".join([os.path.relpath(sys.argv[0], ROOT)] + sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="aelab-spread") as tmp:
        for config in configs:
            before = uptime()
            start = now()
            # The data file (and the row describing the config) come from one aelab run; an aelab side reuses it.
            rows = {}
            recorded = {}
            aelab_sides = [s for s in sides if s in AELAB_SIDES]
            t0 = time.monotonic()
            runs = [run_aelab(config, s, [], args.data_seed, args.epochs, tmp, args.java, args.xmx, args.target)
                    for s in (seeds if aelab_sides else seeds[:1])]
            seconds = time.monotonic() - t0
            for r in runs[1:]:
                if r["data_sum"] != runs[0]["data_sum"] or r["reference_data_args"] != runs[0]["reference_data_args"]:
                    raise SystemExit(f"{config}: aelab's seeds trained on different data")
            rows["aelab"] = runs[0]
            for name in aelab_sides:
                recorded[name] = side(seeds, [r[AELAB_SIDES[name]] for r in runs], seconds,
                                      java_threads=runs[0]["jvm_threads"], loss_key=AELAB_SIDES[name],
                                      note="one BenchCommand run per seed trains both aelab sides; seconds: both")
            first = next(iter(rows.values()))
            for name in [s for s in sides if s in TORCH_SIDES]:
                t0 = time.monotonic()
                ref = run_torch(first, seeds, TORCH_SIDES[name], args.python)
                recorded[name] = side(seeds, [r["final_loss"] for r in ref["runs"]], time.monotonic() - t0,
                                      torch=ref["torch"], dtype=ref["dtype"], reduction=ref["reduction"],
                                      torch_threads=ref["torch_threads"], blas_threads=ref["blas_threads"])
            old = doc["configs"].get(config, {})
            kept = {}
            if old.get("epochs") == first["epochs"] and old.get("data_sum") == first["data_sum"]:
                kept = {k: v for k, v in old.get("sides", {}).items() if k not in recorded}
            doc["configs"][config] = {
                "date": start,
                "finished": now(),
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
                "sides": dict(sorted({**kept, **recorded}.items())),
            }
            d = doc["configs"][config]["sides"]
            for name, s in d.items():
                print(f"seed_spread: {config}: {name:18s} K={s['k']:2d} mean {s['mean']:.4f} sd {s['sd']:.4f}"
                      f" ({s['seconds']:.0f} s)", file=sys.stderr, flush=True)
            for p in PAIRS:
                if p["aelab"] in d and p["reference"] in d:
                    diff, bound, ok = verdict(d[p["aelab"]], d[p["reference"]])
                    print(f"seed_spread: {config}: {p['aelab']} - {p['reference']} = {diff:+.4f}, bound {bound:.4f}:"
                          f" {'pass' if ok else 'FAIL'}", file=sys.stderr, flush=True)
            with open(args.out, "w") as f:
                f.write(json.dumps(doc, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
