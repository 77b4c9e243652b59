package aelab.loss;

import static aelab.testing.Rejects.assertMessage;

import org.junit.jupiter.api.Test;

class LossValidationTest {
    @Test
    void reduceRejectsNonPositiveCounts() {
        assertMessage("samples must be > 0, got 0", () -> Reduction.MEAN_PER_SAMPLE.reduce(1, 0, 3));
        assertMessage("elementsPerSample must be > 0, got -1", () -> Reduction.MEAN_PER_ELEMENT.reduce(1, 2, -1));
    }

    @Test
    void sseLinkRejectsNegativeOrNaNSumOfSquares() {
        Likelihoods.GaussianSseLink link = Likelihoods.gaussianSseLink(4, 0.5);
        assertMessage("sumSquaredError must be >= 0 and finite, got -1.0", () -> link.logLikelihood(-1));
        assertMessage("sumSquaredError must be >= 0 and finite, got NaN", () -> link.logLikelihood(Double.NaN));
    }
}
