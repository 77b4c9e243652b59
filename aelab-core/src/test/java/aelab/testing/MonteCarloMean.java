package aelab.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;

/**
 * Sample mean of n draws and its CLT standard error \(\sqrt{s^2/n}\), s² the unbiased sample variance computed in
 * two passes (no cancellation when the mean is large against the spread), for Monte Carlo checks in tests. The one
 * Monte Carlo helper of the tests; independent of {@code aelab.gaussian.Estimate}.
 */
public record MonteCarloMean(double mean, double standardError) {
    /** Calls {@code draw} n ≥ 2 times (in order, so seeded draws stay reproducible). */
    public static MonteCarloMean of(int n, DoubleSupplier draw) {
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = draw.getAsDouble();
        }
        return ofSamples(v);
    }

    /** Mean and standard error of the given draws (at least 2). */
    public static MonteCarloMean ofSamples(double[] v) {
        if (v.length < 2) {
            throw new IllegalArgumentException("v must hold at least 2 draws, got " + v.length);
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        double m = s / v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return new MonteCarloMean(m, Math.sqrt(ss / (v.length - 1) / v.length));
    }

    /** Asserts |expected − mean| ≤ 5 standard errors. */
    public void assertAgrees(double expected, String label) {
        assertWithin(expected, 5, label);
    }

    /** Asserts |expected − mean| ≤ k standard errors. */
    public void assertWithin(double expected, double k, String label) {
        assertTrue(Math.abs(mean - expected) <= k * standardError, label + ": expected " + expected + ", Monte Carlo "
                + mean + " ± " + standardError + " (|diff| = " + Math.abs(mean - expected) / standardError + " SE)");
    }
}
