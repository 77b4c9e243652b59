package aelab.gaussian;

import static aelab.testing.Rejects.assertMessage;

import org.junit.jupiter.api.Test;

class EstimateValidationTest {
    @Test
    void agreesWithRejectsBadValueAndK() {
        Estimate e = Estimate.ofSamples(new double[] {1, 2, 3});
        assertMessage("value must be finite, got NaN", () -> e.agreesWith(Double.NaN, 5));
        assertMessage("k must be > 0 and finite, got 0.0", () -> e.agreesWith(2, 0));
        assertMessage("k must be > 0 and finite, got -3.0", () -> e.agreesWith(2, -3));
    }
}
