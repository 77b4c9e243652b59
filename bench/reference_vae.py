#!/usr/bin/python3
"""PyTorch reference for `./aelab bench` and for the VAE reference value.

Trains the canonical PyTorch VAE example (github.com/pytorch/examples, vae/main.py) in float64 on ONE thread
(--defaults: float32 with PyTorch's own thread pools, what a user would run):
encoder Linear(D,H) -> ReLU -> heads Linear(H,Z) for mu and Linear(H,Z) for log sigma^2; decoder Linear(Z,H) -> ReLU
-> Linear(H,D) -> sigmoid; loss of a sample = BCE summed over the D pixels + closed-form KL(q(z|x) || N(0,I));
Adam lr 1e-3 (PyTorch's defaults otherwise).

Objective differentiated per batch (--reduction):
  mean  the MEAN over the batch's rows of the per-sample loss, the objective of aelab's training: aelab.model.Vae's
        training loss is L = (1/n) sum_i [-log p(x_i|z_i) + KL_i] over the n rows of the batch, and
        aelab.train.Trainer steps the optimizer with that L's gradient for every batch, the last, smaller one
        included (aelab.model.Autoencoder#lossAndGradients: "the batch loss L = (1/n) sum_i l(x_i)"). The bench
        (aelab.bench.BenchCommand, bench/seed_spread.py) passes --reduction mean.
  sum   (default) the batch SUM, as the PyTorch example does (loss_function with reduction="sum"). With Adam the two
        take the same steps for full batches (up to epsilon), but the sum gives the last batch of an epoch (digits:
        1797 = 28*64 + 5 rows) 5/64 of a full batch's weight where the mean gives it a full one; over 20 seeds that
        moved the digits final loss by 0.06 nats (bench/results/README.md, 2026-12-07). No stored reference uses it
        any more (aelab's VaeDigitsAgainstPyTorchTest reads the mean-objective seed spread, seed-spread.json).
The reported loss is the same for both: the per-sample losses summed over an epoch, divided by n.

Data (same bits as the aelab side):
  --digits-csv PATH   the UCI digits CSV (sklearn's digits.csv.gz: 64 pixel columns + label), pixels / 16
  --data-bin PATH     a dataset written by aelab.bench.BenchData: ASCII "AELABU8\\n", then "<n> <d> <scale>\\n",
                      then n*d unsigned bytes row-major; value = byte / scale (mnist-synthetic: bytes 0/1, scale 1)
Shuffling: every epoch a torch.randperm from a torch.Generator seeded with --seed (aelab shuffles with its own seeded
generator, so the two sides see the same data in different orders). Initialisation: PyTorch's default Linear init
after torch.manual_seed(--seed).

Lockstep (--lockstep TAG, used by `./aelab bench`): the epochs run one at a time when the coordinator says so, so that
every side of the comparison trains its epoch e while the host is in the same state (aelab.bench.Lockstep).

Timing: wall-clock (time.perf_counter) and CPU (time.process_time) per epoch; samples/s = n / median epoch time,
first epoch excluded (when there is more than one). Peak memory: ru_maxrss of this process (the RSS high-water mark,
same measure as VmHWM in /proc/self/status). Output: one JSON object on stdout (and in --json FILE); its "data_sum"
(sum of all entries, exact for these datasets) lets the caller check that both sides trained on the same data.
"""
import os

import sys

# --defaults: PyTorch as a user runs it (float32, its own thread pools). Otherwise limit every thread pool to one
# thread BEFORE torch (and its OpenBLAS) is imported: torch.set_num_threads does not reach Debian's OpenBLAS.
# Both modes: OMP_WAIT_POLICY=PASSIVE, because spinning OpenMP workers starve OpenBLAS's threads (3.7x slower,
# docs/performance-anchors): without it the "defaults" figure would flatter aelab.
DEFAULTS = "--defaults" in sys.argv
if not DEFAULTS:
    for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_var] = "1"
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

try:
    from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402
except ImportError:  # pragma: no cover
    threadpool_info = threadpool_limits = None


class VAE(nn.Module):
    def __init__(self, d, h, z):
        super().__init__()
        self.fc1 = nn.Linear(d, h)
        self.fc21 = nn.Linear(h, z)
        self.fc22 = nn.Linear(h, z)
        self.fc3 = nn.Linear(z, h)
        self.fc4 = nn.Linear(h, d)

    def encode(self, x):
        h1 = F.relu(self.fc1(x))
        return self.fc21(h1), self.fc22(h1)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        eps = torch.randn_like(std)
        return mu + eps * std

    def decode(self, z):
        h3 = F.relu(self.fc3(z))
        return torch.sigmoid(self.fc4(h3))

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


