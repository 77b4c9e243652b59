#!/usr/bin/python3
"""PyTorch reference for notebooks/12-vae-on-mnist.ipynb: the notebook's main VAE trained by PyTorch.

Same data, model, initialisation scale, objective, optimizer, epochs and batch size as the notebook (keep them equal;
the constants below are the notebook's):
  data       aelab's bundled MNIST (aelab-core/src/main/resources/aelab/data/mnist-10k-*-ubyte.gz, read here as IDX),
             aelab.data.Mnist.split(): rows 0..7999 train, 8000..9999 test; the first N_TRAIN training rows are used
             for training, all 2000 test rows for the test ELBO; pixels binarized by the fixed threshold
             x = 1 if b/255 >= 0.5 (i.e. byte b >= 128) else 0, as aelab.data.Mnist.threshold(data, 0.5) in the notebook.
  model      encoder Linear(784,H) -> ReLU -> heads Linear(H,Z) for mu and Linear(H,Z) for log sigma^2;
             decoder Linear(Z,H) -> ReLU -> Linear(H,784) -> Bernoulli logits; float64. PyTorch's default Linear
             initialisation (weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in))), the one aelab's Vae.Builder copies.
  objective  per batch, the mean over its rows of [BCE summed over pixels (on logits) + closed-form KL(q || N(0, I))]
             (aelab's Vae loss with beta = 1: mean per sample, not PyTorch's example's sum over the batch).
  optimizer  Adam(lr=LR, betas (0.9, 0.999), eps 1e-8) = aelab's TrainingConfig.adam; EPOCHS epochs, batches of
             BATCH rows, reshuffled every epoch by torch.randperm from a generator seeded with the seed.
  test ELBO  mean over the 2000 test images of [log p(x|z) - KL], one reparameterized z per image (what
             aelab's Vae.elbo computes), nats per image.
What differs from aelab, on purpose: the random streams (initial weights, shuffling order, epsilon). That is why
each side is trained with several seeds and the notebook compares the two with a tolerance from both seed spreads.

  /usr/bin/python3 tools/reference/vae_mnist_torch.py > tools/reference/vae-mnist-torch.txt
(Debian's python3-torch; scripts/install-system-deps.sh --reference installs it.)
"""
import os
import sys

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import datetime  # noqa: E402
import gzip  # noqa: E402
import statistics  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

N_TRAIN, HIDDEN, LATENT, EPOCHS, BATCH, LR = 3000, 128, 10, 10, 100, 2e-3
SEEDS = (1, 2, 3, 4, 5)
TRAIN_SIZE = 8000
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "aelab-core", "src", "main", "resources", "aelab", "data")


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic, n, rows, cols = (int.from_bytes(raw[i:i + 4], "big") for i in range(0, 16, 4))
    if magic != 2051 or len(raw) != 16 + n * rows * cols:
        raise SystemExit(f"{path}: not an IDX image file of {n}x{rows}x{cols}")
    return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(n, rows * cols)


class Vae(nn.Module):
    def __init__(self, d, h, z):
        super().__init__()
        self.fc1 = nn.Linear(d, h)
        self.mu = nn.Linear(h, z)
        self.logvar = nn.Linear(h, z)
        self.fc3 = nn.Linear(z, h)
        self.fc4 = nn.Linear(h, d)

    def loss_terms(self, x):
        """Per-row -log p(x|z) (BCE summed over pixels, on logits) and KL, one reparameterized z per row."""
        h = F.relu(self.fc1(x))
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        logits = self.fc4(F.relu(self.fc3(z)))
        nll = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=1)
        kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(dim=1)
        return nll, kl


def main():
    torch.set_num_threads(1)
    pixels = read_idx_images(os.path.join(DATA, "mnist-10k-images-idx3-ubyte.gz"))
    binary = (pixels >= 128).astype(np.float64)
    train = torch.from_numpy(binary[:N_TRAIN].copy())
    test = torch.from_numpy(binary[TRAIN_SIZE:].copy())
    print(f"# Output of: /usr/bin/python3 tools/reference/vae_mnist_torch.py (torch {torch.__version__}, float64, "
          f"1 thread), run {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC")
    print(f"# Data: Mnist.split() train rows 0..{N_TRAIN - 1}, test rows {TRAIN_SIZE}..9999, binarized at b >= 128; "
          f"sum of the binarized training pixels {int(train.sum().item())}, of the test pixels {int(test.sum().item())}")
    print(f"# Model 784-{HIDDEN}(ReLU)-{LATENT}, Bernoulli decoder; Adam lr {LR}, {EPOCHS} epochs, batch {BATCH}; "
          f"test ELBO = mean over the {test.shape[0]} test images, one z each (nats per image)")
    values = {"test ELBO": [], "test reconstruction": [], "test KL": [], "final training loss": []}
    for seed in SEEDS:
        torch.manual_seed(seed)
        model = Vae(784, HIDDEN, LATENT).double()
        opt = torch.optim.Adam(model.parameters(), lr=LR)
        gen = torch.Generator().manual_seed(seed)
        for epoch in range(EPOCHS):
            perm = torch.randperm(N_TRAIN, generator=gen)
            total = 0.0
            for start in range(0, N_TRAIN, BATCH):
                batch = train[perm[start:start + BATCH]]
                opt.zero_grad()
                nll, kl = model.loss_terms(batch)
                loss = (nll + kl).mean()
                loss.backward()
                opt.step()
                total += loss.item() * batch.shape[0]
        with torch.no_grad():
            nll, kl = model.loss_terms(test)
        rec, klm = -nll.mean().item(), kl.mean().item()
        values["test ELBO"].append(rec - klm)
        values["test reconstruction"].append(rec)
        values["test KL"].append(klm)
        values["final training loss"].append(total / N_TRAIN)
        print(f"seed {seed}: test ELBO {rec - klm:.4f} = reconstruction {rec:.4f} - KL {klm:.4f}; "
              f"last epoch's training loss {total / N_TRAIN:.4f}", flush=True)
    for name, v in values.items():
        print(f"{name:<22} seeds {SEEDS[0]}-{SEEDS[-1]}: mean {statistics.mean(v):.4f} sd {statistics.stdev(v):.4f} "
              f"min {min(v):.4f} max {max(v):.4f}")


if __name__ == "__main__":
    sys.exit(main())
