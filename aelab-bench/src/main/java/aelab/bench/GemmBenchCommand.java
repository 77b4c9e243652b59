package aelab.bench;

import aelab.core.Rng;
import aelab.linalg.Gemm;
import aelab.linalg.ProductPrecision;
import aelab.linalg.Threads;
import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Microbenchmark of {@link Gemm} against EJML's {@code CommonOps_DDRM} on the shapes of the VAE's forward and
 * backward passes (batch 128, 784-400) and on 512³. No JMH: each case is warmed up, then timed as the median of
 * {@code repeats} batches of calls, each batch lasting roughly 50 ms; GFLOP/s = 2·m·n·k / time. Time is the
 * benchmarking thread's CPU time (ThreadMXBean), so that other processes on a shared machine do not distort it;
 * therefore the products run on one thread ({@code Threads.setCount(1)}: a split product's other threads would not
 * be counted), and the figures are per core, like {@code bench/gemm_ceiling.py}'s PyTorch figures on one thread.
 *
 * <p>Usage: {@code java aelab.bench.GemmBenchCommand [repeats]}; prints one row per case. The last column is
 * {@link ProductPrecision#FLOAT32}. Run it with the kernel's JVM options ({@code --add-modules=jdk.incubator.vector})
 * to time {@code aelab.linalg.VectorGemm}.
 */
public final class GemmBenchCommand {
    private GemmBenchCommand() {
    }

    /** One product: its label, kind ("AB", "AtB", "ABt") and shapes m, n, k of C (m×n) = op(A) (m×k) · op(B) (k×n). */
    record Case(String label, String kind, int m, int n, int k) {
    }

    static final Case[] CASES = {
        new Case("X·W      128x784 · 784x400", "AB", 128, 400, 784),
        new Case("dY·Wᵀ    128x400 · (784x400)ᵀ", "ABt", 128, 784, 400),
        new Case("Xᵀ·dY    (128x784)ᵀ · 128x400", "AtB", 784, 400, 128),
        new Case("H·W      128x400 · 400x784", "AB", 128, 784, 400),
        new Case("dY·Wᵀ    128x784 · (400x784)ᵀ", "ABt", 128, 400, 784),
        new Case("Hᵀ·dY    (128x400)ᵀ · 128x784", "AtB", 400, 784, 128),
        new Case("512³", "AB", 512, 512, 512),
        new Case("digits X·W 64x64 · 64x128", "AB", 64, 128, 64),
        new Case("digits head 64x128 · 128x2", "AB", 64, 2, 128),
    };

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Threads.setCount(1);
        RandomGenerator rng = Rng.seeded(1);
        System.out.printf(Locale.ROOT, "%-34s %12s %12s %8s %12s%n", "shape", "aelab GF/s", "EJML GF/s", "ratio",
                "aelab f32");
        for (int pass = 0; pass < 2; pass++) {
            for (Case cs : CASES) {
                runCase(cs, rng, repeats, pass == 1);
            }
        }
    }

    /** Times one case; prints its row when {@code print} (the first pass only warms the JIT up). */
    static void runCase(Case cs, RandomGenerator rng, int repeats, boolean print) {
        {
            DMatrixRMaj a = random(cs.kind.equals("AtB") ? cs.k : cs.m, cs.kind.equals("AtB") ? cs.m : cs.k, rng);
            DMatrixRMaj b = random(cs.kind.equals("ABt") ? cs.n : cs.k, cs.kind.equals("ABt") ? cs.k : cs.n, rng);
            DMatrixRMaj c = new DMatrixRMaj(cs.m, cs.n);
            double flops = 2.0 * cs.m * cs.n * cs.k;
            Runnable ours = switch (cs.kind) {
                case "AB" -> () -> Gemm.mult(a, b, c);
                case "AtB" -> () -> Gemm.multTransA(a, b, c);
                default -> () -> Gemm.multTransB(a, b, c);
            };
            Runnable ejml = switch (cs.kind) {
                case "AB" -> () -> CommonOps_DDRM.mult(a, b, c);
                case "AtB" -> () -> CommonOps_DDRM.multTransA(a, b, c);
                default -> () -> CommonOps_DDRM.multTransB(a, b, c);
            };
            ProductPrecision f32 = ProductPrecision.FLOAT32;
            Runnable single = switch (cs.kind) {
                case "AB" -> () -> Gemm.mult(a, b, c, f32);
                case "AtB" -> () -> Gemm.multTransA(a, b, c, f32);
                default -> () -> Gemm.multTransB(a, b, c, f32);
            };
            double g1 = gflops(ours, flops, print ? repeats : 1);
            double g2 = gflops(ejml, flops, print ? repeats : 1);
            double g3 = gflops(single, flops, print ? repeats : 1);
            if (!print) {
                return;
            }
            System.out.printf(Locale.ROOT, "%-34s %12.2f %12.2f %8.2f %12.2f%n", cs.label, g1, g2, g1 / g2, g3);
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time of the calling thread: unlike wall time, not inflated when other processes share the cores. */
    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    static DMatrixRMaj random(int rows, int cols, RandomGenerator rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextDouble() - 0.5;
        }
        return m;
    }

    /** Median GFLOP/s over {@code repeats} timed batches after a warm-up of about 0.5 s. */
    static double gflops(Runnable op, double flopsPerCall, int repeats) {
        long t0 = cpuNanos();
        int calls = 0;
        while (cpuNanos() - t0 < 500_000_000L || calls < 20) {
            op.run();
            calls++;
        }
        double perCall = (cpuNanos() - t0) / (double) calls;
        int batch = Math.max(1, (int) (50e6 / perCall));
        double[] times = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long s = cpuNanos();
            for (int i = 0; i < batch; i++) {
                op.run();
            }
            times[r] = (cpuNanos() - s) / (double) batch;
        }
        Arrays.sort(times);
        return flopsPerCall / times[repeats / 2];
    }
}
