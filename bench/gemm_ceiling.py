#!/usr/bin/python3
"""PyTorch's matrix products on the VAE's shapes (the cases of aelab.bench.GemmBenchCommand), one thread, float64 and
float32, in GFLOP/s of process CPU time (median of 7 batches of about 50 ms after a 0.5 s warm-up): the per-core
ceiling against which aelab's float64 GEMM (GemmBenchCommand, also per core) and the bench's goals are read.
  /usr/bin/python3 bench/gemm_ceiling.py
"""
import time

import torch

CASES = [("X·W      128x784 · 784x400", "AB", 128, 400, 784),
         ("dY·Wᵀ    128x400 · (784x400)ᵀ", "ABt", 128, 784, 400),
         ("Xᵀ·dY    (128x784)ᵀ · 128x400", "AtB", 784, 400, 128),
         ("H·W      128x400 · 400x784", "AB", 128, 784, 400),
         ("dY·Wᵀ    128x784 · (400x784)ᵀ", "ABt", 128, 400, 784),
         ("Hᵀ·dY    (128x400)ᵀ · 128x784", "AtB", 400, 784, 128),
         ("512³", "AB", 512, 512, 512)]


def gflops(kind, m, n, k, dtype):
    g = torch.Generator().manual_seed(1)
    a = torch.rand((k, m) if kind == "AtB" else (m, k), generator=g, dtype=dtype) - 0.5
    b = torch.rand((n, k) if kind == "ABt" else (k, n), generator=g, dtype=dtype) - 0.5
    c = torch.empty((m, n), dtype=dtype)
    op = {"AB": lambda: torch.mm(a, b, out=c), "AtB": lambda: torch.mm(a.t(), b, out=c),
          "ABt": lambda: torch.mm(a, b.t(), out=c)}[kind]
    t0, calls = time.process_time(), 0
    while time.process_time() - t0 < 0.5 or calls < 20:
        op()
        calls += 1
    batch = max(1, int(0.05 / ((time.process_time() - t0) / calls)))
    times = []
    for _ in range(7):
        s = time.process_time()
        for _ in range(batch):
            op()
        times.append((time.process_time() - s) / batch)
    return 2.0 * m * n * k / sorted(times)[3] / 1e9


torch.set_num_threads(1)
print("%-34s %12s %12s %8s" % ("shape", "torch f64", "torch f32", "f32/f64"))
for label, kind, m, n, k in CASES:
    d, f = gflops(kind, m, n, k, torch.float64), gflops(kind, m, n, k, torch.float32)
    print("%-34s %12.2f %12.2f %8.2f" % (label, d, f, f / d))
