/**
 * Benchmarks behind {@code ./aelab bench}: {@link aelab.bench.BenchCommand} trains the course's VAE in aelab and
 * runs the PyTorch reference ({@code bench/reference_vae.py}) on the same data, then prints them side by side;
 * {@link aelab.bench.Lockstep} runs every side of a config in its own process, epoch by epoch in turn, so that all
 * are timed over the same minutes of the host; {@link aelab.bench.GemmBenchCommand} times {@link aelab.linalg.Gemm}
 * against EJML on the VAE's matrix shapes. These are command-line entry points: they print; the library does not.
 */
package aelab.bench;
