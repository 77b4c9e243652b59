#!/usr/bin/env bash
# Regenerates vae_digits_reference.json: the PyTorch reference VAE (reference_vae.py -> bench/reference_vae.py) on
# the UCI digits (sklearn's digits.csv.gz, pixels/16), 64-128-2, batch 64, Adam lr 1e-3, float64, one thread,
# 50 epochs, seeds 1-5. The value is the mean over seeds of the final-epoch mean negative ELBO per sample
# (BCE sum + closed-form KL, averaged over the 1797 samples of the last epoch).
# Usage: bash vae_digits_reference.sh [DIGITS_CSV]   (default: Debian python3-sklearn's copy)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
csv="${1:-/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz}"
raw="$(mktemp)"
trap 'rm -f "$raw"' EXIT
/usr/bin/python3 "$here/reference_vae.py" --digits-csv "$csv" --config digits --hidden 128 --latent 2 \
  --batch-size 64 --epochs 50 --seeds 1,2,3,4,5 --quiet --json "$raw" > /dev/null
/usr/bin/python3 - "$raw" "$here/vae_digits_reference.json" <<'PY'
import json, statistics, sys
d = json.load(open(sys.argv[1]))
finals = [r["final_loss"] for r in d["runs"]]
out = {
    "description": "Mean negative ELBO per sample (BCE sum + closed-form KL, mean over the samples of the last epoch)"
                   " of the canonical PyTorch VAE on UCI digits after 50 epochs; mean over seeds 1-5",
    "script": "reference_vae.py (symlink to bench/reference_vae.py), run by vae_digits_reference.sh",
    "data": "sklearn digits.csv.gz (1797x64), pixels / 16",
    "architecture": "64-128-2: Linear(64,128) ReLU -> Linear(128,2) mu, Linear(128,2) logvar; "
                    "Linear(2,128) ReLU -> Linear(128,64) sigmoid",
    "loss": "per batch: BCE(reduction=sum) + KL, backpropagated as the batch sum",
    "optimizer": "Adam lr 1e-3 (betas 0.9, 0.999, eps 1e-8)",
    "batch_size": d["batch_size"], "epochs": d["epochs"], "dtype": d["dtype"], "torch": d["torch"],
    "seeds": [r["seed"] for r in d["runs"]],
    "final_loss_per_seed": finals,
    "negative_elbo_per_sample": statistics.mean(finals),
    "standard_deviation_over_seeds": statistics.stdev(finals),
    "loss_curve_seed_1": d["runs"][0]["losses"],
}
json.dump(out, open(sys.argv[2], "w"), indent=1)
print(out["negative_elbo_per_sample"], out["standard_deviation_over_seeds"])
PY