def loss_function(recon_x, x, mu, logvar):
    bce = F.binary_cross_entropy(recon_x, x, reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kld


def load_digits_csv(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        rows = np.loadtxt(f, delimiter=",", dtype=np.float64)
    return rows[:, :64] / 16.0


def load_bin(path):
    with open(path, "rb") as f:
        magic = f.readline()
        if magic != b"AELABU8\n":
            raise SystemExit(f"{path}: not an aelab dataset file (magic {magic!r})")
        n, d, scale = f.readline().split()
        n, d, scale = int(n), int(d), float(scale)
        raw = np.fromfile(f, dtype=np.uint8, count=n * d)
    if raw.size != n * d:
        raise SystemExit(f"{path}: expected {n * d} bytes of data, got {raw.size}")
    return raw.reshape(n, d).astype(np.float64) / scale


def wait_for_go(tag):
    """Lockstep (aelab.bench.Lockstep): wait for the coordinator's "go TAG" line on stdin."""
    line = sys.stdin.readline()
    if line.strip() != f"go {tag}":
        raise SystemExit(f"reference_vae.py --lockstep {tag}: expected 'go {tag}' on stdin, got {line!r}")


def train(x_np, hidden, latent, batch_size, epochs, seed, lr=1e-3, progress=None, float32=False, reduction="sum",
          lockstep=None, data_sum=None):
    if reduction not in ("sum", "mean"):
        raise ValueError(f"reduction must be 'sum' or 'mean', got {reduction!r}")
    torch.manual_seed(seed)
    x = torch.from_numpy(x_np.astype(np.float32) if float32 else x_np)
    n, d = x.shape
    model = VAE(d, hidden, latent) if float32 else VAE(d, hidden, latent).double()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    gen = torch.Generator().manual_seed(seed)
    wall, cpu, losses = [], [], []
    if lockstep:
        print(f"@ready {lockstep} {data_sum!r}", flush=True)
    for epoch in range(1, epochs + 1):
        if lockstep:
            wait_for_go(lockstep)
        t0, c0 = time.perf_counter(), time.process_time()
        perm = torch.randperm(n, generator=gen)
        total = 0.0
        for start in range(0, n, batch_size):
            batch = x[perm[start:start + batch_size]]
            opt.zero_grad()
            recon, mu, logvar = model(batch)
            loss_sum = loss_function(recon, batch, mu, logvar)
            loss = loss_sum / batch.shape[0] if reduction == "mean" else loss_sum
            loss.backward()
            total += loss_sum.item()
            opt.step()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        losses.append(total / n)
        if lockstep:
            print(f"@epoch {lockstep} {epoch} {wall[-1]!r} {cpu[-1]!r} {losses[-1]!r}", flush=True)
        if progress:
            progress(f"reference epoch {epoch}/{epochs}: loss {losses[-1]:.4f}, {wall[-1] * 1000:.1f} ms")
    return wall, cpu, losses


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--digits-csv")
    src.add_argument("--data-bin")
    ap.add_argument("--config", default=None, help="label for the output (digits, mnist-synthetic)")
    ap.add_argument("--hidden", type=int, required=True)
    ap.add_argument("--latent", type=int, required=True)
    ap.add_argument("--batch-size", type=int, required=True)
    ap.add_argument("--epochs", type=int, required=True)
    ap.add_argument("--seeds", default="1", help="comma-separated seeds; one training run per seed")
    ap.add_argument("--json", default=None)
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--defaults", action="store_true", help="float32 and PyTorch's own threads (what a user runs)")
    ap.add_argument("--reduction", choices=["sum", "mean"], default="sum",
                    help="objective differentiated per batch: the sum of the per-sample losses (the PyTorch example)"
                         " or their mean (aelab's Trainer; the bench's choice)")
    ap.add_argument("--lockstep", metavar="TAG", default=None,
                    help="train epoch by epoch under aelab.bench.Lockstep: print '@ready TAG DATA_SUM', then before"
                         " every epoch wait for 'go TAG' on stdin and after it print '@epoch TAG E WALL CPU LOSS';"
                         " the JSON follows the last epoch (one seed only)")
    args = ap.parse_args()
    if args.lockstep and "," in args.seeds:
        ap.error("--lockstep trains one seed")

    if not args.defaults:
        torch.set_num_threads(1)
        torch.set_num_interop_threads(1)
        if threadpool_limits:
            threadpool_limits(limits=1)
    x = load_digits_csv(args.digits_csv) if args.digits_csv else load_bin(args.data_bin)

    def progress(msg):
        if not args.quiet:
            print(msg, file=sys.stderr, flush=True)

    data_sum = float(x.sum())
    runs = []
    for seed in [int(s) for s in args.seeds.split(",")]:
        wall, cpu, losses = train(x, args.hidden, args.latent, args.batch_size, args.epochs, seed, progress=progress,
                                    float32=args.defaults, reduction=args.reduction, lockstep=args.lockstep,
                                    data_sum=data_sum)
        timed = slice(1, None) if len(wall) > 1 else slice(0, None)
        med_wall = statistics.median(wall[timed])
        med_cpu = statistics.median(cpu[timed])
        runs.append({
            "seed": seed,
            "final_loss": losses[-1],
            "losses": losses,
            "epoch_seconds": wall,
            "epoch_cpu_seconds": cpu,
            "median_epoch_seconds": med_wall,
            "median_epoch_cpu_seconds": med_cpu,
            "samples_per_s": x.shape[0] / med_wall,
            "samples_per_cpu_s": x.shape[0] / med_cpu,
        })
    out = {
        "config": args.config,
        "n": int(x.shape[0]),
        "d": int(x.shape[1]),
        "hidden": args.hidden,
        "latent": args.latent,
        "batch_size": args.batch_size,
        "epochs": args.epochs,
        "dtype": "float32" if args.defaults else "float64",
        "reduction": args.reduction,
        "data_sum": data_sum,
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "blas_threads": [p.get("num_threads") for p in threadpool_info()] if threadpool_info else None,
        "samples_per_s": statistics.median(r["samples_per_s"] for r in runs),
        "samples_per_cpu_s": statistics.median(r["samples_per_cpu_s"] for r in runs),
        "final_loss": statistics.mean(r["final_loss"] for r in runs),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "runs": runs,
    }
    text = json.dumps(out, indent=1)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
