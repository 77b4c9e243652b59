package aelab.elbo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aelab.core.InterruptedComputationException;
import aelab.core.Rng;
import aelab.gaussian.DiagonalGaussian;
import aelab.gaussian.FullGaussian;
import aelab.gaussian.MonteCarloKl;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: long Monte Carlo estimators stop when their thread is interrupted, say how many samples were done, keep
 * the interrupt status set and leave no thread behind. Each estimator is started on its own thread with far more
 * samples than can finish during the test, interrupted after 100 ms of CPU time, and must end; the CPU time it spends after the
 * interrupt is asserted below the 100 ms and the wall-clock latency is printed.
 */
class EstimatorInterruptTest {
    private static final int D = 40;

    private static DiagonalGaussian q() {
        double[] mean = new double[D];
        double[] variance = new double[D];
        Arrays.fill(variance, 0.5);
        return DiagonalGaussian.ofVariance(mean, variance);
    }

    private static FullGaussian full() {
        DMatrixRMaj cov = new DMatrixRMaj(D, D);
        for (int i = 0; i < D; i++) {
            cov.set(i, i, 1 + i);
        }
        return FullGaussian.of(new double[D], cov);
    }

    /** A decoder log-likelihood costing a few microseconds per call. */
    private static double slowLogLikelihood(double[] z) {
        double s = 0;
        for (int r = 0; r < 50; r++) {
            for (double v : z) {
                s -= 0.5 * v * v / 50;
            }
        }
        return s;
    }

    private static String interruptAndMeasure(String name, Supplier<Object> estimator, long requested)
            throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicLong endCpu = new AtomicLong();
        AtomicLong endNanos = new AtomicLong();
        AtomicReference<Boolean> statusKept = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                estimator.get();
            } catch (Throwable e) {
                endCpu.set(mx.getCurrentThreadCpuTime());
                endNanos.set(System.nanoTime());
                statusKept.set(Thread.currentThread().isInterrupted());
                thrown.set(e);
            }
        }, name);
        t.setDaemon(true); // a broken estimator must not keep the test JVM alive
        t.start();
        // interrupt after 100 ms of the thread's own CPU time (wall time would depend on the machine's load)
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (mx.getThreadCpuTime(t.getId()) < 100_000_000L && t.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        long cpuAtInterrupt = mx.getThreadCpuTime(t.getId());
        long start = System.nanoTime();
        t.interrupt();
        t.join(10_000);
        assertFalse(t.isAlive(), name + " is still running 10 s after the interrupt");
        assertTrue(thrown.get() instanceof InterruptedComputationException, name + " threw " + thrown.get());
        InterruptedComputationException e = (InterruptedComputationException) thrown.get();
        assertEquals(requested, e.total(), name);
        assertTrue(e.done() >= 0 && e.done() < requested, name + " done " + e.done());
        assertTrue(e.getMessage().endsWith(" interrupted after " + e.done() + " of " + requested + " " + e.unit()),
                e.getMessage());
        assertTrue(statusKept.get(), name + ": interrupt status still set");
        double cpuMs = (endCpu.get() - cpuAtInterrupt) / 1e6;
        assertTrue(cpuMs < 100, name + ": CPU after interrupt " + cpuMs + " ms");
        return String.format(Locale.ROOT, "%s: wall %.2f ms, CPU %.2f ms after the interrupt, %d samples done",
                name, (endNanos.get() - start) / 1e6, cpuMs, e.done());
    }

    @Test
    void everyLongEstimatorStopsPromptlyWhenInterrupted() throws InterruptedException {
        int huge = Integer.MAX_VALUE;
        int large = 1_000_000; // stored samples: 8-24 MB, allocated and zeroed before the first check
        DecoderLogLikelihood decoder = EstimatorInterruptTest::slowLogLikelihood;
        StringBuilder log = new StringBuilder("EstimatorInterruptTest (load ")
                .append(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()).append(")");
        log.append("\n  ").append(interruptAndMeasure("scoreFunction",
                () -> GradientEstimators.scoreFunction(q(), EstimatorInterruptTest::slowLogLikelihood, huge,
                        Rng.seeded(1)), huge));
        log.append("\n  ").append(interruptAndMeasure("pathwise",
                () -> GradientEstimators.pathwise(q(), z -> z.clone(), huge, Rng.seeded(1)), huge));
        log.append("\n  ").append(interruptAndMeasure("iwae",
                () -> Elbo.iwae(q(), decoder, large, Rng.seeded(1)), large));
        log.append("\n  ").append(interruptAndMeasure("monteCarlo",
                () -> Elbo.monteCarlo(q(), decoder, large, Rng.seeded(1)), large));
        log.append("\n  ").append(interruptAndMeasure("analyticKl",
                () -> Elbo.analyticKl(q(), decoder, large, Rng.seeded(1)), large));
        log.append("\n  ").append(interruptAndMeasure("MonteCarloKl",
                () -> MonteCarloKl.estimate(full(), q(), large, Rng.seeded(1)), large));
        System.out.println(log);
    }
}
