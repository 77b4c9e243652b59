package aelab.elbo;

import static aelab.testing.Rejects.assertMessage;

import org.junit.jupiter.api.Test;

class GradientEstimateValidationTest {
    @Test
    void rejectsNullMismatchedArraysAndTooFewSamples() {
        double[] two = new double[2];
        assertMessage("gradMean must not be null", () -> new GradientEstimate(null, two, two, two, 5));
        assertMessage("varianceMean must have length 2, got length 3",
                () -> new GradientEstimate(two, two, new double[3], two, 5));
        assertMessage("varianceLogVar must not be null", () -> new GradientEstimate(two, two, two, null, 5));
        assertMessage("samples must be in [2, 2147483647], got 1", () -> new GradientEstimate(two, two, two, two, 1));
    }
}
