package aelab.gaussian;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test-side statistics computed with plain two-pass formulas, independent of {@link Estimate}. */
final class Stats {
    private Stats() {
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Standard error of the mean, from the unbiased two-pass sample variance. */
    static double standardError(double[] v) {
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }

    /** Asserts that the sample mean of {@code draws} is within {@code k} standard errors of {@code expected}. */
    static void assertMeanWithin(double expected, double[] draws, double k, String what) {
        double m = mean(draws);
        double se = standardError(draws);
        assertTrue(Math.abs(m - expected) <= k * se,
                what + ": expected " + expected + ", Monte Carlo " + m + " ± " + se + " (|diff| = "
                        + Math.abs(m - expected) / se + " SE)");
    }
}
