#!/usr/bin/python3
"""Probe for the seed-spread comparison (bench/results/README.md, 2026-12-07): PyTorch's side of the digits bench
(bench/reference_vae.py's train(), float64, one thread) with the gradient of the MEAN loss per batch, as aelab
computes it, instead of the sum. The reported loss is unchanged (sum over the epoch / n). With Adam the two reductions
differ only through epsilon and through the weight of the last, smaller batch (1797 = 28*64 + 5 rows).

Usage: nice -n 19 bench/reduction_probe.py [--seeds 1,2,...] ; prints each seed's final loss, then mean and sd.
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_vae as rv  # noqa: E402  (sets the one-thread environment before torch is imported)
import torch  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = [0]
_loss = rv.loss_function


def loss_recording_rows(recon, x, mu, logvar):
    rows[0] = x.shape[0]
    return _loss(recon, x, mu, logvar)


class MeanAdam(torch.optim.Adam):
    """Adam on the gradient of the batch mean: the sum's gradient divided by the batch's rows."""

    def step(self, closure=None):
        with torch.no_grad():
            for group in self.param_groups:
                for p in group["params"]:
                    if p.grad is not None:
                        p.grad.div_(rows[0])
        return super().step(closure)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="1,2,3,4,5")
    args = ap.parse_args()
    torch.set_num_threads(1)
    rv.loss_function = loss_recording_rows
    rv.torch.optim.Adam = MeanAdam
    x = rv.load_digits_csv(os.path.join(ROOT, "aelab-core/src/main/resources/aelab/data/digits.csv.gz"))
    finals = []
    for seed in [int(s) for s in args.seeds.split(",")]:
        _, _, losses = rv.train(x, 128, 2, 64, 20, seed)
        finals.append(losses[-1])
        print(seed, losses[-1], flush=True)
    print("mean", statistics.mean(finals), "sd", statistics.stdev(finals))


if __name__ == "__main__":
    main()
