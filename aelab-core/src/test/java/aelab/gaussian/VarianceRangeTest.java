package aelab.gaussian;

import static aelab.testing.Rejects.assertMessage;

import org.junit.jupiter.api.Test;

/** ofVariance names the argument the caller passed (variance), not the internal log-variance. */
class VarianceRangeTest {
    @Test
    void outOfRangeVarianceIsReportedAsVariance() {
        String range = "[" + Math.exp(DiagonalGaussian.MIN_LOG_VARIANCE) + ", "
                + Math.exp(DiagonalGaussian.MAX_LOG_VARIANCE) + "]";
        assertMessage("variance must be in " + range + ", got 1.0E30 at index 1",
                () -> DiagonalGaussian.ofVariance(new double[2], new double[] {1, 1e30}));
        assertMessage("variance must be in " + range + ", got 1.0E-30 at index 0",
                () -> DiagonalGaussian.ofVariance(new double[2], new double[] {1e-30, 1}));
    }
}
