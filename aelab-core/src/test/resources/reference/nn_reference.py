#!/usr/bin/python3
"""Reference values for aelab.nn/optim/model tests, computed with PyTorch (float64).

Run from this directory: /usr/bin/python3 nn_reference.py
Writes:
  vae_reference.txt        a small VAE (6-5-2, tanh) with fixed weights, x, eps: loss, terms and gradients
                           (Bernoulli beta=1, Gaussian variance 0.5 beta=2)
  optimizer_reference.txt  parameter trajectories of torch.optim.Adam / SGD on g(theta) = a*theta + c
Format: one record per line, "key rows cols v1 v2 ..." (row-major; spaces in keys written as /). Weights are written in aelab's layout
W (in x out) = torch weight transposed; biases 1 x out.
"""
import numpy as np
import torch

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20261121)
lines = []


def put(key, arr):
    a = np.atleast_2d(np.asarray(arr, dtype=np.float64))
    lines.append(f"{key.replace(' ', '/')} {a.shape[0]} {a.shape[1]} " + " ".join(repr(float(v)) for v in a.ravel()))


d, h, k, n = 6, 5, 2, 4
shapes = {  # aelab name -> (in, out)
    "encoder.0": (d, h), "encoder.mu": (h, k), "encoder.logvar": (h, k),
    "decoder.0": (k, h), "decoder.1": (h, d)}
params = {}
for name, (i, o) in shapes.items():
    params[name + ".weight"] = torch.tensor(rng.uniform(-0.8, 0.8, size=(i, o)), requires_grad=True)
    params[name + ".bias"] = torch.tensor(rng.uniform(-0.3, 0.3, size=(1, o)), requires_grad=True)
x = torch.tensor(rng.uniform(0, 1, size=(n, d)))
eps = torch.tensor(rng.standard_normal(size=(n, k)))
for name, p in params.items():
    put("param " + name, p.detach().numpy())
put("x", x.numpy())
put("eps", eps.numpy())


def lin(t, name):
    return t @ params[name + ".weight"] + params[name + ".bias"]


for label, likelihood, variance, beta in [("bernoulli", "bernoulli", 1.0, 1.0), ("gaussian", "gaussian", 0.5, 2.0)]:
    for p in params.values():
        p.grad = None
    t = torch.tanh(lin(x, "encoder.0"))
    mu, logvar = lin(t, "encoder.mu"), lin(t, "encoder.logvar")
    z = mu + torch.exp(0.5 * logvar) * eps
    a = lin(torch.tanh(lin(z, "decoder.0")), "decoder.1")
    if likelihood == "bernoulli":
        nll = torch.nn.functional.binary_cross_entropy_with_logits(a, x, reduction="sum")
    else:
        nll = ((x - a) ** 2).sum() / (2 * variance) + 0.5 * x.numel() * np.log(2 * np.pi * variance)
    kl = -0.5 * torch.sum(1 + logvar - mu ** 2 - logvar.exp())
    loss = (nll + beta * kl) / n
    loss.backward()
    put(label + " loss", [[loss.item()]])
    put(label + " reconstruction", [[nll.item() / n]])
    put(label + " kl", [[kl.item() / n]])
    for name, p in params.items():
        put(label + " grad " + name, p.grad.numpy())

with open("vae_reference.txt", "w") as f:
    f.write("\n".join(lines) + "\n")

# optimizers: theta (2x3), gradient g = a * theta + c (elementwise), 15 steps
lines = []
theta0 = np.array([[0.5, -1.0, 2.0], [1.5, -0.3, 0.0]])
a = np.array([[1.0, 2.0, 3.0], [4.0, 0.5, 6.0]])
c = np.array([[0.1, -0.2, 0.3], [0.0, 0.25, -1.0]])
put("theta0", theta0)
put("a", a)
put("c", c)
configs = {
    "adam": lambda p: torch.optim.Adam([p], lr=0.1, betas=(0.9, 0.999), eps=1e-8),
    "adam2": lambda p: torch.optim.Adam([p], lr=0.01, betas=(0.5, 0.9), eps=1e-3),
    "sgd": lambda p: torch.optim.SGD([p], lr=0.05),
    "sgd_momentum": lambda p: torch.optim.SGD([p], lr=0.05, momentum=0.9),
}
for label, make in configs.items():
    p = torch.tensor(theta0.copy(), requires_grad=True)
    opt = make(p)
    for step in range(1, 16):
        opt.zero_grad()
        p.grad = torch.tensor(a) * p.detach() + torch.tensor(c)
        opt.step()
        put(f"{label} {step}", p.detach().numpy())
with open("optimizer_reference.txt", "w") as f:
    f.write("\n".join(lines) + "\n")
