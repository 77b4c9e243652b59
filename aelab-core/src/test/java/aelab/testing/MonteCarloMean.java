package aelab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleSupplier;

/** Sample mean of n draws and its CLT standard error sqrt(sample variance / n), for Monte Carlo checks in tests. */
public record MonteCarloMean(double mean, double standardError) {
    /** Calls {@code draw} n times (in order, so seeded draws stay reproducible). */
    public static MonteCarloMean of(int n, DoubleSupplier draw) {
        double sum = 0;
        double sumSq = 0;
        for (int t = 0; t < n; t++) {
            double v = draw.getAsDouble();
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n;
        return new MonteCarloMean(mean, Math.sqrt(Math.max(sumSq / n - mean * mean, 0) / n));
    }

    /** Asserts |expected − mean| ≤ 5 standard errors. */
    public void assertAgrees(double expected, String label) {
        assertEquals(expected, mean, 5 * standardError, label);
    }
}
